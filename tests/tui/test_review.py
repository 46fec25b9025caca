"""The supervisor review screen through Textual's Pilot, on a copy of a sample group.

The whole flow runs through the keys a facilitator and a supervisor press (home → group → `v`):
comment on an act and on a section → return with a reason → amend → submit → sign off → locked,
and the tests read the session file written after each step: status, comments with their anchors,
sign-off, amendments beside the original, and a trail that holds every step with who and when.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tomllib
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from kelompok.app import KelompokApp, make_app
from kelompok.i18n import t
from kelompok.sessions import review
from kelompok.sessions.store import load_session, session_path
from kelompok.settings import load_settings
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.review import ReviewScreen
from kelompok.tui.widgets.review_sections import ReviewSections
from kelompok.tui.widgets.review_status import ReviewStatusLine
from kelompok.tui.widgets.review_text import ReviewText
from kelompok.tui.widgets.review_timeline import ReviewTimeline
from tests.conftest import SAMPLES, held_by_another_process
from tests.tui.conftest import FIXED_NOW, notified, open_group_screen, record_notifications

GROUP = "kube-sejahtera-mawar"
SUBMITTED = 5  # submitted, waiting for the supervisor
DRAFT = 6  # ended, never submitted


def copy_group(tmp_path: Path, name: str = GROUP) -> Path:
    """A private copy of a sample group in a fresh workspace; returns the group folder."""
    target = tmp_path / "ws" / name
    shutil.copytree(SAMPLES / name, target, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal"))
    return target


def ticking_clock():
    """A wall clock one minute later at every call, so each trail entry has its own time."""
    ticks = itertools.count()
    return lambda: FIXED_NOW + dt.timedelta(minutes=next(ticks))


def app_for(folder: Path, *, role: str | None = None, name: str | None = None, lang: str = "id") -> KelompokApp:
    app = make_app(folder.parent, lang=lang, offer_samples=False, role=role, name=name)
    app.now = ticking_clock()
    return record_notifications(app)


def on_disk(folder: Path, number: int) -> dict:
    """The session file as TOML, exactly as written."""
    return tomllib.loads(session_path(folder, number).read_text(encoding="utf-8"))


async def open_review(pilot, number: int) -> ReviewScreen:
    """Home → the (only) group → session `number` → `v`."""
    await open_group_screen(pilot, row=number - 1)
    await pilot.press("v")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen) and screen.number == number
    return screen


async def type_in(pilot, text: str) -> None:
    await pilot.press(*["space" if char == " " else char for char in text])


async def write_dialog(pilot, text: str, dialog: str = "CommentDialog") -> None:
    """Type into the open dialog's input and press Enter."""
    assert type(pilot.app.screen).__name__ == dialog
    await type_in(pilot, text)
    await pilot.press("enter")
    await pilot.pause()


