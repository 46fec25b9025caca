"""The sociogram screen through Textual's Pilot: stepping through sessions and windows, the
facilitator toggle, member trajectories, absent vs silent, names, language, and two snapshots.

Each test copies a sample group into its own workspace (the screen only reads, but the shared
samples must never be at risk) and drives the real app.
"""

from __future__ import annotations

import datetime as dt
import math
import shutil
from pathlib import Path

import pytest
from textual.widgets import Static

from kelompok.app import KelompokApp, make_app
from kelompok.i18n import t
from kelompok.sessions.models import Attendance, Session
from kelompok.sessions.store import load_group, save_group, save_session, session_numbers, session_path
from kelompok.sociogram.analysis import analyse, analyse_windows
from kelompok.sociogram.dynamics import member_trajectories, metric_values
from kelompok.sociogram.acts import read_session_acts
from kelompok.sociogram.wording import format_metric
from kelompok.tui.dialogs.help import HelpDialog, help_text
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.sociogram import SociogramScreen
from kelompok.tui.widgets.member_trajectory import MemberTrajectory
from kelompok.tui.widgets.metrics_panel import MetricsPanel
from kelompok.tui.widgets.sociogram_badges import SociogramBadges
from kelompok.tui.widgets.sociogram_canvas import SociogramCanvas
from tests.conftest import make_group, make_session
from tests.tui.conftest import notified, open_group_screen, record_notifications, settle

SAMPLES = Path(__file__).resolve().parents[2] / "sample_groups"
KUBE = "kube-sejahtera-mawar"
"""8 members, 6 sessions: A8 absent from session 2, A3 left after session 4, A6 the quiet member."""


@pytest.fixture
def kube(tmp_path: Path) -> Path:
    target = tmp_path / "ws" / KUBE
    shutil.copytree(SAMPLES / KUBE, target)
    return target


def app_for(group_dir: Path, lang: str = "id") -> KelompokApp:
    return record_notifications(make_app(group_dir.parent, lang=lang, offer_samples=False))


async def open_sociogram(pilot, group_dir: Path, number: int | None = None) -> SociogramScreen:
    """Push the screen and wait for the series worker, so every part of it is filled in."""
    await pilot.pause()
    screen = SociogramScreen(group_dir, number)
    pilot.app.push_screen(screen)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


def view(screen: SociogramScreen) -> str:
    return str(screen.query_one("#sg-view", Static).render())


def canvas(screen: SociogramScreen) -> str:
    raster = screen.query_one(SociogramCanvas).raster
    assert raster is not None
    return "\n".join(raster.lines())


def badges(screen: SociogramScreen) -> str:
    return "\n".join(screen.query_one(SociogramBadges).lines())


def reference(group_dir: Path, number: int):
    return analyse(read_session_acts(session_path(group_dir, number)), load_group(group_dir).seat_order())


# ── opening and stepping ──


