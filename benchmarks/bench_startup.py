"""Benchmark: start-up of the home screen against a bare Textual app (goal: ratio ≤ 1.2).

    python benchmarks/bench_startup.py [--runs 11]

Two child processes are started alternately, `--runs` times each, in one run of this script:

* kelompok — `make_app` on a copy of `sample_groups/`, the home screen listing the ten groups;
* bare — a Textual app with Header, DataTable (the same five columns and ten rows) and Footer.

Each child runs headless and prints `ready` from Textual's `auto_pilot` hook, which runs once the
first screen is mounted, after one `pilot.pause()` (the first frame is composed and the app takes
keys). What is timed is process start → `ready` read by this script, so interpreter start, imports
and the first frame all count, the same way for both. The ratio is of the medians.
Also printed: `import kelompok.app` against `import textual.app` (medians, `-X importtime`-free).
Exit status 1 when the ratio misses the goal.
"""

from __future__ import annotations

import argparse
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

KELOMPOK = """
import sys
from pathlib import Path
from kelompok.app import make_app

async def ready(pilot):
    await pilot.pause()
    print("ready", flush=True)
    pilot.app.exit()

make_app(Path(sys.argv[1]), lang="id", offer_samples=False).run(headless=True, size=(100, 30), auto_pilot=ready)
"""

BARE = """
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

async def ready(pilot):
    await pilot.pause()
    print("ready", flush=True)
    pilot.app.exit()

Bare().run(headless=True, size=(100, 30), auto_pilot=ready)
"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), env.get("PYTHONPATH", "")]))
    env["KELOMPOK_HOME"] = tempfile.mkdtemp(prefix="kelompok-bench-home-")  # no user settings
    return env


def time_child(code: str, *args: str, env: dict[str, str]) -> float:
    """Seconds from starting the child to reading its `ready` line."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "ready":
            elapsed = time.perf_counter() - start
            break
    else:
        raise RuntimeError(f"the child never got ready (exit {child.wait()})")
    child.stdout.read()
    child.wait()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    env = _env()
    workspace = Path(tempfile.mkdtemp(prefix="kelompok-bench-ws-")) / "ws"
    shutil.copytree(REPO / "sample_groups", workspace)
    home: list[float] = []
    bare: list[float] = []
    imports: dict[str, list[float]] = {"kelompok.app": [], "textual.app": []}
    try:
        time_child(BARE, env=env)  # warm the file cache and the bytecode for both
        time_child(KELOMPOK, str(workspace), env=env)
        for _ in range(args.runs):
            home.append(time_child(KELOMPOK, str(workspace), env=env))
            bare.append(time_child(BARE, env=env))
            for module in imports:
                imports[module].append(time_child(f"import {module}; print('ready', flush=True)", env=env))
    finally:
        shutil.rmtree(workspace.parent, ignore_errors=True)
        shutil.rmtree(env["KELOMPOK_HOME"], ignore_errors=True)
    ratio = statistics.median(home) / statistics.median(bare)
    print(f"{'what':<34}{'median ms':>10}")
    print(f"{'home screen on the samples':<34}{statistics.median(home) * 1000:>10.0f}")
    print(f"{'bare Textual app':<34}{statistics.median(bare) * 1000:>10.0f}")
    print(f"{'import kelompok.app':<34}{statistics.median(imports['kelompok.app']) * 1000:>10.0f}")
    print(f"{'import textual.app':<34}{statistics.median(imports['textual.app']) * 1000:>10.0f}")
    verdict = "ok" if ratio <= GOAL else "MISSED"
    print(f"start-up ratio {ratio:.2f} (goal ≤ {GOAL}) {verdict}  [{args.runs} alternated runs each]")
    return 0 if ratio <= GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
