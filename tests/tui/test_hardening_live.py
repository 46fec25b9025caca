"""Issue 13 §3: an unreadable old session does not block recording the next one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kelompok.app import make_app
from kelompok.sessions.models import Session
from kelompok.sessions.store import save_group, save_session, session_path
from kelompok.tui.screens.attendance import AttendanceScreen
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.live import LiveScreen
from tests.conftest import FakeClock, make_group, make_session
from tests.tui.conftest import FIXED_NOW, notified, open_group_screen, record_notifications


async def test_an_unreadable_old_session_does_not_block_recording(tmp_path: Path):
    folder = tmp_path / "ws" / "kube"
    save_group(folder, make_group())
    save_session(folder, make_session(1))
    broken = session_path(folder, 2)
    broken.write_text("number = [\n")  # damaged by hand or by a sync tool
    save_session(folder, Session(number=3, date=dt.date(2026, 11, 27)))
    app = make_app(folder.parent, lang="en", clock=FakeClock(), offer_samples=False)
    app.now = lambda: FIXED_NOW
    record_notifications(app)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await open_group_screen(pilot, row=0)
        assert isinstance(app.screen, GroupScreen)
        await pilot.press("l")  # the cursor is on session 1 (ended): the next one not ended is wanted
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen), notified(app)
        assert app.screen.session.number == 3
        assert any("Session 2 cannot be read" in message for message in notified(app))
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen) and app.screen.recorder is not None
        assert app.screen.recorder.session.number == 3
    assert broken.read_text() == "number = [\n"  # left exactly as it was


async def test_a_failed_checkpoint_says_every_act_is_safe_in_the_journal(tmp_path: Path, monkeypatch):
    import errno

    from kelompok.sessions import store
    from kelompok.sessions.journal import read_journal
    from kelompok.sessions.store import journal_path

    folder = tmp_path / "ws" / "kube"
    save_group(folder, make_group())
    save_session(folder, Session(number=1, date=dt.date(2026, 11, 27)))
    clock = FakeClock()
    app = make_app(folder.parent, lang="id", clock=clock, offer_samples=False)
    app.now = lambda: FIXED_NOW
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")  # everyone present: start
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        for turn in ("1 2", "2 3"):
            clock.advance(5)
            await pilot.press(*turn.split())
        await pilot.pause()

        def full_disk(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(store, "atomic_write_bytes", full_disk)
        await pilot.press("f8")  # pause → checkpoint fails
        await pilot.pause()
        line = screen.save_state.text()
        assert screen.save_state.status == "error"
        assert "disk penuh" in line and "semua tindak bicara aman di jurnal" in line and "2 tindak bicara" in line
        assert any("Semua 2 tindak bicara aman di jurnal" in n.message for n in app._notifications)
        assert len([e for e in read_journal(journal_path(folder, 1)).events if e.kind == "speak"]) == 2
