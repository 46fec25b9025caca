"""Benchmark: start-up of the home screen against a bare Textual app (goal: ratio ≤ 1.2).

    python benchmarks/bench_startup.py [--runs 11]

Two child processes are started alternately, `--runs` times each, in one run of this script:

* kelompok — `make_app` on a copy of `sample_groups/`, the home screen listing the ten groups;
* bare — a Textual app with Header, DataTable (the same five columns and ten rows) and Footer.

Each child runs headless. What is timed is process start → the child's `ready` line read by this
script, so interpreter start, imports and the first frame all count, the same way for both.
`ready` is the first *interactive* frame, with public Textual API only: the first screen's table
shows its rows, a Down key posted to the app has moved the table's cursor (so the app takes keys;
seen by a watcher on the cursor, not by polling),
and the screen has refreshed after that (`wait_for_refresh`). The ratio is of the medians.

Then each child waits until the process is idle (`pilot.pause()`, which waits until CPU time stops
advancing, at most 1 s) and prints `idle`: for kelompok that includes the home screen's details
worker (every session read and validated, the sync state), which runs *after* the first frame.
Until 2026-12 the ratio was taken at `idle`, which counted that worker as start-up; both figures
are printed so that neither hides the other.
Both run with bytecode, as installed packages do (the sources under `src/` are compiled first).
Also printed: `import kelompok.app` against `import textual.app` (medians, `-X importtime`-free).
Exit status 1 when the ratio misses the goal.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
GOAL = 1.2

READY = """
import asyncio
from textual import events
from textual.widgets import DataTable

async def ready(pilot):
    # The first interactive frame: rows shown, a key handled, the screen refreshed; then idle.
    app = pilot.app
    while not (tables := app.screen.query(DataTable)) or not tables.first().row_count:
        await asyncio.sleep(0.002)
    table = tables.first()
    # Waited for with a watcher, not by polling: each 2 ms poll gave the GIL to any thread the
    # app runs after its first frame (kelompok's details worker), and timed that hand-over.
    moved = asyncio.Event()
    table.watch(table, "cursor_coordinate", lambda cursor: cursor.row == 1 and moved.set(), init=False)
    app.post_message(events.Key("down", None))
    await moved.wait()
    await app.screen.wait_for_refresh()
    print("ready", flush=True)
    await pilot.pause()
    print("idle", flush=True)
    app.exit()
"""

KELOMPOK = (
    READY
    + """
import sys
from pathlib import Path
from kelompok.app import make_app

make_app(Path(sys.argv[1]), lang="id", offer_samples=False).run(headless=True, size=(100, 30), auto_pilot=ready)
"""
)

BARE = (
    READY
    + """
from textual.app import App
from textual.widgets import DataTable, Footer, Header

class Bare(App):
    def compose(self):
        yield Header()
        yield DataTable()
        yield Footer()

    def on_mount(self):
        table = self.query_one(DataTable)
        table.add_columns("Kelompok", "Jenis", "Anggota", "Sesi", "Keterangan")
        for i in range(10):
            table.add_row(f"Kelompok {i}", "Kelompok tugas", "8", "5", "")

Bare().run(headless=True, size=(100, 30), auto_pilot=ready)
"""
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # An installed kelompok has its bytecode (pip compiles it), as Textual's in site-packages has:
    # a child compiling kelompok's sources on every start would time the compiler, not start-up.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(REPO / "src" / "kelompok", quiet=1)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH", "")]))
    env["KELOMPOK_HOME"] = tempfile.mkdtemp(prefix="kelompok-bench-home-")  # no user settings
    return env


def time_child(code: str, *args: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting the child to reading its `ready` line, and to its `idle` line (or exit)."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    ready = None
    for line in child.stdout:
        if line.strip() == "ready":
            ready = time.perf_counter() - start
        elif line.strip() == "idle":
            break
    if ready is None:
        raise RuntimeError(f"the child never got ready (exit {child.wait()})")
    idle = time.perf_counter() - start
    child.stdout.read()
    child.wait()
    return ready, idle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = _env()
    workspace = Path(tempfile.mkdtemp(prefix="kelompok-bench-ws-")) / "ws"
    shutil.copytree(REPO / "sample_groups", workspace)
    runs: dict[str, list[tuple[float, float]]] = {"home": [], "bare": [], "kelompok.app": [], "textual.app": []}
    load_before = os.getloadavg()[0]
    try:
        time_child(BARE, env=env)  # warm the file cache and the bytecode for both
        time_child(KELOMPOK, str(workspace), env=env)
        for _ in range(args.runs):
            runs["home"].append(time_child(KELOMPOK, str(workspace), env=env))
            runs["bare"].append(time_child(BARE, env=env))
            for module in ("kelompok.app", "textual.app"):
                runs[module].append(time_child(f"import {module}; print('ready', flush=True)", env=env))
    finally:
        shutil.rmtree(workspace.parent, ignore_errors=True)
        shutil.rmtree(env["KELOMPOK_HOME"], ignore_errors=True)

    def figures(name: str, which: int = 0) -> tuple[float, float, float]:
        values = sorted(run[which] * 1000 for run in runs[name])
        return statistics.median(values), values[0], values[-1]

    rows = [
        ("home screen, first interactive frame", figures("home")),
        ("bare Textual app, first interactive frame", figures("bare")),
        ("home screen, idle (details filled)", figures("home", 1)),
        ("bare Textual app, idle", figures("bare", 1)),
        ("import kelompok.app", figures("kelompok.app")),
        ("import textual.app", figures("textual.app")),
    ]
    print(f"{'what':<44}{'median ms':>10}{'min–max ms':>14}")
    for what, (median, low, high) in rows:
        print(f"{what:<44}{median:>10.0f}{f'{low:.0f}–{high:.0f}':>14}")
    ratio = figures("home")[0] / figures("bare")[0]
    ratio_idle = figures("home", 1)[0] / figures("bare", 1)[0]
    # Each pair's own ratio shows how much the load of the machine moved the figures.
    pairs = sorted(home[0] / bare[0] for home, bare in zip(runs["home"], runs["bare"], strict=True))
    verdict = "ok" if ratio <= GOAL else "MISSED"
    print(f"load average (1 min) before {load_before:.2f}, after {os.getloadavg()[0]:.2f}")
    print(f"ratio per pair: min {pairs[0]:.2f}, median {statistics.median(pairs):.2f}, max {pairs[-1]:.2f}")
    print(f"ratio at idle {ratio_idle:.2f} (for information)")
    print(f"start-up ratio {ratio:.2f} (goal ≤ {GOAL}) {verdict}  [{args.runs} alternated runs each]")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
