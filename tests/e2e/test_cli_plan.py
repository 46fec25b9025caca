"""`kelompok plan GROUP_DIR --session N`: the printable session plan, as a user runs it."""

from __future__ import annotations

from pathlib import Path

from kelompok.sessions.planning import plan_template
from kelompok.sessions.store import load_group, load_session, save_session
from tests.conftest import SAMPLES
from tests.e2e.test_cli import assert_one_clean_line, run


def test_prints_a_sample_plan_in_the_language_asked_for():
    group_dir = SAMPLES / "p2k2-pkh-dahlia"
    english = run("plan", str(group_dir), "--session", "1", "--lang", "en", lang="id")
    indonesian = run("plan", str(group_dir), "--session", "1", "--lang", "id", lang="en")
    assert english.returncode == 0, english.stderr
    assert indonesian.returncode == 0, indonesian.stderr
    assert english.stdout.startswith("# Session Plan: ")
    assert indonesian.stdout.startswith("# Rencana Sesi: ")
    assert "## Agenda" in english.stdout and "## Objectives" in english.stdout
    assert "## Tujuan khusus" in indonesian.stdout
    assert english.stdout != indonesian.stdout
    group = load_group(group_dir)
    session = load_session(group_dir, 1)
    for block in session.plan.agenda:
        assert block.title in english.stdout  # the facilitator's own words are printed as written
    for member in group.members:
        assert member.name not in english.stdout  # names never leave the app in a plan


def test_language_follows_the_environment_without_lang(tmp_path: Path, group_dir: Path):
    group = load_group(group_dir)
    session = load_session(group_dir, 1)
    session.plan = plan_template(group, 1, "id")
    save_session(group_dir, session)
    result = run("plan", str(group_dir), "--session", "1", lang="id")
    assert result.returncode == 0, result.stderr
    assert session.plan.agenda[0].title in result.stdout
    assert result.stdout.startswith("# Rencana Sesi: ")


def test_missing_session_is_one_clear_line_and_exit_1(group_dir: Path):
    result = run("plan", str(group_dir), "--session", "9")
    assert result.returncode == 1
    line = assert_one_clean_line(result)
    assert "9" in line and str(group_dir) in line
    assert result.stdout == ""


def test_missing_group_is_one_clear_line_and_exit_1(tmp_path: Path):
    result = run("plan", str(tmp_path / "nowhere"), "--session", "1")
    assert result.returncode == 1
    assert_one_clean_line(result)


def test_session_is_required_and_must_be_a_number(group_dir: Path):
    missing = run("plan", str(group_dir))
    assert missing.returncode == 2
    assert_one_clean_line(missing)
    bad = run("plan", str(group_dir), "--session", "satu")
    assert bad.returncode == 2
    assert_one_clean_line(bad)
