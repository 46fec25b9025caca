"""Issue 12 §6, "a crash gap silently compresses the timeline", through the real TUI.

A Recorder records five minutes and is left behind as kill -9 leaves it (journal on disk, lock
gone). Twelve minutes later, on the hand-moved clocks, the facilitator opens the session again from
the group screen: the live screen says how long recording was interrupted, the clock goes on from
the true time, and the supervisor's timeline shows "terputus 12 menit" where nothing was recorded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Static

from kelompok.app import make_app
from kelompok.i18n import t
from kelompok.sessions.models import AgendaBlock, Attendance, Session, SessionPlan
from kelompok.sessions.recording import Recorder
from kelompok.sessions.store import load_session, save_group, save_session
from kelompok.tui.screens.live import LiveScreen
from kelompok.tui.screens.review import ReviewScreen
from kelompok.tui.screens.sociogram import SociogramScreen
from kelompok.tui.widgets.review_timeline import ReviewTimeline
from tests.conftest import FakeClock, make_group
from tests.tui.conftest import (
    FIXED_NOW,
    notified,
    open_group_screen,
    push,
    record_notifications,
    settle,
)


class Wall:
    """The wall clock, moved with the monotonic FakeClock (FIXED_NOW when the clock starts)."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock, self.base = clock, FakeClock().now

    def __call__(self) -> dt.datetime:
        return FIXED_NOW + dt.timedelta(seconds=self.clock() - self.base)


def crashed_session(tmp_path: Path, clock: FakeClock) -> Path:
    """Session 1 recorded for five minutes (an act a minute), then the app died."""
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group(4))
    plan = SessionPlan(agenda=[AgendaBlock(title="Pembukaan", minutes=10), AgendaBlock(title="Inti", minutes=40)])
    attendance = [Attendance(member=f"A{i}", status="present") for i in range(1, 5)]
    save_session(folder, Session(number=1, date=FIXED_NOW.date(), plan=plan, attendance=attendance))
    recorder = Recorder.open(folder, 1, clock=clock, now=Wall(clock))
    recorder.start()
    for minute in range(1, 6):
        clock.advance(60)
        recorder.speak("A1" if minute % 2 else "A2", "group")
    recorder.close(checkpoint=False)  # what kill -9 leaves: the journal, the file as of the start
    return folder


async def test_reopening_after_a_crash_shows_the_gap_and_keeps_the_clock_true(tmp_path: Path, clock: FakeClock) -> None:
    folder = crashed_session(tmp_path, clock)
    clock.advance(12 * 60)
    app = record_notifications(make_app(folder.parent, lang="id", clock=clock, now=Wall(clock), offer_samples=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await open_group_screen(pilot, row=0)
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LiveScreen) and screen.recorder is not None
        assert screen.recorder.recovered == 5
        assert t("gaps.recovered", number=1, minutes="12 menit") in notified(app)
        assert screen.recent.lines()[0] == "05:00 terputus 12 menit"
        assert screen.recorder.elapsed() == 17 * 60.0
        # A1 spoke at 5:00, just before the crash: silent for none of the recorded time, so not
        # flagged (the twelve minutes would pass the ten-minute silence mark).
        a1 = screen.pad_members["A1"]
        assert screen.member_pad.silent_after == 600
        assert screen.member_pad.silent_level(a1) is None
        # The block's clock leaves the gap out, as plan vs actual does; the session clock keeps it.
        lines = screen.agenda.lines()
        assert any(line.startswith("blok 05:00 / 10:00") for line in lines), lines
        assert any(line.startswith("sesi 17:00 / 50:00") for line in lines), lines
        clock.advance(30)
        await pilot.press("3", "1")
        await pilot.pause()
        assert screen.acts == 6
        await pilot.press("f9")  # leave (pauses first)
        await settle(pilot)

        review = await push(pilot, ReviewScreen(folder, 1))
        timeline = review.query_one("#section-timeline", ReviewTimeline)
        gap_rows = [row for row in timeline.timeline_rows if row.gap]
        assert len(gap_rows) == 1
        row = gap_rows[0]
        assert (row.time, row.act, row.note) == ("05:00", "terputus 12 menit", "tidak tercatat 05:00–17:00")
        cells = [str(cell) for cell in timeline.get_row(str(row.seq))]
        assert "terputus 12 menit" in cells
        await pilot.press("escape")
        await settle(pilot)

        # The sociogram's time windows are cut on the true clock: thirds of 0–17:30, and the
        # middle one, wholly inside the gap, says it was not recorded rather than looking quiet.
        sociogram = await push(pilot, SociogramScreen(folder, 1))
        await pilot.press("w", "]")
        await settle(pilot)
        assert (sociogram.mode, sociogram.window) == ("thirds", 1)
        line = str(sociogram.query_one("#sg-view", Static).render())
        assert "05:50–11:40" in line and "terputus 6 menit" in line
        assert [len(w.acts.acts) for w in sociogram.windows()] == [5, 0, 1]

    session = load_session(folder, 1)
    assert session.gaps() == [(300.0, 1020.0)]
    assert session.acts()[-1].at == 1050.0  # 17:30 on the true clock, not 5:30