async def test_s_on_the_group_screen_opens_the_sociogram_of_the_session_under_the_cursor(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_group_screen(pilot, row=0)
        await pilot.press("down", "down", "s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SociogramScreen) and screen.number == 3
        assert view(screen).startswith("Sesi 3 · 29 Januari 2026")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)


async def test_the_sociogram_opens_on_the_latest_session_and_on_the_one_just_recorded(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        group = await open_group_screen(pilot)  # the cursor starts on the latest session
        latest = session_numbers(kube)[-1]
        assert group.selected_number() == latest
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, SociogramScreen) and app.screen.number == latest
        await pilot.press("escape")
        await settle(pilot)
        # Back on the group screen (re-read on return) the cursor stays on the session chosen.
        await pilot.press("up")
        chosen = group.selected_number()
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.number == chosen
        await pilot.press("escape")
        await settle(pilot)
        assert group.selected_number() == chosen


async def test_left_and_right_step_through_the_sessions_and_stop_at_the_ends(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        await pilot.press("left")
        assert screen.number == 1  # nothing before the first
        seen = [screen.number]
        pictures = {screen.query_one(SociogramCanvas).key}
        for _ in range(6):
            await pilot.press("right")
            seen.append(screen.number)
            pictures.add(screen.query_one(SociogramCanvas).key)
        assert seen == [1, 2, 3, 4, 5, 6, 6]
        assert len(pictures) == 6
        assert view(screen).startswith("Sesi 6 ·")
        await pilot.press("left", "left")
        assert screen.number == 4


async def test_the_panel_shows_the_metrics_of_the_session_on_screen(kube: Path):
    app = app_for(kube, "en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 2)
        await pilot.press("right")
        expected = metric_values(reference(kube, 3))
        panel = screen.query_one(MetricsPanel).lines()
        assert panel[0] == "Metrics · with the facilitator"
        row = next(line for line in panel if line.startswith("Fac. share"))
        assert format_metric("facilitator_share", expected["facilitator_share"], "en") in row
        assert row.count("▁") + row.count("█") + sum(row.count(c) for c in "▂▃▄▅▆▇") == 6  # one bar per session
        marker = next(line for line in panel if "▲" in line)
        assert marker.index("▲") == row.index(row.split()[-1]) + 2  # under the third bar: session 3
        assert any("series of 6 sessions" in line for line in panel)


async def test_w_cuts_the_session_into_thirds_then_ten_minute_windows_and_brackets_step_through_them(kube: Path):
    app = app_for(kube, "en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        whole = reference(kube, 1)
        assert screen.check_action("step_window", (1,)) is None  # nothing to step in a whole session
        await pilot.press("w")
        assert screen.mode == "thirds" and screen.window == 0
        thirds = analyse_windows(read_session_acts(session_path(kube, 1)), load_group(kube).seat_order(), parts=3)
        acts = []
        for index in range(3):
            assert screen.window == index
            assert f"part {index + 1}/3" in view(screen)
            acts.append(screen.current().metrics.with_facilitator.acts)
            await pilot.press("right_square_bracket")
        assert screen.window == 2  # stops at the last part
        assert acts == [w.metrics.with_facilitator.acts for w in thirds]
        assert sum(acts) == whole.metrics.with_facilitator.acts
        await pilot.press("up")
        assert screen.window == 1
        await pilot.press("w")
        assert screen.mode == "minutes" and screen.window == 0
        count = math.ceil(whole.acts.duration / 600)
        assert len(screen.windows()) == count and f"part 1/{count} · 00:00–10:00" in view(screen)
        await pilot.press("down", "down")
        assert screen.window == 2 and "20:00–30:00" in view(screen)
        await pilot.press("w")
        assert screen.mode == "whole" and "whole session" in view(screen)


async def test_stepping_sessions_keeps_the_window_mode_and_the_part(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 2)
        await pilot.press("w", "right_square_bracket", "right_square_bracket")
        assert (screen.mode, screen.window) == ("thirds", 2)
        await pilot.press("right")
        assert (screen.number, screen.mode, screen.window) == (3, "thirds", 2)
        third = analyse_windows(read_session_acts(session_path(kube, 3)), load_group(kube).seat_order(), parts=3)[2]
        assert screen.current().metrics.with_facilitator.acts == third.metrics.with_facilitator.acts


# ── what the picture says ──


async def test_absent_members_are_drawn_apart_from_silent_present_ones(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 2)
        assert "◌A8" in canvas(screen)  # absent from session 2
        await pilot.press("right", "w")  # session 3, first third: A3 is there and has not spoken yet
        assert screen.current().sociometry.positions["A3"] == ("isolate",)
        picture = canvas(screen)
        assert "○A3" in picture and "◌A3" not in picture
        assert "A3: hadir, belum ikut dalam percakapan" in badges(screen)


async def test_f_leaves_the_facilitator_out_of_the_picture_and_the_metrics(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        assert "◆F" in canvas(screen)
        await pilot.press("f")
        assert "◇F" in canvas(screen) and "◆F" not in canvas(screen)
        picture = screen._pictures[screen.query_one(SociogramCanvas).key]
        assert all("facilitator" not in (edge.a, edge.b) for edge in picture.edges)
        panel = screen.query_one(MetricsPanel).lines()
        assert panel[0] == "Ukuran · tanpa fasilitator"
        expected = metric_values(reference(kube, 1))
        density = next(line for line in panel if line.startswith("Kepadatan"))
        assert format_metric("density_members", expected["density_members"], "id") in density
        await pilot.press("f")
        assert "◆F" in canvas(screen)


async def test_badges_name_the_pattern_and_the_signals_to_check_in_soft_words(kube: Path):
    app = app_for(kube, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        text = badges(screen)
        assert "Pattern: maypole" in text and "most of the talk goes through the facilitator" in text
        assert "To check, not a diagnosis (observed talk, not liking):" in text
        # Session 1 is leader-centred (member↔member acts 19 % < 25 %): nobody is called hardly
        # addressed, and the screen says why, once.
        assert "not yet addressed much" not in text
        assert text.count("Members hardly addressed each other") == 1
        assert (
            "• The facilitator still says 56% of all acts" in text
            and "may indicate forming, compare with what you observed" in text
        )
        await pilot.press("f2")  # Bahasa Indonesia
        await pilot.pause()
        assert "belum banyak diajak bicara" not in badges(screen).replace("dinilai belum banyak diajak bicara", "")
        assert "mungkin menandakan tahap pembentukan" in badges(screen)
        assert "Pola: terpusat" in badges(screen)


async def test_a_split_is_said_once(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_sociogram(pilot, kube, 3)
        text = badges(screen)
        assert text.count("A1, A2, A3, A4 | A5, A6, A7, A8") == 1
        assert "mungkin menandakan tahap gejolak" in text


# ── members ──


async def test_a_member_key_shows_their_trajectory_and_escape_lets_go(kube: Path):
    app = app_for(kube, "en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 3)
        trajectory = screen.query_one(MemberTrajectory)
        assert "Tab or 1–9 selects a member" in trajectory.lines()[0]
        await pilot.press("6")
        assert screen.selected == "A6"
        lines = trajectory.lines()
        assert lines[0] == "A6 from session to session"
        seating = load_group(kube).seat_order()
        points = member_trajectories([reference(kube, n) for n in range(1, 7)], seating)["A6"]
        assert lines[3].split()[2:] == [str(p.out) for p in points]  # "To people" row
        assert lines[4].split()[1:] == [str(p.received) for p in points]
        assert "A6" in canvas(screen)
        picture = screen._pictures[screen.query_one(SociogramCanvas).key]
        assert {e.style for e in picture.edges if "A6" in (e.a, e.b)} == {"edge-selected"}
        await pilot.press("escape")
        assert screen.selected is None and isinstance(app.screen, SociogramScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, SociogramScreen)


async def test_an_absence_shows_as_a_dash_not_a_zero(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 5)
        await pilot.press("3")  # A3 left the group after session 4
        lines = screen.query_one(MemberTrajectory).lines()
        assert lines[2].split()[1:] == ["●", "●", "●", "●", "◌", "◌"]
        assert lines[3].split()[-2:] == ["–", "–"]
        assert "◌A3" in canvas(screen)


async def test_tab_walks_the_seating_order_and_back_to_nobody(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        chosen = []
        for _ in range(9):
            await pilot.press("tab")
            chosen.append(screen.selected)
        assert chosen == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", None]
        await pilot.press("shift+tab")
        assert screen.selected == "A8"
        await pilot.press("8")
        assert screen.selected is None  # the same key again lets go


async def test_names_only_when_the_facilitator_asks(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        assert "Sulastri" not in canvas(screen) and "Sulastri" not in badges(screen)
        await pilot.press("n")
        assert "A1 Sutrisno" in canvas(screen)
        assert "A8 Sulastri" in badges(screen)  # the one member signal of session 1
        await pilot.press("1")
        assert screen.query_one(MemberTrajectory).lines()[0] == "A1 Sutrisno dari sesi ke sesi"
        await pilot.press("n")
        assert "Sutrisno" not in canvas(screen)


# ── edges of the data ──


async def test_a_group_without_recorded_sessions_says_so(tmp_path: Path):
    folder = tmp_path / "ws" / "baru"
    save_group(folder, make_group())
    save_session(folder, Session(number=1, date=dt.date(2026, 11, 20)))  # planned only
    app = app_for(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_sociogram(pilot, folder)
        assert screen.sessions == [] and view(screen) == t("sociogram.no_sessions")
        await pilot.press("right", "w", "f", "tab", "1", "n")
        assert screen.number is None and screen.selected is None


async def test_a_planned_session_is_skipped_and_an_unreadable_one_is_reported(group_dir: Path):
    save_session(group_dir, Session(number=3, date=dt.date(2026, 11, 20)))  # planned: nothing recorded
    save_session(group_dir, make_session(4))
    session_path(group_dir, 4).write_text("number = [", encoding="utf-8")
    app = app_for(group_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, group_dir, 3)
        assert [s.number for s in screen.sessions] == [1, 2]
        assert screen.number == 2  # the nearest recorded session before the one asked for
        messages = notified(app)
        assert any(m.startswith("Sesi 4 tidak dapat dibaca") for m in messages)


async def test_a_session_with_attendance_but_no_acts_yet_is_drawn_with_everyone_silent(group_dir: Path):
    save_session(
        group_dir,
        Session(
            number=3,
            date=dt.date(2026, 11, 20),
            state="running",
            attendance=[Attendance(member="A1", status="present")],
        ),
    )
    app = app_for(group_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, group_dir, 3)
        assert screen.number == 3
        assert "○A1" in canvas(screen)
        assert t("sociogram.no_acts") in badges(screen)


# ── help, language, size ──


async def test_f1_opens_the_sociogram_help_in_the_current_language(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_sociogram(pilot, kube, 1)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpDialog) and app.screen.topic == "sociogram"
    for lang, caution in (("id", "bukan diagnosis"), ("en", "never a diagnosis")):
        text = help_text("sociogram", lang)
        assert caution in text and "| w |" in text and "◌" in text


async def test_the_side_panel_folds_away_on_a_narrow_terminal_and_p_brings_it_back(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(64, 24)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        side = screen.query_one("#sg-side")
        assert not side.display and "dengan fasilitator" in view(screen)
        await pilot.press("p")
        await pilot.pause()
        assert side.display


# ── looks ──


async def test_snapshot_80x24(kube: Path, snapshot):
    app = app_for(kube)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_sociogram(pilot, kube, 1)
        app.clear_notifications()
        await pilot.pause()
        snapshot(app, "sociogram_80x24")


async def test_snapshot_160x48(kube: Path, snapshot):
    app = app_for(kube, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        await open_sociogram(pilot, kube, 3)
        await pilot.press("6")
        app.clear_notifications()
        await pilot.pause()
        snapshot(app, "sociogram_160x48")


async def test_the_screen_verbs_are_in_the_command_palette(kube: Path):
    app = app_for(kube)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 2)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        for key in ("previous_session", "next_session", "windows", "facilitator", "names", "panel"):
            assert t(f"sociogram.commands.{key}") in commands
        commands[t("sociogram.commands.next_session")].callback()
        assert screen.number == 3


# ── equity and participation shifts in the side panel (issue 10 §8, §9) ──


async def test_side_panel_shows_equity_only_for_analysable_attributes_and_the_turn_taking(kube: Path):
    from kelompok.sociogram.metrics import equity_ratios
    from kelompok.sociogram.pshifts import participation_shifts
    from kelompok.tui.widgets.sociogram_extras import SociogramExtras

    group = load_group(kube)
    keys = sorted({k for m in group.members for k in m.attributes})
    assert len(keys) >= 2, keys
    save_group(kube, group.model_copy(update={"analysable_attributes": [keys[0]]}))
    app = app_for(kube, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        lines = screen.query_one(SociogramExtras).lines()
        expected = reference(kube, 1)
        assert lines[0] == "Equity (share of acts ÷ share of members)"
        ratios = equity_ratios(expected.graph, load_group(kube), keys[0])
        assert lines[1].startswith(f"{keys[0]}: ")
        assert all(value in lines[1] for value in ratios if value)
        assert not any(line.startswith(f"{other}:") for other in keys[1:] for line in lines)
        shifts = participation_shifts(expected.acts)
        assert f"{shifts.total} turn changes; most often: " in "\n".join(lines)
    # Without an analysable attribute there is no equity block at all.
    save_group(kube, group.model_copy(update={"analysable_attributes": []}))
    app = app_for(kube, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        lines = screen.query_one(SociogramExtras).lines()
        assert lines[0] == "Turn-taking (Gibson's participation shifts)"


async def test_the_stage_model_from_the_settings_words_the_signals(kube: Path):
    from kelompok.tui.widgets.sociogram_stages import SociogramStages

    app = app_for(kube, "en")
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await open_sociogram(pilot, kube, 1)
        assert "may indicate forming" in badges(screen)
        assert any("forming" in line for line in screen.query_one(SociogramStages).lines())
        app.action_switch_stage_model()
        await pilot.pause()
        assert app.settings.stage_model == "boston"
        assert "may indicate pre-affiliation" in badges(screen)
        assert any("pre-affiliation" in line for line in screen.query_one(SociogramStages).lines())
