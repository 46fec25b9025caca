"""The home screen through Textual's Pilot: listing, first-run samples, language, read-only groups."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import DataTable

from kelompok.app import KelompokApp, make_app
from kelompok.i18n import get_language, t
from kelompok.tui.screens.home import HomeScreen
from tests.conftest import SAMPLES, make_group, held_by_another_process
from tests.tui.conftest import open_group_screen, settle, svg_text
from kelompok.sessions.store import save_group


def table_rows(app: KelompokApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_lists_groups_and_marks_a_broken_one(group_dir: Path):
    workspace = group_dir.parent
    (workspace / "rusak").mkdir()
    (workspace / "rusak" / "group.toml").write_text("name = [")
    app = make_app(workspace, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        rows = table_rows(app, "#groups")
        assert [row[0] for row in rows] == ["KUBE Mawar", "rusak"]  # listed by folder name
        assert ["5", "2", "last 2 Mar 2026"] == rows[0][2:]  # both sessions were held on 2 March 2026
        assert "cannot be read" in rows[1][4]


async def test_first_run_offers_samples_and_copies_them_privately(tmp_path: Path):
    samples = tmp_path / "samples"
    save_group(samples / "contoh", make_group())
    workspace = tmp_path / "empty-ws"
    app = KelompokApp(workspace, lang="id", samples=samples)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await app.workers.wait_for_complete()  # the copy runs in a thread worker
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert table_rows(app, "#groups")[0][0] == "KUBE Mawar"
    assert (workspace / "contoh" / "group.toml").stat().st_mode & 0o777 == 0o600


async def test_declining_samples_leaves_workspace_untouched(tmp_path: Path):
    samples = tmp_path / "samples"
    save_group(samples / "contoh", make_group())
    workspace = tmp_path / "ws"
    app = KelompokApp(workspace, lang="id", samples=samples)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert table_rows(app, "#groups") == []
    assert not workspace.exists()


async def test_language_switch_relabels_without_losing_the_cursor(group_dir: Path):
    app = make_app(group_dir.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#groups", DataTable)
        assert [str(c.label) for c in table.columns.values()][0] == "Kelompok"
        await pilot.press("f2")
        await pilot.pause()
        assert get_language() == "en"
        assert [str(c.label) for c in table.columns.values()][0] == "Group"
        assert table_rows(app, "#groups")[0][0] == "KUBE Mawar"


async def test_group_opens_read_only_when_another_process_holds_it(group_dir: Path):
    with held_by_another_process(group_dir):
        app = make_app(group_dir.parent, lang="en", offer_samples=False)
        async with app.run_test(size=(100, 30)) as pilot:
            await open_group_screen(pilot)
            assert app.screen.read_only
            rows = table_rows(app, "#sessions")
            assert [row[0] for row in rows] == ["1", "2"]
            assert rows[1][3] == "20"


async def test_f1_shows_help_in_current_language(group_dir: Path):
    app = make_app(group_dir.parent, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpDialog"
        markdown = app.screen.query_one("Markdown")
        assert "Groups" in markdown.source
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


# ── at 80×24 and after coming back (issue 12 §6) ──


def column_widths(app: KelompokApp) -> list[int]:
    table = app.screen.query_one("#groups", DataTable)
    return [column.get_render_width(table) for column in table.columns.values()]


def sample_workspace(tmp_path: Path) -> Path:
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLES, workspace, ignore=shutil.ignore_patterns(".lock", "*.journal"))
    return workspace


async def test_every_column_fits_80x24_and_stays_after_returning_and_resizing(tmp_path: Path):
    app = make_app(sample_workspace(tmp_path), lang="id", offer_samples=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        widths = column_widths(app)
        assert len(widths) == 5 and sum(widths) <= 80
        assert min(widths[:2]) > len("Kelompok")  # name and type keep room for their text, not just the header
        screen = "\n".join(svg_text(app.export_screenshot()))
        assert "Keterangan" in screen and "Anggota" in screen and "Sesi" in screen
        await open_group_screen(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert column_widths(app) == widths  # not shrunk to the headers
        await pilot.resize_terminal(160, 48)
        await settle(pilot)
        wide = column_widths(app)
        assert sum(wide) <= 160 and wide[0] > widths[0] and wide[4] > widths[4]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert column_widths(app) == widths


async def test_the_remarks_say_what_needs_the_facilitator(tmp_path: Path):
    app = make_app(sample_workspace(tmp_path), lang="en", offer_samples=False)
    async with app.run_test(size=(160, 30)) as pilot:
        await settle(pilot)
        rows = {row[0]: row[4] for row in table_rows(app, "#groups")}
        # Hand-checked in sample_groups/: the self-help group has one safety flag still open (a badge).
        assert rows["KDS Pelangi Harapan"].startswith(" ⚑ 1 open ")
        assert all("last " in remark for remark in rows.values())


async def test_the_footer_keeps_whole_labels_at_80_columns(group_dir: Path):
    app = make_app(group_dir.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for screen_opened in (False, True):
            if screen_opened:
                await open_group_screen(pilot)
            footer = svg_text(app.export_screenshot())[-1]
            assert "▏" not in footer.replace("▏^p", ""), footer  # no label cut at the edge
            assert "f1 Bantuan" in footer and "^p" in footer
        assert f"l {t('keys.live')}" in footer  # the group screen's own keys come first
