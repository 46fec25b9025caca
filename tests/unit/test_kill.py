"""kill -9 at random moments while recording: nothing acknowledged may be lost, every file must parse.

A child process (`kill_child.py`) records through the Recorder as fast as it can and prints each
seq only after the Recorder returned it. The parent SIGKILLs it at a random moment — mostly in the
recording loop, sometimes while it is still starting up and recovering the previous round's
journal — then reopens the session with a Recorder and checks that every acknowledged seq is
there and that every file of the group still parses.

The RNG is seeded so a failure can be replayed; `KELOMPOK_KILL_ROUNDS` and `KELOMPOK_KILL_SEED`
override the defaults.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from kelompok.sessions import store
from kelompok.sessions.journal import read_journal
from kelompok.sessions.models import Attendance, Group, Member, Session
from kelompok.sessions.recording import Recorder

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

CHILD = Path(__file__).with_name("kill_child.py")
ROUNDS = int(os.environ.get("KELOMPOK_KILL_ROUNDS", "60"))
SEED = int(os.environ.get("KELOMPOK_KILL_SEED", "20261123"))
ROUNDS_PER_SESSION = 4  # later rounds of a session resume it: kills then also hit its recovery


def make_group(folder: Path) -> None:
    members = [Member(code=f"M{i}", name=f"Anggota {i}") for i in range(1, 9)]
    store.save_group(folder, Group(name="Kelompok uji", type="self_help", members=members))


def new_session(folder: Path, number: int) -> None:
    attendance = [Attendance(member=f"M{i}", status="present" if i <= 5 else "absent") for i in range(1, 9)]
    store.save_session(folder, Session(number=number, date=dt.date(2026, 11, 23), attendance=attendance))


class Child:
    """The child process and a thread collecting its output lines (so the parent never blocks)."""

    def __init__(self, folder: Path, number: int, seed: int) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(folder), str(number), str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.lines: list[bytes] = []
        self.ready = threading.Event()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for raw in self.process.stdout:
            self.lines.append(raw)
            if raw == b"ready\n":
                self.ready.set()

    def kill(self) -> tuple[int, bytes]:
        self.process.send_signal(signal.SIGKILL)
        code = self.process.wait(timeout=10)
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        return code, self.process.stderr.read()

    def acknowledged(self) -> list[int]:
        # A line cut short by the kill has no newline: leave it out (the check gets only weaker).
        return [int(raw) for raw in self.lines if raw.endswith(b"\n") and raw.strip().isdigit()]


def test_kill_minus_nine_loses_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    folder = tmp_path / "kelompok-uji"
    make_group(folder)
    total_acked = 0
    recovered_rounds = 0
    killed_in_loop = 0
    killed_in_write = 0
    killed_before_truncate = 0
    started = time.monotonic()
    for round_ in range(ROUNDS):
        number = round_ // ROUNDS_PER_SESSION + 1
        if not store.session_path(folder, number).exists():
            new_session(folder, number)
        child = Child(folder, number, seed=rng.randrange(2**32))
        if rng.random() < 0.2:
            # Early kill: during start-up, the open (which replays and checkpoints) or the first events.
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            assert child.ready.wait(timeout=20), "the child did not start recording"
            time.sleep(rng.uniform(0.0, 0.25))
            killed_in_loop += 1
        if child.process.poll() is not None:
            _, err = child.kill()
            pytest.fail(f"round {round_}: the child exited by itself:\n{err.decode(errors='replace')}")
        code, err = child.kill()
        assert code == -signal.SIGKILL, err.decode(errors="replace")
        acked = child.acknowledged()
        total_acked += len(acked)

        # Straight after the kill, before any recovery: every file must parse (writes are atomic),
        # and the journal may at most have a torn last line.
        store.load_group(folder)
        before = store.load_sessions(folder)[number - 1]
        journal = read_journal(store.journal_path(folder, number))
        # Statistics on where kills landed inside checkpoints (the Recorder cleans both up on open):
        # a temp file means the kill hit the atomic write; journal events already in the file mean
        # it hit the window between the write and emptying the journal.
        if list((folder / "sessions").glob(f".{number:03d}.toml.*.tmp")):
            killed_in_write += 1
        if {e.seq for e in journal.events} & {e.seq for e in before.events}:
            killed_before_truncate += 1

        with Recorder.open(folder, number) as recorder:
            seqs = {event.seq for event in recorder.session.events}
            missing = sorted(set(acked) - seqs)
            assert not missing, f"round {round_}: acknowledged but lost: {missing[:10]}"
            if recorder.recovered:
                recovered_rounds += 1
            # An early kill may land before start(); once anything was recorded it is running or paused.
            assert recorder.state in (("running", "paused") if acked else ("planned", "running", "paused"))
        # close() checkpointed and removed the journal; the files must parse and hold everything.
        assert not store.journal_path(folder, number).exists()
        assert not list((folder / "sessions").glob(".*.tmp")), "stale temp files were not swept"
        store.load_group(folder)
        sessions = store.load_sessions(folder)
        on_disk = {event.seq for event in sessions[number - 1].events}
        assert set(acked) <= on_disk

    elapsed = time.monotonic() - started
    print(
        f"\n{ROUNDS} kills in {elapsed:.1f} s: {killed_in_loop} in the recording loop, "
        f"{total_acked} acknowledged events, journal recovered in {recovered_rounds} rounds, "
        f"{killed_in_write} kills inside a session-file write, "
        f"{killed_before_truncate} between a checkpoint's write and its journal truncation"
    )
    # The test is only meaningful if the kills really interrupted recording.
    assert total_acked > ROUNDS
    assert recovered_rounds >= ROUNDS // 4
