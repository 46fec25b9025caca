"""Issue 13 §3: hostile text in names, reasons and notes never crashes a screen and shows literally.

Rich markup in user text was interpreted (`[/]` crashed the app, `[link=…]` became a clickable
link) and ESC sequences reached the terminal raw. Every main screen is opened here with such text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from textual.widgets import DataTable

from kelompok.app import KelompokApp, make_app
from kelompok.sessions.models import Attendance, Event, Group, Member, Session, SessionPlan
from kelompok.sessions.store import save_group, save_session
from kelompok.tui.screens.attendance import AttendanceScreen
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.home import HomeScreen
from kelompok.tui.screens.live import LiveScreen
from tests.conftest import FakeClock
from tests.tui.conftest import FIXED_NOW, svg_text

CLOSE = "[/]"
LINK = "[link=file:///etc/passwd]klik[/link]"
ESC = "Merah\x1b[31m\x1b]8;;file:///etc\x07"
RTL = "\u202eabc"
LONG = "panjang " * 625  # 5,000 characters

GROUP_NAME = f"KUBE {CLOSE} {LINK}"


def hostile_workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube"
    members = [
        Member(code="A1", name=f"Ibu {CLOSE}"),
        Member(code="A2", name=f"Ibu {LINK}"),
        Member(code="A3", name=f"Ibu {ESC}"),
        Member(code="A4", name=f"Ibu {RTL}"),
        Member(code="A5", name=LONG),
    ]
    group = Group(
        name=GROUP_NAME + " " + ESC + " " + RTL,
        type="self_help",
        purpose=f"Tujuan {LINK} {CLOSE}",
        members=members,
        facilitators=[f"Bu {CLOSE}"],
        seating=[m.code for m in members],
    )
    save_group(folder, group)
    attendance = [
        Attendance(member="A1", status="present"),
        Attendance(member="A2", status="present"),
        Attendance(member="A3", status="present"),
        Attendance(member="A4", status="absent", reason=f"sidang {CLOSE} {LINK}"),
        Attendance(member="A5", status="present"),
    ]
    events = [
        Event(seq=1, at=5.0, **{"from": "A1"}, to="A2"),
        Event(seq=2, at=9.0, **{"from": "A2"}, to="A3"),
        Event(seq=3, at=12.0, kind="note", note=f"catatan {CLOSE} {LINK} {ESC}"),
        Event(seq=4, at=15.0, **{"from": "A5"}, to="group"),
    ]
    plan = SessionPlan(purpose=f"Sesi {CLOSE} {LINK}", venue=ESC)
    save_session(
        folder,
        Session(
            number=1,
            date=dt.date(2026, 11, 20),
            state="ended",
            attendance=attendance,
            events=events,
            plan=plan,
            notes=f"refleksi {CLOSE}",
            stage_observed=CLOSE,
        ),
    )
    save_session(folder, Session(number=2, date=dt.date(2026, 11, 27), plan=SessionPlan(purpose=LINK)))
    return folder


def screen_text(app: KelompokApp) -> str:
    return "\n".join(svg_text(app.export_screenshot()))


def assert_safe(app: KelompokApp) -> None:
    text = screen_text(app)
    svg = app.export_screenshot()
    assert "\x1b" not in svg and "\u202e" not in svg  # never raw to the terminal
    assert "file:///etc/passwd" not in svg or "[link=file:///etc/passwd]" in text  # a link only as literal text
    assert 'href="file:' not in svg


@pytest.fixture
def app(tmp_path: Path) -> KelompokApp:
    folder = hostile_workspace(tmp_path)
    application = make_app(folder.parent, lang="id", clock=FakeClock(), offer_samples=False)
    application.now = lambda: FIXED_NOW
    return application


async def test_home_and_group_show_hostile_names_literally(app: KelompokApp):
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # The name column is sized to the terminal, so the screen shows the start literally and
        # the cell holds the whole name as plain text.
        assert "KUBE [/] [link=file:///etc/passwd]" in screen_text(app)
        cell = app.screen.query_one("#groups", DataTable).get_row_at(0)[0]
        assert str(cell).startswith("KUBE [/] [link=file:///etc/passwd]klik[/link] Merah␛[31m")  # ESC shown, not sent
        assert_safe(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert "[/]" in screen_text(app)
        assert_safe(app)


@pytest.mark.parametrize("key", ["p", "s", "v", "x"])
async def test_plan_sociogram_review_and_export_survive_hostile_names(app: KelompokApp, key: str):
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, (HomeScreen, GroupScreen)) or key == "x"
        assert app.return_code is None or app.return_code == 0
        assert_safe(app)
        if key in ("v", "s", "p"):
            assert "[/]" in screen_text(app) or "[link=" in screen_text(app)


async def test_attendance_and_live_survive_hostile_names(app: KelompokApp):
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("down", "l")  # session 2, planned
        await pilot.pause()
        assert isinstance(app.screen, AttendanceScreen)
        assert "Ibu [/]" in screen_text(app) and "Ibu [link=file:///etc/passwd]klik[/link]" in screen_text(app)
        assert_safe(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("1", "2")
        await pilot.pause()
        assert_safe(app)
        assert app.screen.recorder is not None and len(app.screen.recorder.session.acts()) == 1
        await pilot.press("f3")  # arrivals and departures: a list of member names
        await pilot.pause()
        assert "Ibu [/]" in screen_text(app)
        assert_safe(app)
