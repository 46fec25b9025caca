"""The settings are read after the first frame (start-up, docs/ARCHITECTURE.md): what they say still holds."""

from __future__ import annotations

from pathlib import Path

from kelompok.app import make_app
from kelompok.i18n import get_language, set_language
from kelompok.settings import Settings, save_settings
from kelompok.tui.screens.home import HomeScreen
from tests.tui.conftest import settle


async def test_a_saved_supervisor_opens_as_supervisor_in_the_saved_language(
    group_dir: Path,
):
    save_settings(Settings(name="Retno", supervisor_name="Dedi", role="supervisor", language="en"))
    set_language("id")
    app = make_app(group_dir.parent, offer_samples=False)
    assert get_language() == "en", "the first frame is already in the saved language"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert (app.role, app.user_name) == ("supervisor", "Dedi")  # the supervisor's own name
        assert app.settings == Settings(name="Retno", supervisor_name="Dedi", role="supervisor", language="en")
        assert app.settings_problem is None


async def test_the_role_given_for_one_run_wins_over_the_saved_one(group_dir: Path):
    save_settings(Settings(name="Retno", supervisor_name="Dedi", role="facilitator"))
    app = make_app(group_dir.parent, lang="id", offer_samples=False, role="supervisor")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert (app.role, app.user_name) == ("supervisor", "Dedi")
