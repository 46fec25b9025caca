"""The export dialog through Textual's Pilot: group screen → `x` → choose → Enter → the file on disk."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from textual.widgets import Checkbox, Input, Select

from kelompok.app import make_app
from kelompok.sessions.models import Consent
from kelompok.sessions.store import load_group, save_group, save_session
from kelompok.tui.dialogs.export import ExportDialog
from kelompok.tui.screens.group import GroupScreen
from tests.conftest import held_by_another_process, make_group, make_session
from tests.tui.conftest import open_group_screen, settle


def make_workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube-mawar"
    group = make_group()
    group.members[0].name = "Siti Aminah"
    group.members[0].consent = Consent(recording=True, names_in_reports=True)
    group.members[1].name = "Budi Santoso"
    save_group(folder, group)
    save_session(folder, make_session(1))
    save_session(folder, make_session(2, acts=20))
    return folder


async def open_dialog(app, pilot) -> ExportDialog:
    await open_group_screen(pilot, row=0)
    await pilot.press("x")
    await pilot.pause()
    assert isinstance(app.screen, ExportDialog)
    return app.screen


async def test_export_through_the_dialog_writes_the_file(tmp_path: Path):
    folder = make_workspace(tmp_path)
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        assert dialog.which == 1  # the session under the cursor
        path = dialog.query_one("#export-path", Input)
        assert path.value.endswith("kube-mawar-session-001.svg")  # suggested name follows the choices
        dialog.query_one("#export-format", Select).value = "graphml"
        await pilot.pause()
        assert path.value.endswith("kube-mawar-session-001.graphml")
        out = tmp_path / "out" / "s1.graphml"
        path.value = str(out)
        path.focus()
        await pilot.press("enter")
        await settle(pilot)  # the export runs in a worker
        assert out.is_file()
        assert str(out) in dialog.result_text
        graph = nx.read_graphml(out)
        assert graph.nodes["A1"]["label"] == "A1"  # codes by default
        assert "Siti" not in out.read_text(encoding="utf-8")
        # Another format in a row, all sessions, same dialog.
        dialog.query_one("#export-which", Select).value = "all"
        dialog.query_one("#export-format", Select).value = "svg"
        path.value = str(tmp_path / "out" / "all.svg")
        await pilot.press("enter")
        await settle(pilot)  # the export runs in a worker
        ET.parse(tmp_path / "out" / "all.svg")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
    assert load_group(folder).audit == []


async def test_names_are_an_explicit_choice_with_a_warning_and_an_audit_entry(tmp_path: Path):
    folder = make_workspace(tmp_path)
    app = make_app(folder.parent, lang="en", offer_samples=False, name="Bu Sari")
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        names = dialog.query_one("#export-names", Checkbox)
        assert names.value is False
        names.value = True
        await pilot.pause()
        assert dialog.has_class("-names")
        assert "audit trail" in str(dialog.query_one("#export-names-warning").render())
        out = tmp_path / "named.json"
        dialog.query_one("#export-format", Select).value = "json"
        path = dialog.query_one("#export-path", Input)
        path.value = str(out)
        path.focus()
        await pilot.press("enter")
        await settle(pilot)  # the export runs in a worker
        text = out.read_text(encoding="utf-8")
        assert "Siti Aminah" in text and "Budi Santoso" not in text  # only the member who consented
    entry = load_group(folder).audit[-1]  # written while the group screen held the lock
    assert entry.action == "export_with_names" and entry.who == "Bu Sari"


async def test_a_names_export_that_cannot_be_audited_shows_why_and_writes_nothing(tmp_path: Path):
    folder = make_workspace(tmp_path)
    app = make_app(folder.parent, lang="en", offer_samples=False)
    with held_by_another_process(folder):  # another kelompok has the group: this one opens it read-only
        async with app.run_test(size=(100, 40)) as pilot:
            dialog = await open_dialog(app, pilot)
            dialog.query_one("#export-names", Checkbox).value = True
            out = tmp_path / "named.svg"
            path = dialog.query_one("#export-path", Input)
            path.value = str(out)
            path.focus()
            await pilot.press("enter")
            await settle(pilot)  # the export runs in a worker
            assert "Not exported" in dialog.result_text and "open in another kelompok" in dialog.result_text
            assert not out.exists()
            assert isinstance(app.screen, ExportDialog)  # stays open to try again
    assert load_group(folder).audit == []


async def test_an_empty_path_is_refused_in_words(tmp_path: Path):
    folder = make_workspace(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await open_dialog(app, pilot)
        path = dialog.query_one("#export-path", Input)
        path.value = ""
        path.focus()
        await pilot.press("enter")
        await settle(pilot)  # the export runs in a worker
        assert dialog.result_text == "Tulis nama berkas tujuan."
