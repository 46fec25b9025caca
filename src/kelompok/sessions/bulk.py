"""The one garbage-collection policy of kelompok: reading many session files at once.

Reading a series (`kelompok stats`, the sociogram of a whole group) builds and drops tens of
thousands of objects per file: rtoml's tables, the pydantic models, the acts. Reference counting
frees all of them (none of them form cycles), but every 700 allocations CPython's cyclic
collector runs, and the full collections then scan every object the process holds, imports
included. Measured with `benchmarks/bench_sociogram.py` (100 sessions × 1,000 acts): five full
collections cost 168 ms of a 1.22 s computation, without finding anything to free.

So a bulk read pauses the cyclic collector and lets it run again afterwards; nothing else in
kelompok touches the collector (no screen freezes or collects). See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import gc
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
