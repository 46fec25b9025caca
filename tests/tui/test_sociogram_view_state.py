"""The sociogram screen's view state is reactive (docs/ARCHITECTURE.md): setting a part of the view
redraws the screen, and a step that changes two parts (session and window) draws once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kelompok.tui.widgets.member_trajectory import MemberTrajectory
from tests.tui.test_sociogram_screen import KUBE, SAMPLES, app_for, open_sociogram, view


@pytest.fixture
def kube(tmp_path: Path) -> Path:
    target = tmp_path / "ws" / KUBE
    shutil.copytree(SAMPLES / KUBE, target)
    return target


async def test_setting_the_view_state_redraws_without_a_call_to_show_view(kube: Path):
    app = app_for(kube, "en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 3)
        assert view(screen).startswith("Session 3")
        screen.index = 0  # what a command, a test or a future widget may do: no redraw call
        assert view(screen).startswith("Session 1")
        screen.selected = "A6"
        assert screen.query_one(MemberTrajectory).lines()[0] == "A6 from session to session"
        screen.mode = "thirds"
        assert "part 1/3" in view(screen)


async def test_a_step_between_sessions_in_windows_draws_once(kube: Path, monkeypatch):
    app = app_for(kube, "en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_sociogram(pilot, kube, 3)
        await pilot.press("w", "right_square_bracket", "right_square_bracket")
        assert (screen.mode, screen.window) == ("thirds", 2)
        drawn: list[tuple[int, int]] = []
        show_view = screen.show_view
        monkeypatch.setattr(
            screen,
            "show_view",
            lambda: (drawn.append((screen.index, screen.window)), show_view()),
        )
        await pilot.press("right")
        assert drawn == [(3, 2)], "session and window changed together, one picture"
        assert view(screen).startswith("Session 4") and "part 3/3" in view(screen)
        await pilot.press("w")  # thirds → minutes: the window goes back to the first, one picture
        assert drawn[1:] == [(3, 0)] and screen.mode == "minutes"
