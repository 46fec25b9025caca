"""Statistics of a whole group, as plain JSON-able data: what `kelompok stats GROUP --json` prints.

Shape (floats rounded to 3 places, None where a value is undefined)::

    {"name", "type",
     "sessions": [ {"number", "date", "present", "acts", "facilitator_share", "gini", "density",
                    "reciprocity", "centralization", "pattern",
                    "members": {code: {"out", "in", "to_group", "positions"}},
                    "mutual_pairs", "cliques", "subgroups", "roles",
                    "signals": [{"id", "members", "stage", "model"}],
                    "equity": {attribute: {value: ratio}},
                    "pshifts": {"transitions", "counts", "families", "people"}} … in session order ],
     "equity": {attribute: {value: ratio}},
     "series": {metric id: [one value per session]}}

Per session: `acts` counts every act (to persons and to the group); `density`, `reciprocity` and
`centralization` are of the full graph (facilitator included) and their member-only variants are
in `series` as `*_members`; `gini` is over members present; `out` is acts sent to a person, `in`
acts received, `to_group` acts addressed to the whole group; `members` lists the members present
(and anyone who acted without being marked present). `signals` are exactly what the sociogram
screen and the report show (`signals.session_signals`); `stage` is in the model of the user's
settings (`stage_model`), null for a signal that points to no stage. `equity` is, for each member
attribute the group declares analysable (`Group.analysable_attributes`, nothing else), each
value's share of acts said ÷ its share of members present (1 = in proportion); the top-level
`equity` is over the whole series. `pshifts` are Gibson's participation shifts of the session
(`pshifts.py`): how often each of the thirteen shifts occurred (only those that did), per family,
and per person how often they took the floor by receiving, claiming or usurping a turn.

Computed results are cached in `GROUP/.cache/stats.json` (see `cache.py`): a warm call only stats
the files and reads one JSON file. Heavy modules (networkx, pydantic) are imported only when the
stats have to be computed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kelompok.sociogram import cache

CACHE_NAME = "stats"


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 3)
    return value


# ── computing ───────────────────────────────────────────────────────────────────────────────


def _equity(graph: Any, group: Any) -> dict[str, dict[str, float | None]]:
    from kelompok.sociogram.metrics import equity_ratios

    return {
        key: {value: _round(ratio) for value, ratio in equity_ratios(graph, group, key).items()}
        for key in group.analysable_attributes
    }


def _session_entry(analysis: Any, signals: list[Any], group: Any) -> dict[str, Any]:
    from kelompok.sociogram.metrics import acts_per_member
    from kelompok.sociogram.pshifts import participation_shifts
    from kelompok.sociogram.signals import as_json

    full = analysis.metrics.with_facilitator
    counts = acts_per_member(analysis.graph)
    positions = analysis.sociometry.positions
    return {
        "number": analysis.number,
        "date": analysis.acts.date.isoformat(),
        "present": list(analysis.acts.present),
        "acts": full.acts,
        "facilitator_share": _round(analysis.metrics.facilitator_share),
        "gini": _round(analysis.metrics.without_facilitator.gini),
        "density": _round(full.density),
        "reciprocity": _round(full.reciprocity),
        "centralization": _round(full.centralization),
        "pattern": analysis.pattern.label,
        "members": {
            code: {"out": c.out, "in": c.in_, "to_group": c.to_group, "positions": list(positions.get(code, ()))}
            for code, c in counts.items()
        },
        "mutual_pairs": [list(p) for p in analysis.sociometry.mutual_pairs],
        "cliques": [list(c) for c in analysis.sociometry.cliques],
        "subgroups": [list(c) for c in analysis.sociometry.subgroups],
        "roles": dict(analysis.roles),
        "signals": as_json(signals),
        "equity": _equity(analysis.graph, group),
        "pshifts": participation_shifts(analysis.acts).as_json(),
    }


def compute_stats(group_dir: Path) -> dict[str, Any]:
    """The statistics of a group, computed from its files (no cache).

    Raises `kelompok.sessions.fileio.DataError` when `group.toml` or a session file cannot be
    read — the same error the normal loader gives.
    """
    from kelompok.sessions.store import load_group, session_path, session_numbers
    from kelompok.sociogram.analysis import analyse
    from kelompok.sociogram.dynamics import SERIES_METRICS, metric_values
    from kelompok.sociogram.acts import read_session_acts

    from kelompok.sessions.bulk import bulk_reading
    from kelompok.sociogram.build import series_graph
    from kelompok.sociogram.signals import session_signals

    with bulk_reading():
        group = load_group(group_dir)
        seating = group.seat_order()
        analyses = [analyse(read_session_acts(session_path(group_dir, n)), seating) for n in session_numbers(group_dir)]
        rows = [metric_values(a) for a in analyses]
        signals = session_signals(analyses, planned_sessions=group.planned_sessions, group_type=group.type)
        return {
            "name": group.name,
            "type": group.type,
            "sessions": [_session_entry(a, signals[a.number], group) for a in analyses],
            "series": {name: [_round(row[name]) for row in rows] for name in SERIES_METRICS},
            "equity": _equity(series_graph(a.acts for a in analyses), group) if analyses else {},
        }


def in_model(stats: dict[str, Any], model: str) -> dict[str, Any]:
    """The stats with every signal's stage in `model` ("tuckman", as computed, or "boston")."""
    from kelompok.sociogram.stage_models import stage_in

    if model == "tuckman":
        return stats
    sessions = [
        {
            **entry,
            "signals": [
                {**s, "stage": stage_in(s["stage"], model), "model": model if s["stage"] else None}
                for s in entry["signals"]
            ],
        }
        for entry in stats["sessions"]
    ]
    return {**stats, "sessions": sessions}


def _looks_right(value: Any, key: dict[str, Any]) -> bool:
    # The key already matched; this guards against a hand-edited or half-written value.
    return (
        isinstance(value, dict)
        and {"name", "type", "sessions", "series", "equity"} <= value.keys()
        and isinstance(value["sessions"], list)
        and len(value["sessions"]) == len(key["sessions"])
        and isinstance(value["series"], dict)
    )


def group_stats(group_dir: Path, use_cache: bool = True) -> dict[str, Any]:
    """The statistics of a group (see the module doc for the shape), from the cache when the
    group's files are unchanged, else computed and cached."""
    group_dir = Path(group_dir)
    if not use_cache:
        return compute_stats(group_dir)
    # The key is taken *before* reading: if a file changes while we compute, the stored key is
    # already out of date and the next call recomputes, so a stale result is never served.
    key = cache.fingerprint(group_dir)
    cached = cache.read(group_dir, CACHE_NAME, key)
    if cached is not None and _looks_right(cached, key):
        return cached
    stats = compute_stats(group_dir)
    cache.write(group_dir, CACHE_NAME, key, stats)
    return stats
