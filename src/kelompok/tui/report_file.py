"""The group report made from the TUI (`r` on the group screen): where it goes and the one call
that writes it (docs/ARCHITECTURE.md, "Outputs").

The screen calls only `write_group_report`, so that moving the report code elsewhere changes the
import below and nothing in the screens.
"""

from __future__ import annotations

from pathlib import Path

from kelompok.i18n import t


def report_path(group_dir: Path, lang: str) -> Path:
    """Where the whole-series report goes by default: beside the exports, named like the CLI's."""
    from kelompok.tui.dialogs.export import default_export_dir

    return default_export_dir() / f"{group_dir.name}-{t('report.file_all', lang)}.html"


def write_group_report(group_dir: Path, out: Path, *, lang: str, model: str) -> Path:
    """Write the report of every session (member codes, never names) to `out`; return the path written.

    Raises `outputs.OutputError`, `DataError` or `OSError`, each with a message to show.
    """
    from kelompok.outputs.report import write_report

    return write_report(group_dir, out, lang=lang, fmt="html", model=model).path
