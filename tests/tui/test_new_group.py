"""The new-group screen through Pilot: choose a type, fill in the group, add members, save, reopen.

Every test checks the files written (read back with the store), not only the screen.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Input

from kelompok.app import KelompokApp, make_app
from kelompok.i18n import get_language
from kelompok.sessions.catalog import load_catalog
from kelompok.sessions.models import GROUP_TYPE_IDS
from kelompok.sessions.store import is_group_dir, list_groups, load_group
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.home import HomeScreen
from kelompok.tui.screens.new_group import NewGroupScreen, folder_name, new_group_folder
from kelompok.tui.widgets.group_members import GroupMembersEditor
from kelompok.tui.widgets.plan_checks import PlanChecks
from kelompok.tui.widgets.type_picker import TypePicker
from tests.tui.conftest import type_text

SIZE = (100, 32)


async def open_new_group(app: KelompokApp, pilot) -> NewGroupScreen:
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, NewGroupScreen)
    return app.screen


async def choose_type(pilot, screen: NewGroupScreen, type_id: str) -> None:
    for _ in range(GROUP_TYPE_IDS.index(type_id)):
        await pilot.press("down")
    assert screen.type_id == type_id
    await pilot.press("enter")
    await pilot.pause()


def checks(screen) -> list[str]:
    return screen.query_one(PlanChecks).ids


@pytest.mark.parametrize(
    "type_id, professional",
    [("task", False), ("therapy", True), ("sensitivity", True)],
)
async def test_create_a_group_of_a_type_through_the_ui(tmp_path: Path, type_id: str, professional: bool):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        assert "belum disimpan" in screen.status_text()
        await choose_type(pilot, screen, type_id)
        assert screen.query_one("#tab-details").display  # Enter on a type moves on to the details
        assert app.focused is screen.query_one("#name", Input)
        await type_text(pilot, "Uji 1")
        await pilot.press("enter")
        await type_text(pilot, "Belajar")
        await pilot.press("enter")
        await type_text(pilot, "Dinsos")
        await pilot.press("enter")
        await type_text(pilot, "Sari, Anton")
        await pilot.press("enter")
        assert isinstance(app.focused, Checkbox)
        if professional:
            await pilot.press("space")
        await pilot.press("tab")
        await type_text(pilot, "8")
        await pilot.press("tab")
        await type_text(pilot, "90")
        await pilot.press("tab")
        await type_text(pilot, "Senin")

        await pilot.press("alt+3")
        await pilot.pause()
        assert app.focused is screen.query_one("#member-code", Input)
        await pilot.press("enter")  # no code: the next free one is given
        await type_text(pilot, "Siti")
        await pilot.press("enter")
        await type_text(pilot, "B7")
        await pilot.press("enter")
        await type_text(pilot, "Budi")
        await pilot.press("enter")
        assert [m.code for m in screen.query_one(GroupMembersEditor).members] == ["A1", "B7"]

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "tersimpan" in screen.status_text()
        assert not screen.dirty

        folder = workspace / "uji-1"
        group = load_group(folder)
        assert group.type == type_id
        assert group.name == "Uji 1"
        assert group.purpose == "Belajar"
        assert group.agency == "Dinsos"
        assert group.facilitators == ["Sari", "Anton"]
        assert group.professional_lead is professional
        assert (group.planned_sessions, group.session_minutes, group.frequency) == (8, 90, "Senin")
        assert [(m.code, m.name) for m in group.members] == [("A1", "Siti"), ("B7", "Budi")]
        assert group.seating == ["A1", "B7"]

        # Reopen: back home, the group is listed; open it.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert [entry.name for entry in app.screen.entries] == ["Uji 1"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert app.screen.group == group
    assert not (folder / ".lock").exists() or is_group_dir(folder)


async def test_type_picker_shows_what_the_catalogue_says_in_the_current_language(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    catalog = load_catalog()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        picker = screen.query_one(TypePicker)
        for type_id in GROUP_TYPE_IDS:
            gtype = catalog.group_type(type_id)
            text = picker.detail_text()
            assert gtype.name.get("id") in text
            assert gtype.purpose.get("id") in text
            assert gtype.cautions[0].get("id") in text
            assert f"{gtype.size.min}–{gtype.size.max} orang" in text
            assert f"{gtype.length.min}–{gtype.length.max} menit" in text
            if type_id != GROUP_TYPE_IDS[-1]:
                await pilot.press("down")
        picker.select("therapy")
        await pilot.press("f2")  # the language switch redraws the list and the detail pane
        await pilot.pause()
        assert get_language() == "en"
        therapy = catalog.group_type("therapy")
        assert picker.type_id == "therapy"
        await pilot.pause()
        text = picker.detail_text()
        assert therapy.purpose.get("en") in text
        assert "must lead" in text and "a risk plan is required" in text
        assert (
            str(screen.query_one("#tab-type").parent.parent.query_one("ContentTabs").query("Tab").first().label)
            == "1 Type"
        )


@pytest.mark.parametrize(
    "type_id, check_id",
    [
        ("therapy", "professional_lead_required"),
        ("sensitivity", "professional_lead_required"),
        ("education", "professional_lead_advised"),
    ],
)
async def test_professional_lead_check_appears_and_disappears(tmp_path: Path, type_id: str, check_id: str):
    app = make_app(tmp_path / "ws", lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        assert checks(screen) == []
        await choose_type(pilot, screen, type_id)
        assert check_id in checks(screen)
        screen.query_one("#professional", Checkbox).focus()
        await pilot.press("space")
        await pilot.pause()
        assert check_id not in checks(screen)
        await pilot.press("space")
        await pilot.pause()
        assert check_id in checks(screen)


async def test_size_and_length_checks_follow_the_members_and_minutes(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="en", offer_samples=False)
    size = load_catalog().group_type("therapy").size
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await choose_type(pilot, screen, "therapy")
        await pilot.press("alt+3")
        await pilot.pause()
        await type_text(pilot, "A1")
        await pilot.press("enter")
        await type_text(pilot, "Rina")
        await pilot.press("enter")
        assert "size_below_guidance" in checks(screen)
        editor = screen.query_one(GroupMembersEditor)
        for number in range(2, size.min + 1):
            assert editor.add_member("", f"Anggota {number}")
        await pilot.pause()
        assert "size_below_guidance" not in checks(screen)
        await pilot.press("alt+2")
        screen.query_one("#session-minutes", Input).focus()
        await type_text(pilot, "300")
        await pilot.pause()
        assert "session_length_outside_guidance" in checks(screen)
        for _ in range(3):
            await pilot.press("backspace")
        await type_text(pilot, "90")
        await pilot.pause()
        assert "session_length_outside_guidance" not in checks(screen)


async def test_members_reseat_remove_and_consent(tmp_path: Path):
    workspace = tmp_path / "ws"
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await choose_type(pilot, screen, "task")
        screen.query_one("#name", Input).value = "KUBE Melati"
        await pilot.press("alt+3")
        await pilot.pause()
        for name in ("Ani", "Budi", "Citra"):
            await type_text(pilot, name.lower())  # code typed: ani, budi, citra
            await pilot.press("enter")
            await type_text(pilot, name)
            await pilot.press("enter")
        screen.query_one("#members").focus()
        await pilot.press("down", "down")  # Citra
        await pilot.press("shift+up")  # Citra sits before Budi
        await pilot.press("c")  # Citra agrees to recording
        await pilot.press("up")
        await pilot.press("d")  # Ani leaves the list
        await pilot.press("ctrl+s")
        await pilot.pause()
    group = load_group(workspace / "kube-melati")
    assert group.seating == ["citra", "budi"]
    assert [m.code for m in group.members] == ["citra", "budi"]
    assert group.member("citra").consent.recording
    assert not group.member("budi").consent.recording


async def test_bad_member_code_is_refused_with_a_reason(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await pilot.press("alt+3")
        await pilot.pause()
        await type_text(pilot, "group")  # a reserved word
        await pilot.press("enter")
        await type_text(pilot, "Rina")
        await pilot.press("enter")
        editor = screen.query_one(GroupMembersEditor)
        assert editor.members == []
        assert "cannot be used" in str(editor.query_one("#members-error").content)


async def test_roster_import_refuses_a_bad_file_then_takes_a_good_one(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\nA1,Siti\nA1,Budi\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("code,name,gender\nA1,Siti Aminah,P\nA2,Budi Santoso,L\n", encoding="utf-8")
    workspace = tmp_path / "ws"
    app = make_app(workspace, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "RosterImportDialog"
        await pilot.press("enter")
        assert "Enter the location" in dialog.error_text
        await type_text(pilot, str(bad))
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog  # still open: nothing half imported
        assert "line 3" in dialog.error_text and "A1" in dialog.error_text
        dialog.query_one(Input).value = str(tmp_path / "missing.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "missing.csv" in dialog.error_text
        dialog.query_one(Input).value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        editor = screen.query_one(GroupMembersEditor)
        assert [(m.code, m.attributes) for m in editor.members] == [("A1", {"gender": "P"}), ("A2", {"gender": "L"})]
        # The same roster again would reuse the codes: refused as a whole.
        await pilot.press("ctrl+o")
        await pilot.pause()
        app.screen.query_one(Input).value = str(good)
        await pilot.press("enter")
        await pilot.pause()
        assert len(editor.members) == 2
        screen.query_one("#name", Input).value = "Roster Group"
        await pilot.press("ctrl+s")
        await pilot.pause()
    group = load_group(workspace / "roster-group")
    assert [m.name for m in group.members] == ["Siti Aminah", "Budi Santoso"]


async def test_a_group_without_a_name_is_not_saved(tmp_path: Path):
    workspace = tmp_path / "ws"
    app = make_app(workspace, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.focused is screen.query_one("#name", Input)
        assert "not saved" in screen.status_text()
    assert list_groups(workspace) == []


async def test_leaving_with_unsaved_changes_asks_and_writes_nothing(tmp_path: Path):
    workspace = tmp_path / "ws"
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await pilot.press("escape")  # nothing entered yet: leaves at once
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        screen = await open_new_group(app, pilot)
        await choose_type(pilot, screen, "education")
        await type_text(pilot, "P2K2 Melati")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert app.screen is screen and screen.query_one("#name", Input).value == "P2K2 Melati"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert not workspace.exists() or list(workspace.iterdir()) == []


async def test_saving_twice_rewrites_the_same_folder_and_names_do_not_collide(tmp_path: Path):
    workspace = tmp_path / "ws"
    (workspace / "kube-mawar").mkdir(parents=True)  # someone's folder already has the name
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        await choose_type(pilot, screen, "task")
        await type_text(pilot, "KUBE Mawar")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.group_dir == workspace / "kube-mawar-2"
        await pilot.press("enter")
        await type_text(pilot, "Usaha bersama")
        assert "belum disimpan" in screen.status_text()
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert load_group(workspace / "kube-mawar-2").purpose == "Usaha bersama"
    assert sorted(p.name for p in workspace.iterdir()) == ["kube-mawar", "kube-mawar-2"]


def test_folder_names():
    assert folder_name("KUBE Mawar Sejahtera") == "kube-mawar-sejahtera"
    assert folder_name("Kelompok Ibu-Ibu RW 05 (Posyandu)") == "kelompok-ibu-ibu-rw-05-posyandu"
    assert folder_name("Café Remaja") == "cafe-remaja"
    assert folder_name("!!!") == "kelompok"


def test_new_group_folder_skips_taken_names(tmp_path: Path):
    (tmp_path / "kube").mkdir()
    (tmp_path / "kube-2").mkdir()
    assert new_group_folder(tmp_path, "KUBE") == tmp_path / "kube-3"


async def test_f1_help_in_the_current_language(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_new_group(app, pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert "New group" in app.screen.query_one("Markdown").source
        await pilot.press("escape")
        await pilot.press("f2", "f1")
        await pilot.pause()
        assert "Kelompok baru" in app.screen.query_one("Markdown").source


async def test_snapshot_type_picker(tmp_path: Path, snapshot):
    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        screen.query_one(TypePicker).select("therapy")
        await pilot.pause()
        snapshot(app, "new_group_type_picker_100x32")


async def test_new_group_actions_are_in_the_command_palette(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_new_group(app, pilot)
        commands = {command.title: command for command in app.get_system_commands(screen)}
        assert {"Save", "Import members from CSV", "Members"} <= set(commands)
        commands["Members"].callback()
        await pilot.pause()
        assert app.focused is screen.query_one("#member-code", Input)
