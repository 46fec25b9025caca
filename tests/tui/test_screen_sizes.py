"""Every main screen is usable at 80×24 and at 160×48, and survives a resize while open (issue 12 §6).

Each screen is opened the way a user opens it (keys from the home screen) on a copy of a sample
group at 80×24, then the terminal grows to 160×48 and shrinks back. At each size the screen's
key widgets must be shown whole inside the terminal: not hidden, not empty, not cut off.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import DataTable

from kelompok.app import KelompokApp, make_app
from kelompok.sessions.models import Session
from kelompok.sessions.store import save_session, session_numbers
from kelompok.tui.dialogs.export import ExportDialog
from kelompok.tui.dialogs.help import HelpDialog
from kelompok.tui.screens.attendance import AttendanceScreen
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.home import HomeScreen
from kelompok.tui.screens.live import LiveScreen
from kelompok.tui.screens.new_group import NewGroupScreen
from kelompok.tui.screens.plan import PlanScreen
from kelompok.tui.screens.review import ReviewScreen
from kelompok.tui.screens.sociogram import SociogramScreen
from tests.conftest import FakeClock
from tests.tui.conftest import FIXED_NOW, settle

SAMPLES = Path(__file__).resolve().parents[2] / "sample_groups"
KUBE = "kube-sejahtera-mawar"
SIZES = ((80, 24), (160, 48), (80, 24))

# The screen, the keys that open it from the home screen (after `settle`), and the widgets that
# must show whole: the footer's keys, the list or canvas one works in, the status one reads.
SCREENS: dict[str, tuple[type, tuple[str, ...], tuple[str, ...]]] = {
    "home": (HomeScreen, (), ("Header", "#groups", "TranslatedFooter")),
    "group": (
        GroupScreen,
        ("enter",),
        ("Header", "#group-info", "#sessions", "TranslatedFooter"),
    ),
    "plan": (
        PlanScreen,
        ("enter", "p"),
        ("Header", "#plan-status", "#plan-tabs", "TranslatedFooter"),
    ),
    "new group": (
        NewGroupScreen,
        ("n",),
        ("Header", "#new-group-status", "#new-group-tabs", "TranslatedFooter"),
    ),
    "attendance": (
        AttendanceScreen,
        ("enter", "l"),
        ("#attendance-title", "#attendance-table", "TranslatedFooter"),
    ),
    "live": (
        LiveScreen,
        ("enter", "l", "enter"),
        (
            "Header",
            "#live-save",
            "#live-members",
            "#live-turn",
            "#live-recent",
            "#live-agenda",
            "#live-roles",
            "TranslatedFooter",
        ),
    ),
    "sociogram": (
        SociogramScreen,
        ("enter", "s"),
        (
            "Header",
            "#sg-view",
            "#sg-canvas",
            "#sg-badges",
            "#sg-side",
            "TranslatedFooter",
        ),
    ),
    "review": (
        ReviewScreen,
        ("enter", "up", "v"),
        (
            "Header",
            "#review-status",
            "#review-sections",
            "#review-content",
            "TranslatedFooter",
        ),
    ),
    "help": (HelpDialog, ("f1",), ("#help",)),
    "export": (ExportDialog, ("enter", "up", "x"), ("#export-dialog", "#export-title")),
}


@pytest.fixture
def app(tmp_path: Path) -> KelompokApp:
    folder = tmp_path / "ws" / KUBE
    shutil.copytree(SAMPLES / KUBE, folder)
    # A planned session after the recorded ones, for attendance and the live screen.
    number = session_numbers(folder)[-1] + 1
    save_session(folder, Session(number=number, date=FIXED_NOW.date() + dt.timedelta(days=1)))
    application = make_app(folder.parent, lang="id", clock=FakeClock(), offer_samples=False)
    application.now = lambda: FIXED_NOW
    return application


def cut_off(widget: Widget, screen: Region) -> str | None:
    """Why `widget` is not shown whole inside the terminal, or None when it is."""
    region = widget.region
    if not widget.display or not widget.visible:
        return "hidden"
    if region.area == 0:
        return f"empty {region}"
    if not screen.contains_region(region):
        return f"{region} outside the terminal {screen}"
    if isinstance(widget, DataTable) and widget.virtual_size.width > widget.scrollable_content_region.width:
        # A table wider than its room hides its last columns behind a horizontal scroll.
        return f"columns {widget.virtual_size.width} wide in {widget.scrollable_content_region.width}"
    return None


@pytest.mark.parametrize("name", list(SCREENS))
async def test_each_screen_shows_its_key_widgets_whole_at_80x24_and_160x48_and_survives_a_resize(
    app: KelompokApp, name: str
):
    screen_class, keys, selectors = SCREENS[name]
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        screen = app.screen
        assert isinstance(screen, screen_class), f"{name}: {type(screen).__name__}"
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await settle(pilot)
            assert app.screen is screen, f"{name} at {width}×{height}: the screen changed"
            terminal = Region(0, 0, width, height)
            problems = {selector: cut_off(screen.query_one(selector), terminal) for selector in selectors}
            assert {s: p for s, p in problems.items() if p} == {}, f"{name} at {width}×{height}"
        assert app.return_code is None, "no crash"
