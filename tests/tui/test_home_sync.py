"""The home screen's sync key and status line, through Pilot, on real git with a local bare remote."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from kelompok.app import make_app
from kelompok.sessions.store import load_session, save_group, save_session
from kelompok.sync.engine import sync
from tests.conftest import make_group, make_session
from tests.tui.conftest import settle

GROUP = "kube-mawar"


@pytest.fixture(autouse=True)
def _no_git_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "git-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def machines(tmp_path: Path) -> tuple[Path, Path, Path]:
    remote = tmp_path / "remote.git"
    laptop, office = tmp_path / "laptop", tmp_path / "office"
    save_group(laptop / GROUP, make_group())
    sync(laptop, "Bu Sari", remote=str(remote), trust=True)
    sync(office, "Retno", remote=str(remote), trust=True)
    return laptop, office, remote


def line(app) -> str:
    return str(app.screen.query_one("#sync-line", Static).render())


async def test_sync_key_brings_the_facilitators_session_and_says_what_arrived(machines):
    laptop, office, _remote = machines
    save_session(laptop / GROUP, make_session(1))
    sync(laptop, "Bu Sari")
    app = make_app(office, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)  # the sync state is read in the home screen's worker
        assert "semua terkirim" in line(app)
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert load_session(office / GROUP, 1).acts()  # it arrived on disk
        assert "datang: 1 sesi dicatat" in line(app)
        table = app.screen.query_one("#groups", DataTable)
        assert str(table.get_row_at(0)[4]).startswith("1 sesi dicatat")  # sync news first, then the group's own


async def test_unsent_changes_show_per_group_then_go_with_the_sync_key(machines):
    laptop, _office, remote = machines
    app = make_app(laptop, lang="en", offer_samples=False, name="Bu Sari")
    save_session(laptop / GROUP, make_session(1))
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)  # the sync state is read in the home screen's worker
        table = app.screen.query_one("#groups", DataTable)
        assert str(table.get_row_at(0)[4]).startswith("1 file(s) not sent yet")
        await pilot.press("s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "not sent" not in str(table.get_row_at(0)[4])
        assert "everything sent" in line(app)
    assert git(remote, "log", "-1", "--format=%s %an") == "Session 1 of KUBE Mawar recorded Bu Sari"


async def test_a_remote_never_confirmed_asks_once(tmp_path: Path):
    remote = tmp_path / "remote.git"
    remote.mkdir()
    git(remote, "init", "-q", "--bare", "-b", "main")
    workspace = tmp_path / "ws"
    save_group(workspace / GROUP, make_group())
    git(workspace, "init", "-q", "-b", "main")
    git(workspace, "remote", "add", "origin", str(remote))  # set up by hand, never confirmed in kelompok
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)  # the sync state is read in the home screen's worker
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert git(remote, "log", "-1", "--format=%s") == "Kelompok KUBE Mawar dibuat"
        await pilot.press("s")  # confirmed once: no second question
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
