"""Benchmark: reading one session file of 1,000 acts, by the fast path and by tomllib alone.

    python benchmarks/bench_read.py [--acts 1000] [--runs 30]

The file is written through the real store (benchmarks/bench_sociogram.py's generator). Timed,
median of runs:

* `load_session_file` — rtoml + the real `Session` model (`fileio.read_model`'s fast path);
* `read_session_acts` — the same, plus the analysis view `kelompok stats` uses;
* tomllib + model — the reference path that words refusals, for comparison.

Budget: the fast path ≤ 10 ms (100 such files are read by a cold `kelompok stats`, whose whole
budget is 1 s). Exit status 1 when it is missed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_sociogram import make_group  # noqa: E402

READ_BUDGET = 0.010


def _median(call, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--acts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)

    from kelompok.sessions.fileio import read_toml, validate
    from kelompok.sessions.models import Session
    from kelompok.sessions.store import load_session_file, session_path
    from kelompok.sociogram.acts import read_session_acts

    with tempfile.TemporaryDirectory(prefix="kelompok-bench-") as tmp:
        path = session_path(make_group(Path(tmp), sessions=1, acts=args.acts), 1)
        rows = [
            ("load_session_file (rtoml + model)", _median(lambda: load_session_file(path), args.runs), READ_BUDGET),
            ("read_session_acts (+ analysis view)", _median(lambda: read_session_acts(path), args.runs), READ_BUDGET),
            (
                "tomllib + model (reference)",
                _median(lambda: validate(Session, read_toml(path, fast=False), path), args.runs),
                None,
            ),
        ]
    print(f"one session file of {args.acts} acts")
    print(f"\n{'measure':<38} {'time':>9} {'goal':>9}  result")
    failed = False
    for name, seconds, budget in rows:
        ok = budget is None or seconds <= budget
        failed |= not ok
        goal = f"{budget * 1000:>7.0f}ms" if budget else f"{'–':>9}"
        print(f"{name:<38} {seconds * 1000:>7.1f}ms {goal}  {'pass' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
