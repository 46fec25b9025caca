"""Foundation benchmarks: durable recording, loading a long session, listing a big workspace.

    python benchmarks/bench_foundation.py [--quick] [--strict]

Prints `metric | figure | goal | ok` (exits 1 on a missed goal only with `--strict`). All data is generated in a
temporary folder (on the same disk as the system temp dir) with the models and the store.

What is compared, and why:

(a) record one event: the median wall time of `Recorder.speak` (validate + journal write + fsync +
    in-memory append) over N events, divided by the median of a raw `os.write` + `os.fsync` of a
    line of the same size on the same disk. fsync dominates both; the ratio shows what the
    Recorder's Python costs on top of the durability it cannot avoid. Raw and Recorder calls are
    interleaved so that disk hiccups hit both alike.
(b) load a 5,000-event session: `store.load_session` (read + TOML parse + pydantic validation),
    median of 5, file cache warm.
(c) list a workspace: `store.list_groups` time **per group listed**, 200 groups × 20 sessions versus
    1 group × 20 sessions. Listing must read `group.toml` only, never the sessions, so the cost per
    group must not grow with the size of the workspace. Both workspaces have the same sessions
    (realistic, ~200 events each) so that reading sessions by mistake would show; medians of 7
    alternated samples of the same length (one big listing, or the small one listed 200 times). Session files are written once with `dump_model` and copied, since the
    listing never opens them (4,000 fsynced atomic writes would only slow the setup).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kelompok.sessions import store
from kelompok.sessions.fileio import dump_model
from kelompok.sessions.journal import encode_event
from kelompok.sessions.models import (
    MEZZO_ROLE_IDS,
    AgendaBlock,
    Attendance,
    Event,
    Group,
    Member,
    Session,
    SessionPlan,
)
from kelompok.sessions.recording import Recorder

MEMBERS = [f"A{i}" for i in range(1, 13)]


def make_group(folder: Path, name: str = "KUBE Mawar") -> Group:
    group = Group(
        name=name,
        type="self_help",
        purpose="Saling menguatkan dan belajar usaha bersama",
        facilitators=["Bu Sari"],
        members=[Member(code=code, name=f"Ibu {code}", attributes={"desa": "Sukamaju"}) for code in MEMBERS],
        planned_sessions=20,
        session_minutes=90,
    )
    store.save_group(folder, group)
    return group


def make_events(count: int, rng: random.Random) -> list[Event]:
    """A plausible record: mostly acts, some coded, a few notes, arrivals, agenda steps and undos."""
    events: list[Event] = []
    standing: list[int] = []  # what an undo may still withdraw, as the Recorder does (latest first)
    at = 0.0
    speakers = ["facilitator", *MEMBERS]
    for seq in range(1, count + 1):
        at += rng.uniform(1.0, 8.0)
        roll = rng.random()
        if roll < 0.04 and standing:
            events.append(Event(seq=seq, at=at, kind="undo", undoes=standing.pop()))
            continue
        standing.append(seq)
        if roll < 0.07:
            events.append(Event(seq=seq, at=at, kind="note", note=f"Catatan ke-{seq}: suasana hangat.\nLanjut."))
            continue
        if roll < 0.08:
            events.append(Event(seq=seq, at=at, kind="agenda", block=rng.randrange(3)))
            continue
        speaker = rng.choice(speakers)
        listener = rng.choice([c for c in ["group", *speakers] if c != speaker])
        events.append(
            Event(
                seq=seq,
                at=round(at, 3),
                **{"from": speaker},
                to=listener,
                role=rng.choice([None, *MEZZO_ROLE_IDS]) if speaker == "facilitator" else None,
                valence=rng.choice([None, "positive", "task", "negative"]),
            )
        )
    return events


def make_session(number: int, events: int, rng: random.Random) -> Session:
    plan = SessionPlan(
        purpose="Berbagi pengalaman usaha",
        agenda=[AgendaBlock(title=t, minutes=m) for t, m in (("Pembukaan", 10), ("Inti", 60), ("Penutup", 20))],
    )
    return Session(
        number=number,
        date=dt.date(2026, 1, 5) + dt.timedelta(days=7 * number),
        state="ended",
        plan=plan,
        attendance=[Attendance(member=code, status="present") for code in MEMBERS],
        events=make_events(events, rng),
    )


def median_time(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


# ── (a) ───────────────────────────────────────────────────────────────────────────────────────


def bench_record(root: Path, count: int) -> tuple[float, float]:
    """Median seconds per durable event: (Recorder.speak, raw append + fsync)."""
    folder = root / "record"
    make_group(folder)
    store.save_session(
        folder,
        Session(
            number=1,
            date=dt.date(2026, 1, 5),
            attendance=[Attendance(member=code, status="present") for code in MEMBERS],
        ),
    )
    rng = random.Random(1)
    line = encode_event(Event(seq=1234, at=1234.567, **{"from": "A3"}, to="A11", valence="task"))
    raw_fd = os.open(root / "raw.journal", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    recorder_times: list[float] = []
    raw_times: list[float] = []
    with Recorder.open(folder, 1) as recorder:
        recorder.start()
        for _ in range(count):
            started = time.perf_counter()
            os.write(raw_fd, line)
            os.fsync(raw_fd)
            raw_times.append(time.perf_counter() - started)

            speaker, listener = rng.sample(MEMBERS, 2)
            started = time.perf_counter()
            recorder.speak(speaker, listener, valence="task")
            recorder_times.append(time.perf_counter() - started)
    os.close(raw_fd)
    return statistics.median(recorder_times), statistics.median(raw_times)


# ── (b) ───────────────────────────────────────────────────────────────────────────────────────


def bench_load(root: Path, events: int) -> tuple[float, int]:
    """Median seconds to load a session of `events` events, and the file's size."""
    folder = root / "load"
    make_group(folder)
    store.save_session(folder, make_session(1, events, random.Random(2)))
    store.load_session(folder, 1)  # warm the file cache and the imports
    size = store.session_path(folder, 1).stat().st_size
    return median_time(lambda: store.load_session(folder, 1), 5), size


