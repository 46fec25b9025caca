"""Benchmark: every export format for a 1,000-act session, and the report for a 20-session group.

    python benchmarks/bench_export.py [--acts 1000] [--sessions 20] [--members 12] [--runs 5]

Generates a deterministic group (the generator of `bench_sociogram.py`, written through the real
store) and times, median of `--runs` in one warm process (the first call's imports are reported
apart):

* `export_group(GROUP, 1, FMT, out)` for every format — reading the session file, analysing it,
  rendering and writing the file atomically, as `kelompok export` does after start-up;
* `write_report(GROUP, out)` as HTML and as Markdown for the whole series of `--sessions`.

Budgets: each export ≤ 1 s, the report ≤ 5 s. Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXPORT_BUDGET = 1.0
REPORT_BUDGET = 5.0


def _generator():
    spec = importlib.util.spec_from_file_location("bench_sociogram", HERE / "bench_sociogram.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_group


def _median(action, runs: int) -> tuple[float, float]:
    """(first call, median of the following `runs`) in seconds."""
    start = time.perf_counter()
    action()
    first = time.perf_counter() - start
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return first, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=1000)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--members", type=int, default=12)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent / "src"))
    make_group = _generator()

    from kelompok.i18n import set_language
    from kelompok.outputs.export import EXTENSIONS, FORMATS, export_group
    from kelompok.outputs.report import write_report

    set_language("id")
    rows: list[tuple[str, float, float, float, int]] = []
    with tempfile.TemporaryDirectory(prefix="kelompok-bench-export-") as folder:
        work = Path(folder)
        group_dir = make_group(work / "one", sessions=1, acts=args.acts, members=args.members)
        for fmt in FORMATS:
            out = work / f"out{EXTENSIONS[fmt]}"
            first, median = _median(lambda fmt=fmt, out=out: export_group(group_dir, 1, fmt, out), args.runs)
            rows.append(
                (f"export {fmt} · 1 session × {args.acts:,} acts", first, median, EXPORT_BUDGET, out.stat().st_size)
            )
        series_dir = make_group(work / "series", sessions=args.sessions, acts=args.acts, members=args.members)
        for fmt in ("html", "md"):
            out = work / f"report.{fmt}"
            first, median = _median(
                lambda fmt=fmt, out=out: write_report(series_dir, out, fmt=fmt), max(1, args.runs // 2)
            )
            rows.append(
                (
                    f"report {fmt} · {args.sessions} sessions × {args.acts:,} acts",
                    first,
                    median,
                    REPORT_BUDGET,
                    out.stat().st_size,
                )
            )

    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'first':>8}  {'median':>8}  {'budget':>7}  {'size':>9}  ok")
    missed = 0
    for name, first, median, budget, size in rows:
        ok = median <= budget
        missed += not ok
        print(
            f"{name:<{width}}  {first * 1000:>6.0f}ms  {median * 1000:>6.0f}ms  {budget:>6.1f}s  {size / 1024:>7.0f}kB  {'yes' if ok else 'NO'}"
        )
    print("first = first call in this process (includes imports); median of the runs after it.")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
