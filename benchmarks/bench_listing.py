"""Benchmark: why listing 200 groups costs more per group than listing 1 (issue 12 measured 1.99×).

    python benchmarks/bench_listing.py [--groups 200] [--runs 7]

`bench_foundation` (c) compares `store.list_groups` per group: 200 groups × 20 sessions against
1 group × 20 sessions, and reported ratios that moved between runs (1.2–2.0×). This script takes
the listing apart to say where the difference comes from:

1. the per-group time at 1, 10, 50 and N groups: wall time with the garbage collector on (as in
   the app) and off during the timed call, and this thread's CPU time; and the ratio taken the
   way bench_foundation takes it (median of 7 big calls against median of 201 small calls);
2. the per-group CPU time of each step of `list_groups` (stat the folder and its `group.toml`,
   read the bytes, parse the TOML, validate the `Group` model, count the session files), over the
   small and the big workspace;
3. the home screen's own listing (`listing.list_group_lines`: plain TOML, no model), the same way.

Runs alternate small and big workspaces so that the load of the machine hits both alike; the
figures are medians, with the spread of the per-group ratio.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from bench_foundation import (  # the same groups and sessions (this folder is on sys.path)
    make_session,
    make_workspace,
)

from kelompok import listing
from kelompok.sessions import store
from kelompok.sessions.fileio import dump_model, validate
from kelompok.sessions.models import Group


def timed(
    function: Callable[[], object],
    *,
    collect: bool = True,
    clock: Callable[[], float] = time.perf_counter,
) -> float:
    """One call's time (wall clock, or `time.thread_time` for CPU); `collect=False`: no collector during the call."""
    enabled = gc.isenabled()
    if not collect:
        gc.disable()
    try:
        started = clock()
        function()
        return clock() - started
    finally:
        if enabled:
            gc.enable()


def per_group(
    workspace: Path,
    groups: int,
    function: Callable[[Path], object],
    runs: int,
    **how: object,
) -> list[float]:
    # Small workspaces are listed more often per run, so that each figure is not one timer tick.
    repeat = max(1, 200 // groups)
    return [
        sum(timed(lambda: function(workspace), **how) for _ in range(repeat)) / repeat / groups for _ in range(runs)
    ]


STEPS = (
    "stat (is_group_dir)",
    "read group.toml",
    "parse TOML",
    "validate Group",
    "count sessions",
)


def steps(workspace: Path) -> dict[str, float]:
    """CPU seconds per group of each step `list_groups` takes (this thread's CPU time: the load of
    the machine preempts a long loop over 200 groups far more often than a loop over one)."""
    folders = [Path(entry.path) for entry in sorted(os.scandir(workspace), key=lambda e: e.name) if entry.is_dir()]
    totals = dict.fromkeys(STEPS, 0.0)
    clock = time.thread_time
    for folder in folders:
        marks = [clock()]
        store.is_group_dir(folder)
        marks.append(clock())
        data = (folder / store.GROUP_FILE).read_bytes()
        marks.append(clock())
        parsed = tomllib.loads(data.decode("utf-8"))
        marks.append(clock())
        validate(Group, parsed, folder / store.GROUP_FILE)
        marks.append(clock())
        store.session_numbers(folder)
        marks.append(clock())
        for name, start, end in zip(STEPS, marks, marks[1:], strict=False):
            totals[name] += end - start
    return {name: total / len(folders) for name, total in totals.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    sizes = sorted({1, 10, 50, args.groups})
    rng = random.Random(3)
    sessions = [dump_model(make_session(n, 200, rng)) for n in range(1, 21)]
    print(f"load average (1 min) {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="kelompok-bench-listing-") as tmp:
        root = Path(tmp)
        workspaces = {size: make_workspace(root / f"ws-{size}", size, sessions) for size in sizes}
        for workspace in workspaces.values():
            store.list_groups(workspace)  # warm the file cache, the bytecode and pydantic

        print(f"\n1. store.list_groups, µs per group (median of {args.runs}; runs alternate the sizes)")
        print(f"{'groups':>8}{'gc on':>10}{'gc off':>10}{'CPU only':>10}{'home list':>11}")
        figures: dict[int, dict[str, list[float]]] = {
            size: {"on": [], "off": [], "cpu": [], "light": []} for size in sizes
        }
        for _ in range(args.runs):
            for size, workspace in workspaces.items():
                figures[size]["on"] += per_group(workspace, size, store.list_groups, 1)
                figures[size]["off"] += per_group(workspace, size, store.list_groups, 1, collect=False)
                figures[size]["cpu"] += per_group(workspace, size, store.list_groups, 1, clock=time.thread_time)
                figures[size]["light"] += per_group(workspace, size, listing.list_group_lines, 1)
        for size in sizes:
            on, off, cpu, light = (statistics.median(figures[size][k]) * 1e6 for k in ("on", "off", "cpu", "light"))
            print(f"{size:>8}{on:>10.0f}{off:>10.0f}{cpu:>10.0f}{light:>11.0f}")
        big, small = args.groups, 1
        for label, key in (
            ("gc on", "on"),
            ("gc off", "off"),
            ("CPU time of this thread", "cpu"),
            ("home list", "light"),
        ):
            pairs = sorted(b / s for b, s in zip(figures[big][key], figures[small][key], strict=True))
            ratio = statistics.median(figures[big][key]) / statistics.median(figures[small][key])
            print(f"ratio {big}/1 per group, {label}: {ratio:.2f}× (per run {pairs[0]:.2f}–{pairs[-1]:.2f})")

        # bench_foundation's way: the big workspace's median of 7 long calls against the small one's
        # median of 201 short calls. A 0.1 s call on a shared machine is almost always preempted
        # somewhere; the median of 201 calls of 0.5 ms picks the ones that were not.
        big_wall = statistics.median(timed(lambda: store.list_groups(workspaces[big])) for _ in range(7)) / big
        small_wall = statistics.median(timed(lambda: store.list_groups(workspaces[small])) for _ in range(201))
        print(f"bench_foundation's way (7 big calls vs 201 small calls): {big_wall / small_wall:.2f}×")

        print("\n2. each step of list_groups, CPU µs per group (median of the runs)")
        by_step: dict[int, dict[str, list[float]]] = {small: {}, big: {}}
        for _ in range(args.runs):
            for size in (small, big):
                for name, seconds in steps(workspaces[size]).items():
                    by_step[size].setdefault(name, []).append(seconds)
        print(f"{'step':<22}{'1 group':>10}{f'{big} groups':>12}{'ratio':>8}")
        for name in by_step[small]:
            one, many = (
                statistics.median(by_step[small][name]) * 1e6,
                statistics.median(by_step[big][name]) * 1e6,
            )
            print(f"{name:<22}{one:>10.1f}{many:>12.1f}{many / one:>8.2f}")
        print(f"\ngc thresholds {gc.get_threshold()}; tracked objects after the runs: {len(gc.get_objects())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
