"""Benchmark: redraw of the sociogram screen when stepping (goal ≤ 50 ms per step).

    python benchmarks/bench_sociogram_screen.py [--steps 100] [--size 80x24] [--size 160x48]

Drives the real app with Textual's Pilot (headless) on two groups: the sample group
`kube-sejahtera-mawar` (6 sessions of ~100 acts, 8 members) and a generated larger one (30
sessions × 500 acts, 12 members, written through the real store). For each terminal size it
times, per key:

* sessions — ← / → back and forth through the whole series (the first pass meets every session
  for the first time: analysis, picture and raster are computed; later passes hit the caches);
* windows — `w` to 10-minute windows, then ] / [ through them, session after session;
* toggles — `f` (with / without the facilitator) and Tab (next member).

What is timed is what a user waits for: from the key event reaching the app (`App.on_event`) to
the end of the first screen update that follows the action (`Screen._compositor_refresh`) —
not `pilot.press`, which also waits for idle. The series worker is allowed to finish first.
Exit status 1 when a p95 misses the goal.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOAL = 0.050
SAMPLE = "kube-sejahtera-mawar"


class Stopwatch:
    """Key arrival → end of the next screen update after the action, for one key at a time."""

    def __init__(self) -> None:
        self.key_at: tuple[float, float] | None = None
        self.acted_at: float | None = None
        self.updates: list[tuple[float, float]] = []

    def key(self) -> None:
        self.key_at = (time.perf_counter(), time.process_time())
        self.acted_at = None

    def acted(self) -> None:
        self.acted_at = time.perf_counter()

    def updated(self) -> None:
        self.updates.append((time.perf_counter(), time.process_time()))

    def latency(self) -> tuple[float, float] | None:
        """(wall seconds, CPU seconds of this process) from the key to the update."""
        if self.key_at is None or self.acted_at is None:
            return None
        after = [u for u in self.updates if u[0] >= self.acted_at]
        if not after:
            return None
        return after[0][0] - self.key_at[0], after[0][1] - self.key_at[1]


def instrument(app, screen, watch: Stopwatch) -> None:
    from textual import events

    on_event = app.on_event

    async def timed_on_event(event):
        if isinstance(event, events.Key):
            watch.key()
        await on_event(event)

    app.on_event = timed_on_event
    changed = screen._changed

    def timed_changed():
        changed()
        watch.acted()

    screen._changed = timed_changed
    refresh = screen._compositor_refresh

    def timed_refresh():
        refresh()
        watch.updated()

    screen._compositor_refresh = timed_refresh


async def press(pilot, watch: Stopwatch, key: str) -> tuple[float, float] | None:
    watch.updates.clear()
    await pilot.press(key)
    for _ in range(200):  # the update timer fires within a frame; wait for it if press did not
        latency = watch.latency()
        if latency is not None or watch.acted_at is None:
            return latency
        await asyncio.sleep(0.002)
    return None


async def run(group_dir: Path, size: tuple[int, int], steps: int) -> dict[str, list[tuple[float, float]]]:
    from kelompok.app import make_app
    from kelompok.tui.screens.sociogram import SociogramScreen

    app = make_app(group_dir.parent, lang="id", offer_samples=False)
    results: dict[str, list[tuple[float, float]]] = {
        "sessions (first visit)": [],
        "sessions (seen before)": [],
        "windows": [],
        "toggles (f, Tab)": [],
    }
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = SociogramScreen(group_dir, 1)
        app.push_screen(screen)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        watch = Stopwatch()
        instrument(app, screen, watch)
        count = len(screen.sessions)
        seen = {screen.index}
        step = 1
        for _ in range(steps):
            if not 0 <= screen.index + step < count:
                step = -step
            target = screen.index + step
            latency = await press(pilot, watch, "right" if step > 0 else "left")
            if latency is not None:
                results["sessions (first visit)" if target not in seen else "sessions (seen before)"].append(latency)
            seen.add(target)
        await pilot.press("w", "w")  # thirds, then 10-minute windows
        done, direction, idle = 0, 1, 0
        while done < steps and idle < count:
            # Through the windows of this session, then on to the next session, back at its first.
            before = done
            while screen.window < len(screen.windows()) - 1 and done < steps:
                latency = await press(pilot, watch, "right_square_bracket")
                if latency is not None:
                    results["windows"].append(latency)
                done += 1
            idle = idle + 1 if done == before else 0
            if not 0 <= screen.index + direction < count:
                direction = -direction
            await pilot.press("right" if direction > 0 else "left")
            await pilot.press(*["left_square_bracket"] * screen.window)
        await pilot.press("w")
        for k in range(steps):
            latency = await press(pilot, watch, "f" if k % 2 else "tab")
            if latency is not None:
                results["toggles (f, Tab)"].append(latency)
    return results


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--size", action="append", default=None, help="terminal size, e.g. 80x24 (repeatable)")
    args = parser.parse_args(argv)
    sizes = [tuple(int(n) for n in s.split("x")) for s in (args.size or ["80x24", "160x48"])]

    sys.path.insert(0, str(HERE))
    from bench_sociogram import make_group

    failed = False
    with tempfile.TemporaryDirectory(prefix="kelompok-bench-") as tmp:
        workspace = Path(tmp)
        shutil.copytree(REPO / "sample_groups" / SAMPLE, workspace / SAMPLE)
        large = make_group(workspace, sessions=30, acts=500, members=12)
        groups = [(f"{SAMPLE} (6 × ~100 acts)", workspace / SAMPLE), ("generated (30 × 500 acts, 12 members)", large)]
        print(
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; wall = what the user waits, cpu = this process's work"
        )
        print(
            f"{'group':<40} {'size':>7} {'what':<24} {'n':>4} {'median':>9} {'p95':>9} {'max':>9} {'cpu p50':>9} {'cpu p95':>9} {'goal':>7}  result"
        )
        for name, folder in groups:
            for size in sizes:
                results = asyncio.run(run(folder, size, args.steps))
                for what, pairs in results.items():
                    if not pairs:
                        continue
                    values, cpu = [w for w, _ in pairs], [c for _, c in pairs]
                    p95 = _p95(values)
                    ok = p95 <= GOAL
                    failed |= not ok
                    print(
                        f"{name:<40} {size[0]:>3}x{size[1]:<3} {what:<24} {len(values):>4} "
                        f"{statistics.median(values) * 1000:>7.1f}ms {p95 * 1000:>7.1f}ms {max(values) * 1000:>7.1f}ms "
                        f"{statistics.median(cpu) * 1000:>7.1f}ms {_p95(cpu) * 1000:>7.1f}ms "
                        f"{GOAL * 1000:>5.0f}ms  {'pass' if ok else 'FAIL'}"
                    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
