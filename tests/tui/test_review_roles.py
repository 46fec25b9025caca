"""Who is acting: the role switch (F4, palette), the name dialog, `kelompok review`, and the settings file."""

from __future__ import annotations

from pathlib import Path

from kelompok import cli
from kelompok.app import make_app
from kelompok.i18n import get_language, set_language
from kelompok.paths import config_file
from kelompok.settings import Settings, load_settings, save_settings
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.home import HomeScreen


async def test_f4_on_home_asks_the_name_once_then_switches_and_remembers(group_dir: Path):
    app = make_app(group_dir.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.role == "facilitator" and app.check_action("switch_role", ()) is True
        await pilot.press("f4")
        await pilot.pause()
        assert type(app.screen).__name__ == "NameDialog"
        await pilot.press("enter")  # an empty name is refused
        await pilot.pause()
        assert type(app.screen).__name__ == "NameDialog"
        await pilot.press(*"Retno")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert (app.role, app.user_name) == ("supervisor", "Retno")
        assert load_settings() == Settings(supervisor_name="Retno", role="supervisor")
        await pilot.press("f4")  # the facilitator's name is not known yet: asked, once
        await pilot.pause()
        assert type(app.screen).__name__ == "NameDialog"
        await pilot.press(*"Sari", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and (app.role, app.user_name) == ("facilitator", "Sari")
        await pilot.press("f4", "f4")  # both names known now: no dialog
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.role == "facilitator"
        assert load_settings() == Settings(name="Sari", supervisor_name="Retno", role="facilitator")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert app.check_action("switch_role", ()) is False, (
            "F4 belongs to home and review; the palette has it everywhere"
        )


async def test_cancelling_the_name_dialog_changes_nothing(group_dir: Path):
    app = make_app(group_dir.parent, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.role == "facilitator" and not config_file().exists()


def test_kelompok_review_is_a_verb_that_opens_the_app_as_supervisor(tmp_path: Path, monkeypatch):
    args = cli.build_parser().parse_args(["review", str(tmp_path), "--lang", "en"])
    assert (args.run, args.role, args.workspace, args.lang) == (cli.cmd_open, "supervisor", str(tmp_path), "en")
    assert "review" in cli.VERBS
    opened = {}

    class FakeApp:
        return_code = 0

        def run(self) -> None:
            opened["ran"] = True

    def fake_make_app(workspace, **options):
        opened.update(options, workspace=workspace)
        return FakeApp()

    monkeypatch.setattr("kelompok.app.make_app", fake_make_app)
    assert cli.main(["review", str(tmp_path)]) == 0
    assert opened == {"workspace": tmp_path, "lang": None, "role": "supervisor", "ran": True}
    assert cli.main([str(tmp_path)]) == 0 and opened["role"] is None, "the plain verb keeps the saved role"


async def test_review_role_for_one_run_does_not_change_the_saved_role(group_dir: Path):
    save_settings(Settings(name="Hendra", supervisor_name="Dedi", role="facilitator"))
    app = make_app(group_dir.parent, lang="id", offer_samples=False, role="supervisor")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert (app.role, app.user_name) == ("supervisor", "Dedi"), "the supervisor signs with his own name"
        await pilot.press("f2")  # remembering the language must not save the one-run role
        await pilot.pause()
    assert load_settings() == Settings(name="Hendra", supervisor_name="Dedi", role="facilitator", language="en")


async def test_the_language_chosen_with_f2_is_the_next_start_language(group_dir: Path):
    app = make_app(group_dir.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
    set_language("id")
    make_app(group_dir.parent, offer_samples=False)  # no --lang: the settings decide
    assert get_language() == "en"


async def test_a_bad_settings_file_is_reported_kept_and_only_moved_aside_when_the_user_agrees(group_dir: Path):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"role = [\n")
    app = make_app(group_dir.parent, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert str(path) in app.screen.question
        await pilot.press("n")  # leave it
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.role == "facilitator"
        await pilot.press("f4", *"Retno", "enter")
        await pilot.pause()
        assert app.role == "supervisor", "the switch works in memory"
    assert path.read_bytes() == b"role = [\n", "never overwritten"

    app = make_app(group_dir.parent, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("y")  # move it aside
        await pilot.pause()
        await pilot.press("f4", *"Retno", "enter")
        await pilot.pause()
    kept = [p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.bad-")]
    assert len(kept) == 1 and kept[0].read_bytes() == b"role = [\n"
    assert load_settings() == Settings(supervisor_name="Retno", role="supervisor")
