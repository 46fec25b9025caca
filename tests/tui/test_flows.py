"""Flows of issue 16 §7–§9 through Pilot: the command palette in Indonesian words, the group report
made from the group screen, the empty home and the group without sessions, the first-run dialog
following F2. Each test reads what the app shows and what it wrote."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandInput, CommandList, CommandPalette

from kelompok.app import make_app
from kelompok.i18n import t
from kelompok.sessions.store import save_group, save_session
from kelompok.tui.dialogs.export import ExportDialog
from kelompok.tui.screens.home import HomeScreen
from kelompok.tui.screens.new_group import NewGroupScreen
from tests.conftest import make_group, make_session
from tests.tui.conftest import notified, open_group_screen, record_notifications, settle, type_text


def workspace(tmp_path: Path, sessions: int = 2) -> Path:
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group())
    for number in range(1, sessions + 1):
        save_session(folder, make_session(number))
    return folder


async def palette_search(pilot, words: str) -> list[str]:
    """Open Ctrl+P, type `words`, and return the prompts it offers."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await type_text(pilot, words)
    # The palette searches in a worker and shows its hits a moment later.
    for _ in range(40):
        await pilot.pause(0.05)
        found = palette.query_one(CommandList)
        if found.option_count:
            break
    found = palette.query_one(CommandList)
    return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]


# ── the palette ──


async def test_palette_finds_export_and_report_on_the_group_screen_in_indonesian(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_group_screen(pilot, row=0)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.query_one(CommandInput).placeholder == t("flows.palette.placeholder")
        assert app.screen.query_one(CommandInput).placeholder.startswith("Cari perintah")
        await pilot.press("escape")
        await pilot.pause()
        hits = await palette_search(pilot, "ekspor")
        assert any("Ekspor sosiogram" in hit for hit in hits), hits
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog), "choosing the hit opens the export dialog"
        await pilot.press("escape")
        await pilot.pause()
        for words, expected in (
            ("laporan", "Buat laporan"),
            ("rencana", "Rencana sesi"),
            ("catat", "Catat sesi"),
            ("supervisi", "Supervisi"),
        ):
            hits = await palette_search(pilot, words)
            assert any(expected in hit for hit in hits), (words, hits)
            await pilot.press("escape")
            await pilot.pause()


async def test_palette_on_home_finds_new_group_and_its_placeholder_follows_the_language(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        hits = await palette_search(pilot, "new group")
        assert any("New group" in hit for hit in hits), hits
        assert app.screen.query_one(CommandInput).placeholder.startswith("Search commands")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NewGroupScreen)


async def test_the_footer_names_the_palette_in_the_users_language(tmp_path: Path):
    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = app.export_screenshot()
        assert "Perintah" in text and "palette" not in text


# ── the report from the group screen ──


async def test_r_on_the_group_screen_writes_the_report_and_shows_where(tmp_path: Path):
    folder = workspace(tmp_path)
    app = record_notifications(make_app(folder.parent, lang="id", offer_samples=False))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_group_screen(pilot, row=0)
        await pilot.press("r")
        await settle(pilot)
        out = tmp_path / "home" / "ekspor" / "kube-mawar-laporan.html"
        assert out.is_file(), notified(app)
        html = out.read_text(encoding="utf-8")
        assert "KUBE Mawar" in html and "Anggota 1" not in html, "codes, never names"
        line = str(screen.query_one("#report-line").render())
        assert str(out) in line and str(out.parent) in line
        assert any(str(out) in message for message in notified(app))
        # Again: the file exists, so the app asks first, on the safe button; Enter keeps the file.
        out.write_text("mine", encoding="utf-8")
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert app.focused is not None and app.focused.id == "no"
        await pilot.press("enter")
        await settle(pilot)
        assert out.read_text(encoding="utf-8") == "mine"
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert out.read_text(encoding="utf-8") != "mine"


async def test_a_group_without_sessions_hints_at_n_and_makes_no_report(tmp_path: Path):
    folder = workspace(tmp_path, sessions=0)
    app = record_notifications(make_app(folder.parent, lang="id", offer_samples=False))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_group_screen(pilot)
        await settle(pilot)
        hint = screen.query_one("#sessions-hint")
        assert hint.display and "Tekan n" in str(hint.render())
        await pilot.press("r")
        await pilot.pause()
        assert t("flows.group.report_no_sessions") in notified(app)
        assert not (tmp_path / "home" / "ekspor").exists()
    folder = workspace(tmp_path / "two")
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_group_screen(pilot)
        await settle(pilot)
        assert not screen.query_one("#sessions-hint").display


