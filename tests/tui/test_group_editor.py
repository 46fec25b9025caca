"""The group editor through Pilot: a late consent, a member who leaves, undo, the discard question,
erasing a member; every save checked in group.toml and its audit trail."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from textual.widgets import Button, DataTable, Input

from kelompok.app import make_app
from kelompok.sessions.models import Attendance, Consent, Group, Member, Session, SessionPlan
from kelompok.sessions.planning import check_plan
from kelompok.sessions.store import load_group, save_group, save_session
from kelompok.tui.dialogs.group_edit import MemberDialog, RetireDialog
from kelompok.tui.dialogs.confirm import ConfirmDialog
from kelompok.tui.screens.group_editor import GroupEditorScreen
from tests.tui.conftest import FIXED_NOW, notified, open_group_screen, record_notifications, settle, type_text

AGREED = Consent(participation=True, recording=True, date=dt.date(2026, 1, 10))


def workspace_with_group(tmp_path: Path) -> Path:
    """A therapy group where P4's consent has not come yet, with one ended session."""
    members = [
        Member(code=f"P{i}", name=f"Ibu Anggota {i}", consent=AGREED if i != 4 else Consent()) for i in range(1, 6)
    ]
    group = Group(
        name="Ruang Pulih",
        type="therapy",
        professional_lead=True,
        members=members,
        seating=[m.code for m in members],
        facilitators=["Bu Sari"],
    )
    folder = tmp_path / "ws" / "ruang-pulih"
    save_group(folder, group)
    save_session(
        folder,
        Session(
            number=1,
            date=dt.date(2026, 1, 15),
            state="ended",
            attendance=[Attendance(member=m.code, status="present") for m in members],
        ),
    )
    return folder


def consent_warning(group: Group) -> list[str]:
    return [c.message for c in check_plan(group, 2, SessionPlan(), "id") if c.id == "recording_without_consent"]


async def open_editor(pilot) -> GroupEditorScreen:
    await open_group_screen(pilot)
    await pilot.press("e")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GroupEditorScreen)
    return screen


async def to_member(pilot, screen: GroupEditorScreen, code: str) -> None:
    table = screen.query_one("#editor-members", DataTable)
    table.move_cursor(row=table.get_row_index(code))
    await pilot.pause()


