"""The plain-text table `kelompok stats` prints: one line per session (see docs/ARCHITECTURE.md).

Words come from the language catalogue (`sociogram.table.*`, `sociogram.pattern.*`), the group
type by its name (not its id), and numbers with the language's decimal mark (`0,43` in
Indonesian, `0.43` in English). This module stays light: a warm `kelompok stats` only reads the
cache and prints this table.
"""

from __future__ import annotations

from typing import Any

from kelompok.i18n import LANGUAGES, format_number, t
from kelompok.sociogram.patterns import PATTERN_IDS

_COLUMNS = (
    "session",
    "date",
    "present",
    "acts",
    "facilitator_share",
    "gini",
    "density",
    "reciprocity",
    "centralization",
    "pattern",
)
_NUMERIC = frozenset(
    {"session", "present", "acts", "facilitator_share", "gini", "density", "reciprocity", "centralization"}
)


def label(key: str, lang: str) -> str:
    """A table label (or a pattern's short name) in `lang` ("id" or "en"), from the language
    catalogue (`sociogram.table.*`, `sociogram.pattern.*`); English when the language is unknown."""
    lang = lang if lang in LANGUAGES else "en"
    if key in PATTERN_IDS:
        return t(f"sociogram.pattern.{key}", lang)
    return t(f"sociogram.table.{key}", lang)


def _cell(entry: dict[str, Any], column: str, lang: str) -> str:
    if column == "session":
        return str(entry["number"])
    if column == "present":
        return str(len(entry["present"]))
    if column == "pattern":
        return label(entry["pattern"], lang)
    value = entry[column]
    if value is None:
        return "–"
    if isinstance(value, float):
        return format_number(value, 2, lang)
    if isinstance(value, int):
        return format_number(value, 0, lang)
    return str(value)


def format_stats_table(stats: dict[str, Any], lang: str = "id") -> str:
    """A readable plain-text table of `group_stats` output, one line per session."""
    from kelompok.listing import type_name

    lang = lang if lang in LANGUAGES else "en"
    title = f"{label('group', lang)}: {stats['name']}  ({label('type', lang)}: {type_name(stats['type'], lang)})"
    if not stats["sessions"]:
        return f"{title}\n{label('no_sessions', lang)}\n"
    header = [label(c, lang) for c in _COLUMNS]
    rows = [[_cell(entry, c, lang) for c in _COLUMNS] for entry in stats["sessions"]]
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(_COLUMNS))]

    def line(cells: list[str]) -> str:
        parts = [
            cell.rjust(width) if column in _NUMERIC else cell.ljust(width)
            for cell, width, column in zip(cells, widths, _COLUMNS, strict=True)
        ]
        return "  ".join(parts).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([title, "", line(header), rule, *(line(r) for r in rows)]) + "\n"
