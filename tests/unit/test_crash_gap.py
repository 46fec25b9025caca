"""A crash (or a closed live screen) while a session runs: the time until the reopen is a `gap`.

Before, the clock resumed from the last act, so the minutes the app was down vanished from every
timing. These tests drive a real Recorder with the hand-moved clocks (`FakeClock` for the
monotonic clock, `Wall` for the wall clock), leave its journal behind as kill -9 does, reopen it
N minutes later and check the offsets, the gap event, and what the consumers make of it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import signal
import time
from pathlib import Path

import pytest

from kelompok import i18n
from kelompok.sessions import store
from kelompok.sessions.fileio import DataError
from kelompok.sessions.gaps import overlap, recorded_seconds
from kelompok.sessions.journal import read_journal
from kelompok.sessions.models import (
    FORMAT_CLOCK,
    FORMAT_VERSION,
    AgendaBlock,
    Attendance,
    Event,
    Group,
    Member,
    Session,
    SessionPlan,
)
from kelompok.sessions.planning import plan_vs_actual
from kelompok.sessions.recording import GAP_MAX_SECONDS, GAP_MIN_SECONDS, Recorder
from kelompok.sociogram.acts import from_session
from kelompok.sociogram.build import windows
from tests.conftest import FakeClock

START = dt.datetime(2026, 11, 23, 9, 0, 0)


class Wall:
    """The wall clock of the tests, moved together with the monotonic one."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.base = FakeClock().now  # where every FakeClock starts: START on the wall clock

    def __call__(self) -> dt.datetime:
        return START + dt.timedelta(seconds=self.clock() - self.base)


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


@pytest.fixture
def group_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "kube-mawar"
    members = [Member(code=f"A{i}", name=f"Ibu {i}") for i in range(1, 5)]
    store.save_group(folder, Group(name="KUBE Mawar", type="self_help", members=members))
    plan = SessionPlan(agenda=[AgendaBlock(title="Pembukaan", minutes=10), AgendaBlock(title="Inti", minutes=40)])
    attendance = [Attendance(member=f"A{i}", status="present") for i in range(1, 5)]
    store.save_session(folder, Session(number=1, date=START.date(), plan=plan, attendance=attendance))
    return folder


def open_recorder(group_dir: Path, clock: FakeClock) -> Recorder:
    return Recorder.open(group_dir, 1, clock=clock, now=Wall(clock))


def crashed_after_five_minutes(group_dir: Path, clock: FakeClock) -> list[Event]:
    """Start, record for five minutes, and leave the journal behind as kill -9 does."""
    rec = open_recorder(group_dir, clock)
    rec.start()
    acts = []
    for minute in range(1, 6):
        clock.advance(60)
        acts.append(rec.speak("A1" if minute % 2 else "A2", "group"))
    rec.close(checkpoint=False)
    return acts


def test_the_time_the_app_was_down_is_a_gap_and_later_offsets_stay_true(group_dir: Path, clock: FakeClock) -> None:
    acts = crashed_after_five_minutes(group_dir, clock)
    assert acts[-1].at == 300.0
    clock.advance(12 * 60)  # twelve minutes until the facilitator has the app open again
    with open_recorder(group_dir, clock) as again:
        assert again.recovered == 5
        gap = again.gap
        assert gap is not None and gap.kind == "gap"
        assert (gap.at, gap.until) == (300.0, 1020.0)
        assert gap.seq == acts[-1].seq + 1
        # The clock goes on from the wall-clock time since the start, not from the last act.
        assert again.elapsed() == 1020.0
        clock.advance(30)
        assert again.speak("A3", "A1").at == 1050.0
    # The gap is on disk: the session file holds it, as format 2 (older versions refuse it).
    text = store.session_path(group_dir, 1).read_text()
    assert 'kind = "gap"' in text and "until = 1020.0" in text
    assert text.startswith(f"format = {FORMAT_CLOCK}\n")
    saved = store.load_session(group_dir, 1)
    assert saved.gaps() == [(300.0, 1020.0)]
    assert [e.kind for e in saved.events][-2:] == ["gap", "speak"]


def test_the_gap_is_in_the_journal_before_anything_else_is_recorded(group_dir: Path, clock: FakeClock) -> None:
    crashed_after_five_minutes(group_dir, clock)
    clock.advance(600)
    rec = open_recorder(group_dir, clock)
    clock.advance(5)
    rec.speak("A1", "A2")
    rec.close(checkpoint=False)  # a second crash: the journal alone holds what came after the first
    journal = read_journal(store.journal_path(group_dir, 1))
    assert [e.kind for e in journal.events] == ["speak"]  # the gap was folded in by the recovery checkpoint
    assert store.load_session(group_dir, 1).gaps() == [(300.0, 900.0)]
    clock.advance(60)
    with open_recorder(group_dir, clock) as third:
        # The second gap runs from the act after the first gap to now.
        assert third.session.gaps() == [(300.0, 900.0), (905.0, 965.0)]
        assert third.elapsed() == 965.0


