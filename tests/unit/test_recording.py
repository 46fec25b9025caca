"""The live Recorder and its journal: timing, undo, validation, locking, recovery after a crash."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kelompok import i18n

from kelompok.sessions import journal as journal_module
from kelompok.sessions import store
from kelompok.sessions.fileio import DataError
from kelompok.sessions.journal import Journal, encode_event, read_journal
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import (
    AgendaBlock,
    Attendance,
    Event,
    Group,
    Member,
    Review,
    Session,
    SessionPlan,
    SignOff,
)
from kelompok.sessions.recording import (
    GroupBusy,
    InvalidEvent,
    NotRecording,
    Recorder,
    RecordingError,
    SessionLocked,
)
from tests.conftest import FakeClock, other_process_can_lock

WALL = dt.datetime(2026, 11, 23, 9, 30, 15, 123456)


@pytest.fixture(autouse=True)
def _english():
    """Messages are asserted in English; the catalogue tests cover both languages."""
    i18n.set_language("en")


@pytest.fixture
def group_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kube-mawar"
    members = [Member(code=f"A{i}", name=f"Ibu {i}") for i in range(1, 6)]
    store.save_group(folder, Group(name="KUBE Mawar", type="self_help", members=members))
    plan = SessionPlan(
        agenda=[
            AgendaBlock(title="Pembukaan", minutes=10),
            AgendaBlock(title="Kegiatan inti", minutes=40),
            AgendaBlock(title="Penutup", minutes=10),
        ]
    )
    attendance = [
        Attendance(member="A1", status="present"),
        Attendance(member="A2", status="present"),
        Attendance(member="A3", status="present"),
        Attendance(member="A4", status="absent"),
        Attendance(member="A5", status="late"),
    ]
    store.save_session(folder, Session(number=1, date=dt.date(2026, 11, 20), plan=plan, attendance=attendance))
    return folder


def open_recorder(group_dir: Path, clock: FakeClock) -> Recorder:
    return Recorder.open(group_dir, 1, clock=clock, now=lambda: WALL)


@pytest.fixture
def recorder(group_dir: Path, clock: FakeClock):  # type: ignore[no-untyped-def]
    rec = open_recorder(group_dir, clock)
    rec.start()
    yield rec
    rec.close(checkpoint=False)


def crash(rec: Recorder) -> None:
    """What kill -9 leaves: the journal as it is, the session file as of the last checkpoint."""
    rec.close(checkpoint=False)


def journal_file(group_dir: Path) -> Path:
    return store.journal_path(group_dir, 1)


# ── start, timing, pause ──────────────────────────────────────────────────────────────────────


def test_start_sets_state_date_and_time_and_checkpoints(group_dir: Path, clock: FakeClock) -> None:
    with open_recorder(group_dir, clock) as rec:
        assert rec.state == "planned"
        assert rec.elapsed() == 0.0
        rec.start()
        on_disk = store.load_session(group_dir, 1)
        assert on_disk.state == "running"
        assert on_disk.date == WALL.date()
        assert on_disk.start == dt.time(9, 30, 15)  # whole seconds keep the file tidy
        with pytest.raises(NotRecording):
            rec.start()


def test_start_can_replace_attendance(group_dir: Path, clock: FakeClock) -> None:
    with open_recorder(group_dir, clock) as rec:
        with pytest.raises(InvalidEvent):
            rec.start({"ZZ": "present"})
        assert rec.state == "planned"
        rec.start({"A1": "present", "A5": "late", "A2": "absent"})
        assert rec.present() == ["A1"], "a late member is expected, not here yet"
        assert store.load_session(group_dir, 1).attendance_of("A5").status == "late"  # type: ignore[union-attr]
        rec.arrive("A5")
        assert rec.present() == ["A1", "A5"]


def test_at_counts_session_time_and_leaves_pauses_out(recorder: Recorder, clock: FakeClock) -> None:
    clock.advance(12.5)
    assert recorder.speak("A1", "A2").at == 12.5
    clock.advance(7.5)
    pause = recorder.pause()
    assert pause.at == 20.0
    assert store.load_session(recorder.group_dir, 1).state == "paused"  # pause checkpoints
    clock.advance(600)  # the tea break is not session time
    assert recorder.elapsed() == 20.0
    with pytest.raises(NotRecording):
        recorder.speak("A1", "A2")
    assert recorder.resume().at == 20.0
    clock.advance(3)
    assert recorder.speak("facilitator", "group").at == 23.0
    clock.advance(2)
    recorder.end()
    assert recorder.elapsed() == 25.0


def test_pause_and_resume_only_in_the_right_state(recorder: Recorder) -> None:
    with pytest.raises(NotRecording):
        recorder.resume()
    recorder.pause()
    with pytest.raises(NotRecording):
        recorder.pause()
    # Notes, attendance and undo are possible during a pause; acts and agenda steps are not.
    recorder.note("Ibu A2 izin ke belakang")
    recorder.leave("A2")
    recorder.undo()
    with pytest.raises(NotRecording):
        recorder.next_block()


def test_recording_before_start_is_refused(group_dir: Path, clock: FakeClock) -> None:
    with open_recorder(group_dir, clock) as rec:
        with pytest.raises(NotRecording, match="start it first"):
            rec.speak("A1", "A2")
        with pytest.raises(NotRecording):
            rec.undo()


# ── undo ──────────────────────────────────────────────────────────────────────────────────────


def test_undo_is_recorded_and_the_history_kept(recorder: Recorder) -> None:
    first = recorder.speak("A1", "A2")
    second = recorder.speak("A2", "A1")
    undo = recorder.undo()
    assert undo is not None and undo.kind == "undo" and undo.undoes == second.seq
    session = recorder.session
    assert second in session.events  # audited: the withdrawn act stays in the record
    assert [e.seq for e in session.acts()] == [first.seq]
    recorder.checkpoint()
    on_disk = store.load_session(recorder.group_dir, 1)
    assert [e.seq for e in on_disk.events] == [first.seq, second.seq, undo.seq]
    assert [e.seq for e in on_disk.acts()] == [first.seq]


def test_repeated_undo_walks_back_and_stops(recorder: Recorder) -> None:
    acts = [recorder.speak("A1", "group"), recorder.note("catatan"), recorder.speak("A3", "A1")]
    assert recorder.last_undoable() == acts[2]
    undone = [recorder.undo(), recorder.undo(), recorder.undo()]
    assert [u.undoes for u in undone if u] == [acts[2].seq, acts[1].seq, acts[0].seq]
    assert recorder.undo() is None
    assert recorder.session.effective_events() == []
    # Recording goes on after undo, and the new act can be undone in turn.
    again = recorder.speak("A2", "A3")
    assert recorder.undo().undoes == again.seq  # type: ignore[union-attr]


def test_undo_does_not_withdraw_pause_or_resume(recorder: Recorder) -> None:
    act = recorder.speak("A1", "A2")
    recorder.pause()
    recorder.resume()
    assert recorder.undo().undoes == act.seq  # type: ignore[union-attr]
    assert recorder.state == "running"


def test_undo_of_arrival_makes_the_member_absent_again(recorder: Recorder) -> None:
    assert "A4" not in recorder.present()
    arrival = recorder.arrive("A4")
    assert "A4" in recorder.present()
    assert recorder.undo().undoes == arrival.seq  # type: ignore[union-attr]
    assert "A4" not in recorder.present()
    with pytest.raises(InvalidEvent, match="not present"):
        recorder.speak("A4", "A1")
    assert arrival in recorder.session.events


def test_undo_of_departure_and_agenda_step(recorder: Recorder) -> None:
    recorder.leave("A2")
    assert "A2" not in recorder.present()
    recorder.undo()
    assert "A2" in recorder.present()
    assert recorder.current_block() == 0
    recorder.next_block()
    assert recorder.current_block() == 1
    recorder.undo()
    assert recorder.current_block() == 0


# ── attendance and agenda ─────────────────────────────────────────────────────────────────────


def test_attendance_during_the_session(recorder: Recorder, clock: FakeClock) -> None:
    assert recorder.present() == ["A1", "A2", "A3"], "A5 is marked late: expected, not here yet"
    with pytest.raises(InvalidEvent, match="not present"):
        recorder.speak("A5", "A1")
    clock.advance(300)
    recorder.arrive("A5")
    recorder.leave("A1")
    assert recorder.present() == ["A2", "A3", "A5"]
    assert recorder.session.presence()["A5"] == [(300.0, None)], "present from her arrival"
    with pytest.raises(InvalidEvent, match="not present"):
        recorder.speak("A1", "A2")
    with pytest.raises(InvalidEvent, match="not present"):
        recorder.speak("A2", "A1")
    recorder.arrive("A1")  # came back
    recorder.speak("A1", "A5")


def test_agenda_blocks_step_through_the_plan(recorder: Recorder) -> None:
    assert recorder.current_block() == 0
    assert recorder.next_block().block == 1
    assert recorder.next_block().block == 2
    with pytest.raises(InvalidEvent, match="no next agenda block"):
        recorder.next_block()


# ── validation ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda r: r.speak("ZZ", "A1"), "not a member"),
        (lambda r: r.speak("A1", "ZZ"), "not a member"),
        (lambda r: r.speak("A4", "A1"), "not present"),  # absent
        (lambda r: r.speak("A1", "A1"), "themselves"),
        (lambda r: r.speak("group", "A1"), "cannot speak"),
        (lambda r: r.speak("A1", "A2", role="ketua"), "not a mezzo role"),
        (lambda r: r.speak("A1", "A2", ipa=13), "1 to 12"),
        (lambda r: r.speak("A1", "A2", ipa=0), "1 to 12"),
        (lambda r: r.speak("A1", "A2", valence="angry"), "positive"),
        (lambda r: r.arrive("A1"), "already present"),
        (lambda r: r.arrive("ZZ"), "not a member"),
        (lambda r: r.leave("A4"), "not present"),
        (lambda r: r.note("   "), "needs text"),
    ],
)
def test_invalid_events_are_refused_and_nothing_is_written(recorder: Recorder, call, match) -> None:  # type: ignore[no-untyped-def]
    recorder.speak("A1", "A2")
    size = journal_file(recorder.group_dir).stat().st_size
    count = len(recorder.session.events)
    with pytest.raises(InvalidEvent, match=match) as info:
        call(recorder)
    assert isinstance(info.value, ValueError) and isinstance(info.value, RecordingError)
    assert len(recorder.session.events) == count
    assert journal_file(recorder.group_dir).stat().st_size == size


def test_valid_codings_are_kept(recorder: Recorder) -> None:
    event = recorder.speak("facilitator", "group", role="pemberi_semangat", ipa=1, valence="positive")
    assert (event.from_, event.to, event.role, event.ipa, event.valence) == (
        "facilitator",
        "group",
        "pemberi_semangat",
        1,
        "positive",
    )
    assert recorder.speak("A1", "facilitator").to == "facilitator"


def test_note_keeps_line_breaks_and_safety_flag(recorder: Recorder) -> None:
    event = recorder.note("Ibu A3 bercerita\r\ntentang kekerasan", safety=True)
    assert event.safety and event.note == "Ibu A3 bercerita\ntentang kekerasan"
    recorder.checkpoint()
    assert store.load_session(recorder.group_dir, 1).events[-1] == event


# ── locking ───────────────────────────────────────────────────────────────────────────────────


def test_signed_off_session_refuses_recording(group_dir: Path, clock: FakeClock) -> None:
    session = store.load_session(group_dir, 1)
    session.review = Review(status="reviewed", signoff=SignOff(by="Pak Supervisor", at=WALL))
    store.save_session(group_dir, session)
    with pytest.raises(SessionLocked, match="signed off"):
        open_recorder(group_dir, clock)
    # The refusal released the group's lock and left no journal behind.
    with GroupLock(group_dir) as lock:
        assert lock.held
    assert not journal_file(group_dir).exists()


def test_the_group_lock_is_shared_within_one_process_until_the_last_release(group_dir: Path) -> None:
    """Screens of one window share the lock; another process gets it only after the last release."""
    first, second = GroupLock(group_dir), GroupLock(group_dir)
    assert first.acquire() and second.acquire()
    first.release()
    assert second.held and not other_process_can_lock(group_dir)
    second.release()
    assert other_process_can_lock(group_dir)


def test_second_recorder_in_the_same_process_is_refused(group_dir: Path, clock: FakeClock) -> None:
    with open_recorder(group_dir, clock):
        with pytest.raises(GroupBusy, match="already being recorded"):
            open_recorder(group_dir, clock)
    open_recorder(group_dir, clock).close()  # free again once the first one closed


def test_recorder_refused_while_another_process_holds_the_lock(group_dir: Path, clock: FakeClock) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys
                from pathlib import Path
                from kelompok.sessions.locking import GroupLock
                lock = GroupLock(Path(sys.argv[1]))
                assert lock.acquire()
                print("locked", flush=True)
                sys.stdin.read()
                """
            ),
            str(group_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == b"locked\n"
        with pytest.raises(GroupBusy):
            open_recorder(group_dir, clock)
    finally:
        holder.communicate(b"", timeout=10)  # closing stdin lets it exit, which frees the lock
    open_recorder(group_dir, clock).close()


# ── checkpoint, end, close ────────────────────────────────────────────────────────────────────


def test_checkpoint_leaves_journal_empty_and_file_complete(recorder: Recorder) -> None:
    for i in range(5):
        recorder.speak("A1", "A2" if i % 2 else "group")
    recorder.undo()
    assert recorder.pending == 6
    assert journal_file(recorder.group_dir).stat().st_size > 0
    recorder.checkpoint()
    assert recorder.pending == 0
    assert journal_file(recorder.group_dir).stat().st_size == 0
    assert store.load_session(recorder.group_dir, 1).events == recorder.session.events


def test_end_saves_everything_and_removes_the_journal(recorder: Recorder, clock: FakeClock) -> None:
    clock.advance(60)
    recorder.speak("A1", "A2")
    recorder.end()
    assert not journal_file(recorder.group_dir).exists()
    on_disk = store.load_session(recorder.group_dir, 1)
    assert on_disk.state == "ended" and on_disk.end == dt.time(9, 30, 15)
    assert on_disk.events == recorder.session.events
    with pytest.raises(NotRecording, match="ended"):
        recorder.speak("A1", "A2")
    with pytest.raises(NotRecording):
        recorder.end()
    recorder.close()
    with GroupLock(recorder.group_dir) as lock:
        assert lock.held


def test_close_checkpoints_and_removes_the_journal(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    rec.speak("A1", "A2")
    rec.close()
    assert rec.closed
    assert not journal_file(group_dir).exists()
    assert len(store.load_session(group_dir, 1).events) == 1
    with pytest.raises(NotRecording, match="closed"):
        rec.speak("A1", "A2")
    rec.close()  # idempotent


def test_journal_file_is_private(recorder: Recorder) -> None:
    recorder.speak("A1", "A2")
    mode = stat.S_IMODE(journal_file(recorder.group_dir).stat().st_mode)
    assert mode == 0o600


# ── recovery ──────────────────────────────────────────────────────────────────────────────────


def test_journal_is_replayed_after_a_crash(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    clock.advance(5)
    recorded = [rec.speak("A1", "A2"), rec.arrive("A4"), rec.speak("A4", "group"), rec.note("x")]
    recorded.append(rec.undo())  # type: ignore[arg-type]
    crash(rec)
    assert store.load_session(group_dir, 1).events == []  # only the journal has them

    clock.advance(1000)  # however long the restart took
    with open_recorder(group_dir, clock) as again:
        assert again.recovered == 5 and not again.torn
        assert again.session.events == recorded
        assert again.state == "running"
        assert again.present() == ["A1", "A2", "A3", "A4"]
        # Recovery checkpoints at once: the file has everything, the journal is empty.
        assert store.load_session(group_dir, 1).events == recorded
        assert journal_file(group_dir).stat().st_size == 0
        # The wall clock stands still here (WALL), so no gap is measured and the clock goes on from
        # the last recorded moment; tests/unit/test_crash_gap.py moves it and gets a `gap` event.
        assert again.elapsed() == 5.0
        clock.advance(2)
        assert again.speak("A1", "A4").at == 7.0
        assert again.speak("A2", "A1").seq == recorded[-1].seq + 2


def test_replay_skips_events_already_in_the_file(group_dir: Path, clock: FakeClock) -> None:
    """A crash after a checkpoint's file write but before the journal was emptied."""
    rec = open_recorder(group_dir, clock)
    rec.start()
    events = [rec.speak("A1", "A2"), rec.speak("A2", "A1")]
    journal_bytes = journal_file(group_dir).read_bytes()
    rec.checkpoint()
    later = rec.speak("A3", "A1")
    crash(rec)
    journal_file(group_dir).write_bytes(journal_bytes + encode_event(later))
    with open_recorder(group_dir, clock) as again:
        assert again.recovered == 1
        assert again.session.events == [*events, later]


def test_pause_in_the_journal_is_recovered_as_paused(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    clock.advance(30)
    act = rec.speak("A1", "A2")
    crash(rec)
    # A crash after the pause reached the journal but before the pause's checkpoint.
    with Journal(journal_file(group_dir)) as journal:
        journal.append(Event(seq=act.seq + 1, at=31.0, kind="pause"))
    with open_recorder(group_dir, clock) as again:
        assert again.state == "paused"
        assert again.elapsed() == 31.0
        assert store.load_session(group_dir, 1).state == "paused"


def test_torn_last_line_is_dropped(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    recorded = [rec.speak("A1", "A2"), rec.speak("A2", "A3")]
    crash(rec)
    with open(journal_file(group_dir), "ab") as handle:
        handle.write(b'{"seq":3,"at":1.5,"fr')  # the write in progress when the power went
    assert read_journal(journal_file(group_dir)).torn
    with open_recorder(group_dir, clock) as again:
        assert again.recovered == 2 and again.torn
        assert again.session.events == recorded
        assert again.speak("A3", "A1").seq == 3  # the unacknowledged seq is free again
    assert [e.seq for e in store.load_session(group_dir, 1).events] == [1, 2, 3]


def test_undecodable_last_line_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "001.journal"
    good = encode_event(Event(seq=1, at=0.0, **{"from": "A1"}, to="A2"))
    path.write_bytes(good + b"\x00\x00\x00\x00\n")  # zeros a power loss can leave
    replay = read_journal(path)
    assert replay.torn and [e.seq for e in replay.events] == [1]
    assert replay.good_bytes == len(good)


def test_journal_cuts_a_torn_tail_before_appending(tmp_path: Path) -> None:
    path = tmp_path / "001.journal"
    path.write_bytes(encode_event(Event(seq=1, at=0.0, kind="note", note="a")) + b'{"seq":2')
    with Journal(path) as journal:
        journal.append(Event(seq=2, at=1.0, kind="note", note="b"))
    replay = read_journal(path)
    assert not replay.torn and [e.note for e in replay.events] == ["a", "b"]


def test_bad_middle_line_is_a_data_error_with_its_line(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    rec.speak("A1", "A2")
    rec.speak("A2", "A1")
    crash(rec)
    lines = journal_file(group_dir).read_bytes().split(b"\n")
    lines.insert(1, b"this is not json")
    journal_file(group_dir).write_bytes(b"\n".join(lines))
    with pytest.raises(DataError) as info:
        open_recorder(group_dir, clock)
    assert info.value.path == journal_file(group_dir)
    assert info.value.place == "line 2"
    assert "001.journal: line 2" in str(info.value)
    # Nothing was written over, and the lock was given back.
    assert b"this is not json" in journal_file(group_dir).read_bytes()
    with GroupLock(group_dir) as lock:
        assert lock.held


def test_invalid_event_line_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "001.journal"
    path.write_bytes(b'{"seq":1,"at":0.0,"from":"A1","to":"A2","ipa":40}\n')
    with pytest.raises(DataError, match=r"line 1, field ipa"):
        read_journal(path)


def test_missing_journal_is_empty(tmp_path: Path) -> None:
    replay = read_journal(tmp_path / "none.journal")
    assert replay.events == [] and not replay.torn


def test_failed_append_is_rolled_back(recorder: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    first = recorder.speak("A1", "A2")
    real_write = os.write

    def half_write(fd: int, data: bytes) -> int:  # a disk that fills up mid-line
        return real_write(fd, data[: len(data) // 2])

    monkeypatch.setattr(journal_module.os, "write", half_write)
    with pytest.raises(OSError, match="short write"):
        recorder.speak("A2", "A1")
    monkeypatch.setattr(journal_module.os, "write", real_write)
    assert recorder.session.events == [first]  # not acknowledged, not in memory
    second = recorder.speak("A2", "A1")
    assert second.seq == 2
    assert read_journal(journal_file(recorder.group_dir)).events == [first, second]


def test_stale_temp_files_are_swept_on_open(group_dir: Path, clock: FakeClock) -> None:
    stale = group_dir / "sessions" / ".001.toml.abcd1234.tmp"
    stale.write_bytes(b"half a session")
    open_recorder(group_dir, clock).close()
    assert not stale.exists()


def test_journal_undo_of_a_withdrawn_event_is_a_data_error(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    act = rec.speak("A1", "A2")
    undo = rec.undo()
    assert undo is not None
    crash(rec)
    with open(journal_file(group_dir), "ab") as handle:  # a second undo of the same act
        handle.write(encode_event(Event(seq=undo.seq + 1, at=0.0, kind="undo", undoes=act.seq)))
    with pytest.raises(DataError, match=r"line 3: undoes 1, which is not a recorded, still standing event"):
        open_recorder(group_dir, clock)
