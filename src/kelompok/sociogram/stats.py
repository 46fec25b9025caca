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
stats have to be computed. A big series is read and analysed in several processes when
`sessions/bulk.py` says it is safe and worth it (`compute_stats`); the result is the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


def _session_entry(analysis: Any, group: Any) -> dict[str, Any]:
    """One session's entry; its "signals" (which need the whole series) are filled in later."""
    from kelompok.sociogram.metrics import acts_per_member
    from kelompok.sociogram.pshifts import participation_shifts

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
        "signals": [],
        "equity": _equity(analysis.graph, group),
        "pshifts": participation_shifts(analysis.acts).as_json(),
    }


def _analysed(paths: list[Path], seating: list[str], group: Any) -> list[tuple[Any, dict[str, Any]]]:
    """Read and analyse session files: per file its `Analysis` and its entry (signals apart)."""
    from kelompok.sociogram.acts import read_session_acts
    from kelompok.sociogram.analysis import analyse

    parts = []
    for path in paths:
        analysis = analyse(read_session_acts(path), seating)
        parts.append((analysis, _session_entry(analysis, group)))
    return parts


class _ActsLeftInWorker:
    """Stands in for the acts of an analysis sent back from a worker process.

    What the parent does with the analyses (signals, series metrics, equity) reads their
    graphs, metrics and session headers, never the acts, and pickling 100,000 acts back costs
    a third of what the workers save. Any use of them fails loudly rather than seeing no acts.
    """

    def _refuse(self, *args: Any) -> Any:
        raise RuntimeError("the acts of this analysis stayed in the worker process that read them")

    __iter__ = __len__ = __getitem__ = __bool__ = _refuse


def _analysed_share(paths: list[Path], seating: list[str], group: Any) -> list[tuple[Any, dict[str, Any]]]:
    """`_analysed` in a worker process, with the acts left behind (`_ActsLeftInWorker`)."""
    from dataclasses import replace

    light = _ActsLeftInWorker()
    return [(replace(a, acts=replace(a.acts, acts=light)), entry) for a, entry in _analysed(paths, seating, group)]


def _analysed_in(processes: int, paths: list[Path], seating: list[str], group: Any) -> list[tuple[Any, dict[str, Any]]]:
    """`_analysed`, shared out over forked processes (`sessions/bulk.py` says when)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Every k-th file to each process: long and short sessions are spread evenly.
    shares = [paths[k::processes] for k in range(processes)]
    try:
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            with _workers_deaf_to_ctrl_c():
                futures = [pool.submit(_analysed_share, share, seating, group) for share in shares]
            try:
                done = [future.result() for future in futures]
            except KeyboardInterrupt:
                for worker in multiprocessing.active_children():
                    worker.kill()  # the user stopped the command: no reason to let them finish
                raise
    except (BrokenProcessPool, OSError, ImportError):
        # A worker died (out of memory, killed), or this system cannot run a pool (no working
        # semaphores): read here instead.
        return _analysed(paths, seating, group)
    parts: list[Any] = [None] * len(paths)
    for k, share in enumerate(done):
        parts[k::processes] = share
    return parts


@contextmanager
def _workers_deaf_to_ctrl_c() -> Iterator[None]:
    """Processes forked inside ignore Ctrl-C: the parent takes it and stops them. Otherwise each
    worker would take it too and print the traceback of whatever it was waiting on."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a handler (and bulk_processes forks only from it)
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _total_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            total += path.stat().st_size
        except OSError:
            pass  # reading it will say what is wrong
    return total


def compute_stats(group_dir: Path, processes: int | None = None) -> dict[str, Any]:
    """The statistics of a group, computed from its files (no cache).

    `processes`: how many processes read the sessions; by default `bulk.bulk_processes` decides
    (one, unless the series is big and this is a single-threaded Linux process). The result is
    the same either way. Raises `kelompok.sessions.fileio.DataError` when `group.toml` or a
    session file cannot be read — the same error the normal loader gives.
    """
    from kelompok.sessions.bulk import bulk_processes, bulk_reading
    from kelompok.sessions.store import load_group, session_numbers, session_path
    from kelompok.sociogram.build import merged_graph
    from kelompok.sociogram.dynamics import SERIES_METRICS, metric_values
    from kelompok.sociogram.signals import as_json, session_signals

    with bulk_reading():
        group = load_group(group_dir)
        seating = group.seat_order()
        paths = [session_path(group_dir, n) for n in session_numbers(group_dir)]
        if processes is None:
            processes = bulk_processes(_total_bytes(paths))
        processes = min(processes, len(paths))
        parts = _analysed_in(processes, paths, seating, group) if processes > 1 else _analysed(paths, seating, group)
        analyses = [analysis for analysis, _ in parts]
        rows = [metric_values(a) for a in analyses]
        signals = session_signals(analyses, planned_sessions=group.planned_sessions, group_type=group.type)
        for analysis, entry in parts:
            entry["signals"] = as_json(signals[analysis.number])
        return {
            "name": group.name,
            "type": group.type,
            "sessions": [entry for _, entry in parts],
            "series": {name: [_round(row[name]) for row in rows] for name in SERIES_METRICS},
            "equity": _equity(merged_graph(a.graph for a in analyses), group) if analyses else {},
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
