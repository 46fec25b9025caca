"""Small screens (issue 16 §8) and the export dialog's overwrite question (issue 13 §2), through Pilot.

The snapshots are at 80×24, the size a facilitator's laptop terminal opens at.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input

from kelompok.app import make_app
from kelompok.sessions.store import save_group, save_session
from kelompok.tui.dialogs.export import ExportDialog
from tests.conftest import make_group, make_session
from tests.tui.conftest import FIXED_NOW, open_group_screen, settle, svg_text


def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group())
    save_session(folder, make_session(1))
    save_session(folder, make_session(2, acts=20))
    return folder


async def open_export(app, pilot) -> ExportDialog:
    await open_group_screen(pilot, row=0)
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(app.screen, ExportDialog)
    return app.screen


def on_screen(app) -> str:
    return "\n".join(svg_text(app.export_screenshot()))


async def test_export_dialog_at_80x24_keeps_its_buttons_after_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snapshot
):
    folder = workspace(tmp_path)
    monkeypatch.chdir(tmp_path)  # a relative path: the same text in every run
    app = make_app(folder.parent, lang="id", offer_samples=False, now=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_export(app, pilot)
        text = on_screen(app)
        assert "Ekspor" in text.split("Ekspor sosiogram")[-1] and "Tutup" in text, text
        path = dialog.query_one("#export-path", Input)
        path.value = "kube-mawar-sesi-001.svg"
        path.focus()
        await pilot.press("enter")  # not Button.press(): its 0.2 s "pressed" look would be in the snapshot
        await settle(pilot)
        assert (tmp_path / "kube-mawar-sesi-001.svg").is_file()
        text = on_screen(app)
        assert "Ditulis: kube-mawar-sesi-001.svg" in text
        for button in dialog.query(Button):
            assert str(button.label) in text, f"the button {button.label} lost its label"
            assert button.region.bottom <= 24 and dialog.query_one("#export-dialog").region.contains_region(
                button.region
            )
        app.set_focus(None)
        app.clear_notifications()
        await pilot.pause(0.3)  # the export button, enabled again, drawn as such
        snapshot(app, "export_dialog_80x24")


async def test_export_over_an_existing_file_asks_first_on_cancel(tmp_path: Path):
    folder = workspace(tmp_path)
    out = tmp_path / "out" / "s1.svg"
    out.parent.mkdir()
    out.write_text("the supervisor's copy", encoding="utf-8")
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=(100, 40)) as pilot:
        dialog = await open_export(app, pilot)
        path = dialog.query_one("#export-path", Input)
        path.value = str(out)
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        question = app.screen
        assert type(question).__name__ == "ConfirmDialog" and str(out) in question.question
        assert app.focused is not None and app.focused.id == "no", "the safe button has the focus"
        await pilot.press("enter")  # Cancel
        await settle(pilot)
        assert app.screen is dialog
        assert out.read_text(encoding="utf-8") == "the supervisor's copy"
        assert "Tidak ditimpa" in dialog.result_text
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")  # Replace
        await settle(pilot)
        assert out.read_text(encoding="utf-8").startswith("<?xml") or "<svg" in out.read_text(encoding="utf-8")
        assert str(out) in dialog.result_text


async def test_home_at_80x24_shows_sessions_and_status(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, snapshot):
    import shutil

    from tests.conftest import SAMPLES

    shutil.copytree(SAMPLES, tmp_path / "ws")
    monkeypatch.chdir(tmp_path)  # a relative workspace: the same "Ruang kerja" line in every run
    app = make_app(Path("ws"), lang="id", offer_samples=False, now=lambda: FIXED_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()
        lines = svg_text(app.export_screenshot())
        header = next(line for line in lines if "Kelompok" in line and "Sesi" in line and "Keterangan" in line)
        assert header, lines
        kube = next(line for line in lines if "KUBE Sejahtera" in line)
        assert " 6 " in kube and "menunggu supervisi" in kube, kube  # its sessions and its status
        assert any("dikembalikan" in line for line in lines)
        snapshot(app, "home_80x24")


# ── long text in narrow tables ──

LONG_REASON = "sidang cerai di Pengadilan Agama Bandung, anaknya dititipkan ke neneknya sampai sore"
LONG_NOTE = (
    "Ibu W. menceritakan suaminya memukul lagi minggu lalu; ia takut pulang dan minta nomor UPTD PPA, sudah dirujuk"
)


async def test_attendance_shows_a_long_reason_whole_below_the_table(tmp_path: Path):
    from kelompok.sessions.models import Attendance, Session
    from kelompok.tui.screens.attendance import AttendanceScreen
    from tests.tui.conftest import push

    group = make_group(4)
    session = Session(
        number=2, date=FIXED_NOW.date(), attendance=[Attendance(member="A3", status="excused", reason=LONG_REASON)]
    )
    app = make_app(tmp_path / "ws", lang="id", offer_samples=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await push(pilot, AttendanceScreen(group, session, [(str(i), f"A{i}") for i in range(1, 5)]))
        detail = screen.query_one("#attendance-detail")
        assert not detail.display or not detail.has_class("-shown"), "A1 has no reason: no detail line"
        await pilot.press("down", "down")
        await pilot.pause()
        assert detail.has_class("-shown")
        shown = " ".join(" ".join(svg_text(app.export_screenshot())).split())
        assert LONG_REASON in shown, shown


async def test_timeline_wraps_a_long_safety_note_instead_of_cutting_it(tmp_path: Path):
    from textual.app import App

    from kelompok.tui.widgets.review_timeline import ReviewTimeline, TimelineRow

    class Harness(App):
        def compose(self):
            yield ReviewTimeline("safety", id="table")

    rows = [
        TimelineRow(
            seq=3, time="12:04", act="A3 → kelompok", role="", code="", note=LONG_NOTE, comments=0, safety=True
        ),
        TimelineRow(seq=4, time="12:06", act="F → A3", role="Broker", code="", note="", comments=1),
    ]
    app = Harness()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(ReviewTimeline)
        table.show(rows)
        await pilot.pause()
        await pilot.pause()
        assert table.get_row_height(table.ordered_rows[0].key) > 1, "the note wraps onto more lines"
        assert table.get_row_height(table.ordered_rows[1].key) == 1
        shown = " ".join(" ".join(svg_text(app.export_screenshot())).split())
        assert "sudah dirujuk" in shown and "…" not in shown, shown
        assert all(len(line) <= 80 for line in svg_text(app.export_screenshot()))
