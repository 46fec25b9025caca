"""Benchmark: `group_stats` on a group of 100 sessions × 1,000 acts, cold and warm.

    python benchmarks/bench_sociogram.py [--sessions 100] [--acts 1000] [--runs 5]

Generates the group deterministically in a temporary folder (written through the real store, so
the files look exactly like the app's), then times:

* cold — no cache: reading every session file and computing everything (median of runs; the
  first run in a fresh process also pays the networkx and pydantic imports, reported apart);
* warm — the cache is valid: fingerprint the files and read `.cache/stats.json` (median).

Cold runs read the series as `kelompok stats` does: shared out over forked processes on a
multi-core Linux machine (`sessions/bulk.py`). The one-process time — what Windows, macOS, a
one-core machine and the TUI's worker threads get — is reported too, for information.

Budgets: cold ≤ 1 s, warm ≤ 50 ms. Exit status 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import compileall
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COLD_BUDGET = 1.0
WARM_BUDGET = 0.050

_IPA_TONE = {1: "positive", 2: "positive", 3: "positive", 10: "negative", 11: "negative", 12: "negative"}


def make_group(folder: Path, sessions: int = 100, acts: int = 1000, members: int = 10, seed: int = 20261123) -> Path:
    """Write a deterministic group with `sessions` session files of `acts` acts each."""
    from kelompok.sessions.models import MEZZO_ROLE_IDS, Attendance, Event, Group, Member, Session
    from kelompok.sessions.store import save_group, save_session

    rng = random.Random(seed)
    roster = [
        Member(code=f"A{i}", name=f"Anggota {i}", attributes={"gender": "p" if i % 2 else "l", "desa": f"D{i % 3}"})
        for i in range(1, members + 1)
    ]
    group = Group(name="Benchmark", type="self_help", members=roster, seating=[m.code for m in roster])
    group_dir = folder / "benchmark"
    save_group(group_dir, group)
    # A talkative few and a quiet few, as Bales observed; the weights drift over the series.
    base = [rng.uniform(0.3, 3.0) for _ in roster]
    for number in range(1, sessions + 1):
        coding = ("off", "valence", "ipa")[number % 3]
        present = [m.code for m in roster if rng.random() < 0.9]
        attendance = [Attendance(member=m.code, status="present" if m.code in present else "absent") for m in roster]
        facilitator_weight = max(0.5, 6.0 - number * 0.05) * len(present) / 4
        speakers = ["facilitator", *present]
        weights = [facilitator_weight] + [base[int(c[1:]) - 1] for c in present]
        events: list[Event] = []
        at = 0.0
        seq = 0
        while sum(1 for e in events if e.kind == "speak") < acts:
            seq += 1
            at += round(rng.uniform(0.5, 6.0), 1)
            speaker = rng.choices(speakers, weights)[0]
            others = [s for s in speakers if s != speaker]
            to = "group" if rng.random() < 0.2 else rng.choice(others)
            ipa = rng.randint(1, 12) if coding == "ipa" else None
            valence = rng.choice(("positive", "task", "task", "negative")) if coding == "valence" else None
            role = rng.choice(MEZZO_ROLE_IDS) if rng.random() < 0.2 else None
            events.append(
                Event(seq=seq, at=round(at, 1), **{"from": speaker}, to=to, ipa=ipa, valence=valence, role=role)
            )
            if rng.random() < 0.01:  # an occasional slip, undone at once
                seq += 1
                events.append(Event(seq=seq, at=round(at, 1), kind="undo", undoes=seq - 1))
        session = Session(
            number=number,
            date=dt.date(2026, 1, 5) + dt.timedelta(weeks=number - 1),
            state="ended",
            coding=coding,
            attendance=attendance,
            events=events,
            notes="Catatan sesi.\nBaris kedua.",
        )
        save_session(group_dir, session)
    return group_dir


def _time(call, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def _fresh_process_cold(group_dir: Path, processes: int | None = None) -> float:
    """Cold stats in a new interpreter, imports included (what `kelompok stats` pays)."""
    code = (
        "import time, sys; t = time.perf_counter();"
        "from pathlib import Path; from kelompok.sociogram.stats import compute_stats;"
        f"compute_stats(Path({str(group_dir)!r}), processes={processes!r});"
        "print(time.perf_counter() - t)"
    )
    # With bytecode, as an installed kelompok runs (pip compiles it); not the compiler's time.
    compileall.compile_dir(Path(__file__).resolve().parent.parent / "src" / "kelompok", quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, env=env)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--acts", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from kelompok.sessions.bulk import bulk_processes
    from kelompok.sociogram import cache
    from kelompok.sociogram.stats import CACHE_NAME, compute_stats, group_stats

    with tempfile.TemporaryDirectory(prefix="kelompok-bench-") as tmp:
        started = time.perf_counter()
        group_dir = make_group(Path(tmp), args.sessions, args.acts)
        print(f"generated {args.sessions} sessions × {args.acts} acts in {time.perf_counter() - started:.1f} s")

        size = sum(f.stat().st_size for f in (group_dir / "sessions").glob("*.toml"))
        print(f"{bulk_processes(size)} process(es) read the series ({size / 1e6:.1f} MB of session files)")
        fresh = _fresh_process_cold(group_dir)
        fresh_one = _fresh_process_cold(group_dir, processes=1)
        cold = _time(lambda: group_stats(group_dir, use_cache=False), args.runs)
        cold_one = _time(lambda: compute_stats(group_dir, processes=1), args.runs)
        cache.cache_path(group_dir, CACHE_NAME).unlink(missing_ok=True)
        first = group_stats(group_dir)  # cold with cache write
        warm = _time(lambda: group_stats(group_dir), max(args.runs, 10))
        assert group_stats(group_dir) == first, "warm result differs from cold result"

    rows = [
        ("cold, fresh process (imports incl.)", fresh, COLD_BUDGET),
        ("cold, median", statistics.median(cold), COLD_BUDGET),
        ("warm (cache hit), median", statistics.median(warm), WARM_BUDGET),
        ("cold, one process, fresh (information)", fresh_one, None),
        ("cold, one process, median (information)", statistics.median(cold_one), None),
    ]
    print(f"\n{'measure':<40} {'time':>9} {'goal':>9}  result")
    failed = False
    for name, seconds, budget in rows:
        if budget is None:
            print(f"{name:<40} {seconds * 1000:>7.1f}ms")
            continue
        ok = seconds <= budget
        failed |= not ok
        print(f"{name:<40} {seconds * 1000:>7.1f}ms {budget * 1000:>7.0f}ms  {'pass' if ok else 'FAIL'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