async def test_a_late_consent_is_recorded_undoable_saved_audited_and_the_plan_warning_goes(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    assert any(w.startswith("P4 belum setuju") for w in consent_warning(load_group(folder)))
    app = record_notifications(make_app(folder.parent, lang="id", offer_samples=False, name="Bu Sari"))
    app.now = lambda: FIXED_NOW
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_editor(pilot)
        await to_member(pilot, screen, "P4")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MemberDialog)
        for box in ("#consent-participation", "#consent-recording"):
            dialog.query_one(box).focus()
            await pilot.press("enter")  # Enter never ticks a box …
            await pilot.pause()
            assert dialog.query_one(box).value is False
            dialog.query_one(box).focus()
            await pilot.press("space")  # … Space does
        dialog.query_one("#consent-date", Input).focus()
        await type_text(pilot, "2026-02-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.dirty
        assert (
            screen.draft.member("P4").consent.recording and load_group(folder).member("P4").consent.recording is False
        ), "not saved yet"

        await pilot.press("ctrl+z")  # undo before saving
        await pilot.pause()
        assert not screen.dirty and not screen.draft.member("P4").consent.recording

        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        for box in ("#consent-participation", "#consent-recording"):
            dialog.query_one(box).focus()
            await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the editor saves
        await settle(pilot)
        assert not screen.dirty

    group = load_group(folder)
    consent = group.member("P4").consent
    assert consent.participation and consent.recording
    assert consent_warning(group) == [], "the plan no longer warns 'P4 belum setuju…'"
    entry = group.audit[-1]
    assert (entry.who, entry.action, entry.detail, entry.at) == ("Bu Sari", "group_edited", "P4: consent", FIXED_NOW)
    assert "Anggota" not in entry.detail, "the audit names codes, not people"
    assert [m.code for m in group.members] == ["P1", "P2", "P3", "P4", "P5"], "codes never change"


async def test_a_retired_member_is_not_offered_in_the_next_sessions_attendance(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    app = make_app(folder.parent, lang="en", offer_samples=False, name="Bu Sari")
    app.now = lambda: FIXED_NOW
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_editor(pilot)
        await to_member(pilot, screen, "P5")
        await pilot.press("k")
        await pilot.pause()
        assert isinstance(app.screen, RetireDialog)
        assert app.screen.query_one(Input).value == "1", "the last session is proposed"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.draft.member("P5").left == 1
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load_group(folder).member("P5").left == 1
        assert load_group(folder).audit[-1].detail == "P5: left"
        await pilot.press("escape")  # saved: leaves without a question
        await settle(pilot)
        await pilot.press("l")  # a new session: its attendance lists the members of session 2
        await settle(pilot)
        attendance = app.screen
        assert type(attendance).__name__ == "AttendanceScreen", attendance
        assert [row.code for row in attendance.rows] == ["P1", "P2", "P3", "P4"]


async def test_a_new_member_gets_a_code_never_used_and_leaving_unsaved_asks_on_keep_editing(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False, name="Bu Sari")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, MemberDialog) and dialog.member.code == "P6"
        await pilot.press("ctrl+s")  # no name yet: refused, the dialog stays
        await pilot.pause()
        assert app.screen is dialog
        await type_text(pilot, "Ibu Baru")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [m.code for m in screen.draft.members][-1] == "P6" and screen.draft.seat_order()[-1] == "P6"
        await pilot.press("left_square_bracket")  # one seat earlier
        await pilot.pause()
        assert screen.draft.seat_order()[-2:] == ["P6", "P5"]
        await pilot.press("escape")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert question.focused is question.query_one("#no", Button), "the safe button has the focus"
        await pilot.press("enter")  # keep editing
        await pilot.pause()
        assert app.screen is screen and screen.dirty and screen.draft.member("P6") is not None
        await pilot.press("ctrl+s")
        await settle(pilot)
    group = load_group(folder)
    assert group.member("P6").name == "Ibu Baru" and group.member("P6").joined == 2
    assert group.audit[-1].detail == "seating; P6: new"


async def test_forget_from_the_editor_lists_what_changes_and_erases_after_yes(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    group = load_group(folder)
    session = Session(number=2, date=dt.date(2026, 1, 22), state="ended", notes="Ibu Anggota 3 bercerita panjang.",
                      attendance=[Attendance(member="P3", status="present")])  # fmt: skip
    save_session(folder, session)
    app = record_notifications(make_app(folder.parent, lang="en", offer_samples=False, name="Bu Sari"))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await open_editor(pilot)
        await to_member(pilot, screen, "P3")
        await pilot.press("f")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmDialog)
        assert "sessions/002.toml: notes" in question.question and "Erase P3" in question.question
        assert question.focused is question.query_one("#no", Button)
        await pilot.press("enter")  # the safe answer: nothing erased
        await pilot.pause()
        assert load_group(folder).member("P3").name == "Ibu Anggota 3"
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("y")
        await settle(pilot)
        assert screen.draft.member("P3").forgotten
    assert (
        load_group(folder).member("P3").forgotten and "Anggota 3" not in (folder / "sessions" / "002.toml").read_text()
    )
    assert any("erased" in message for message in notified(app))
    assert group.member("P3").name == "Ibu Anggota 3"


async def test_a_minors_guardian_consent_and_assent_are_recorded_and_the_guardian_warning_goes(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    group = load_group(folder)
    group.members[1].minor = True  # P2 is 16: her own consent is not enough
    save_group(folder, group)
    warned = [c.id for c in check_plan(load_group(folder), 2, SessionPlan(), "id")]
    assert "guardian_consent_missing" in warned
    app = make_app(folder.parent, lang="id", offer_samples=False, name="Bu Sari")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_editor(pilot)
        await to_member(pilot, screen, "P2")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert dialog.query_one("#guardian-part").display, "the guardian's part shows for a minor"
        for box in ("#guardian-participation", "#guardian-recording"):
            dialog.query_one(box).focus()
            await pilot.press("space")
        await pilot.press("ctrl+s")  # ticked boxes without the guardian's name: refused, said
        await pilot.pause()
        assert app.screen is dialog and "nama wali" in str(dialog.query_one(".form-error").render())
        dialog.query_one("#guardian-name", Input).focus()
        await type_text(pilot, "Ibu Warsini")
        dialog.query_one("#guardian-date", Input).focus()
        await type_text(pilot, "2026-02-0x")
        await pilot.press("ctrl+s")  # a date that cannot be read: refused, said
        await pilot.pause()
        assert app.screen is dialog and "2026-02-0x" in str(dialog.query_one(".form-error").render())
        await pilot.press("backspace", "1")
        dialog.query_one("#consent-assent").focus()
        await pilot.press("space")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("ctrl+s")
        await settle(pilot)
    member = load_group(folder).member("P2")
    guardian = member.consent.guardian
    assert (guardian.name, guardian.relation, guardian.date, guardian.participation, guardian.recording) == (
        "Ibu Warsini",
        "parent",
        dt.date(2026, 2, 1),
        True,
        True,
    )
    assert member.consent.assent
    assert "guardian_consent_missing" not in [c.id for c in check_plan(load_group(folder), 2, SessionPlan(), "id")]
    assert "Warsini" not in load_group(folder).audit[-1].detail


async def test_purpose_and_schedule_are_edited_and_the_agreed_next_date_shows_on_home(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False, name="Bu Sari")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_editor(pilot)
        await pilot.press("g")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#details-purpose", Input).value = "Pemulihan bersama"
        dialog.query_one("#details-frequency", Input).value = "mingguan"
        dialog.query_one("#details-planned_sessions", Input).value = "[b]nol"
        await pilot.press("ctrl+s")  # not a number: refused, said (quoted literally, never as markup)
        await pilot.pause()
        assert app.screen is dialog and "[b]nol" in str(dialog.query_one(".form-error").render())
        dialog.query_one("#details-planned_sessions", Input).value = "8"
        dialog.query_one("#details-next_date", Input).value = "2026-11-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Pemulihan bersama" in str(screen.query_one("#editor-info").render())
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("escape", "escape")  # editor → group → home
        await settle(pilot)
        remarks = str(app.screen.query_one("#group-remarks").render())
        assert "berikutnya 30 Nov 2026" in remarks
    group = load_group(folder)
    assert (group.purpose, group.frequency, group.planned_sessions, group.next_date) == (
        "Pemulihan bersama",
        "mingguan",
        8,
        dt.date(2026, 11, 30),
    )
    assert group.audit[-1].detail == "purpose; frequency; planned_sessions; next_date"


async def test_the_palette_opens_the_editor_from_the_group_screen(tmp_path: Path):
    folder = workspace_with_group(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False, name="Bu Sari")
    async with app.run_test(size=(110, 34)) as pilot:
        await open_group_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await type_text(pilot, "ubah kelompok")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GroupEditorScreen)