def test_pauses_before_the_crash_are_left_out_of_the_gap(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    clock.advance(120)
    rec.pause()
    clock.advance(15 * 60)  # the tea break: not session time
    rec.resume()
    clock.advance(60)
    last = rec.speak("A1", "A2")
    assert last.at == 180.0
    rec.close(checkpoint=False)
    clock.advance(5 * 60)
    with open_recorder(group_dir, clock) as again:
        assert again.gap is not None
        assert (again.gap.at, again.gap.until) == (180.0, 480.0)
        assert again.elapsed() == 480.0


def test_a_crash_while_paused_is_pause_time_and_no_gap(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    clock.advance(100)
    rec.pause()
    rec.close(checkpoint=False)
    clock.advance(20 * 60)
    with open_recorder(group_dir, clock) as again:
        assert again.state == "paused" and again.gap is None
        again.resume()
        clock.advance(10)
        assert again.speak("A1", "A2").at == 110.0
    # and a crash after that resume measures only the time since it
    clock.advance(60)
    with open_recorder(group_dir, clock) as later:
        assert later.gap is not None and (later.gap.at, later.gap.until) == (110.0, 170.0)


def test_closing_the_live_screen_while_running_also_leaves_a_gap(group_dir: Path, clock: FakeClock) -> None:
    with open_recorder(group_dir, clock) as rec:
        rec.start()
        clock.advance(90)
        rec.speak("A1", "A2")
    clock.advance(4 * 60)
    with open_recorder(group_dir, clock) as again:
        assert again.recovered == 0
        assert again.gap is not None and (again.gap.at, again.gap.until) == (90.0, 330.0)


def test_an_old_record_without_wall_stamps_goes_on_from_the_last_act(group_dir: Path, clock: FakeClock) -> None:
    """A pause recorded before stamps existed: the pauses' length cannot be known, so no gap is guessed."""
    session = store.load_session(group_dir, 1)
    session.state, session.start = "running", START.time()
    session.events = [
        Event(seq=1, at=60.0, **{"from": "A1"}, to="A2"),
        Event(seq=2, at=70.0, kind="pause"),
        Event(seq=3, at=70.0, kind="resume"),
    ]
    store.save_session(group_dir, session)
    assert store.session_path(group_dir, 1).read_text().startswith(f"format = {FORMAT_VERSION}\n")
    clock.advance(3600)
    with open_recorder(group_dir, clock) as again:
        assert again.gap is None
        assert again.elapsed() == 70.0


def test_a_session_reopened_another_day_gets_no_gap(group_dir: Path, clock: FakeClock) -> None:
    """Left open on Monday and reopened on Thursday to be ended: not an interruption of the meeting."""
    crashed_after_five_minutes(group_dir, clock)
    clock.advance(3 * 24 * 3600)
    with open_recorder(group_dir, clock) as again:
        assert again.gap is None
        assert again.elapsed() == 300.0


@pytest.mark.parametrize(
    ("down", "gap"),
    [(GAP_MAX_SECONDS, True), (GAP_MAX_SECONDS + 1, False), (GAP_MIN_SECONDS, True), (GAP_MIN_SECONDS - 0.5, False)],
)
def test_the_limits_of_a_gap(group_dir: Path, clock: FakeClock, down: float, gap: bool) -> None:
    crashed_after_five_minutes(group_dir, clock)
    clock.advance(down)
    with open_recorder(group_dir, clock) as again:
        assert (again.gap is not None) is gap
        assert again.elapsed() == (300.0 + down if gap else 300.0)


def test_a_wall_clock_that_went_back_gives_no_gap(group_dir: Path, clock: FakeClock) -> None:
    crashed_after_five_minutes(group_dir, clock)
    with Recorder.open(group_dir, 1, clock=clock, now=lambda: START - dt.timedelta(hours=2)) as again:
        assert again.gap is None
        assert again.elapsed() == 300.0


def test_sociogram_windows_do_not_compress_and_rates_leave_the_gap_out(group_dir: Path, clock: FakeClock) -> None:
    crashed_after_five_minutes(group_dir, clock)  # acts at 1..5 minutes
    clock.advance(10 * 60)  # down from 5:00 to 15:00
    with open_recorder(group_dir, clock) as again:
        for _ in range(5):
            clock.advance(60)
            again.speak("A3", "A4")  # at 16..20 minutes
    session = store.load_session(group_dir, 1)
    data = from_session(session)
    assert [a.at / 60 for a in data.acts] == [1, 2, 3, 4, 5, 16, 17, 18, 19, 20]
    parts = windows(data, minutes=5)
    # Four five-minute windows over twenty minutes (the act at 5:00 opens the second): the acts
    # after the gap stay in the last one instead of being pulled into the second.
    assert [len(w.acts) for w in parts] == [4, 1, 0, 5]
    assert [w.gap_seconds for w in parts] == [0.0, 300.0, 300.0, 0.0]
    assert parts[1].recorded_seconds == 0.0 and parts[1].acts_per_minute is None
    # Acts per minute over the whole session divide by the recorded time: 10 acts in 10 minutes.
    assert data.gap_seconds == 600.0
    assert data.acts_per_minute == pytest.approx(10 / 10)


def test_a_gap_inside_an_agenda_block_is_not_counted_as_its_time(group_dir: Path, clock: FakeClock) -> None:
    rec = open_recorder(group_dir, clock)
    rec.start()
    clock.advance(5 * 60)
    rec.next_block()  # block 2 from 5:00
    clock.advance(60)
    rec.speak("A1", "A2")  # 6:00
    rec.close(checkpoint=False)
    clock.advance(12 * 60)  # down 6:00–18:00
    with open_recorder(group_dir, clock) as again:
        clock.advance(2 * 60)
        again.speak("A2", "A1")  # 20:00
    result = plan_vs_actual(store.load_session(group_dir, 1))
    first, second = result.blocks
    assert first.actual_minutes == pytest.approx(5)  # block 1 runs from the session's start
    assert result.unassigned_minutes == pytest.approx(0)
    assert second.actual_minutes == pytest.approx(3)  # 5:00–20:00 less the 12 minutes not recorded
    assert second.gap_minutes == pytest.approx(12)
    assert result.recorded_minutes == pytest.approx(8) and result.gap_minutes == pytest.approx(12)


def test_gap_spans_arithmetic() -> None:
    gaps = [(10.0, 20.0), (30.0, 50.0)]
    assert overlap(gaps, 0, 100) == 30.0
    assert overlap(gaps, 15, 35) == 10.0
    assert recorded_seconds(gaps, 15, 35) == 10.0
    assert overlap([], 0, 100) == 0.0


def test_a_gap_event_must_make_sense() -> None:
    with pytest.raises(ValueError):
        Event(seq=1, at=10.0, kind="gap")  # no until
    with pytest.raises(ValueError):
        Event(seq=1, at=10.0, kind="gap", until=5.0)  # ends before it starts
    with pytest.raises(ValueError):
        Event(seq=1, at=10.0, until=20.0, **{"from": "A1"}, to="A2")  # until on an act
    with pytest.raises(ValueError):
        Event(seq=1, at=10.0, kind="note", note="x", wall=START)  # wall only on pause/resume


def test_a_newer_format_than_the_clock_format_is_refused(group_dir: Path) -> None:
    path = store.session_path(group_dir, 1)
    text = path.read_text()
    path.write_text(re.sub(r"^format = \d+", f"format = {FORMAT_CLOCK + 1}", text))
    with pytest.raises(DataError, match="newer"):
        store.load_session(group_dir, 1)


def test_the_report_says_how_long_recording_was_interrupted(group_dir: Path, clock: FakeClock) -> None:
    from kelompok.outputs.report import build_report

    crashed_after_five_minutes(group_dir, clock)
    clock.advance(12 * 60)
    with open_recorder(group_dir, clock) as again:
        clock.advance(60)
        again.speak("A3", "A1")
        again.end()
    group, sessions = store.load_group(group_dir), store.load_sessions(group_dir)
    english = build_report(group, sessions, session=1, lang="en", fmt="md", today=START.date())
    assert "**Interrupted:** 12 min not recorded \\(1×\\)" in english  # Markdown escapes the brackets
    indonesian = build_report(group, sessions, session=1, lang="id", fmt="html", today=START.date())
    assert "Terputus" in indonesian and "12 menit tidak tercatat (1×)" in indonesian
    # A session without a gap says nothing about one.
    session = sessions[0].model_copy(update={"events": [e for e in sessions[0].events if e.kind != "gap"]})
    assert "Interrupted" not in build_report(group, [session], session=1, lang="en", fmt="md", today=START.date())


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_after_a_real_kill_minus_nine_the_reopen_records_the_gap(tmp_path: Path) -> None:
    """The child of the kill test records flat out and is SIGKILLed; the reopen comes 12 minutes
    later on the wall clock (real time plus 12 minutes), with every acknowledged act kept."""
    from tests.unit.test_kill import Child, new_session
    from tests.unit.test_kill import make_group as make_kill_group

    folder = tmp_path / "kelompok-uji"
    make_kill_group(folder)
    new_session(folder, 1)
    child = Child(folder, 1, seed=20261203)
    assert child.ready.wait(timeout=20), "the child did not start recording"
    time.sleep(0.3)
    code, err = child.kill()
    assert code == -signal.SIGKILL, err.decode(errors="replace")
    acked = child.acknowledged()
    assert acked

    def later() -> dt.datetime:
        return dt.datetime.now() + dt.timedelta(minutes=12)

    with Recorder.open(folder, 1, now=later) as again:
        events = again.session.events
        assert set(acked) <= {e.seq for e in events}
        if again.state == "paused":  # killed between a pause and its resume: pause time, no gap
            assert again.gap is None
            return
        gap = again.gap
        assert gap is not None and gap is events[-1]
        assert gap.at == max(e.end_at for e in events[:-1])
        # Twelve minutes, plus the moment the kill and reopen took, plus the start's rounding.
        assert 12 * 60 <= gap.until - gap.at <= 12 * 60 + 10
        assert again.elapsed() >= gap.until
