"""Issue 13 §2 and §6 from the command line: --out never lands among a group's files, --force,
and export/report/stats/check do not ignore a journal left by a running or interrupted session."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from tests.conftest import SAMPLES
from tests.e2e.test_cli import assert_one_clean_line, run


@pytest.fixture
def group_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube"
    shutil.copytree(
        SAMPLES / "kube-sejahtera-mawar", folder, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal")
    )
    return folder


def digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "args",
    [
        ("report", "{g}", "--out", "{g}/group.toml"),
        ("report", "{g}", "--out", "{g}/sessions/005.toml", "--format", "md", "--force"),
        ("export", "{g}", "--session", "1", "--format", "json", "--out", "{g}/sessions/005.toml", "--force"),
        ("export", "{g}", "--session", "1", "--format", "svg", "--out", "{g}"),
        ("export", "{g}", "--session", "1", "--format", "csv", "--out", "{g}/sessions/edges.csv"),
    ],
)
def test_output_inside_the_group_folder_is_refused(group_dir: Path, args: tuple[str, ...]):
    before = digest(group_dir)
    result = run(*(a.replace("{g}", str(group_dir)) for a in args))
    assert result.returncode == 2
    line = assert_one_clean_line(result)
    assert "inside the group folder" in line
    assert digest(group_dir) == before  # group.toml and the sessions untouched
    assert run("check", str(group_dir)).returncode == 0


def test_a_symlink_into_the_group_is_refused(group_dir: Path, tmp_path: Path):
    link = tmp_path / "elsewhere"
    link.symlink_to(group_dir / "sessions")
    result = run(
        "export", str(group_dir), "--session", "1", "--format", "json", "--out", str(link / "001.toml"), "--force"
    )
    assert result.returncode == 2 and "inside the group folder" in result.stderr


def test_an_existing_file_needs_force(group_dir: Path, tmp_path: Path):
    out = tmp_path / "report.html"
    out.write_text("mine")
    result = run("report", str(group_dir), "--out", str(out))
    assert result.returncode == 2 and "--force" in assert_one_clean_line(result)
    assert out.read_text() == "mine"
    assert run("report", str(group_dir), "--out", str(out), "--force").returncode == 0
    assert out.read_text().startswith("<!")

    svg = tmp_path / "s1.svg"
    assert run("export", str(group_dir), "--session", "1", "--format", "svg", "--out", str(svg)).returncode == 0
    again = run("export", str(group_dir), "--session", "1", "--format", "svg", "--out", str(svg), lang="id")
    assert again.returncode == 2 and "sudah ada" in again.stderr
    assert (
        run("export", str(group_dir), "--session", "1", "--format", "svg", "--out", str(svg), "--force").returncode == 0
    )


def interrupted_group(tmp_path: Path) -> Path:
    """A group whose session 1 was being recorded: 2 acts in the journal, none in the file yet."""
    import datetime as dt

    from kelompok.sessions.models import Attendance, Session
    from kelompok.sessions.recording import Recorder
    from kelompok.sessions.store import save_group, save_session
    from tests.conftest import FakeClock, make_group

    folder = tmp_path / "ws2" / "kube"
    save_group(folder, make_group())
    attendance = [Attendance(member=f"A{i}", status="present") for i in range(1, 4)]
    save_session(folder, Session(number=1, date=dt.date(2026, 11, 20), attendance=attendance))
    clock = FakeClock()
    rec = Recorder.open(folder, 1, clock=clock, now=lambda: dt.datetime(2026, 11, 20, 9, 0))
    rec.start()
    clock.advance(5)
    rec.speak("A1", "A2")
    clock.advance(5)
    rec.speak("A2", "A3")
    rec.close(checkpoint=False)  # what kill -9 leaves
    return folder


def test_check_warns_about_an_unreplayed_journal(tmp_path: Path):
    folder = interrupted_group(tmp_path)
    result = run("check", str(folder))
    assert result.returncode == 1
    line = assert_one_clean_line(result)
    assert "session 1 has 2 recorded events in its journal" in line and "open it in kelompok" in line
    assert ": ok (" not in result.stdout.lower()  # the all-clear line is not printed
    # Read-only: the journal is still there, the session file unchanged.
    assert (folder / "sessions" / "001.journal").stat().st_size > 0


@pytest.mark.parametrize("verb", ["stats", "export", "report"])
def test_export_report_and_stats_say_the_journal_is_left_out(tmp_path: Path, verb: str):
    folder = interrupted_group(tmp_path)
    args = {
        "stats": ("stats", str(folder)),
        "export": ("export", str(folder), "--session", "1", "--format", "json", "--out", str(tmp_path / "s1.json")),
        "report": ("report", str(folder), "--out", str(tmp_path / "r.html")),
    }[verb]
    result = run(*args, lang="id")
    assert result.returncode == 0, result.stderr
    assert "sesi 1 punya 2 peristiwa tercatat di jurnalnya" in result.stderr


def test_a_journal_whose_events_are_all_in_the_file_gives_no_warning(tmp_path: Path):
    folder = interrupted_group(tmp_path)
    from kelompok.sessions.store import load_session

    journal = (folder / "sessions" / "001.journal").read_bytes()
    from kelompok.sessions.recording import Recorder

    with Recorder.open(folder, 1) as rec:  # recovers and checkpoints
        assert rec.recovered == 2
    (folder / "sessions" / "001.journal").write_bytes(journal)  # a kill after the checkpoint left it
    assert len(load_session(folder, 1).events) == 2
    result = run("check", str(folder))
    assert result.returncode == 0 and result.stderr == ""
