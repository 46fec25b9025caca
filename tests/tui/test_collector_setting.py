"""The app's one collector setting (sessions/bulk.py): young collections every 10,000 allocations
once the app runs, so the lines Textual draws die young instead of setting off full collections
(benchmarks/bench_sociogram_screen.py measures the pauses)."""

from __future__ import annotations

import gc
from pathlib import Path

from kelompok.app import make_app
from kelompok.sessions.bulk import YOUNG_GENERATION_SIZE


async def test_the_running_app_collects_the_young_generation_less_often(tmp_path: Path):
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's default
    try:
        app = make_app(tmp_path, lang="en", offer_samples=False)
        assert gc.get_threshold() == (700, 10, 10)  # building the app changes nothing yet
        async with app.run_test():
            assert gc.get_threshold() == (YOUNG_GENERATION_SIZE, 10, 10)  # only the young one
            assert gc.isenabled()
    finally:
        gc.set_threshold(*before)
