"""The session plan editor through Pilot: plan from the template, edit the agenda, watch the checks
come and go, save, reopen; undo, discard, read-only cases and plan against actual.

Every test reads back what was written with the store.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, Select, SelectionList

from kelompok.app import KelompokApp, make_app
from kelompok.sessions.models import Consent, Group, Member, Review, Session, SignOff
from kelompok.sessions.planning import plan_template, stage_suggestions
from kelompok.sessions.models import GROUP_TYPE_IDS
from kelompok.sessions.store import load_group, load_session, save_group, save_session, session_numbers, session_path
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.home import HomeScreen
from kelompok.tui.screens.new_group import NewGroupScreen
from kelompok.tui.widgets.group_members import GroupMembersEditor
from kelompok.tui.screens.plan import PlanScreen
from kelompok.tui.widgets.agenda_editor import AgendaEditor
from kelompok.tui.widgets.plan_checks import PlanChecks
from tests.conftest import SAMPLES, held_by_another_process, other_process_can_lock
from tests.tui.conftest import FIXED_NOW, open_group_screen, type_text

SIZE = (120, 36)


def make_planning_group(type_id: str, members: int = 7) -> Group:
    people = [
        Member(code=f"A{i}", name=f"Anggota {i}", consent=Consent(recording=True, date=dt.date(2026, 3, 1)))
        for i in range(1, members + 1)
    ]
    return Group(
        name="Kelompok Melati",
        type=type_id,
        purpose="Uji",
        members=people,
        seating=[m.code for m in people],
        facilitators=["Sari"],
        professional_lead=type_id in ("therapy", "sensitivity"),
        planned_sessions=6,
        session_minutes=90,
    )


def workspace_with(tmp_path: Path, group: Group) -> Path:
    folder = tmp_path / "ws" / "kelompok"
    save_group(folder, group)
    return folder


async def open_group(app: KelompokApp, pilot) -> GroupScreen:
    app.now = lambda: FIXED_NOW  # "today" for a new session
    return await open_group_screen(pilot, row=0)


async def open_plan(app: KelompokApp, pilot, key: str) -> PlanScreen:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, PlanScreen), app.screen
    return app.screen


def check_ids(screen: PlanScreen) -> list[str]:
    return screen.query_one(PlanChecks).ids


async def create_group_through_the_ui(app: KelompokApp, pilot, type_id: str) -> None:
    """Home → new group: the type, a name, series and session length, seven consenting members."""
    await pilot.pause()
    await pilot.press("n")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, NewGroupScreen)
    for _ in range(GROUP_TYPE_IDS.index(type_id)):
        await pilot.press("down")
    await pilot.press("enter")
    await type_text(pilot, "Melati")
    if type_id in ("therapy", "sensitivity"):
        screen.query_one("#professional").focus()
        await pilot.press("space")
    screen.query_one("#planned-sessions", Input).focus()
    await type_text(pilot, "6")
    await pilot.press("tab")
    await type_text(pilot, "90")
    editor = screen.query_one(GroupMembersEditor)
    for number in range(1, 8):
        editor.add_member("", f"Anggota {number}")
    await pilot.press("alt+3")
    screen.query_one("#members").focus()
    screen.query_one("#members").move_cursor(row=0)
    await pilot.press("c")  # the first member's consent to recording, by key; the others likewise
    for row in range(1, 7):
        screen.query_one("#members").move_cursor(row=row)
        editor.toggle_consent()
    await pilot.press("ctrl+s")
    await pilot.press("escape")
    await pilot.pause()
    assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("type_id", ["education", "therapy", "self_help"])
async def test_plan_a_new_session_from_the_template_edit_save_and_reopen(tmp_path: Path, type_id: str):
    """The whole path: create the group, plan session 1 from the template, edit, save, reopen."""
    workspace = tmp_path / "ws"
    folder = workspace / "melati"
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await create_group_through_the_ui(app, pilot, type_id)
        group = load_group(folder)
        assert group.type == type_id and len(group.members) == 7
        assert all(member.consent.recording for member in group.members)
        template = plan_template(group, 1, "id")
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "n")
        assert screen.is_new and screen.number == 1
        assert "belum disimpan" in screen.status_text()
        editor = screen.query_one(AgendaEditor)
        assert editor.blocks == template.agenda  # prefilled from the type's skeleton and the stage
        assert "confidentiality_agreement_missing" in check_ids(screen)
        assert "agenda_too_long" not in check_ids(screen)
        assert not session_path(folder, 1).exists()  # nothing is written before saving

        # Agenda: five minutes more on the first block makes it too long; five less and it fits again.
        await pilot.press("alt+2")
        await pilot.pause()
        await pilot.press("plus")
        await pilot.pause()
        assert "agenda_too_long" in check_ids(screen)
        assert editor.has_class("-over") and "95" in editor.total_text()
        await pilot.press("minus")
        await pilot.pause()
        assert "agenda_too_long" not in check_ids(screen)

        # Add a block after the first: the dialog asks for a name and minutes.
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "AgendaBlockDialog"
        await type_text(pilot, "Salam")
        await pilot.press("enter")  # no minutes yet: refused, the dialog stays
        await pilot.pause()
        assert type(app.screen).__name__ == "AgendaBlockDialog"
        app.screen.query_one("#block-minutes", Input).value = "10"
        app.screen.query_one("#block-method", Input).value = "permainan"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert [b.title for b in editor.blocks][:2] == [template.agenda[0].title, "Salam"]
        assert "agenda_too_long" in check_ids(screen)
        # Take ten minutes off the longest block: fits again. Then move the new block down one.
        longest = max(range(len(editor.blocks)), key=lambda i: editor.blocks[i].minutes)
        editor.table.move_cursor(row=longest)
        await pilot.press("minus", "minus")
        await pilot.pause()
        assert "agenda_too_long" not in check_ids(screen)
        editor.table.move_cursor(row=1)
        await pilot.press("shift+down")
        await pilot.pause()
        assert editor.blocks[2].title == "Salam"

        # Ethics: ticking the confidentiality agreement makes its warning go.
        await pilot.press("alt+4")
        await pilot.pause()
        assert isinstance(app.focused, SelectionList)
        await pilot.press("space")
        await pilot.pause()
        assert "confidentiality_agreement_missing" not in check_ids(screen)

        # A vague second objective is pointed out; a measurable one is not.
        await pilot.press("alt+1")
        await pilot.pause()
        screen.query_one("#objective-1", Input).focus()
        await type_text(pilot, "tahu")
        await pilot.pause()
        assert "objective_vague" in check_ids(screen)
        assert "tahu" in str(screen.query_one("#objective-hint-1").content)
        screen.query_one("#objective-1", Input).value = ""
        await type_text(pilot, "3 ide")
        await pilot.pause()
        assert "objective_vague" not in check_ids(screen)

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "tersimpan" in screen.status_text()
        assert not screen.is_new

        saved = load_session(folder, 1)
        assert saved.state == "planned"
        assert saved.date == FIXED_NOW.date()
        assert saved.plan.agenda == editor.blocks
        assert saved.plan.agenda[2].title == "Salam" and saved.plan.agenda[2].method == "permainan"
        assert saved.plan.ethics == ["confidentiality_agreement"]
        assert [o.text for o in saved.plan.objectives] == [template.objectives[0].text, "3 ide"]
        assert saved.plan.stage == "beginning"
        assert saved.plan.purpose == template.purpose

        # Reopen from the group screen: the same plan, nothing unsaved.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        reopened = await open_plan(app, pilot, "p")
        assert reopened.number == 1 and not reopened.is_new
        assert reopened.query_one(AgendaEditor).blocks == saved.plan.agenda
        assert not reopened.dirty
        assert reopened.current_session() == saved


async def test_checks_for_missing_objective_and_overlong_agenda_never_block_saving(tmp_path: Path):
    group = make_planning_group("task")
    folder = workspace_with(tmp_path, group)
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "n")
        screen.query_one("#objective-0", Input).focus()
        screen.query_one("#objective-0", Input).value = ""
        await pilot.pause()
        assert "no_objective" in check_ids(screen)
        assert "Write at least one objective" in str(screen.query_one("#objective-hint-0").content)
        screen.query_one("#minutes", Input).value = "30"
        await pilot.pause()
        assert "agenda_too_long" in check_ids(screen)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_session(folder, 1)
    assert saved.plan.objectives == [] and saved.plan.minutes == 30


async def test_stage_changes_the_suggestions_and_the_ethics_that_apply(tmp_path: Path):
    group = make_planning_group("self_help")
    folder = workspace_with(tmp_path, group)
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), plan=plan_template(group, 1, "en")))
    save_session(
        folder,
        Session(
            number=2, date=dt.date(2026, 3, 9), plan=plan_template(group, 2, "en").model_copy(update={"stage": None})
        ),
    )
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        group_screen = await open_group(app, pilot)
        await pilot.press("down")
        screen = await open_plan(app, pilot, "p")
        assert screen.number == 2
        panel = screen.query_one(PlanChecks)
        assert panel.suggestions == stage_suggestions("self_help", "middle", "en")
        assert "Automatic (middle (working) stage)" in screen.query_one("#stage", Select).prompt
        stage = screen.query_one("#stage", Select)
        stage.value = "ending"
        await pilot.pause()
        assert panel.suggestions == stage_suggestions("self_help", "ending", "en")
        assert "Suggestions for the ending stage" in panel.text()
        stage.value = "beginning"
        await pilot.pause()
        assert "confidentiality_agreement" in screen._ethics_applies
        assert group_screen is not None


async def test_undo_restores_the_last_field_and_the_last_agenda_change(tmp_path: Path):
    group = make_planning_group("education")
    folder = workspace_with(tmp_path, group)
    plan = plan_template(group, 2, "id").model_copy(update={"venue": "Balai RW"})
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), plan=plan))
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "p")
        editor = screen.query_one(AgendaEditor)
        venue = screen.query_one("#venue", Input)
        venue.focus()
        await pilot.press("end")
        await type_text(pilot, " 05")
        assert venue.value == "Balai RW 05" and screen.dirty
        await pilot.press("alt+2")
        await pilot.pause()
        await pilot.press("d")  # remove the first block
        await pilot.pause()
        assert len(editor.blocks) == len(plan.agenda) - 1
        await pilot.press("ctrl+z")  # the agenda change first
        await pilot.pause()
        assert editor.blocks == plan.agenda
        assert venue.value == "Balai RW 05"
        await pilot.press("ctrl+z")  # then the whole venue edit
        await pilot.pause()
        assert venue.value == "Balai RW"
        assert not screen.dirty and "tersimpan" in screen.status_text()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert venue.value == "Balai RW"


async def test_leaving_without_saving_asks_and_keeps_the_file_as_it_was(tmp_path: Path):
    group = make_planning_group("task")
    folder = workspace_with(tmp_path, group)
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), plan=plan_template(group, 1, "id")))
    before = session_path(folder, 1).read_bytes()
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "p")
        await pilot.press("escape")  # nothing changed: leaves at once
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        screen = await open_plan(app, pilot, "p")
        await pilot.press("alt+2")
        await pilot.press("d", "d")
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await pilot.pause()
        assert app.screen is screen and screen.dirty
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        # A new session left unsaved leaves no file either.
        await open_plan(app, pilot, "n")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
    assert session_path(folder, 1).read_bytes() == before
    assert session_numbers(folder) == [1]


@pytest.mark.parametrize("case", ["locked", "running"])
async def test_locked_or_running_session_opens_read_only_and_never_writes(tmp_path: Path, case: str):
    group = make_planning_group("therapy")
    folder = workspace_with(tmp_path, group)
    session = Session(number=1, date=dt.date(2026, 3, 2), plan=plan_template(group, 1, "en"), state="ended")
    if case == "locked":
        session.review = Review(status="reviewed", signoff=SignOff(by="Pak Hadi", at=dt.datetime(2026, 3, 5, 10, 0)))
    else:
        session.state = "running"
    save_session(folder, session)
    before = session_path(folder, 1).read_bytes()
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "p")
        assert screen.read_only
        expected = "signed off" if case == "locked" else "recorded live"
        assert expected in screen.status_text()
        assert screen.query_one("#venue", Input).disabled
        await pilot.press("alt+2")
        await pilot.press("d", "plus", "a")
        await pilot.pause()
        assert app.screen is screen  # no block dialog opens
        assert screen.query_one(AgendaEditor).blocks == session.plan.agenda
        await pilot.press("ctrl+s")
        await pilot.press("escape")  # read-only: nothing to lose, leaves without asking
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
    assert session_path(folder, 1).read_bytes() == before


async def test_group_held_by_another_process_opens_read_only(tmp_path: Path):
    group = make_planning_group("task")
    folder = workspace_with(tmp_path, group)
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), plan=plan_template(group, 1, "en")))
    before = session_path(folder, 1).read_bytes()
    with held_by_another_process(folder):
        app = make_app(folder.parent, lang="en", offer_samples=False)
        async with app.run_test(size=SIZE) as pilot:
            group_screen = await open_group(app, pilot)
            assert group_screen.read_only
            screen = await open_plan(app, pilot, "p")
            assert screen.read_only and "another kelompok window" in screen.status_text()
            screen.query_one("#venue", Input).value = "changed"  # even if a field changed somehow
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert session_path(folder, 1).read_bytes() == before


async def test_plan_opened_on_its_own_takes_and_releases_the_group_lock(tmp_path: Path):
    group = make_planning_group("task")
    folder = workspace_with(tmp_path, group)
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), plan=plan_template(group, 1, "en")))
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PlanScreen(folder, 1))
        await pilot.pause()
        assert not app.screen.read_only
        assert not other_process_can_lock(folder)  # held by the plan screen
        await pilot.press("escape")
        await pilot.pause()
    assert other_process_can_lock(folder)


async def test_plan_vs_actual_records_objective_results_with_evidence(tmp_path: Path):
    folder = tmp_path / "ws" / "p2k2"
    shutil.copytree(SAMPLES / "p2k2-pkh-dahlia", folder)
    session = load_session(folder, 5)
    assert session.state == "ended" and session.plan.objectives[0].result == "met"
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(PlanScreen(folder, 5))
        await pilot.pause()
        screen = app.screen
        assert not screen.dirty
        await pilot.press("alt+6")
        await pilot.pause()
        blocks = screen.query_one("#actual-blocks")
        assert blocks.row_count == len(session.plan.agenda)
        roles = screen.query_one("#actual-roles")
        assert roles.row_count >= 1
        result = screen.query_one("#result-0", Select)
        result.focus()
        await pilot.press("enter")  # open the list
        await pilot.pause()
        await pilot.press("down", "enter")  # met → partly
        await pilot.pause()
        assert result.value == "partly"
        evidence = screen.query_one("#evidence-0", Input)
        evidence.value = ""
        evidence.focus()
        await type_text(pilot, "6 of 10 named one")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "saved" in screen.status_text()
    saved = load_session(folder, 5)
    assert saved.plan.objectives[0].result == "partly"
    assert saved.plan.objectives[0].evidence == "6 of 10 named one"
    assert saved.events == session.events and saved.attendance == session.attendance  # the record is untouched


async def test_actual_tab_only_for_ended_sessions(tmp_path: Path):
    group = make_planning_group("task")
    folder = workspace_with(tmp_path, group)
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "n")
        assert "tab-actual" not in screen.visible_tabs
        await pilot.press("alt+6")  # no such part here: nothing happens
        await pilot.pause()
        assert app.screen is screen


async def test_every_sample_plan_opens_unchanged(tmp_path: Path):
    """Opening a plan and leaving it must not count as a change: the form round-trips every file."""
    workspace = tmp_path / "ws"
    shutil.copytree(SAMPLES, workspace, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal"))
    app = make_app(workspace, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for folder in sorted(p for p in workspace.iterdir() if p.is_dir()):
            # The last session of each group: ended, with results and evidence, often signed off
            # (opening all ~55 takes a minute; the form code is the same for every one).
            for number in session_numbers(folder)[-1:]:
                app.push_screen(PlanScreen(folder, number))
                await pilot.pause()
                screen = app.screen
                assert not screen.dirty, (
                    folder.name,
                    number,
                    screen.current_session().plan,
                    load_session(folder, number).plan,
                )
                app.pop_screen()
                await pilot.pause()


async def test_language_switch_relabels_the_plan_and_its_checks(tmp_path: Path):
    group = make_planning_group("therapy")
    group.professional_lead = False
    folder = workspace_with(tmp_path, group)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "n")
        panel = screen.query_one(PlanChecks)
        assert "professional_lead_required" in panel.ids
        assert "Kelompok terapi harus dipimpin" in panel.text()
        editor = screen.query_one(AgendaEditor)
        editor.table.move_cursor(row=2)
        editor.table.focus()
        await pilot.press("f2")
        await pilot.pause()
        assert "Therapy group" in panel.text() or "therapy group" in panel.text()
        assert "new session" in screen.status_text()
        assert str(screen.query_one("ContentTabs").query("Tab").first().label) == "1 Goals"
        assert editor.table.cursor_row == 2 and editor.rows()[0][0] == "1"  # relabelled in place
        assert [str(column.label) for column in editor.table.columns.values()][:3] == ["No", "Min", "Block"]
        await pilot.press("f1")
        await pilot.pause()
        assert "Session plan" in app.screen.query_one("Markdown").source


async def test_template_key_refills_the_agenda(tmp_path: Path):
    group = make_planning_group("recreation_skill")
    folder = workspace_with(tmp_path, group)
    save_session(
        folder,
        Session(
            number=1, date=dt.date(2026, 3, 2), plan=plan_template(group, 1, "id").model_copy(update={"agenda": []})
        ),
    )
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "p")
        assert "agenda_empty" in check_ids(screen)
        await pilot.press("alt+2")
        await pilot.press("t")
        await pilot.pause()
        assert screen.query_one(AgendaEditor).blocks == plan_template(group, 1, "id").agenda
        assert "agenda_empty" not in check_ids(screen)


async def _plan_for_snapshot(tmp_path: Path) -> Path:
    group = make_planning_group("self_help", members=8)
    folder = workspace_with(tmp_path, group)
    plan = plan_template(group, 1, "id")
    plan.agenda[2].minutes += 10  # too long: the warning shows in the snapshot
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), plan=plan))
    return folder


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_snapshot_plan_editor(tmp_path: Path, snapshot, size: tuple[int, int]):
    folder = await _plan_for_snapshot(tmp_path)
    app = make_app(folder.parent, lang="id", offer_samples=False)
    async with app.run_test(size=size) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "p")
        await pilot.press("alt+2")
        for _ in range(10):  # focus moves after the next refresh; the footer follows the focus
            if app.focused is screen.query_one(AgendaEditor).table:
                break
            await pilot.pause()
        assert app.focused is screen.query_one(AgendaEditor).table
        app.clear_notifications()
        await pilot.pause()
        await pilot.pause()
        snapshot(app, f"plan_agenda_{size[0]}x{size[1]}")


async def test_plan_actions_are_in_the_command_palette(tmp_path: Path):
    group = make_planning_group("task")
    folder = workspace_with(tmp_path, group)
    app = make_app(folder.parent, lang="en", offer_samples=False)
    async with app.run_test(size=SIZE) as pilot:
        await open_group(app, pilot)
        screen = await open_plan(app, pilot, "n")
        titles = [command.title for command in app.get_system_commands(screen)]
        assert "Save" in titles and "Undo the last change" in titles and "Add an agenda block" in titles
        assert "Go to part: Agenda" in titles
        save = next(command for command in app.get_system_commands(screen) if command.title == "Save")
        save.callback()
        await pilot.pause()
    assert session_numbers(folder) == [1]
