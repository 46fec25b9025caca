"""The CLI as a user runs it: a real process, real files, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kelompok.sessions.store import load_group, load_session, session_numbers
from tests.conftest import SAMPLES


def run(*args: str, cwd: Path | None = None, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "KELOMPOK_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "kelompok", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=60
    )


def assert_one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("kelompok ")


def test_check_sample_groups_passes():
    result = run("check", str(SAMPLES))
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


@pytest.mark.parametrize("verb, count", [("types", 10), ("roles", 13)])
def test_catalogue_json_lists_everything(verb, count):
    result = run(verb, "--json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == count
    assert all(row["id"] and row["name"] for row in rows)


def test_catalogue_text_follows_language():
    indonesian = run("types", "--lang", "id", lang="en").stdout
    english = run("types", "--lang", "en", lang="id").stdout
    assert "Kelompok terapi" in indonesian or "terapi" in indonesian.lower()
    assert "Therapy" in english or "therapy" in english
    assert indonesian != english


def test_new_with_roster_then_import_then_stats(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text("code,name,gender\nA1,Siti Aminah,P\nA2,Budi Santoso,L\nA3,Rina,P\n", encoding="utf-8")
    group_dir = tmp_path / "kube"
    result = run("new", str(group_dir), "--type", "task", "--name", "KUBE Melati", "--roster", str(roster))
    assert result.returncode == 0, result.stderr
    group = load_group(group_dir)
    assert [m.code for m in group.members] == ["A1", "A2", "A3"]
    assert group.members[0].attributes == {"gender": "P"}

    events = tmp_path / "events.csv"
    events.write_text(
        "at,from,to,kind,role,ipa,note\n"
        "0,facilitator,group,,instruktur,6,\n"
        "00:15,A1,A2,speak,,5,\n"
        "30,A2,facilitator,,,,\n"
        "40,A3,,arrive,,,\n"
        "1:05,,,note,,,Rapat mulai terlambat\n",
        encoding="utf-8",
    )
    result = run("import", str(group_dir), str(events), "--date", "2026-04-01")
    assert result.returncode == 0, result.stderr
    assert session_numbers(group_dir) == [1]
    session = load_session(group_dir, 1)
    assert [e.kind for e in session.events] == ["speak", "speak", "speak", "arrive", "note"]
    assert session.events[1].at == 15 and session.events[4].at == 65
    assert session.present_codes() == ["A1", "A2", "A3"], "a member who arrives is present even if silent"
    assert session.events[0].role == "instruktur" and session.events[0].ipa == 6

    result = run("stats", str(group_dir), "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["name"] == "KUBE Melati" and stats["type"] == "task"
    assert stats["sessions"][0]["number"] == 1 and stats["sessions"][0]["acts"] == 3
    assert stats["sessions"][0]["date"] == "2026-04-01"


def test_bad_event_row_refuses_whole_file_and_changes_nothing(tmp_path: Path):
    group_dir = tmp_path / "g"
    roster = tmp_path / "r.csv"
    roster.write_text("code,name\nA1,Siti\nA2,Budi\n")
    assert run("new", str(group_dir), "--type", "education", "--name", "P2K2", "--roster", str(roster)).returncode == 0
    before = sorted(p.name for p in group_dir.rglob("*"))
    events = tmp_path / "e.csv"
    events.write_text("at,from,to,kind,role,ipa,note\n1,A1,A2,,,,\n2,A1,Z7,,,,\n3,A2,A1,,,,\n")
    result = run("import", str(group_dir), str(events))
    assert result.returncode == 1
    line = assert_one_clean_line(result)
    assert str(events) in line and "line 3" in line and "Z7" in line
    assert sorted(p.name for p in group_dir.rglob("*")) == before


@pytest.mark.parametrize(
    "roster, expected",
    [
        ("code,name\nA1,Siti\nA1,Budi\n", "line 3"),
        ("code,name\n,Siti\n", "line 2"),
        ("name,code\nSiti,A1\n", "line 1"),
        ("code,name\nfacilitator,Siti\n", "line 2"),
    ],
    ids=["duplicate", "empty-code", "header", "reserved"],
)
def test_bad_roster_is_refused_with_its_line(tmp_path: Path, roster: str, expected: str):
    path = tmp_path / "r.csv"
    path.write_text(roster)
    result = run("new", str(tmp_path / "g"), "--type", "task", "--name", "X", "--roster", str(path))
    assert result.returncode == 1
    assert expected in assert_one_clean_line(result)
    assert not (tmp_path / "g").exists()


def test_usage_errors_exit_2_in_one_line(tmp_path: Path):
    result = run("new", str(tmp_path / "g"), "--type", "nope", "--name", "X")
    assert result.returncode == 2
    assert "nope" in assert_one_clean_line(result)
    result = run("stats")
    assert result.returncode == 2
    assert_one_clean_line(result)


def test_check_reports_broken_file_with_place_and_exit_1(tmp_path: Path, group_dir: Path):
    (group_dir / "sessions" / "002.toml").write_text("format = 1\nnumber = 2\ndate = 2026-13-01\n")
    result = run("check", str(group_dir))
    assert result.returncode == 1
    line = assert_one_clean_line(result)
    assert "002.toml" in line and "line 3" in line


def test_check_on_missing_path_is_data_error():
    result = run("check", "/nonexistent/kelompok")
    assert result.returncode == 1
    assert "does not exist" in assert_one_clean_line(result)


def test_errors_speak_indonesian_by_default(tmp_path: Path):
    path = tmp_path / "r.csv"
    path.write_text("code,name\nA1,Siti\nA1,Budi\n")
    result = run("new", str(tmp_path / "g"), "--type", "task", "--name", "X", "--roster", str(path), lang="id")
    assert result.returncode == 1
    assert assert_one_clean_line(result).endswith("baris 3: kode anggota 'A1' dipakai dua kali")


@pytest.mark.parametrize(
    "args, indonesian",
    [
        (("stats",), "argumen berikut wajib diisi: GROUP_DIR"),
        (("types", "--lang", "fr"), "--lang: pilihan 'fr' tidak ada"),
        (("new", "x", "--type"), "--type memerlukan satu nilai"),
    ],
    ids=["required", "choice", "one-value"],
)
def test_usage_errors_speak_the_users_language(args, indonesian):
    result = run(*args, lang="id")
    assert result.returncode == 2
    assert indonesian in assert_one_clean_line(result)


def test_roles_show_the_benne_sheats_equivalent_and_the_note():
    english = run("roles", "--lang", "en").stdout
    assert "Benne & Sheats equivalent: information giver" in english
    assert "Benne & Sheats equivalent: opinion seeker" in english
    assert "Note: The name means seeking information" in english
    rows = {row["id"]: row for row in json.loads(run("roles", "--json", "--lang", "id").stdout)}
    assert rows["pencari_informasi"]["benne_sheats"] == "information_giver"
    assert "memberikan informasi" in rows["pencari_informasi"]["summary"].lower()
    assert rows["evaluator"]["note"] and "ide-ide baru" in rows["evaluator"]["note"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="kelompok forks only on Linux")
def test_stats_on_a_big_series_shares_it_out_over_the_cores_and_prints_what_one_process_computes(tmp_path: Path):
    from benchmarks.bench_sociogram import make_group
    from kelompok.sessions.bulk import MAX_PROCESSES, PARALLEL_MIN_BYTES
    from kelompok.sociogram.stats import compute_stats

    group_dir = make_group(tmp_path, sessions=30, acts=1000)
    assert sum(p.stat().st_size for p in (group_dir / "sessions").glob("*.toml")) >= PARALLEL_MIN_BYTES
    code = (
        "import os, sys; from kelompok.cli import main\n"
        f"code = main(['stats', {str(group_dir)!r}, '--json']); sys.stdout.flush()\n"
        "print(os.times().children_user + os.times().children_system, file=sys.stderr); sys.exit(code)\n"
    )
    env = {**os.environ, "LANG": "C.UTF-8", "KELOMPOK_LANG": "en"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    workers_cpu = float(result.stderr.strip().splitlines()[-1])
    assert (workers_cpu > 0) == (min(len(os.sched_getaffinity(0)), MAX_PROCESSES) > 1)
    assert json.loads(result.stdout) == json.loads(json.dumps(compute_stats(group_dir, processes=1)))
