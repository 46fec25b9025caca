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
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", folder, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal"))
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
    result = run("export", str(group_dir), "--session", "1", "--format", "json", "--out", str(link / "001.toml"), "--force")
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
    assert run("export", str(group_dir), "--session", "1", "--format", "svg", "--out", str(svg), "--force").returncode == 0
