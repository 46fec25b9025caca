"""`kelompok forget`, missing-consent warnings in `kelompok check`, and `--attributes`, run as a user runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kelompok.sessions.models import GuardianConsent
from kelompok.sessions.store import load_group, load_sessions, save_group

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_groups"
SAMPLE_DIRS = sorted(p.name for p in SAMPLES.iterdir() if (p / "group.toml").is_file())


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KELOMPOK_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "kelompok", *args], capture_output=True, text=True, env=env, timeout=120
    )


def _all_text(folder: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in sorted(folder.rglob("*")) if p.is_file())


def _most_named(folder: Path) -> str:
    """The member whose name parts occur most in the group's files (the hardest one to forget)."""
    group = load_group(folder)
    text = _all_text(folder)
    return max(group.members, key=lambda m: sum(text.count(part) for part in re.findall(r"\w{3,}", m.name))).code


@pytest.mark.parametrize("folder", SAMPLE_DIRS)
def test_forget_on_a_copy_of_each_sample(tmp_path: Path, folder: str) -> None:
    group_dir = tmp_path / folder
    shutil.copytree(SAMPLES / folder, group_dir)
    code = _most_named(group_dir)
    group = load_group(group_dir)
    member = group.member(code)
    assert member is not None
    others = [m for m in group.members if m.code != code]
    staff = {
        p.capitalize()
        for n in [*group.facilitators, *(c.author for s in load_sessions(group_dir) for c in s.review.comments)]
        for p in re.findall(r"\w{3,}", n)
    }
    shared = {p.capitalize() for m in others for p in re.findall(r"\w{3,}", m.name)} | staff
    before_stats = _acts_only(json.loads(run("stats", str(group_dir), "--json").stdout)["sessions"])

    dry = run("forget", str(group_dir), code, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run" in dry.stdout and load_group(group_dir).member(code).name == member.name  # nothing written

    done = run("forget", str(group_dir), code)
    assert done.returncode == 0, done.stderr
    text = _all_text(group_dir)
    assert not re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, member.name.split())) + r"(?!\w)", text, re.IGNORECASE)
    for nickname in member.nicknames:
        assert nickname.lower() not in text.lower()
    for part in re.findall(r"\w{3,}", member.name):
        if part.capitalize() not in shared:
            assert not re.search(r"(?<!\w)" + re.escape(part.capitalize()) + r"(?!\w)", text), part
    after = load_group(group_dir)
    gone = after.member(code)
    assert (
        gone is not None
        and gone.forgotten
        and gone.name == code
        and not gone.attributes
        and gone.consent.guardian is None
    )
    # The member's own attribute values are gone from the roster; values no one else holds are gone everywhere.
    for value in member.attributes.values():
        if not any(m.attributes.get(k) == value for m in others for k in m.attributes):
            assert f'"{value}"' not in text
    # The anonymous acts stay: stats are the same, session by session.
    # The acts stay; only equity by attribute changes (the forgotten member has no attributes left).
    assert _acts_only(json.loads(run("stats", str(group_dir), "--json").stdout)["sessions"]) == before_stats
    # One audit entry that holds nothing erased.
    entry = after.audit[-1]
    assert entry.action == "forget" and code in entry.detail
    assert member.name not in entry.detail and not any(
        v in entry.detail for v in member.attributes.values() if len(v) > 3
    )
    assert run("check", str(group_dir)).returncode == 0
    assert run("forget", str(group_dir), code).returncode == 1  # already forgotten


def test_forget_in_a_git_workspace_says_the_history_keeps_earlier_versions(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", workspace / "kube")
    (workspace / ".git").mkdir()
    result = run("forget", str(workspace / "kube"), "A6")
    assert result.returncode == 0, result.stderr
    assert "git history" in result.stdout and "filter-repo" in result.stdout


def test_forget_refuses_an_unknown_code(tmp_path: Path) -> None:
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", tmp_path / "kube")
    result = run("forget", str(tmp_path / "kube"), "Z9")
    assert result.returncode == 1 and "Z9" in result.stderr


def test_check_warns_about_a_minor_without_guardian_consent_and_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "lksa"
    shutil.copytree(SAMPLES / "remaja-lksa-tunas-bangsa", folder)
    assert "warning" not in run("check", str(folder)).stdout  # the sample has guardian consent and assent
    group = load_group(folder)
    group.member("R2").consent.guardian = None
    group.member("R4").consent.assent = False
    group.member("R4").consent.guardian = GuardianConsent(
        name="Kepala LKSA", relation="lksa_head", participation=True, recording=True
    )
    save_group(folder, group)
    result = run("check", str(folder))
    assert result.returncode == 0
    lines = [line for line in result.stdout.splitlines() if "warning" in line]
    assert any("R2" in line and "guardian" in line for line in lines)
    assert any("R4" in line and "assent" in line for line in lines)
    assert not any("Rian" in line or "Bayu" in line for line in lines)  # codes only


def test_export_and_report_attributes_flag(tmp_path: Path) -> None:
    folder = SAMPLES / "musyawarah-banjir-rw09"
    out = tmp_path / "e.csv"
    assert (
        run(
            "export", str(folder), "--session", "1", "--format", "csv", "--out", str(out), "--attributes", "rt"
        ).returncode
        == 0
    )
    assert "attr_rt" in (tmp_path / "e.nodes.csv").read_text(encoding="utf-8")
    report = tmp_path / "r.md"
    assert (
        run("report", str(folder), "--out", str(report), "--format", "md", "--attributes", "tempat_tinggal").returncode
        == 0
    )
    assert "penyewa" in report.read_text(encoding="utf-8")
    refused = run(
        "report",
        str(SAMPLES / "ruang-pulih-perempuan"),
        "--out",
        str(tmp_path / "x.md"),
        "--format",
        "md",
        "--attributes",
        "anak",
    )
    assert refused.returncode == 2 and "private" in refused.stderr and not (tmp_path / "x.md").exists()


def _acts_only(sessions: list[dict]) -> list[dict]:
    """Session stats without the equity figures, which depend on member attributes."""
    return [{k: v for k, v in session.items() if k != "equity"} for session in sessions]