async def palette(pilot, query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await type_in(pilot, query)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def change_name(pilot, name: str) -> None:
    """Command palette → "change my name" → the name dialog, emptied and typed anew."""
    await palette(pilot, "ganti nama")
    assert type(pilot.app.screen).__name__ == "NameDialog"
    pilot.app.screen.query_one(Input).value = ""
    await write_dialog(pilot, name, "NameDialog")


def trail(folder: Path, number: int) -> list[tuple[str, str, str]]:
    return [
        (step["who"], step["action"], step.get("detail", ""))
        for step in on_disk(folder, number)["review"].get("trail", [])
    ]


async def test_comment_return_amend_submit_sign_off_lock_and_the_trail_holds_every_step(tmp_path: Path):
    folder = copy_group(tmp_path)
    signed_notes = None
    app = app_for(folder, role="supervisor")  # as `kelompok review` opens it; no name known yet
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, SUBMITTED)

        # The supervisor selects the third act of the timeline and comments on it; the app asks
        # for the name first, since it does not know it yet.
        await pilot.press("3")  # timeline (there are no safety flags, so it is the third section)
        await pilot.pause()
        timeline = screen.query_one("#section-timeline", ReviewTimeline)
        assert screen.focused is timeline
        await pilot.press("down", "down")
        seq = timeline.selected_seq
        await pilot.press("c")
        await pilot.pause()
        await write_dialog(pilot, "Retno Palupi", "NameDialog")
        assert type(app.screen).__name__ == "CommentDialog"
        await write_dialog(pilot, "Siapa menanggapi?")
        data = on_disk(folder, SUBMITTED)
        assert data["review"]["comments"] == [
            {"at": "2026-11-23T09:30:00", "author": "Retno Palupi", "text": "Siapa menanggapi?", "event": seq}
        ]
        assert load_settings().supervisor_name == "Retno Palupi", (
            "the supervisor's name is remembered for the next time"
        )
        assert "[1]" in [str(cell) for cell in timeline.get_row_at(2)], "the act shows its comment"

        # A comment on a section: back to the list, down to the plan, `c`.
        await pilot.press("escape")
        assert screen.focused is screen.query_one(ReviewSections)
        await pilot.press("home", "down")  # attendance → plan
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await write_dialog(pilot, "Bukti kurang")
        # Return with a reason.
        await pilot.press("r")
        await pilot.pause()
        await write_dialog(pilot, "Tambah refleksi")
        data = on_disk(folder, SUBMITTED)
        assert data["review"]["status"] == "returned"
        assert [(c.get("section"), c.get("event"), c["text"]) for c in data["review"]["comments"]] == [
            (None, seq, "Siapa menanggapi?"),
            ("plan", None, "Bukti kurang"),
            ("review", None, "Tambah refleksi"),
        ]
        assert screen.check_action("sign_off", ()) is None, "a returned log cannot be signed off (dimmed)"

        # The facilitator (F4 asks her own name the first time) completes the notes and submits again.
        await pilot.press("f4")
        await pilot.pause()
        await write_dialog(pilot, "Hendra Saputra", "NameDialog")
        assert (app.role, app.user_name) == ("facilitator", "Hendra Saputra")
        assert screen.check_action("sign_off", ()) is False, "the supervisor's steps are hidden"
        await pilot.press("a")
        await pilot.pause()
        assert type(app.screen).__name__ == "AmendDialog"
        await type_in(pilot, "Refleksi: ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        data = on_disk(folder, SUBMITTED)
        assert data["review"]["status"] == "submitted"
        assert data["notes"].startswith("Refleksi: Anggota dua dusun")
        assert "amendments" not in data["review"], "before sign-off a change is an edit, not an amendment"
        signed_notes = data["notes"]

        # The supervisor signs off (asked first); the session is locked. Each role kept its name.
        await pilot.press("f4")
        await pilot.pause()
        assert (app.role, app.user_name) == ("supervisor", "Retno Palupi")
        await pilot.press("o")
        await pilot.pause()
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("y")
        await pilot.pause()
        data = on_disk(folder, SUBMITTED)
        assert data["review"]["status"] == "reviewed"
        assert data["review"]["signoff"]["by"] == "Retno Palupi"
        assert screen.session.locked
        assert "terkunci" in screen.query_one(ReviewStatusLine).text

        # After sign-off: nothing can be submitted, returned or signed again …
        for action in ("return_log", "sign_off"):
            assert screen.check_action(action, ()) is None
        await pilot.press("r", "o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen), "dimmed keys open nothing"
        # … and the facilitator's change becomes an amendment beside the signed-off text.
        await pilot.press("f4")
        await pilot.pause()
        assert app.user_name == "Hendra Saputra"
        assert screen.check_action("submit", ()) is None
        steps_before = len(trail(folder, SUBMITTED))
        await pilot.press("s")
        await pilot.pause()
        assert len(trail(folder, SUBMITTED)) == steps_before, "a locked session cannot be submitted again"
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "AmendDialog" and dialog.locked
        dialog.query_one(TextArea).load_text("Koreksi sesudah pengesahan.")
        await pilot.press("ctrl+s")
        await pilot.pause()

    data = on_disk(folder, SUBMITTED)
    assert data["notes"] == "Koreksi sesudah pengesahan."
    assert data["review"]["status"] == "reviewed"
    [amendment] = data["review"]["amendments"]
    assert (amendment["by"], amendment["field"], amendment["before"], amendment["after"]) == (
        "Hendra Saputra",
        "notes",
        signed_notes,
        "Koreksi sesudah pengesahan.",
    )
    session = load_session(folder, SUBMITTED)
    assert review.original(session, "notes") == signed_notes, "the signed-off text is kept beside the change"
    assert trail(folder, SUBMITTED) == [
        ("Retno Palupi", "commented", f"#{seq}"),
        ("Retno Palupi", "commented", "plan"),
        ("Retno Palupi", "commented", "review"),
        ("Retno Palupi", "returned", ""),
        ("Hendra Saputra", "edited", "notes"),
        ("Hendra Saputra", "submitted", ""),
        ("Retno Palupi", "signed_off", ""),
        ("Hendra Saputra", "amended", "notes"),
    ]
    times = [step["at"] for step in on_disk(folder, SUBMITTED)["review"]["trail"]]
    assert times == sorted(times) and len(set(times)) == len(times), "each step has its own time"
    assert data["review"]["signoff"]["at"] == times[6]


async def test_safety_flags_come_first_and_a_comment_anchors_to_the_flagged_note(tmp_path: Path):
    folder = copy_group(tmp_path, "kds-pelangi-harapan")
    app = app_for(folder, role="supervisor", name="Retno")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, 4)
        sections = screen.query_one(ReviewSections)
        assert sections.current == "safety" and sections.get_option_at_index(0).id == "safety"
        assert "⚑ 1" in screen.query_one(ReviewStatusLine).text
        await pilot.press("enter")  # into the list of flags
        await pilot.pause()
        table = screen.query_one("#safety-table", ReviewTimeline)
        assert screen.focused is table and [row.seq for row in table.timeline_rows] == [110]
        await pilot.press("c")
        await pilot.pause()
        assert "#110" in str(app.screen.query_one("#comment-title").content)
        await write_dialog(pilot, "Sudah dirujuk")
    [comment] = on_disk(folder, 4)["review"]["comments"]
    assert comment["event"] == 110 and comment["author"] == "Retno"


async def test_role_decides_which_steps_are_offered(tmp_path: Path):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="facilitator", name="Hendra")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, DRAFT)
        assert [screen.check_action(a, ()) for a in ("comment", "submit", "amend", "return_log", "sign_off")] == [
            True,
            True,
            True,
            False,
            False,
        ]
        await pilot.press("o")  # not the facilitator's key: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("s")
        await pilot.pause()
        assert on_disk(folder, DRAFT)["review"]["status"] == "submitted"
        assert screen.check_action("submit", ()) is None, "submitted once: dimmed until returned"
        await pilot.press("f4")  # the supervisor's name is asked: never the facilitator's reused
        await pilot.pause()
        await write_dialog(pilot, "Dedi", "NameDialog")
        assert [screen.check_action(a, ()) for a in ("submit", "amend", "return_log", "sign_off")] == [
            False,
            False,
            True,
            True,
        ]
        assert "supervisor: Dedi" in screen.query_one(ReviewStatusLine).text


