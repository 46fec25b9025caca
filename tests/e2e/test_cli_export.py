"""`kelompok export` and `kelompok report` as a user runs them: real processes, real files, exit codes.

Exit codes: 0 written; 1 the data is missing (no such session, unreadable group); 2 the command
line asks for something impossible (bad session value, unknown format, group open elsewhere for a
names export). Every error is one line, never a traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kelompok.sessions.locking import GroupLock
from kelompok.sessions.store import load_group
from tests.conftest import SAMPLES
from tests.e2e.test_cli import assert_one_clean_line, run

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "render_report.py"


@pytest.fixture
def group_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube"
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", folder)
    return folder


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "dot", "json", "csv", "svg", "png"])
def test_export_each_format(group_dir: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"s2.{fmt}"
    audit = load_group(group_dir).audit
    result = run("export", str(group_dir), "--session", "2", "--format", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert f"written: {out}" in result.stdout
    assert out.stat().st_mode & 0o777 == 0o600
    data = out.read_bytes()
    if fmt in ("graphml", "gexf"):
        graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
        assert graph.number_of_edges() > 0
    elif fmt == "json":
        assert nx.node_link_graph(json.loads(data), edges="edges").number_of_nodes() > 1
    elif fmt == "svg":
        assert ET.fromstring(data.split(b"?>", 1)[1]).tag.endswith("svg")
    elif fmt == "png":
        assert data.startswith(b"\x89PNG\r\n\x1a\n")
    elif fmt == "csv":
        assert data.startswith(b"session,source,target")
        assert (tmp_path / "s2.nodes.csv").is_file()
    elif fmt == "dot":
        assert b"digraph sociogram {" in data
    assert load_group(group_dir).audit == audit  # a default export is not noted


def test_export_all_into_a_folder_uses_a_default_name(group_dir: Path, tmp_path: Path):
    result = run("export", str(group_dir), "--session", "all", "--format", "gexf", "--out", str(tmp_path), lang="id")
    assert result.returncode == 0, result.stderr
    path = tmp_path / "kube-semua-sesi.gexf"
    assert f"ditulis: {path}" in result.stdout
    assert nx.read_gexf(path).graph["mode"] == "dynamic"


def test_export_with_names_says_how_many_and_is_audited(group_dir: Path, tmp_path: Path):
    group = load_group(group_dir)
    consented = [m for m in group.members if m.consent.names_in_reports]
    out = tmp_path / "named.json"
    result = run("export", str(group_dir), "--session", "1", "--format", "json", "--out", str(out), "--names")
    assert result.returncode == 0, result.stderr
    assert f"real names used for {len(consented)} of {len(group.members)} members" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert all(m.name in text for m in consented if m.joined in (None, 1))
    assert not any(m.name in text for m in group.members if not m.consent.names_in_reports)
    entry = load_group(group_dir).audit[-1]
    assert entry.action == "export_with_names" and str(out) in entry.detail


def test_export_names_refused_while_the_group_is_open_elsewhere(group_dir: Path, tmp_path: Path):
    out = tmp_path / "named.svg"
    with GroupLock(group_dir) as lock:
        assert lock.held
        result = run("export", str(group_dir), "--session", "1", "--format", "svg", "--out", str(out), "--names")
    assert result.returncode == 2
    assert "open in another kelompok" in assert_one_clean_line(result)
    assert not out.exists()
    # Without names the export is read-only and goes ahead.
    with GroupLock(group_dir):
        assert run("export", str(group_dir), "--session", "1", "--format", "svg", "--out", str(out)).returncode == 0


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--session", "99", "--format", "svg"], 1, "session 99 does not exist"),
        (["--session", "x", "--format", "svg"], 2, "'x' is not a session"),
        (["--session", "1", "--format", "bmp"], 2, "'bmp' is not a choice"),
        (["--format", "svg"], 2, "--session"),
    ],
)
def test_export_errors_are_one_line_with_the_right_exit_code(group_dir: Path, tmp_path: Path, args, code, words):
    result = run("export", str(group_dir), *args, "--out", str(tmp_path / "x.out"))
    assert result.returncode == code
    assert words in assert_one_clean_line(result)
    assert not (tmp_path / "x.out").exists()


def test_export_of_a_missing_group_is_a_data_error(tmp_path: Path):
    result = run(
        "export", str(tmp_path / "nope"), "--session", "1", "--format", "svg", "--out", str(tmp_path / "x.svg")
    )
    assert result.returncode == 1
    assert "group.toml" in assert_one_clean_line(result)


def test_report_html_and_markdown(group_dir: Path, tmp_path: Path):
    html = tmp_path / "report.html"
    result = run("report", str(group_dir), "--out", str(html), "--lang", "en")
    assert result.returncode == 0, result.stderr
    text = html.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text and "<script" not in text
    assert not any(m.name in text for m in load_group(group_dir).members)
    md = tmp_path / "report.md"
    result = run("report", str(group_dir), "--out", str(md), "--format", "md", "--session", "1", "--lang", "id")
    assert result.returncode == 0, result.stderr
    assert md.read_text(encoding="utf-8").startswith("# Laporan kelompok")


def test_report_with_names_is_audited(group_dir: Path, tmp_path: Path):
    result = run("report", str(group_dir), "--out", str(tmp_path / "r.html"), "--names")
    assert result.returncode == 0, result.stderr
    assert "real names used for" in result.stdout
    assert load_group(group_dir).audit[-1].action == "report_with_names"


def test_report_errors(group_dir: Path, tmp_path: Path):
    result = run("report", str(group_dir), "--out", str(tmp_path / "r.html"), "--session", "42")
    assert result.returncode == 1 and "session 42" in assert_one_clean_line(result)
    result = run("report", str(group_dir), "--out", str(tmp_path / "r.html"), "--format", "pdf")
    assert result.returncode == 2 and "'pdf' is not a choice" in assert_one_clean_line(result)


def test_render_script_says_clearly_when_chromium_is_missing(group_dir: Path, tmp_path: Path):
    html = tmp_path / "r.html"
    assert run("report", str(group_dir), "--out", str(html)).returncode == 0
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(html), str(tmp_path / "r.png"), "--chromium", str(tmp_path / "no-chromium")],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Chromium is not installed" in result.stderr and "Traceback" not in result.stderr


def test_render_script_renders_the_report_with_headless_chromium(group_dir: Path, tmp_path: Path):
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from render_report import find_chromium
    finally:
        sys.path.remove(str(SCRIPT.parent))
    if find_chromium(None) is None:
        pytest.skip(
            "Chromium not installed: .ci/run installs it with apt-get when it can; the HTML is still checked by tests/unit/test_report.py"
        )
    html = tmp_path / "r.html"
    assert run("report", str(group_dir), "--out", str(html), "--session", "1").returncode == 0
    png = tmp_path / "r.png"
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(html), str(png)], capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    height = int.from_bytes(data[20:24], "big")
    assert height > 1500  # the whole page, measured, not just one window
