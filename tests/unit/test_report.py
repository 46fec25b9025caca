"""The supervisor's report: self-contained, well-formed HTML (and Markdown), saying what it must and
nothing it must not — no real names by default, never a note, user text always escaped.

The HTML is checked with the standard library's parser (balanced tags, no scripts, no outside
resources) and every inline SVG with xml.etree; a browser is not needed (scripts/render_report.py
renders it for a person to look at).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kelompok.outputs import OutputError
from kelompok.outputs.report import build_report, write_report
from kelompok.outputs.report.charts import line_chart, nice_ceiling
from kelompok.sessions.models import Comment
from kelompok.sessions.store import load_group, load_session, load_sessions, save_session
from tests.conftest import SAMPLES
from tests.unit.test_export import NOTE, SESSION_NOTES, secret_group

TODAY = dt.date(2026, 3, 9)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SVG_SELF_CLOSING = {"line", "circle", "rect", "polygon", "polyline", "path"}
SAMPLE_GROUPS = sorted(p.name for p in SAMPLES.iterdir() if (p / "group.toml").is_file())


class Checker(HTMLParser):
    """Balanced tags, and a record of every tag and attribute, for the assertions below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def check_html(html: str) -> Checker:
    checker = Checker()
    checker.feed(html)
    checker.close()
    assert checker.problems == [], checker.problems[:5]
    assert checker.stack == [], checker.stack
    return checker


def inline_svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(chunk) for chunk in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


@pytest.fixture(scope="module")
def sample_html() -> str:
    folder = SAMPLES / "kds-pelangi-harapan"
    return build_report(load_group(folder), load_sessions(folder), lang="id", today=TODAY)


def test_report_is_one_self_contained_well_formed_file(sample_html: str):
    checker = check_html(sample_html)
    assert sample_html.startswith("<!DOCTYPE html>")
    assert ("html", "lang", "id") in checker.attrs
    assert "script" not in checker.tags and "iframe" not in checker.tags and "object" not in checker.tags
    assert not [a for a in checker.attrs if a[1] == "src" or a[1].startswith("on")]  # no loads, no handlers
    assert all(value.startswith("#") for tag, name, value in checker.attrs if name == "href")  # only in-page links
    assert "http" not in sample_html.lower() and "url(" not in sample_html and "@import" not in sample_html
    assert "<style>" in sample_html and "@media print" in sample_html and "@page" in sample_html


def test_report_shows_overview_sessions_sociograms_and_dynamics(sample_html: str):
    folder = SAMPLES / "kds-pelangi-harapan"
    sessions = load_sessions(folder)
    svgs = inline_svgs(sample_html)
    charts = [s for s in svgs if s.get("class") == "chart"]
    sociograms = [s for s in svgs if s.get("class") != "chart"]
    assert len(sociograms) == len(sessions) and len(charts) >= 6
    for svg in sociograms:
        assert svg.find("title") is not None and "RAHASIA" in "".join(svg.itertext())
    text = " ".join(check_html(sample_html).text)
    assert text.count("RAHASIA — hanya untuk supervisi") >= len(sessions) + 1  # banner + every session
    for session in sessions:
        assert f'id="s{session.number}"' in sample_html
    for heading in ("Kelompok", "Perkembangan selama seri", "Kehadiran", "Pola komunikasi", "Tujuan", "Peran mezzo",
                    "Tanda keselamatan", "Supervisi", "Sinyal perkembangan", "Tindak bicara per anggota"):  # fmt: skip
        assert heading in text, heading
    assert "Maria Fransiska Lewar" in text  # the supervisor's sign-off and comments
    assert "Disahkan oleh" in text and "tercapai" in text


def test_safety_flags_show_as_a_count_and_time_never_the_note(sample_html: str):
    note = next(e.note for e in load_session(SAMPLES / "kds-pelangi-harapan", 4).events if e.safety)
    assert note not in sample_html and note[:40] not in sample_html
    assert "1 ditandai untuk tindak lanjut" in sample_html


