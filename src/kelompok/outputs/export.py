"""Sociogram exports: a format for one session or the series, rendered, written and audited.
No Textual (see docs/ARCHITECTURE.md).

    kelompok export GROUP_DIR --session N|all --format FMT --out PATH [--names] [--attributes a,b]

What identifies a member is decided in `privacy.Pseudonyms`; what a session looks like in
`view.GraphView`; the graph formats are in `formats`, the pictures (SVG, PNG) in `picture` and
`scene`. Notes never leave the app (session notes, note events, safety notes, absence reasons,
amendments): nothing in this package reads them. Files are written atomically and private to
the user (0600), like everything kelompok writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kelompok.i18n import get_language, t
from kelompok.outputs import OutputError, OutputResult

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.outputs.privacy import Pseudonyms
    from kelompok.outputs.view import GraphView, Which
    from kelompok.sessions.models import Group, Session

FORMATS = ("graphml", "gexf", "dot", "json", "csv", "svg", "png")
"""Every export format, in the order the CLI and the dialog offer them."""

EXTENSIONS = {
    "graphml": ".graphml",
    "gexf": ".gexf",
    "dot": ".dot",
    "json": ".json",
    "csv": ".csv",
    "svg": ".svg",
    "png": ".png",
}


def _picture(view: GraphView, pseudo: Pseudonyms, lang: str, today: dt.date, fmt: str) -> bytes:
    from kelompok.outputs.picture import sociogram_scene
    from kelompok.outputs.scene import PngUnavailable, render_png, render_svg

    scene = sociogram_scene(view, pseudo, lang, today)
    if fmt == "svg":
        return render_svg(scene).encode("utf-8")
    try:
        return render_png(scene)
    except PngUnavailable:
        raise OutputError(t("outputs.png_unavailable", lang)) from None


def render_export(
    group: Group,
    sessions: Sequence[Session],
    which: Which,
    fmt: str,
    names: bool = False,
    lang: str | None = None,
    today: dt.date | None = None,
    attributes: Sequence[str] = (),
) -> dict[str, bytes]:
    """The bytes of an export, without writing anything: suffix → content.

    The main file has the suffix "" (it goes to the path asked for); the CSV node table has
    `formats.NODES_SUFFIX`. Raises OutputError for an unknown format or a session that does not exist.
    """
    from kelompok.outputs import formats
    from kelompok.outputs.privacy import pseudonyms
    from kelompok.outputs.view import make_view

    if fmt not in FORMATS:
        raise OutputError(t("export.unknown_format", format=fmt, formats=", ".join(FORMATS)), usage=True)
    lang = lang or get_language()
    pseudo = pseudonyms(group, names, lang, attributes=attributes)
    view = make_view(group, sessions, which)
    today = today or dt.date.today()
    if fmt == "csv":
        return formats.csv_tables(view, pseudo, lang)
    if fmt in ("svg", "png"):
        return {"": _picture(view, pseudo, lang, today, fmt)}
    if fmt == "gexf":
        return {"": formats.gexf(view, pseudo, lang, today)}
    writer: Callable[[GraphView, Pseudonyms, str], bytes] = {
        "graphml": formats.graphml,
        "dot": formats.dot,
        "json": formats.node_link_json,
    }[fmt]
    return {"": writer(view, pseudo, lang)}


# ── writing, and the audit trail ────────────────────────────────────────────────────────────


def output_paths(out: Path, contents: dict[str, bytes]) -> dict[str, Path]:
    """Where each part of an export goes: `out` itself, `out.nodes.csv` beside an edge list."""
    paths = {}
    for suffix in contents:
        if not suffix:
            paths[suffix] = out
        else:
            stem = out.name[: -len(out.suffix)] if out.suffix else out.name
            paths[suffix] = out.with_name(stem + suffix)
    return paths


def export_session(
    group: Group,
    sessions: Sequence[Session],
    which: Which,
    fmt: str,
    out: Path,
    names: bool = False,
    lang: str | None = None,
    *,
    group_dir: Path | None = None,
    who: str | None = None,
    now: dt.datetime | None = None,
    attributes: Sequence[str] = (),
) -> OutputResult:
    """Export one session (`which` = its number) or the series (`"all"`) to `out` in `fmt`.

    With `names=True` the choice is first written to the group's audit trail (`group_dir` is then
    required) as `export_with_names`; only then is the file written. Files are written atomically
    with mode 0600. Raises OutputError (message ready to show) or DataError.
    """
    from kelompok.outputs.privacy import audit_detail, pseudonyms, record_audit
    from kelompok.sessions.fileio import atomic_write_bytes

    lang = lang or get_language()
    now = now or dt.datetime.now()
    contents = render_export(group, sessions, which, fmt, names, lang, now.date(), attributes)
    paths = output_paths(Path(out), contents)
    if any(p.is_dir() for p in paths.values()):
        raise OutputError(t("export.out_is_folder", path=out), usage=True)
    audited = False
    pseudo = pseudonyms(group, names, lang)
    if names:
        if group_dir is None:
            raise ValueError("an export with names needs group_dir, to write the audit trail")
        record_audit(
            group_dir,
            "export_with_names",
            audit_detail(which, fmt, list(paths.values()), pseudo.named, pseudo.members),
            who,
            now,
        )
        audited = True
    for suffix, data in contents.items():
        atomic_write_bytes(paths[suffix], data)
    return OutputResult(tuple(paths.values()), pseudo.named, pseudo.members, audited)


def load_for_export(group_dir: Path, which: Which) -> tuple[Group, list[Session]]:
    """The group and the sessions an export of `which` needs. Raises DataError / OutputError."""
    from kelompok.sessions.store import load_group, load_session, load_sessions, session_numbers

    group = load_group(group_dir)
    if which == "all":
        sessions = load_sessions(group_dir)
        if not sessions:
            raise OutputError(t("export.no_sessions"))
        return group, sessions
    if which not in session_numbers(group_dir):
        raise OutputError(t("export.no_session", number=which))
    return group, [load_session(group_dir, which)]


def export_group(
    group_dir: Path,
    which: Which,
    fmt: str,
    out: Path,
    names: bool = False,
    lang: str | None = None,
    *,
    who: str | None = None,
    now: dt.datetime | None = None,
    attributes: Sequence[str] = (),
) -> OutputResult:
    """`export_session` for a group folder: reads what is needed, exports, audits a names choice."""
    group, sessions = load_for_export(group_dir, which)
    return export_session(
        group, sessions, which, fmt, out, names, lang, group_dir=group_dir, who=who, now=now, attributes=attributes
    )


def default_filename(group_dir: Path, which: Which, fmt: str, lang: str | None = None) -> str:
    """A file name for an export: `kube-mawar-sesi-003.svg`, `kube-mawar-semua-sesi.gexf`."""
    lang = lang or get_language()
    part = t("export.file_all", lang) if which == "all" else t("export.file_session", lang, number=f"{which:03d}")
    return f"{group_dir.name}-{part}{EXTENSIONS.get(fmt, '.' + fmt)}"


def parse_which(text: str) -> Which:
    """`3` → 3, `all`/`semua` → "all"; OutputError otherwise."""
    value = text.strip().lower()
    if value in ("all", "semua"):
        return "all"
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise OutputError(t("export.bad_session", value=text), usage=True)
