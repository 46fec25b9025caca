"""The supervisor's report: one self-contained HTML file (or Markdown) about a group. No Textual
(see docs/ARCHITECTURE.md).

    kelompok report GROUP_DIR --out report.html [--session N] [--names] [--lang id|en] [--format md]

`build_report` returns the text; `write_report` writes it atomically (0600) and, when real names
were asked for, first notes that choice in the group's audit trail (`report_with_names`).
Modules: `content` gathers what the report says (localised, pseudonymised), `html` renders it
from the Jinja2 templates in `outputs/templates/` (an agency may override them in
`<workspace>/.kelompok/templates/`), `markdown` renders it as Markdown, `charts` draws the small
series charts. This package imports nothing heavy until a report is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kelompok.i18n import get_language, t
from kelompok.outputs import OutputError, OutputResult

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Group, Session

REPORT_FORMATS = ("html", "md")


def build_report(
    group: Group,
    sessions: Sequence[Session],
    *,
    session: int | None = None,
    names: bool = False,
    lang: str | None = None,
    fmt: str = "html",
    today: dt.date | None = None,
    attributes: Sequence[str] = (),
    model: str = "tuckman",
    templates: Path | None = None,
) -> str:
    """The report as text: HTML (default) or Markdown (`fmt="md"`).

    `session` limits it to one session (the overview and that session; the series dynamics need
    the whole series). `templates` is an agency's template folder, tried before the package's.
    Raises OutputError for an unknown format or session, a private attribute, or an unusable template.
    """
    from kelompok.outputs.report.content import build_content

    if fmt not in REPORT_FORMATS:
        raise OutputError(t("report.unknown_format", format=fmt), usage=True)
    if session is not None and session not in {s.number for s in sessions}:
        raise OutputError(t("export.no_session", number=session))
    content = build_content(
        group,
        sessions,
        only=session,
        names=names,
        lang=lang or get_language(),
        today=today,
        attributes=attributes,
        model=model,
    )
    if fmt == "md":
        from kelompok.outputs.report.markdown import render_markdown

        return render_markdown(content)
    from kelompok.outputs.report.html import render_html

    return render_html(content, templates)


def default_report_name(group_dir: Path, session: int | None, fmt: str, lang: str | None = None) -> str:
    """`kube-mawar-laporan.html`, `kube-mawar-laporan-sesi-003.md` (the name a folder as `--out` gets)."""
    part = (
        t("report.file_session", lang, number=f"{session:03d}") if session is not None else t("report.file_all", lang)
    )
    return f"{Path(group_dir).name}-{part}.{fmt}"


def write_report(
    group_dir: Path,
    out: Path,
    *,
    session: int | None = None,
    names: bool = False,
    lang: str | None = None,
    fmt: str = "html",
    who: str | None = None,
    now: dt.datetime | None = None,
    attributes: Sequence[str] = (),
    model: str = "tuckman",
) -> OutputResult:
    """Build the report of the group in `group_dir` and write it to `out` (a folder gets a default name).

    The workspace's template folder (`<workspace>/.kelompok/templates/`, the workspace being the
    group folder's parent) is used when it exists. With `names=True` the choice is written to the
    group's audit trail before the file is.
    """
    from kelompok.outputs.privacy import audit_detail, pseudonyms, record_audit
    from kelompok.outputs.report.html import override_folder
    from kelompok.sessions.fileio import atomic_write_bytes
    from kelompok.sessions.store import load_group, load_sessions

    lang = lang or get_language()
    now = now or dt.datetime.now()
    group_dir = Path(group_dir)
    group = load_group(group_dir)
    sessions = load_sessions(group_dir)
    templates = override_folder(group_dir.resolve().parent)
    text = build_report(
        group, sessions, session=session, names=names, lang=lang, fmt=fmt, today=now.date(), attributes=attributes, model=model, templates=templates
    )  # fmt: skip
    out = Path(out)
    if out.is_dir():
        out = out / default_report_name(group_dir, session, fmt, lang)
    named: tuple[str, ...] = ()
    if names:
        named = pseudonyms(group, True, lang).named
        detail = audit_detail(session or "all", f"report-{fmt}", [out], named, len(group.members))
        record_audit(group_dir, "report_with_names", detail, who, now)
    atomic_write_bytes(out, text.encode("utf-8"))
    return OutputResult((out,), named, len(group.members), names)