async def test_a_group_held_by_another_process_opens_read_only_and_writes_nothing(tmp_path: Path):
    folder = copy_group(tmp_path)
    before = session_path(folder, SUBMITTED).read_bytes()
    with held_by_another_process(folder):
        app = app_for(folder, role="supervisor", name="Retno", lang="en")
        async with app.run_test(size=(110, 34)) as pilot:
            screen = await open_review(pilot, SUBMITTED)
            assert screen.read_only
            assert "read-only" in screen.query_one(ReviewStatusLine).text
            assert [screen.check_action(a, ()) for a in ("comment", "return_log", "sign_off")] == [None, None, None]
            await pilot.press("c", "r", "o")
            await pilot.pause()
            assert isinstance(app.screen, ReviewScreen)
    assert session_path(folder, SUBMITTED).read_bytes() == before


async def test_a_step_that_cannot_be_saved_is_not_shown_as_saved_and_the_file_is_not_overwritten(tmp_path: Path):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="supervisor", name="Retno")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, SUBMITTED)
        broken = b"status = [\n"
        session_path(folder, SUBMITTED).write_bytes(broken)  # someone broke the file while it was open
        await pilot.press("c")
        await pilot.pause()
        await write_dialog(pilot, "Tidak tersimpan")
        assert screen.session.review.comments == [], "the screen shows what the file holds"
        assert "TIDAK TERSIMPAN" in screen.query_one(ReviewStatusLine).text
        assert isinstance(app.screen, ReviewScreen)
    assert session_path(folder, SUBMITTED).read_bytes() == broken


