"""kelompok's one garbage-collection policy (for bulk reads, and the running app's one setting),
and when a bulk read of many session files is shared out over processes.

Reading a series (`kelompok stats`, the sociogram of a whole group) builds and drops tens of
thousands of objects per file: rtoml's tables, the pydantic models, the acts. Reference counting
frees all of them (none of them form cycles), but every 700 allocations CPython's cyclic
collector runs, and the full collections then scan every object the process holds, imports
included. Measured with `benchmarks/bench_sociogram.py` (100 sessions × 1,000 acts): five full
collections cost 168 ms of a 1.22 s computation, without finding anything to free.

So a bulk read pauses the cyclic collector and lets it run again afterwards. The app, which
keeps its screens redrawing for hours, collects the young generation less often
(`collect_young_less_often`). Nothing else in kelompok touches the collector (no screen freezes
or collects). See docs/ARCHITECTURE.md.

Reading and analysing the sessions of a series is independent per session and all CPU work, so
a big series is shared out over forked processes (`bulk_processes`): about two thirds of the
cold `kelompok stats` time on two cores. Forking is only safe in a process with a single
thread, and only cheap where the children inherit the imports: on Linux, from the main thread
of a command-line run. The TUI's workers, Windows and macOS (where CPython advises against
fork) read in one process, with the same results.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
"""Bulk reads under way (a worker thread and the main thread may overlap): the last one out
turns the collector back on, and only if it was on when the first one came in."""
_was_enabled = True


@contextmanager
def bulk_reading() -> Iterator[None]:
    """Pause the cyclic garbage collector while many session files are read and analysed."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


YOUNG_GENERATION_SIZE = 10_000
"""Allocations between two collections of the youngest generation (CPython's default is 700)."""


def collect_young_less_often() -> None:
    """The TUI's collector setting, made once when the app starts.

    Textual's strips cache what they are cut into, and an uncut strip is cached as itself, so
    nearly every line a screen draws is a small reference cycle that only the collector frees.
    With a young collection every 700 allocations, those lines are still on screen when it runs:
    they are promoted, die old, and their number sets off full collections over everything the
    app holds. Measured with benchmarks/bench_sociogram_screen.py at 160×48 on 30 sessions × 500
    acts: 59 full collections of 40–107 ms each, a step's p95 70–88 ms (goal 50 ms). Every 10,000
    allocations, the lines die young: 1–2 full collections, p95 19–21 ms, young passes ≤ 5 ms.
    """
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_SIZE, middle, old)


PARALLEL_MIN_BYTES = 2_000_000
"""Session files smaller than this in total (about 25 sessions of 1,000 acts, a quarter of a
second in one process) are read in this process: the wait is short anyway, and the workers are
kept for the series where it is felt (starting them costs about 12 ms)."""
MAX_PROCESSES = 8
"""A cap: past a few workers the parent's own part (imports, signals, the series) is most of the
wait, and each further worker adds mostly memory."""


def bulk_processes(total_bytes: int) -> int:
    """How many processes should read a series of `total_bytes` of session files (1: this one)."""
    if total_bytes < PARALLEL_MIN_BYTES or not sys.platform.startswith("linux"):
        return 1
    # A fork copies only the calling thread: another thread holding a lock (a logging handler, a
    # Textual worker) would leave the child waiting on it for ever.
    if threading.current_thread() is not threading.main_thread() or threading.active_count() > 1:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, MAX_PROCESSES))