@pytest.mark.parametrize("group_name", SAMPLE_GROUPS)
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_no_real_name_in_a_default_report_of_any_sample(group_name: str, fmt: str):
    folder = SAMPLES / group_name
    group, sessions = load_group(folder), load_sessions(folder)
    text = build_report(group, sessions, lang="id", fmt=fmt, today=TODAY)
    staff = " ".join([*group.facilitators, *(c.author for s in sessions for c in s.review.comments)])
    for member in group.members:
        assert member.name not in text, member.name
        for part in member.name.split():
            if len(part) >= 4 and part[0].isupper() and part not in staff:
                assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text), part


def test_notes_never_appear_and_user_text_is_escaped_and_redacted(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    session = load_session(folder, 1)
    session.review.comments.append(
        Comment(
            at=dt.datetime(2026, 3, 3, 9, 0),
            author="Pak Joko",
            text="<script>alert('x')</script> Rina Marlina & Yohanes diam",
            section="sociogram",
        )
    )
    session.plan.objectives = []
    save_session(folder, session)
    group, sessions = load_group(folder), load_sessions(folder)
    for names in (False, True):
        for fmt in ("html", "md"):
            text = build_report(group, sessions, names=names, lang="en", fmt=fmt, today=TODAY)
            assert "XQZ-7" not in text and "WVK-3" not in text  # note events and session notes
            assert SESSION_NOTES not in text and NOTE not in text
            assert "<script>" not in text and "&lt;script&gt;" in text
            assert "Rina Marlina" not in text and "Yohanes" not in text  # no consent: redacted to codes
            assert "A3 &amp; A4 diam" in text
    html = build_report(group, sessions, lang="en", today=TODAY)
    check_html(html)
    assert "1 flagged for follow-up" in html


def test_names_only_with_consent_and_the_choice_is_audited(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    default = write_report(folder, tmp_path / "r.html", lang="en")
    text = default.path.read_text(encoding="utf-8")
    assert "Siti Aminah" not in text and not default.audited and load_group(folder).audit == []
    named = write_report(
        folder, tmp_path / "n.html", names=True, lang="en", who="Bu Sari", now=dt.datetime(2026, 3, 9, 8, 0)
    )
    text = named.path.read_text(encoding="utf-8")
    assert "Siti Aminah" in text and "Rina Marlina" not in text
    assert "Contains the real names of 2 of 5 members" in text
    assert named.named == ("A1", "A2") and named.audited
    entry = load_group(folder).audit[-1]
    assert entry.action == "report_with_names" and entry.who == "Bu Sari" and "format=report-html" in entry.detail
    assert named.path.stat().st_mode & 0o777 == 0o600


def test_one_session_report_has_that_session_and_no_series(tmp_path: Path):
    folder = SAMPLES / "kube-sejahtera-mawar"
    html = build_report(load_group(folder), load_sessions(folder), session=2, lang="en", today=TODAY)
    check_html(html)
    assert 'id="s2"' in html and 'id="s1"' not in html and 'id="dynamics"' not in html
    assert '<html lang="en">' in html and "Group report: " in html
    with pytest.raises(OutputError):
        build_report(load_group(folder), load_sessions(folder), session=42)


def test_markdown_variant_has_the_same_sections_in_text(tmp_path: Path):
    folder = SAMPLES / "p2k2-pkh-dahlia"
    md = build_report(load_group(folder), load_sessions(folder), lang="en", fmt="md", today=TODAY)
    assert md.startswith("# Group report: ")
    assert "> **CONFIDENTIAL" in md
    for heading in (
        "## The group",
        "## The series over time",
        "### Figures per session",
        "### Attendance",
        "### Supervision",
    ):
        assert heading in md
    tables = [line for line in md.splitlines() if line.startswith("|")]
    assert tables and all(line.endswith("|") for line in tables)
    assert "<svg" not in md


def test_writing_into_a_folder_uses_a_default_name(tmp_path: Path):
    folder = tmp_path / "kube"
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", folder)
    result = write_report(folder, tmp_path, lang="id", fmt="md")
    assert result.path == tmp_path / "kube-laporan.md"
    assert result.path.read_text(encoding="utf-8").startswith("# Laporan kelompok")


def test_charts_scale_and_break_on_missing_values():
    svg = line_chart([1, 2, 3, 4], [0.5, None, 0.25, 0.75], "share", "t", "en")
    root = ET.fromstring(svg)
    assert root.get("class") == "chart"
    assert len(root.findall("polyline")) == 1  # 3–4 joined; 1 stands alone after the gap
    assert len(root.findall("circle")) == 3
    assert "75%" in "".join(root.itertext())
    assert nice_ceiling(112) == 120 and nice_ceiling(7) == 8 and nice_ceiling(0) == 1


# ── signals and equity (issue 10 §4, §8) ──


def test_the_report_lists_exactly_the_signals_the_screen_shows():
    from kelompok.outputs.report.content import build_content
    from kelompok.sociogram.analysis import analyse
    from kelompok.sociogram.signals import session_signals
    from kelompok.sociogram.wording import describe_signal

    folder = SAMPLES / "kube-sejahtera-mawar"
    group, sessions = load_group(folder), load_sessions(folder)
    content = build_content(group, sessions, lang="en", today=TODAY)
    analyses = [analyse(s, group.seat_order()) for s in sessions]
    shown = session_signals(analyses, planned_sessions=group.planned_sessions, group_type=group.type)
    labels = {m.code: f"A{i}" for i, m in enumerate(group.members, 1)}  # codes as labels by default
    for summary in content.sessions:
        expected = [describe_signal(s, lambda c: labels.get(c, c), "en") for s in shown[summary.number]]
        assert summary.signals == expected


def test_equity_appears_only_for_analysable_attributes():
    from kelompok.outputs.report.content import build_content

    folder = SAMPLES / "musyawarah-banjir-rw09"
    group = load_group(folder)
    keys = sorted({k for m in group.members for k in m.attributes})
    assert keys, "the sample group has member attributes"
    private = group.model_copy(update={"analysable_attributes": []})
    html = build_report(private, load_sessions(folder), lang="en", today=TODAY)
    assert "Equity of talk" not in html
    allowed = group.model_copy(update={"analysable_attributes": [keys[0]]})
    content = build_content(allowed, load_sessions(folder), lang="en", today=TODAY)
    assert all([key for key, _ in s.equity] == [keys[0]] for s in content.sessions if s.equity)
    assert content.dynamics is not None and [key for key, _ in content.dynamics.equity] == [keys[0]]
    html = build_report(allowed, load_sessions(folder), lang="en", today=TODAY)
    assert "Equity of talk" in html
    for other in keys[1:]:
        assert f"<th>{other}</th>" not in html


def test_the_report_legend_explains_the_roles_it_shows():
    folder = SAMPLES / "kube-sejahtera-mawar"
    html = build_report(load_group(folder), load_sessions(folder), lang="en", today=TODAY)
    assert "What the facilitator's roles mean" in unescape(html)
    assert "Gives the group information on all sorts of topics." in html or "pencari_informasi" not in html
    assert "orienter" in html  # the Instructor's Benne & Sheats equivalent


def test_the_report_says_how_turns_pass_in_plain_words():
    from kelompok.outputs.report.content import build_content
    from kelompok.sociogram.pshifts import participation_shifts
    from kelompok.sociogram.acts import from_session

    folder = SAMPLES / "kube-sejahtera-mawar"
    sessions = load_sessions(folder)
    content = build_content(load_group(folder), sessions, lang="en", today=TODAY)
    first = content.sessions[0]
    shifts = participation_shifts(from_session(sessions[0]))
    assert first.pshifts[0].startswith(f"{shifts.total} turn changes; most often: ")
    html = build_report(load_group(folder), sessions, lang="en", today=TODAY)
    assert "Turn-taking (Gibson" in html
    md = build_report(load_group(folder), sessions, lang="id", fmt="md", today=TODAY)
    assert r"Pergantian giliran bicara \(Gibson\)" in md  # Markdown-escaped like every text
