"""The supervisor's inbox and the facilitator's returned list, the home badges, and the sign-off
rules on the review screen (issue 16 §5–§6), on copies of the sample groups."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

from textual.widgets import DataTable, Input

from kelompok.app import make_app
from kelompok.sessions.store import session_path
from kelompok.tui.screens.home import BADGE_STYLE, HomeScreen
from kelompok.tui.screens.inbox import InboxScreen
from kelompok.tui.screens.review import ReviewScreen
from tests.conftest import SAMPLES
from tests.tui.conftest import FIXED_NOW, notified, push, record_notifications, settle, type_text

GROUPS = ("kds-pelangi-harapan", "kube-sejahtera-mawar", "p2k2-pkh-dahlia", "sanggar-tari-sekar-arum")


def workspace(tmp_path: Path, groups=GROUPS) -> Path:
    ws = tmp_path / "ws"
    for name in groups:
        shutil.copytree(SAMPLES / name, ws / name, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal"))
    return ws


def review_of(ws: Path, group: str, number: int) -> dict:
    return tomllib.loads(session_path(ws / group, number).read_text(encoding="utf-8"))["review"]


def app_for(ws: Path, role: str, name: str, lang: str = "id"):
    app = record_notifications(make_app(ws, lang=lang, offer_samples=False, role=role, name=name))
    app.now = lambda: FIXED_NOW
    return app


async def test_the_supervisors_inbox_lists_submitted_logs_of_every_group_oldest_first_and_enter_opens_the_review(
    tmp_path: Path,
):
    ws = workspace(tmp_path)
    app = app_for(ws, "supervisor", "Retno Palupi")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Kotak masuk: 3 catatan sesi menunggu supervisi · tekan i" in str(
            app.screen.query_one("#inbox-line").render()
        )
        await pilot.press("i")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InboxScreen)
        listed = [(item.group_dir.name, item.number) for item in screen.items]
        assert listed == [("kds-pelangi-harapan", 4), ("kube-sejahtera-mawar", 5), ("p2k2-pkh-dahlia", 5)], (
            "the returned log is not the supervisor's"
        )
        assert [item.open_flags for item in screen.items] == [1, 0, 0]
        table = screen.query_one("#inbox-table", DataTable)
        assert "⚑ 1" in str(table.get_row_at(0)[-1])
        await pilot.press("down", "enter")
        await settle(pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen) and (review.group_dir.name, review.number) == (
            "kube-sejahtera-mawar",
            5,
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        await pilot.press("f4")  # the facilitator's turn: her name is asked, then her returned logs show
        await pilot.pause()
        await type_text(pilot, "Hendra Saputra")
        await pilot.press("enter")
        await settle(pilot)
        assert [(item.group_dir.name, item.number) for item in screen.items] == [("sanggar-tari-sekar-arum", 4)]


async def test_home_shows_returned_logs_and_open_safety_flags_as_badges(tmp_path: Path):
    ws = workspace(tmp_path)
    app = app_for(ws, "facilitator", "Hendra Saputra")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table = home.query_one("#groups", DataTable)
        cells = {Path(key.value).name: table.get_cell(key, "status") for key in table.rows}
        returned = cells["sanggar-tari-sekar-arum"]
        assert " 1 dikembalikan " in returned.plain
        assert any(
            str(span.style) == BADGE_STYLE and returned.plain[span.start : span.end] == " 1 dikembalikan "
            for span in returned.spans
        )
        flagged = cells["kds-pelangi-harapan"]
        assert " ⚑ 1 terbuka " in flagged.plain and "1 menunggu supervisi" in flagged.plain
        assert "⚑" not in cells["kube-sejahtera-mawar"].plain
        assert "1 catatan sesi dikembalikan kepada Anda · tekan i" in str(home.query_one("#inbox-line").render())
        # At 80 columns the column cuts the remarks: the highlighted group's show in full below.
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert "KDS Pelangi Harapan:  ⚑ 1 terbuka  · 1 menunggu supervisi" in str(
            home.query_one("#group-remarks").render()
        )


async def test_a_facilitator_cannot_sign_off_her_own_log_even_as_supervisor(tmp_path: Path):
    ws = workspace(tmp_path, ("kube-sejahtera-mawar",))
    before = session_path(ws / "kube-sejahtera-mawar", 5).read_bytes()
    app = app_for(ws, "supervisor", "Hendra Saputra")  # the group's facilitator, in the supervisor's role
    async with app.run_test(size=(110, 34)) as pilot:
        await push(pilot, ReviewScreen(ws / "kube-sejahtera-mawar", 5))
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen), "refused before any question"
        assert any("Hendra Saputra memfasilitasi sesi ini" in message for message in notified(app))
    assert session_path(ws / "kube-sejahtera-mawar", 5).read_bytes() == before


async def test_an_empty_return_reason_is_refused_with_a_message(tmp_path: Path):
    ws = workspace(tmp_path, ("kube-sejahtera-mawar",))
    app = app_for(ws, "supervisor", "Retno Palupi", lang="en")
    async with app.run_test(size=(110, 34)) as pilot:
        await push(pilot, ReviewScreen(ws / "kube-sejahtera-mawar", 5))
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("space", "enter")
        await pilot.pause()
        assert app.screen is dialog, "the dialog stays open"
        assert any("write why the log goes back" in message for message in notified(app))
    assert review_of(ws, "kube-sejahtera-mawar", 5)["status"] == "submitted"


async def test_signing_off_with_an_open_safety_flag_asks_for_acknowledgement_and_stores_the_follow_up(tmp_path: Path):
    ws = workspace(tmp_path, ("kds-pelangi-harapan",))
    app = app_for(ws, "supervisor", "Retno Palupi")
    async with app.run_test(size=(110, 34)) as pilot:
        await push(pilot, ReviewScreen(ws / "kds-pelangi-harapan", 4))
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "CommentDialog" and "Akui" in dialog.title_text
        await pilot.press("enter")  # an acknowledgement needs a note
        await pilot.pause()
        assert app.screen is dialog
        await type_text(pilot, "Sudah bicara empat mata, dirujuk ke konselor")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        assert review_of(ws, "kds-pelangi-harapan", 4)["status"] == "submitted", "nothing saved before the yes"
        await pilot.press("y")
        await settle(pilot)
    data = tomllib.loads(session_path(ws / "kds-pelangi-harapan", 4).read_text(encoding="utf-8"))
    assert data["review"]["status"] == "reviewed" and data["review"]["signoff"]["by"] == "Retno Palupi"
    [note] = [e for e in data["events"] if e.get("safety")]
    follow_up = note["follow_up"]
    assert (follow_up["status"], follow_up["closed_by"], follow_up["closing_note"]) == (
        "followed_up",
        "Retno Palupi",
        "Sudah bicara empat mata, dirujuk ke konselor",
    )
    assert [step["action"] for step in data["review"]["trail"]][-2:] == ["safety_followed_up", "signed_off"]


async def test_cancelling_the_acknowledgement_signs_nothing_off(tmp_path: Path):
    ws = workspace(tmp_path, ("kds-pelangi-harapan",))
    before = session_path(ws / "kds-pelangi-harapan", 4).read_bytes()
    app = app_for(ws, "supervisor", "Retno Palupi")
    async with app.run_test(size=(110, 34)) as pilot:
        await push(pilot, ReviewScreen(ws / "kds-pelangi-harapan", 4))
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one(Input).value = "setengah jalan"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    assert session_path(ws / "kds-pelangi-harapan", 4).read_bytes() == before


async def test_home_shows_the_acting_roles_own_name(tmp_path: Path):
    from kelompok.settings import Settings, save_settings

    ws = workspace(tmp_path, ("kube-sejahtera-mawar",))
    save_settings(Settings(name="Rina Kartika", supervisor_name="Dedi Supriadi"))
    app = make_app(ws, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        line = str(app.screen.query_one("#workspace-line").render())
        assert "fasilitator: Rina Kartika" in line and "Dedi" not in line
        await pilot.press("f4")
        await pilot.pause()
        line = str(app.screen.query_one("#workspace-line").render())
        assert "supervisor: Dedi Supriadi" in line and "Rina" not in line


async def test_home_snapshot_80x24_with_sessions_badges_and_the_supervisors_name(tmp_path: Path, snapshot):
    ws = workspace(tmp_path)
    app = app_for(ws, "supervisor", "Retno Palupi")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        home.workspace = Path("/home/retno/kelompok")  # the folder shown, fixed for the snapshot
        home._show_workspace_line()
        await pilot.press("down", "down", "down")  # the returned log's group: its remarks show in full
        app.clear_notifications()
        await settle(pilot)
        snapshot(app, "home_supervisor_80x24")
