"""The attendance screen warns (never blocks) about missing consent, and flags a reason for safety
follow-up (issue 11)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Input

from kelompok.sessions.models import Consent, GuardianConsent, Session
from kelompok.sessions.store import load_group, load_session, save_group, save_session
from kelompok.tui.screens.attendance import AttendanceScreen
from kelompok.tui.screens.live import LiveScreen
from tests.conftest import FakeClock, make_group, make_session
from tests.tui.test_live import PLAN, app_for, open_live


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube-mawar"
    group = make_group(4)
    for member in group.members:
        member.consent = Consent(participation=True, recording=True, date=dt.date(2026, 11, 1))
    group.members[1].minor = True  # A2: under 18, the guardian consented but the child's assent is missing
    group.members[1].consent = Consent(
        guardian=GuardianConsent(name="Ibu Wali", relation="parent", participation=True, recording=True)
    )
    group.members[3].consent = Consent()  # A4: nothing recorded yet
    save_group(folder, group)
    save_session(folder, make_session(1))
    save_session(folder, Session(number=2, date=dt.date(2026, 11, 20), plan=PLAN))
    return folder


async def test_attendance_warns_about_present_members_without_consent_and_still_starts(
    tmp_path: Path, clock: FakeClock
):
    folder = workspace(tmp_path)
    app = app_for(folder, clock, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot, row=0)
        screen = app.screen
        assert isinstance(screen, AttendanceScreen)
        warning = screen.query_one("#attendance-consent")
        text = str(warning.render())
        assert warning.display and "A2" in text and "assent" in text and "A4" in text and "A1" not in text
        assert "Anggota" not in text  # codes, not names
        await pilot.press("down", "down", "down", "3")  # A4 absent: no longer warned about
        await pilot.pause()
        assert "A4" not in str(warning.render()) and "A2" in str(warning.render())
        await pilot.press("down", "r")  # the cursor stayed on A4 (the last row): a reason, flagged
        reason = screen.query_one("#attendance-reason", Input)
        reason.value = "tidak pulang ke rumah sejak Sabtu"
        await pilot.press("enter", "f6")
        await pilot.pause()
        await pilot.press("enter")  # start: a warning never blocks
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
    session = load_session(folder, 2)
    entry = session.attendance_of("A4")
    assert entry.status == "absent" and entry.safety and entry.reason == "tidak pulang ke rumah sejak Sabtu"
    assert session.attendance_of("A2").status == "present"
    assert load_group(folder).member("A2").consent.assent is False
