"""The outputs as a user meets them on the command line: `kelompok stats` prints the group type's
name and numbers in the user's language (issue 16 §9); `kelompok report` uses the agency's
templates from the workspace, and a template it cannot use is one clean line, never a traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from kelompok.outputs.stats_table import format_stats_table
from tests.conftest import SAMPLES
from tests.e2e.test_cli import assert_one_clean_line, run


def _table(tmp_path: Path, lang: str) -> list[str]:
    folder = tmp_path / "kds"
    if not folder.exists():
        shutil.copytree(SAMPLES / "kds-pelangi-harapan", folder)
    result = run("stats", str(folder), "--lang", lang, lang=lang)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_stats_in_indonesian_names_the_type_and_uses_a_decimal_comma(tmp_path: Path):
    lines = _table(tmp_path, "id")
    assert lines[0] == "Kelompok: KDS Pelangi Harapan  (Jenis: Kelompok swabantu)"
    rows = [row for row in lines[4:] if row.strip()]
    assert rows and all(re.search(r"\b0,\d\d\b", row) for row in rows)
    assert not any(re.search(r"\b\d\.\d\d\b", row) for row in rows)  # no decimal point in Indonesian


def test_stats_in_english_names_the_type_and_uses_a_decimal_point(tmp_path: Path):
    lines = _table(tmp_path, "en")
    assert lines[0] == "Group: KDS Pelangi Harapan  (Type: Self-help group)"
    rows = [row for row in lines[4:] if row.strip()]
    assert rows and all(re.search(r"\b0\.\d\d\b", row) for row in rows)
    assert not any(re.search(r"\b\d,\d\d\b", row) for row in rows)


def test_large_counts_get_the_languages_thousands_separator_and_an_unknown_type_its_id():
    stats = {"name": "X", "type": "unknown_type", "sessions": [{
        "number": 1, "date": "2026-03-02", "present": ["A1"], "acts": 1234, "facilitator_share": 0.5,
        "gini": None, "density": 0.126, "reciprocity": 1.0, "centralization": 0.0, "pattern": "maypole",
    }]}  # fmt: skip
    indonesian, english = format_stats_table(stats, "id"), format_stats_table(stats, "en")
    assert "(Jenis: unknown_type)" in indonesian  # the app says less rather than invent a name
    assert "1.234" in indonesian and "0,13" in indonesian and "–" in indonesian
    assert "1,234" in english and "0.13" in english


def test_report_uses_the_workspace_letterhead_and_refuses_a_template_that_loads_from_outside(tmp_path: Path):
    workspace = tmp_path / "ruang"
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", workspace / "kube")
    templates = workspace / ".kelompok" / "templates"
    templates.mkdir(parents=True)
    (templates / "letterhead.html.j2").write_text("<header>Dinas Sosial Kota Bandung</header>\n", encoding="utf-8")
    out = tmp_path / "laporan.html"
    result = run("report", str(workspace / "kube"), "--out", str(out), lang="id")
    assert result.returncode == 0, result.stderr
    assert "<header>Dinas Sosial Kota Bandung</header>" in out.read_text(encoding="utf-8")

    (templates / "letterhead.html.j2").write_text('<img src="https://dinsos.example/logo.png">\n', encoding="utf-8")
    refused = run("report", str(workspace / "kube"), "--out", str(tmp_path / "lagi.html"), lang="id")
    assert refused.returncode == 1
    line = assert_one_clean_line(refused)
    assert str(templates) in line and "satu berkas utuh" in line
    assert not (tmp_path / "lagi.html").exists()
