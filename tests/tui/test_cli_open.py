"""`kelompok ./check` opens a workspace folder named like a verb: the real CLI, the real app."""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

from textual.widgets import DataTable

import kelompok.app
from kelompok import cli
from tests.conftest import SAMPLES
from tests.tui.conftest import settle


def test_kelompok_dot_slash_check_opens_the_folder_named_check(tmp_path: Path, monkeypatch):
    shutil.copytree(SAMPLES / "kube-sejahtera-mawar", tmp_path / "check" / "kube-sejahtera-mawar")
    monkeypatch.chdir(tmp_path)
    seen: dict[str, object] = {}

    async def look(pilot) -> None:
        await settle(pilot)
        table = pilot.app.screen.query_one("#groups", DataTable)
        seen["groups"] = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        pilot.app.exit()

    real_make_app = kelompok.app.make_app

    def headless_app(workspace, **options):
        seen["workspace"] = workspace
        app = real_make_app(workspace, **options)
        app.run = functools.partial(app.run, headless=True, size=(100, 30), auto_pilot=look)  # no terminal here
        return app

    monkeypatch.setattr(kelompok.app, "make_app", headless_app)
    assert cli.main(["./check", "--lang", "en"]) == cli.EXIT_OK
    assert Path(seen["workspace"]).resolve() == (tmp_path / "check").resolve()
    assert seen["groups"] == ["KUBE Sejahtera Mawar"]