# ── the empty home screen ──


async def test_empty_home_offers_keys_not_a_command_line_and_c_copies_the_samples(tmp_path: Path):
    from tests.conftest import SAMPLES

    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    app.samples = SAMPLES  # as make_app sets it when the samples are installed
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "ConfirmDialog"  # the first-run question: "not now"
        await pilot.press("n")
        await settle(pilot)
        hint = str(app.screen.query_one("#empty-hint").render())
        assert "`" not in hint and "kelompok new" not in hint
        assert "Tekan n" in hint and "c" in hint
        await pilot.press("c")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen.entries) == len([p for p in SAMPLES.iterdir() if (p / "group.toml").is_file()])


async def test_f2_relabels_the_first_run_dialog(tmp_path: Path):
    from tests.conftest import SAMPLES

    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    app.samples = SAMPLES
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ConfirmDialog"
        assert "contoh kelompok" in str(dialog.query_one("#question").render())
        await pilot.press("f2")
        await pilot.pause()
        await pilot.pause()
        assert app.screen is dialog, "F2 does not close the dialog"
        assert "sample" in str(dialog.query_one("#question").render()).lower()
        assert str(dialog.query_one("#no").label) == t("dialog.no", "en")


# ── the type picker on a small screen ──


async def test_type_picker_keeps_the_highlighted_type_in_view_at_80x24(tmp_path: Path):
    from textual.widgets import OptionList

    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        options = app.screen.query_one("#type-list", OptionList)

        def in_view() -> bool:
            """The last type is highlighted, so the list must be scrolled to its end (names wrap at 80 columns)."""
            return options.max_scroll_y > 0 and options.scroll_offset.y == options.max_scroll_y

        for _ in range(9):
            await pilot.press("down")
        await pilot.pause()
        assert options.highlighted == 9 and in_view()
        await pilot.press("f2")  # relabelling refills the list
        await pilot.pause()
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        await pilot.pause()
        assert options.highlighted == 9 and in_view(), "the highlighted type scrolled out of view"


# ── the next session's date ──


async def test_a_new_session_is_proposed_one_week_after_the_last_on_the_groups_day(tmp_path: Path):
    import datetime as dt

    from textual.widgets import Input

    from tests.tui.conftest import FIXED_NOW

    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group().model_copy(update={"frequency": "mingguan (Kamis malam)"}))
    save_session(folder, make_session(1).model_copy(update={"date": dt.date(2026, 11, 19)}))
    app = make_app(folder.parent, lang="id", offer_samples=False)
    app.now = lambda: FIXED_NOW  # Monday 23 November 2026
    async with app.run_test(size=(120, 36)) as pilot:
        await open_group_screen(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen.query_one("#date", Input).value == "2026-11-26"  # the Thursday after


# ── F2 relabels the choices of dropdowns ──


def shown_choice(select) -> str:
    """What a closed dropdown shows as its chosen option."""
    from textual.widgets._select import SelectCurrent

    return str(select.query_one(SelectCurrent).query_one("#label").render())


async def test_f2_relabels_the_chosen_meeting_mode_and_the_export_choices(tmp_path: Path):
    from textual.widgets import Button, Select

    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_group_screen(pilot, row=0)
        await pilot.press("p")
        await settle(pilot)
        plan = app.screen
        mode = plan.query_one("#mode", Select)
        assert shown_choice(mode) == "Tatap muka"
        await pilot.press("f2")
        await settle(pilot)
        assert shown_choice(mode) == "Face to face"
        assert not plan.dirty, "relabelling is not an edit"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("x")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        assert shown_choice(dialog.query_one("#export-format", Select)) == t("export.dialog.format_svg", "en")
        await pilot.press("f2")  # inside the dialog
        await settle(pilot)
        assert app.screen is dialog
        assert shown_choice(dialog.query_one("#export-format", Select)) == t("export.dialog.format_svg", "id")
        assert shown_choice(dialog.query_one("#export-which", Select)) == t(
            "export.dialog.this_session", "id", number=1
        )
        assert str(dialog.query_one("#export-go", Button).label) == t("export.dialog.export", "id")
