"""Benchmark: sync of an agency-sized workspace (200 groups × 20 sessions) into a local bare remote.

    python benchmarks/bench_sync.py [--groups 200] [--sessions 20] [--acts 150] [--keep DIR]

Generates a deterministic workspace through the real store (every session different: seeded
random speakers, a note, a review trail) and times, in one process, as `kelompok sync` runs them:

* the facilitator's first sync (git init, commit of every file, push to an empty bare remote);
* the supervisor's first sync (a clone of the remote);
* an incremental sync after one new session (commit, fetch, push), and the supervisor's sync
  that receives it (fetch, merge, the model-level description of what arrived);
* an incremental sync where both sides changed the same session offline (the merge driver runs);
* a sync with nothing to do.

Sizes: the workspace's files, the bare remote after the first sync, and its growth per new
session. Budgets: first sync ≤ 120 s, each incremental sync ≤ 10 s. Exit 1 when one is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIRST_BUDGET = 120.0
INCREMENTAL_BUDGET = 10.0


def _size(folder: Path) -> int:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def make_workspace(workspace: Path, groups: int, sessions: int, acts: int, seed: int = 20261202) -> None:
    from kelompok.sessions.models import Attendance, AuditEntry, Event, Group, Member, Review, Session
    from kelompok.sessions.store import save_group, save_session

    rng = random.Random(seed)
    for g in range(1, groups + 1):
        members = [
            Member(code=f"A{i}", name=f"Anggota {g}-{i}", attributes={"desa": f"D{i % 4}"}) for i in range(1, 11)
        ]
        group = Group(
            name=f"Kelompok {g:03d}",
            type="self_help",
            members=members,
            seating=[m.code for m in members],
            facilitators=[f"Pendamping {g % 15}"],
        )
        folder = workspace / f"kelompok-{g:03d}"
        save_group(folder, group)
        codes = [m.code for m in members]
        for number in range(1, sessions + 1):
            speakers = ["facilitator", *codes]
            events = []
            at = 0.0
            for seq in range(1, acts + 1):
                at += round(rng.uniform(0.5, 6.0), 1)
                who = rng.choice(speakers)
                to = rng.choice(["group", *(s for s in speakers if s != who)])
                events.append(Event(seq=seq, at=at, **{"from": who}, to=to))
            events.append(
                Event(seq=acts + 1, at=at + 1, kind="note", note=f"Catatan sesi {number}: {rng.random():.6f}")
            )
            when = dt.datetime(2026, 1, 1, 10) + dt.timedelta(days=7 * number)
            review = Review(
                status="submitted", trail=[AuditEntry(at=when, who=group.facilitators[0], action="submitted")]
            )
            session = Session(
                number=number, date=when.date(), state="ended", events=events, review=review,
                attendance=[Attendance(member=c, status="present") for c in codes], notes=f"Refleksi {g}-{number}",
            )  # fmt: skip
            save_session(folder, session)


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--acts", type=int, default=150)
    parser.add_argument("--keep", metavar="DIR", help="build in DIR and keep it (default: a temporary folder)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(HERE.parent / "src"))
    from kelompok.i18n import set_language
    from kelompok.sessions.models import Event
    from kelompok.sessions.store import load_session, save_session
    from kelompok.sync.engine import sync

    set_language("en")
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GIT_CONFIG_NOSYSTEM", "1")
    laptop, office, remote = root / "laptop", root / "office", root / "remote.git"
    try:
        generate, _ = _timed(lambda: make_workspace(laptop, args.groups, args.sessions, args.acts))
        files = args.groups * (args.sessions + 1)
        data = _size(laptop)
        rows: list[tuple[str, float, float | None]] = []
        first, result = _timed(lambda: sync(laptop, "Pendamping", remote=str(remote), trust=True))
        assert result.outcome == "synced", result
        rows.append(("first sync (init, commit, push)", first, FIRST_BUDGET))
        remote_first = _size(remote)
        clone, result = _timed(lambda: sync(office, "Supervisor", remote=str(remote), trust=True))
        assert result.outcome == "cloned"
        rows.append(("supervisor's first sync (clone)", clone, FIRST_BUDGET))

        group = laptop / "kelompok-001"
        new = load_session(group, args.sessions).model_copy(update={"number": args.sessions + 1})
        save_session(group, new)
        send, result = _timed(lambda: sync(laptop, "Pendamping"))
        assert [c.kind for c in result.committed] == ["recorded", "submitted"], result.committed
        rows.append(("incremental: one new session, sent", send, INCREMENTAL_BUDGET))
        receive, result = _timed(lambda: sync(office, "Supervisor"))
        assert result.arrived, result
        rows.append(("incremental: one new session, received", receive, INCREMENTAL_BUDGET))
        remote_after = _size(remote)

        # Both edit the same session offline: the facilitator a note, the supervisor a return.
        from kelompok.sessions import review

        here = load_session(group, 5)
        here.events.append(Event(seq=here.next_seq(), at=9999.0, kind="note", note="susulan"))
        save_session(group, here)
        there = load_session(office / "kelompok-001", 5)
        review.return_to_facilitator(there, "Supervisor", "Lengkapi evaluasi")
        save_session(office / "kelompok-001", there)
        sync(office, "Supervisor")
        merge, result = _timed(lambda: sync(laptop, "Pendamping"))
        merged = load_session(group, 5)
        assert merged.review.status == "returned" and merged.events[-1].note == "susulan"
        rows.append(("incremental: same session edited on both, merged", merge, INCREMENTAL_BUDGET))
        idle, _ = _timed(lambda: sync(laptop, "Pendamping"))
        rows.append(("nothing to do", idle, INCREMENTAL_BUDGET))
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)

    print(
        f"workspace: {args.groups} groups × {args.sessions} sessions × {args.acts} acts = {files:,} files, {_mb(data)} (generated in {generate:.1f} s)"
    )
    print(f"{'step':<52}{'seconds':>9}{'budget':>9}")
    failed = False
    for name, seconds, budget in rows:
        ok = budget is None or seconds <= budget
        failed |= not ok
        print(f"{name:<52}{seconds:>9.2f}{budget or 0:>9.0f}{'' if ok else '  OVER'}")
    print(f"bare remote after the first sync: {_mb(remote_first)} ({remote_first / data:.0%} of the files)")
    print(f"growth for one new session: {(remote_after - remote_first) / 1e3:,.1f} kB")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
