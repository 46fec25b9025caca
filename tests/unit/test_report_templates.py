"""The report from Jinja2 templates (issue 14 §4): autoescaped, overridable by an agency from the
workspace's `.kelompok/templates/`, and still one self-contained file whatever a template says."""

from __future__ import annotations

import datetime as dt
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kelompok.outputs import OutputError
from kelompok.outputs.report import build_report, write_report
from kelompok.outputs.report.html import OVERRIDE_FOLDER, TEMPLATE_DIR, external_references
from kelompok.sessions.models import Comment, Consent
from kelompok.sessions.store import load_group, load_sessions, save_group, save_session
from tests.conftest import SAMPLES, make_group, make_session

HOSTILE = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "{{ 7*7 }}",
    "![beacon](http://example.org/p.png)",
    "[klik](http://example.org)",
)
LOGO = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data):
        self.text.append(data)


def _parsed(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


def hostile_group(folder: Path) -> Path:
    group = make_group(4)
    group.name = "KUBE " + HOSTILE[0]
    group.purpose = " ".join(HOSTILE)
    group.members[0].name = HOSTILE[1]
    group.members[0].consent = Consent(recording=True, names_in_reports=True)
    group.members[1].name = HOSTILE[2]
    group.members[1].consent = Consent(recording=True, names_in_reports=True)
    save_group(folder, group)
    session = make_session(1, acts=20)
    session.review.comments.append(Comment(at=dt.datetime(2026, 3, 3, 9, 0), author="Pak Joko", text=" ".join(HOSTILE)))
    save_session(folder, session)
    save_session(folder, make_session(2, acts=12))
    return folder


def test_hostile_names_and_text_are_escaped_in_the_html(tmp_path: Path):
    folder = hostile_group(tmp_path / "g")
    html = build_report(load_group(folder), load_sessions(folder), names=True, lang="en")
    parsed = _parsed(html)
    assert "script" not in parsed.tags and "img" not in parsed.tags  # escaped: text, not markup
    assert not [a for a in parsed.attrs if a.startswith("on")]
    assert not external_references(html)
    text = "".join(parsed.text)
    assert '"><img src=x onerror=alert(2)>' in text  # the consented name shows, literally
    assert "{{ 7*7 }}" in text and "49" not in text.replace("2049", "")  # data is never a template
    assert "<script>alert(1)</script>" in text  # the group name, as text


def test_hostile_names_and_text_are_escaped_in_the_markdown(tmp_path: Path):
    folder = hostile_group(tmp_path / "g")
    md = build_report(load_group(folder), load_sessions(folder), names=True, lang="en", fmt="md")
    assert "<script>" not in md and "<img" not in md  # Markdown viewers pass raw HTML through
    assert "![beacon](" not in md and "[klik](" not in md  # no live image (a remote beacon) nor link
    assert "\\!\\[beacon\\]\\(http://example.org/p.png\\)" in md
    assert "{{ 7\\*7 }}" in md or "{{ 7*7 }}" in md


def _workspace_copy(tmp_path: Path) -> Path:
    workspace = tmp_path / "ruang"
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", workspace / "kube")
    (workspace / OVERRIDE_FOLDER).mkdir(parents=True)
    return workspace


def test_an_agency_letterhead_in_the_workspace_appears_in_the_report(tmp_path: Path):
    workspace = _workspace_copy(tmp_path)
    (workspace / OVERRIDE_FOLDER / "letterhead.html.j2").write_text(
        '<header class="letterhead"><img alt="Logo" src="'
        + LOGO
        + '"> Dinas Sosial Kota Bandung · {{ c.title }}</header>\n',
        encoding="utf-8",
    )
    result = write_report(workspace / "kube", tmp_path / "laporan.html", lang="id")
    html = result.path.read_text(encoding="utf-8")
    assert '<header class="letterhead"><img alt="Logo" src="data:image/png;base64,' in html
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert f"Dinas Sosial Kota Bandung · {title}</header>" in html
    assert html.index("letterhead") < html.index("<h1>")  # above the title
    assert not external_references(html)  # a data: URI keeps it one file
    # Without the folder, the package's own (empty) letterhead.
    shutil.rmtree(workspace / OVERRIDE_FOLDER)
    plain = write_report(workspace / "kube", tmp_path / "polos.html", lang="id").path.read_text(encoding="utf-8")
    assert "letterhead" not in plain


@pytest.mark.parametrize(
    "template, what",
    [
        ('<img src="https://agency.example/logo.png">', "src=https://agency.example/logo.png"),
        ("<script>track()</script>", "<script>"),
        ('<div style="background: url(http://x.example/a.png)">x</div>', "style="),
        ('<link rel="stylesheet" href="http://x.example/a.css">', "<link>"),
    ],
)
def test_a_template_that_would_load_from_outside_is_refused_and_nothing_written(
    tmp_path: Path, template: str, what: str
):
    workspace = _workspace_copy(tmp_path)
    (workspace / OVERRIDE_FOLDER / "letterhead.html.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "laporan.html"
    with pytest.raises(OutputError) as refused:
        write_report(workspace / "kube", out, lang="en")
    message = str(refused.value)
    assert str(workspace / OVERRIDE_FOLDER) in message and "self-contained" in message and what in message
    assert not out.exists()


def test_a_broken_or_prying_template_gives_a_message_naming_it(tmp_path: Path):
    workspace = _workspace_copy(tmp_path)
    (workspace / OVERRIDE_FOLDER / "letterhead.html.j2").write_text("<p>{% if %}</p>\n", encoding="utf-8")
    with pytest.raises(OutputError) as broken:
        write_report(workspace / "kube", tmp_path / "a.html", lang="en")
    assert "letterhead.html.j2:1" in str(broken.value) and str(workspace / OVERRIDE_FOLDER) in str(broken.value)
    # The sandbox: a template cannot reach Python's internals through the values it is given.
    (workspace / OVERRIDE_FOLDER / "letterhead.html.j2").write_text("{{ c.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(OutputError) as prying:
        write_report(workspace / "kube", tmp_path / "b.html", lang="id")
    assert "letterhead.html.j2:1" in str(prying.value) and "templat" in str(prying.value)
    assert not (tmp_path / "b.html").exists()


def test_the_package_templates_are_package_data():
    names = {p.name for p in TEMPLATE_DIR.iterdir()}
    assert {"report.html.j2", "session.html.j2", "report.css", "letterhead.html.j2"} <= names
    assert TEMPLATE_DIR.parent.name == "outputs"  # inside the package, so the wheel carries them
