"""Everything that leaves the app as a file or a printout. No Textual (see docs/ARCHITECTURE.md).

Modules, in the order they depend on each other (a test checks there is no cycle):

* `text` — `xml_safe` / `clean_text`: what XML and a terminal-free file can carry.
* `privacy` — `Pseudonyms` (codes, consented names, redaction) and the audit entry of a names choice.
* `view` — `GraphView`: one session or the series, with node statuses and seats, as every format sees it.
* `fontmetrics` — advance widths of the bundled DejaVu Sans (`fonts/`), for laying text out.
* `scene` — shapes → SVG text → PNG (resvg, with the bundled font).
* `picture` — the finished sociogram laid out as a scene.
* `formats` — GraphML, GEXF 1.3, DOT, node-link JSON, CSV.
* `export` — `render_export` / `export_group`: a format for a session or the series, written and audited.
* `report` — the supervisor's report (HTML from Jinja2 templates in `templates/`, or Markdown).
* `plan` — the printable session plan (Markdown).
* `stats_table` — the plain-text table of `kelompok stats`.

This package imports nothing heavy: networkx, jinja2 and resvg load when a file is made. The
error and result types below are the one pair every export and report uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class OutputError(Exception):
    """An export or report that cannot be made as asked; the message is ready to show (one line).

    `usage` is True when the request itself is wrong (a bad session value, a folder as the output,
    a private attribute, a group open elsewhere): the CLI exits 2 for those and 1 for missing data.
    """

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class OutputResult:
    """What an export or a report wrote."""

    paths: tuple[Path, ...]
    """The files written: the main file first (then, for CSV, the node table)."""
    named: tuple[str, ...]
    """Codes of the members shown by real name (empty for a default export)."""
    members: int
    """Members in the roster (so "2 of 5 named" can be said)."""
    audited: bool
    """The names choice was written to the group's audit trail."""

    @property
    def path(self) -> Path:
        """The main file."""
        return self.paths[0]
