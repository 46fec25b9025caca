"""Issue 13 §1: two writers in one journal are all recovered; a deleted lock file is noticed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kelompok import i18n
from kelompok.sessions import store
from kelompok.sessions.journal import encode_event, read_journal
from kelompok.sessions.models import Attendance, Event, Group, Member, Session
from kelompok.sessions.recording import LockLost, Recorder
from tests.conftest import FakeClock, other_process_can_lock

WALL = dt.datetime(2026, 11, 23, 9, 30, 15)


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


@pytest.fixture
def group_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kube"
    members = [Member(code=f"A{i}", name=f"Ibu {i}") for i in range(1, 4)]
    store.save_group(folder, Group(name="KUBE", type="self_help", members=members))
    attendance = [Attendance(member=f"A{i}", status="present") for i in range(1, 4)]
    session = Session(
        number=1,
        date=dt.date(2026, 11, 20),
        state="running",
        attendance=attendance,
        events=[Event(seq=1, at=1.0, **{"from": "A1"}, to="A2")],
    )
    store.save_session(folder, session)
    return folder


def speak(seq: int, at: float, who: str, to: str) -> Event:
    return Event(seq=seq, at=at, **{"from": who}, to=to)


def test_two_writers_lines_in_one_journal_are_all_recovered(group_dir: Path) -> None:
    # Window A and window B both continued from seq 1 in the file and appended, interleaved, to
    # one journal: A2 B2 A3 B3 A4 B4(undo of B's 3). Before the fix, replay kept A's three and
    # dropped B's because only `kind` was compared.
    a = [speak(2, 10.0, "A1", "A3"), speak(3, 12.0, "A2", "A1"), speak(4, 14.0, "A3", "group")]
    b = [speak(2, 11.0, "A2", "A3"), speak(3, 13.0, "facilitator", "A1"), Event(seq=4, at=15.0, kind="undo", undoes=3)]
    lines = [a[0], b[0], a[1], b[1], a[2], b[2]]
    store.journal_path(group_dir, 1).write_bytes(b"".join(encode_event(e) for e in lines))

    rec = Recorder.open(group_dir, 1, clock=FakeClock(), now=lambda: WALL)
    try:
        events = rec.session.events
        assert [e.seq for e in events] == [1, 2, 3, 4, 5, 6, 7]
        assert rec.recovered == 6
        assert rec.renumbered == 3  # B's three events got new numbers
        assert [(e.from_, e.to, e.at) for e in events[1:6]] == [
            ("A1", "A3", 10.0),
            ("A2", "A3", 11.0),
            ("A2", "A1", 12.0),
            ("facilitator", "A1", 13.0),
            ("A3", "group", 14.0),
        ]
        # B's undo withdrew B's own act (its seq 3, now 5), not A's seq 3.
        assert events[6].kind == "undo" and events[6].undoes == 5
        assert [e.seq for e in rec.session.acts()] == [1, 2, 3, 4, 6]
    finally:
        rec.close()
    # Checkpointed: the file holds everything and the journal is gone.
    assert len(store.load_session(group_dir, 1).events) == 7
    assert not store.journal_path(group_dir, 1).exists()


def test_replay_compares_whole_events_not_only_kind(group_dir: Path) -> None:
    # seq 1 is in the file as A1→A2; a journal line with seq 1 that is a different speak must not
    # be taken for the checkpointed copy and dropped.
    store.journal_path(group_dir, 1).write_bytes(
        encode_event(speak(1, 1.0, "A1", "A2")) + encode_event(speak(1, 2.0, "A3", "A1"))
    )
    with Recorder.open(group_dir, 1, clock=FakeClock(), now=lambda: WALL) as rec:
        assert [(e.seq, e.from_) for e in rec.session.events] == [(1, "A1"), (2, "A3")]
        assert rec.recovered == 1 and rec.renumbered == 1


def test_identical_checkpointed_lines_are_still_skipped(group_dir: Path) -> None:
    store.journal_path(group_dir, 1).write_bytes(
        encode_event(speak(1, 1.0, "A1", "A2")) + encode_event(speak(2, 3.0, "A2", "A1"))
    )
    with Recorder.open(group_dir, 1, clock=FakeClock(), now=lambda: WALL) as rec:
        assert [e.seq for e in rec.session.events] == [1, 2]
        assert rec.recovered == 1 and rec.renumbered == 0


def test_deleting_the_lock_file_during_recording_is_detected(group_dir: Path) -> None:
    clock = FakeClock()
    rec = Recorder.open(group_dir, 1, clock=clock, now=lambda: WALL)
    first = rec.speak("A1", "A2")
    (group_dir / ".lock").unlink()  # a sync tool's "clean hidden files"
    assert other_process_can_lock(group_dir)  # exactly the danger: a second window could write now
    with pytest.raises(LockLost, match="lock file .lock was deleted"):
        rec.speak("A2", "A1")
    assert rec.lock_lost
    with pytest.raises(LockLost):
        rec.checkpoint()
    # Nothing was written after the loss: the journal holds the acknowledged act only.
    assert read_journal(store.journal_path(group_dir, 1)).events == [first]
    before = store.session_path(group_dir, 1).read_bytes()
    rec.close()
    # Closing after the loss neither checkpoints nor removes the journal: another writer may own them.
    assert store.session_path(group_dir, 1).read_bytes() == before
    assert read_journal(store.journal_path(group_dir, 1)).events == [first]
    # Reopening recovers the act.
    with Recorder.open(group_dir, 1, clock=clock, now=lambda: WALL) as again:
        assert again.session.events[-1] == first


def test_a_replaced_lock_file_is_detected(group_dir: Path) -> None:
    rec = Recorder.open(group_dir, 1, clock=FakeClock(), now=lambda: WALL)
    lock = group_dir / ".lock"
    lock.unlink()
    lock.write_text("123\n")  # a new file at the same path: another inode
    with pytest.raises(LockLost):
        rec.note("hello")
    rec.close()


def test_lock_kept_means_recording_goes_on(group_dir: Path) -> None:
    with Recorder.open(group_dir, 1, clock=FakeClock(), now=lambda: WALL) as rec:
        rec.speak("A1", "A2")
        rec.checkpoint()
        rec.speak("A2", "A1")
        assert not rec.lock_lost


def test_a_journal_left_beside_an_ended_session_is_tidied(group_dir: Path) -> None:
    from kelompok.sessions.locking import GroupLock
    from kelompok.sessions.recording import tidy_ended_journals

    clock = FakeClock()
    rec = Recorder.open(group_dir, 1, clock=clock, now=lambda: WALL)
    rec.speak("A2", "A3")
    leftover = store.journal_path(group_dir, 1).read_bytes()
    rec.end()
    rec.close()
    jpath = store.journal_path(group_dir, 1)
    jpath.write_bytes(leftover)  # the kill came between the end checkpoint and the removal
    with GroupLock(group_dir) as lock:
        assert tidy_ended_journals(group_dir, lock) == [1]
    assert not jpath.exists()
    assert len(store.load_session(group_dir, 1).events) == 2


def test_a_journal_with_new_events_beside_an_ended_session_is_kept(group_dir: Path) -> None:
    from kelompok.sessions.locking import GroupLock
    from kelompok.sessions.recording import tidy_ended_journals

    session = store.load_session(group_dir, 1)
    session.state = "ended"
    store.save_session(group_dir, session)
    jpath = store.journal_path(group_dir, 1)
    jpath.write_bytes(encode_event(speak(2, 3.0, "A2", "A1")))
    with GroupLock(group_dir) as lock:
        assert tidy_ended_journals(group_dir, lock) == []
    assert jpath.exists()
