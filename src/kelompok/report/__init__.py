"""The supervisor's report: one self-contained HTML file (or Markdown) about a group. No Textual.

    kelompok report GROUP_DIR --out report.html [--session N] [--names] [--lang id|en] [--format md]

`build_report` returns the text; `write_report` writes it atomically (0600) and, when real names
were asked for, first notes that choice in the group's audit trail (`report_with_names`).
Modules: `content` gathers what the report says (localised, pseudonymised), `html` and
`markdown` render it, `charts` draws the small series charts. This package imports nothing
heavy until a report is built.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kelompok.i18n import get_language, t

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Group, Session

REPORT_FORMATS = ("html", "md")


class ReportError(Exception):
    """A report that cannot be made as asked; the message is ready to show (one line).

    `usage` is True when the request is wrong (exit 2), False when the data is missing (exit 1).
    """

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class ReportResult:
    """What `write_report` wrote."""

    path: Path
    named: tuple[str, ...]
    """Codes of the members shown by real name (empty by default)."""
    members: int
    audited: bool


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
) -> str:
    """The report as text: HTML (default) or Markdown (`fmt="md"`).

    `session` limits it to one session (the overview and that session; the series dynamics need
    the whole series). Raises ReportError for an unknown format or session.
    """
    from kelompok.report.content import build_content

    if fmt not in REPORT_FORMATS:
        raise ReportError(t("report.unknown_format", format=fmt), usage=True)
    if session is not None and session not in {s.number for s in sessions}:
        raise ReportError(t("export.no_session", number=session))
    from kelompok.sociogram.export import ExportError

    try:
        content = build_content(group, sessions, only=session, names=names, lang=lang or get_language(), today=today, attributes=attributes, model=model)
    except ExportError as error:  # a private attribute asked for
        raise ReportError(str(error), usage=error.usage) from None
    if fmt == "md":
        from kelompok.report.markdown import render_markdown

        return render_markdown(content)
    from kelompok.report.html import render_html

    return render_html(content)


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
) -> ReportResult:
    """Build the report of the group in `group_dir` and write it to `out` (a folder gets a default name).

    With `names=True` the choice is written to the group's audit trail before the file is.
    """
    from kelompok.sessions.fileio import atomic_write_bytes
    from kelompok.sessions.store import load_group, load_sessions
    from kelompok.sociogram.export import ExportError, pseudonyms, record_audit

    lang = lang or get_language()
    now = now or dt.datetime.now()
    group = load_group(group_dir)
    sessions = load_sessions(group_dir)
    text = build_report(group, sessions, session=session, names=names, lang=lang, fmt=fmt, today=now.date(), attributes=attributes, model=model)
    out = Path(out)
    if out.is_dir():
        part = t("report.file_session", lang, number=f"{session:03d}") if session is not None else t("report.file_all", lang)
        out = out / f"{group_dir.name}-{part}.{fmt}"
    named: tuple[str, ...] = ()
    if names:
        pseudo = pseudonyms(group, True, lang)
        named = pseudo.named
        detail = f"session={session or 'all'} format=report-{fmt} names={len(named)}/{len(group.members)} ({','.join(named) or '-'}) file={out.resolve()}"
        try:
            record_audit(group_dir, "report_with_names", detail, who, now)
        except ExportError as error:
            raise ReportError(str(error), usage=error.usage) from None
    atomic_write_bytes(out, text.encode("utf-8"))
    return ReportResult(out, named, len(group.members), names)