# ── (c) ───────────────────────────────────────────────────────────────────────────────────────


def make_workspace(root: Path, groups: int, sessions: list[bytes]) -> Path:
    for index in range(groups):
        folder = root / f"kelompok-{index:03d}"
        make_group(folder, name=f"Kelompok {index}")
        session_dir = folder / store.SESSIONS_DIR
        session_dir.mkdir(mode=0o700, exist_ok=True)
        for number, data in enumerate(sessions, start=1):
            (session_dir / f"{number:03d}.toml").write_bytes(data)
    return root


def bench_list(root: Path, groups: int, sessions_per_group: int) -> tuple[float, float]:
    """Median seconds per group listed: (big workspace, one-group workspace)."""
    rng = random.Random(3)
    sessions = [dump_model(make_session(n, 200, rng)) for n in range(1, sessions_per_group + 1)]
    big = make_workspace(root / "big", groups, sessions)
    small = make_workspace(root / "small", 1, sessions)
    assert len(store.list_groups(big)) == groups and len(store.list_groups(small)) == 1
    # Windows of the same length, alternated: the small workspace is listed `groups` times per
    # sample. Comparing 7 long calls with 201 short ones (as this did) measured the machine's
    # load, not the listing: a 0.1 s call is nearly always preempted on a shared machine, and the
    # median of 201 half-millisecond calls picks the ones that were not (bench_listing.py).
    big_times, small_times = [], []
    for _ in range(7):
        big_times.append(median_time(lambda: store.list_groups(big), 1) / groups)
        small_times.append(median_time(lambda: [store.list_groups(small) for _ in range(groups)], 1) / groups)
    return statistics.median(big_times), statistics.median(small_times)


# ── main ──────────────────────────────────────────────────────────────────────────────────────


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer events and groups (a smoke run)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    args = parser.parse_args(argv)
    events = 300 if args.quick else 2000
    groups = 20 if args.quick else 200

    rows: list[tuple[str, str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="kelompok-bench-") as tmp:
        root = Path(tmp)
        recorder, raw = bench_record(root, events)
        ratio = recorder / raw
        rows.append((f"record 1 event, Recorder.speak (median of {events})", f"{recorder * 1e6:.0f} µs", "", True))
        rows.append(("  raw write + fsync of a same-size line", f"{raw * 1e6:.0f} µs", "", True))
        rows.append(("  Recorder / raw", f"{ratio:.2f}×", "≤ 2", ratio <= 2))

        load, size = bench_load(root, 5000)
        rows.append(
            (
                f"load a 5,000-event session ({size / 1024:.0f} KiB, median of 5)",
                f"{load * 1e3:.0f} ms",
                "≤ 150 ms",
                load <= 0.150,
            )
        )

        per_big, per_small = bench_list(root, groups, 20)
        list_ratio = per_big / per_small
        rows.append((f"list {groups} groups × 20 sessions, per group", f"{per_big * 1e6:.0f} µs", "", True))
        rows.append(("list 1 group × 20 sessions", f"{per_small * 1e6:.0f} µs", "", True))
        rows.append(("  per-group ratio", f"{list_ratio:.2f}×", "≤ 1.5", list_ratio <= 1.5))

    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}} | {'figure':>9} | {'goal':>8} | ok")
    print(f"{'-' * width}-|-{'-' * 9}-|-{'-' * 8}-|---")
    for metric, figure, goal, ok in rows:
        mark = ("yes" if ok else "NO") if goal else ""
        print(f"{metric:<{width}} | {figure:>9} | {goal:>8} | {mark}")
    # benchmarks/run.py treats a non-zero exit as "failed to run"; a missed goal is shown as NO in
    # the table and only fails the process when asked to (--strict).
    missed = not all(ok for *_, ok in rows)
    return 1 if missed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
