"""Keys in forms that never surprise (issue 16 §7): Enter never toggles, Enter moves on, Alt+digit
jumps to a part without typing into the field, and a confirmation opens on its safe button.

Alt+digit is sent the way Textual reads it from a terminal: ESC+`2` becomes the key
`trade_mark_sign` with the character `™` (what macOS Option+2 types); a terminal speaking kitty's
protocol sends `alt+2` with the character `2`. Pilot's `press("alt+2")` carries no character, so it
cannot show the bug.
The terminal-level test (a real terminal in tmux) is tests/e2e/test_terminal_keys.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Button, Checkbox, Input, SelectionList, TabbedContent, TextArea

from kelompok.app import make_app
from kelompok.sessions.store import load_session, save_group, save_session, session_path
from kelompok.tui.dialogs.export import ExportDialog
from kelompok.tui.screens.new_group import NewGroupScreen
from kelompok.tui.screens.plan import PlanScreen
from kelompok.tui.widgets.form_controls import UNTICKED_INNER
from tests.conftest import make_group, make_session
from tests.tui.conftest import FIXED_NOW, open_group_screen, settle, type_text


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group())
    save_session(folder, make_session(1))
    return folder


async def open_plan(app, pilot, key: str = "p") -> PlanScreen:
    app.now = lambda: FIXED_NOW
    await open_group_screen(pilot, row=0)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(app.screen, PlanScreen), app.screen
    return app.screen


async def terminal_key(pilot, key: str, character: str) -> None:
    """A key as the terminal driver posts it (with its character), not as Pilot synthesises it."""
    pilot.app.post_message(events.Key(key, character))
    await pilot.pause()
    await pilot.pause()


# ── Enter never toggles ──


async def test_enter_on_the_professional_checkbox_changes_nothing_and_moves_on(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewGroupScreen)
        await pilot.press("alt+2")
        box = screen.query_one("#professional", Checkbox)
        box.focus()
        await pilot.pause()
        before = box.value
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == before, "Enter toggled the checkbox"
        assert app.focused is not box, "Enter did not move to the next field"
        box.focus()
        await pilot.press("space")
        await pilot.pause()
        assert box.value is not before, "Space toggles"


async def test_enter_on_the_names_checkbox_of_the_export_dialog_keeps_codes(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_group_screen(pilot, row=0)
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        names = dialog.query_one("#export-names", Checkbox)
        names.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert names.value is False and not dialog.has_class("-names")
        assert app.focused is not names


async def test_enter_on_a_role_in_the_plan_does_not_tick_it(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(app, pilot)
        await pilot.press("alt+3")
        roles = screen.query_one("#planned-roles", SelectionList)
        assert app.focused is roles
        before = list(roles.selected)
        await pilot.press("enter")
        await pilot.pause()
        assert list(roles.selected) == before and app.focused is not roles
        roles.focus()
        await pilot.press("space")
        await pilot.pause()
        assert list(roles.selected) != before, "Space ticks"


async def test_checked_and_unchecked_boxes_differ_without_colour(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        box = app.screen.query_one("#professional", Checkbox)
        off = box._button.plain
        box.value = True
        await pilot.pause()
        on = box._button.plain
        assert UNTICKED_INNER in off and "X" in on and on != off


# ── Enter moves to the next field ──


async def test_enter_after_an_objective_goes_to_the_next_one(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(app, pilot)
        for slot in range(3):
            screen.query_one(f"#objective-{slot}", Input).value = ""
        screen.query_one("#objective-0", Input).focus()
        await type_text(pilot, "Anggota menyebut dua sumber dukungan")
        await pilot.press("enter")
        await type_text(pilot, "Anggota menyusun satu rencana")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#objective-0", Input).value == "Anggota menyebut dua sumber dukungan"
        assert screen.query_one("#objective-1", Input).value == "Anggota menyusun satu rencana"
        assert app.focused is screen.query_one("#objective-2", Input)
        texts = [objective.text for objective in screen.collect_plan().objectives]
        assert texts == ["Anggota menyebut dua sumber dukungan", "Anggota menyusun satu rencana"]


# ── Alt+digit jumps to a part and types nothing ──


@pytest.mark.parametrize(
    "key, character, part",
    [
        ("trade_mark_sign", "™", "tab-agenda"),
        ("cent_sign", "¢", "tab-ethics"),
        ("section_sign", "§", "tab-actual"),
        ("alt+2", "2", "tab-agenda"),
    ],
)
async def test_alt_digit_as_the_terminal_sends_it_moves_and_types_nothing(
    tmp_path: Path, key: str, character: str, part: str
):
    folder = workspace(tmp_path)
    save_session(folder, make_session(1).model_copy(update={"state": "ended"}))
    before = session_path(folder, 1).read_bytes()
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(app, pilot)
        purpose = screen.query_one("#purpose", TextArea)
        purpose.focus()
        await pilot.pause()
        text = purpose.text
        await terminal_key(pilot, key, character)
        assert screen.query_one(TabbedContent).active == part
        assert purpose.text == text, f"{key} typed {character!r} into the purpose"
        assert not screen.dirty, "the plan was marked unsaved"
        # An Input too (the venue): nothing typed there either.
        await terminal_key(pilot, "inverted_exclamation_mark", "¡")
        assert screen.query_one(TabbedContent).active == "tab-goals"
        venue = screen.query_one("#venue", Input)
        venue.focus()
        value = venue.value
        await terminal_key(pilot, key, character)
        assert venue.value == value and not screen.dirty
    assert session_path(folder, 1).read_bytes() == before
    assert load_session(folder, 1).plan == make_session(1).plan


async def test_alt_digit_in_the_new_group_form_types_nothing(tmp_path: Path):
    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        screen = app.screen
        await pilot.press("alt+2")
        name = screen.query_one("#name", Input)
        assert app.focused is name
        await type_text(pilot, "Melati")
        await terminal_key(pilot, "infinity", "∞")  # Alt+5: no fifth part here, so the character stays
        assert name.value == "Melati∞"
        name.value = "Melati"
        await terminal_key(pilot, "pound_sign", "£")
        assert screen.query_one(TabbedContent).active == "tab-members"
        assert name.value == "Melati"


# ── Dialog defaults ──


async def test_the_discard_dialog_opens_on_keep_editing(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_plan(app, pilot)
        screen.query_one("#venue", Input).focus()
        await type_text(pilot, "Balai RW")
        await pilot.press("escape")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ConfirmDialog"
        focused = app.focused
        assert isinstance(focused, Button) and focused.id == "no"
        assert str(focused.label) == "Lanjut menyunting" or "sunting" in str(focused.label).lower()
        await pilot.press("enter")  # Enter out of habit: keeps editing
        await pilot.pause()
        assert app.screen is screen and screen.dirty
        assert screen.query_one("#venue", Input).value.endswith("Balai RW")