async def test_review_steps_refused_by_the_domain_show_a_message_not_a_traceback(tmp_path: Path):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="facilitator", name="Hendra")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, DRAFT)
        screen.session.state = "running"  # as if the live screen had reopened it
        screen.refresh_bindings()
        assert screen.check_action("submit", ()) is None
        screen.action_submit()  # e.g. from code or a stale binding: a message, never a crash
        await pilot.pause()
        assert any("belum selesai" in message for message in notified(app))
        assert on_disk(folder, DRAFT).get("review", {}).get("status", "draft") == "draft"


async def test_sections_read_the_log_and_follow_the_language(tmp_path: Path):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="supervisor", name="Retno", lang="en")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, SUBMITTED)
        text = {
            s: screen.query_one(f"#section-{s}", ReviewText).text
            for s in ("attendance", "plan", "sociogram", "notes", "comments", "status")
        }
        assert "Present 7 of 7 · late 1" in text["attendance"] and "A7 arrives" in text["attendance"]
        assert "Objectives" in text["plan"] and "✔ met" in text["plan"]
        assert "Communication pattern" in text["sociogram"] and "Signals to check" in text["sociogram"]
        assert "Anggota dua dusun" in text["notes"]
        assert "No comments yet." in text["comments"]
        assert "Status: submitted" in text["status"]
        timeline = screen.query_one("#section-timeline", ReviewTimeline)
        assert timeline.row_count == len([e for e in screen.session.effective_events()])
        assert [str(c) for c in timeline.get_row_at(1)][2] == "Fac → A2"
        await pilot.press("f2")
        await pilot.pause()
        assert "Hadir 7 dari 7" in screen.query_one("#section-attendance", ReviewText).text
        assert " diajukan " in screen.query_one(ReviewStatusLine).text
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpDialog"
        assert "Supervisi log sesi" in app.screen.query_one("Markdown").source


async def test_escape_goes_from_a_section_to_the_list_and_then_back_to_the_group(tmp_path: Path):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="supervisor", name="Retno")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, SUBMITTED)
        await pilot.press("2")
        await pilot.pause()
        assert screen.focused is screen.query_one("#section-plan")
        await pilot.press("escape")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert app.screen.group_lock.held, "the group screen keeps the group's lock"


async def test_the_steps_that_apply_are_in_the_command_palette(tmp_path: Path):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="supervisor", name="Retno")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, SUBMITTED)
        titles = [command.title for command in app.get_system_commands(screen)]
        for action in ("comment", "return_log", "sign_off", "sociogram"):
            assert t(f"review_screen.commands.{action}") in titles
        assert t("review_screen.commands.submit") not in titles, "not the supervisor's step"
        await palette(pilot, "sahkan")
        assert type(app.screen).__name__ == "ConfirmDialog"
        await pilot.press("n")
        await pilot.pause()
        assert on_disk(folder, SUBMITTED)["review"]["status"] == "submitted", "declined: nothing signed"


async def test_a_group_without_sessions_says_so_instead_of_opening(group_dir: Path):
    shutil.rmtree(group_dir / "sessions")
    app = app_for(group_dir, role="supervisor", name="Retno")
    async with app.run_test(size=(100, 30)) as pilot:
        await open_group_screen(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert any(t("review_screen.no_sessions") in message for message in notified(app))


@pytest.mark.parametrize(
    "size, section",
    [((80, 24), "4"), ((120, 40), "3")],
    ids=["80x24-sociogram", "120x40-timeline"],
)
async def test_review_screen_snapshot(tmp_path: Path, snapshot, size: tuple[int, int], section: str):
    folder = copy_group(tmp_path)
    app = app_for(folder, role="supervisor", name="Retno Palupi")
    async with app.run_test(size=size) as pilot:
        await open_review(pilot, SUBMITTED)
        await pilot.press(section)
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        snapshot(app, f"review_{size[0]}x{size[1]}")
