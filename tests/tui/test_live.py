"""The live screen through Textual's Pilot: a whole session from attendance to the file on disk.

Each test drives the real app (home → group → `l`) in its own workspace, with a fake clock so that
every event's time is known, and checks both what the screen says and what the files hold.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from kelompok.app import KelompokApp, make_app
from kelompok.i18n import t
from kelompok.sessions.journal import Journal
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import AgendaBlock, Session, SessionPlan
from kelompok.sessions.store import journal_path, load_session, save_group, save_session, session_numbers
from kelompok.tui.dialogs.summary import SessionSummaryDialog
from kelompok.tui.screens.attendance import AttendanceScreen
from kelompok.tui.screens.group import GroupScreen
from kelompok.tui.screens.live import LiveScreen
from tests.conftest import FakeClock, held_by_another_process, make_group, make_session, other_process_can_lock
from tests.tui.conftest import FIXED_NOW, notified, open_group_screen, record_notifications

PLAN = SessionPlan(
    purpose="Menyusun rencana usaha bersama",
    minutes=90,
    agenda=[
        AgendaBlock(title="Pembukaan", minutes=10),
        AgendaBlock(title="Kegiatan inti", minutes=60),
        AgendaBlock(title="Penutup", minutes=20),
    ],
)


@pytest.fixture(autouse=True)
def _patient_addressee(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests type every addressee; a slow machine must not turn "1 2" into "1 → group" and "2 …"."""
    monkeypatch.setattr(LiveScreen, "ADDRESSEE_TIMEOUT", 60.0)


def workspace_with_plan(tmp_path: Path, members: int = 5) -> Path:
    """A group with session 1 ended and session 2 planned (with an agenda); returns the group folder."""
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group(members))
    save_session(folder, make_session(1))
    save_session(folder, Session(number=2, date=dt.date(2026, 11, 20), plan=PLAN))
    return folder


def app_for(folder: Path, clock: FakeClock, lang: str = "id") -> KelompokApp:
    app = make_app(folder.parent, lang=lang, clock=clock, offer_samples=False)
    app.now = lambda: FIXED_NOW  # the wall clock the live screen gives the Recorder
    return record_notifications(app)


async def open_live(pilot, *, row: int = 0) -> None:
    """Home → the group → session row `row` → `l`."""
    await open_group_screen(pilot, row=row)
    await pilot.press("l")
    await pilot.pause()


async def start_all_present(pilot) -> LiveScreen:
    assert isinstance(pilot.app.screen, AttendanceScreen)
    await pilot.press("enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LiveScreen) and screen.recorder is not None
    return screen


async def acts(pilot, clock: FakeClock, *turns: str, step: float = 10.0) -> None:
    """Type turns such as "1 2" or "f 3 i", the clock moving `step` seconds before each."""
    for turn in turns:
        clock.advance(step)
        await pilot.press(*turn.split())
    await pilot.pause()


def messages(app: KelompokApp) -> list[str]:
    return notified(app)


def shape(session: Session) -> list[tuple]:
    """Every event of a session, reduced to what the facilitator typed."""
    rows = []
    for e in session.events:
        if e.kind == "speak":
            rows.append((e.seq, "speak", e.from_, e.to, e.role))
        elif e.kind == "undo":
            rows.append((e.seq, "undo", e.undoes))
        elif e.kind == "note":
            rows.append((e.seq, "note", e.note, e.safety))
        elif e.kind == "agenda":
            rows.append((e.seq, "agenda", e.block))
        elif e.kind in ("arrive", "leave"):
            rows.append((e.seq, e.kind, e.from_))
        else:
            rows.append((e.seq, e.kind))
    return rows


# ── the whole session ─────────────────────────────────────────────────────────────────────────


async def test_whole_session_from_attendance_to_the_file_on_disk(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        # Session 1 under the cursor has ended: `l` goes on to the planned session 2 and its plan.
        await open_live(pilot, row=0)
        attendance = app.screen
        assert isinstance(attendance, AttendanceScreen) and attendance.session.number == 2
        await pilot.press("down", "down", "down", "3", "r")  # A4 absent, with a reason
        reason = attendance.query_one("#attendance-reason", Input)
        assert reason.has_focus
        reason.value = "sakit"
        await pilot.press("enter", "down", "2")  # A5 late
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        # A5 is late: expected, not here yet (issue 16 §2), until F3 records her arrival.
        assert screen.keypad is not None and sorted(screen.keypad.members.values()) == ["A1", "A2", "A3"]
        assert screen.pad_members["A5"].status == "expected"

        await acts(
            pilot,
            clock,
            "1 2",  # A1 → A2
            "2 enter",  # A2 → group
            "f 3 i",  # facilitator → A3 as instruktur
            "3 f",  # A3 → facilitator
            "f g s",  # facilitator → group as pemberi_semangat
            "4",  # A4 is absent: the key does nothing
        )
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 4  # A5: arrives
        await pilot.press("enter")
        await pilot.pause()
        assert screen.pad_members["A5"].status == "late" and "A5" in screen.keypad.members.values()
        await acts(
            pilot,
            clock,
            "5 1",  # A5 (arrived late) → A1
            "1 g",  # A1 → group
            "f 1 enter",  # facilitator → A1, role skipped
            "2 3",
            "3 1",
            "f 2 e",  # facilitator → A2 as elaborator
            "5 f",
            "1 5",  # a mistake …
        )
        assert screen.acts == 13
        assert screen.recent.lines()[0].endswith("1 Anggota 1 → 5 Anggota 5")
        assert screen.role_pad.tally == {"task": 2, "maintenance": 1}
        await pilot.press("ctrl+z")  # … undone at once
        await pilot.pause()
        assert screen.acts == 12
        assert any(t("live.undone", what="1 Anggota 1 → 5 Anggota 5") == m for m in messages(app))

        await pilot.press("f6")
        await pilot.pause()
        note = app.screen.query_one("#note-text", Input)
        note.value = "A3 bercerita tentang kekerasan di rumah"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen

        clock.advance(30)
        await pilot.press("f7")  # the main activity starts
        await pilot.pause()
        assert screen.recorder.current_block() == 1
        assert screen.agenda.lines()[1].endswith("Kegiatan inti")
        await acts(pilot, clock, "2 1")
        assert screen.save_state.text() == t("live.save.saved", acts=13)

        await pilot.press("f10")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        # The summary after F10 (hand-counted from the acts below: 13 stand, 4 of them the
        # facilitator's; A4 absent; A2 spoke 3 times, A1, A3 and A5 twice each).
        summary = app.screen
        assert isinstance(summary, SessionSummaryDialog)
        text = str(summary.query_one("#summary-text", Static).render())
        assert t("summary.acts", acts=13, share="31%") in text
        assert t("summary.nobody_silent") in text
        assert t("summary.least", members="A1 (2), A3 (2), A5 (2)") in text
        assert t("summary.roles_used", roles="Instruktur, Elaborator, Pemberi Semangat") in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.save_state.status == "ended"
        assert str(Path("sessions") / "002.toml") in screen.save_state.text()
        assert screen.recorder.closed
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen)
        assert app.screen.group_lock.held and not other_process_can_lock(folder), (
            "the group screen still holds the group"
        )

    session = load_session(folder, 2)
    assert session.state == "ended"
    assert session.date == FIXED_NOW.date() and session.start == dt.time(9, 30)
    assert session.plan == PLAN
    assert [(a.member, a.status, a.reason) for a in session.attendance] == [
        ("A1", "present", ""),
        ("A2", "present", ""),
        ("A3", "present", ""),
        ("A4", "absent", "sakit"),
        ("A5", "late", ""),
    ]
    assert shape(session) == [
        (1, "speak", "A1", "A2", None),
        (2, "speak", "A2", "group", None),
        (3, "speak", "facilitator", "A3", "instruktur"),
        (4, "speak", "A3", "facilitator", None),
        (5, "speak", "facilitator", "group", "pemberi_semangat"),
        (6, "arrive", "A5"),
        (7, "speak", "A5", "A1", None),
        (8, "speak", "A1", "group", None),
        (9, "speak", "facilitator", "A1", None),
        (10, "speak", "A2", "A3", None),
        (11, "speak", "A3", "A1", None),
        (12, "speak", "facilitator", "A2", "elaborator"),
        (13, "speak", "A5", "facilitator", None),
        (14, "speak", "A1", "A5", None),
        (15, "undo", 14),
        (16, "note", "A3 bercerita tentang kekerasan di rumah", True),
        (17, "agenda", 1),
        (18, "speak", "A2", "A1", None),
    ]
    # Times come from the injected clock: one act every 10 s ("4" alone moved the clock too).
    assert [e.at for e in session.events[:3]] == [10.0, 20.0, 30.0]
    assert session.events[5].at == 60.0, "she is present from the minute F3 recorded her arrival"
    assert session.presence()["A5"] == [(60.0, None)]
    assert session.events[16].at == session.events[15].at + 30
    assert len(session.acts()) == 13
    assert not journal_path(folder, 2).exists(), "an ended session leaves no journal behind"


async def test_a_session_killed_mid_recording_reopens_with_every_act(tmp_path: Path, clock: FakeClock):
    """kill -9 of the whole app process while recording: the next open recovers every act and says so."""
    folder = workspace_with_plan(tmp_path)
    child = tmp_path / "child.py"
    child.write_text(
        textwrap.dedent(f"""
        import asyncio
        from pathlib import Path
        from kelompok.app import make_app
        from kelompok.tui.screens.live import LiveScreen

        LiveScreen.ADDRESSEE_TIMEOUT = 60.0  # every addressee is typed, however slow the machine
        TURNS = ["1 2", "2 enter", "f 3 i", "3 f", "f g s", "5 1", "1 g", "4 2", "2 3", "3 1", "f 2 e", "5 f"]

        async def main():
            app = make_app(Path({str(folder.parent)!r}), lang="id", offer_samples=False)
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                await pilot.press("enter"); await pilot.pause()
                await pilot.press("down", "l"); await pilot.pause()
                await pilot.press("enter"); await pilot.pause()
                for turn in TURNS:
                    await pilot.press(*turn.split())
                await pilot.press("1")  # a turn still being typed: never shown as recorded
                await pilot.pause()
                print("recorded", app.screen.acts, flush=True)
                await asyncio.sleep(120)

        asyncio.run(main())
    """)
    )
    process = subprocess.Popen([sys.executable, str(child)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stdout.readline().strip()
        assert line == "recorded 12", process.stderr.read() if not line else line
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert load_session(folder, 2).state == "running" and load_session(folder, 2).events == []
    assert journal_path(folder, 2).stat().st_size > 0, "the acts live only in the journal"

    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot, row=1)
        screen = app.screen
        assert isinstance(screen, LiveScreen), "a running session skips attendance"
        assert screen.recorder.recovered == 12 and screen.acts == 12
        assert t("live.recovered", number=2, count=12, acts=12) in messages(app)
        assert screen.recent.lines()[0].endswith("5 Anggota 5 → Fasilitator")
        await acts(pilot, clock, "3 2")  # and recording goes on
        assert screen.acts == 13
    session = load_session(folder, 2)
    assert [(e.from_, e.to, e.role) for e in session.acts()][:3] == [
        ("A1", "A2", None),
        ("A2", "group", None),
        ("facilitator", "A3", "instruktur"),
    ]
    assert len(session.acts()) == 13 and [e.seq for e in session.events] == list(range(1, 14))


# ── keys and commands ─────────────────────────────────────────────────────────────────────────


async def test_a_speaker_alone_goes_to_the_group_after_a_moment(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(LiveScreen, "ADDRESSEE_TIMEOUT", 0.5)
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        await pilot.press("3")
        assert screen.keypad.stage == "addressee"
        await pilot.pause(1.0)
        assert screen.keypad.stage == "idle"
        assert [(e.from_, e.to) for e in screen.recorder.session.acts()] == [("A3", "group")]


async def test_escape_drops_the_turn_being_typed_and_undo_drops_it_too(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        await pilot.press("1", "escape")
        await pilot.press("2", "ctrl+z")
        await pilot.pause()
        assert screen.recorder.session.events == [] and screen.keypad.stage == "idle"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert t("live.nothing_to_undo") in messages(app)
        await pilot.press("f", "g", "escape")  # Esc on the role pad skips the role, keeps the act
        await pilot.pause()
        assert [(e.from_, e.to, e.role) for e in screen.recorder.session.events] == [("facilitator", "group", None)]


async def test_valence_and_ipa_coding_chosen_before_the_start(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        await pilot.press("c")  # off → valence
        screen = await start_all_present(pilot)
        assert screen.recorder.session.coding == "valence"
        await acts(pilot, clock, "1 2 -", "f 1 s +", "2 g enter")
        assert [(e.from_, e.to, e.role, e.valence) for e in screen.recorder.session.events] == [
            ("A1", "A2", None, "negative"),
            ("facilitator", "A1", "pemberi_semangat", "positive"),
            ("A2", "group", None, None),
        ]
    assert load_session(folder, 2).coding == "valence"

    folder = workspace_with_plan(tmp_path / "ipa")
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        await pilot.press("c", "c")  # off → valence → ipa
        screen = await start_all_present(pilot)
        await pilot.press("1", "2")
        await pilot.pause()
        assert screen.role_pad.active and len(screen.role_pad.items) == 12, "the pad shows the 12 Bales categories"
        await pilot.press("0")
        await acts(pilot, clock, "2 1 w")
        assert [(e.from_, e.to, e.ipa) for e in screen.recorder.session.events] == [("A1", "A2", 10), ("A2", "A1", 12)]
        assert not screen.role_pad.active and len(screen.role_pad.items) == 13


async def test_arrivals_departures_and_pause(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        await pilot.press("down", "down", "down", "3")  # A4 absent
        screen = await start_all_present(pilot)
        await acts(pilot, clock, "4")
        assert screen.keypad.stage == "idle", "an absent member's key starts no turn"
        await pilot.press("f3")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = 3  # A4
        await pilot.press("enter")
        await pilot.pause()
        await acts(pilot, clock, "4 1")
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 0  # A1 leaves
        await pilot.press("enter")
        await pilot.pause()
        await acts(pilot, clock, "1")  # A1's key does nothing now
        assert screen.keypad.stage == "idle" and screen.turn_line.turn == t("live.turn.not_here", member="1 Anggota 1")
        assert screen.pad_members["A1"].status == "left" and screen.pad_members["A4"].status == "late"

        await pilot.press("f8")
        await pilot.pause()
        assert screen.recorder.state == "paused"
        assert load_session(folder, 2).state == "paused", "a pause is written to the session file"
        await acts(pilot, clock, "2 3")
        assert t("live.paused_block") in messages(app)
        await pilot.press("f8")
        await pilot.pause()
        await acts(pilot, clock, "2 3")
        assert shape(screen.recorder.session) == [
            (1, "arrive", "A4"),
            (2, "speak", "A4", "A1", None),
            (3, "leave", "A1"),
            (4, "pause"),
            (5, "resume"),
            (6, "speak", "A2", "A3", None),
        ]


async def test_leaving_pauses_and_reopening_continues_without_attendance(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        await start_all_present(pilot)
        await acts(pilot, clock, "1 2", "2 1")
        await pilot.press("f9")
        await pilot.pause()
        group_screen = app.screen
        assert isinstance(group_screen, GroupScreen) and group_screen.group_lock.held
        assert load_session(folder, 2).state == "paused"
        await pilot.press("down", "l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen) and screen.acts == 2 and screen.recorder.state == "paused"
        assert t("live.resumed", number=2, acts=2) in messages(app)


async def test_a_group_with_no_sessions_gets_session_one_dated_today_from_the_template(
    tmp_path: Path, clock: FakeClock
):
    from kelompok.sessions.planning import plan_template

    folder = tmp_path / "ws" / "baru"
    save_group(folder, make_group(3))
    template = plan_template(make_group(3), 1, "id")
    app = app_for(folder, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        assert screen.recorder.session.number == 1
        assert template.agenda[0].title in screen.agenda.lines()[1], (
            "nothing planned: the type's template gives the agenda"
        )
    session = load_session(folder, 1)
    assert session.date == FIXED_NOW.date() and session.state == "running"
    assert [block.title for block in session.plan.agenda] == [block.title for block in template.agenda]


async def test_backing_out_of_attendance_records_nothing(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot, row=1)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GroupScreen) and app.screen.group_lock.held
    assert load_session(folder, 2).state == "planned" and session_numbers(folder) == [1, 2]


async def test_a_group_recorded_elsewhere_is_refused_with_a_clear_message(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    with held_by_another_process(folder):
        app = app_for(folder, clock)
        async with app.run_test(size=(100, 32)) as pilot:
            await open_live(pilot, row=1)
            assert isinstance(app.screen, GroupScreen)
            assert t("live.error.busy", group="KUBE Mawar") in messages(app)
    assert load_session(folder, 2).state == "planned"
    assert not GroupLock(folder).held


async def test_every_live_action_is_in_the_command_palette(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        titles = [command.title for command in app.get_system_commands(screen)]
        for action in ("undo", "note", "safety_note", "arrivals", "next_block", "pause", "end", "leave"):
            assert t(f"live.commands.{action}") in titles
        assert t("commands.help") in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"keselamatan")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "NoteDialog" and app.screen.safety


async def test_f1_help_and_language_switch_on_the_live_screen(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert "Mencatat sesi" in app.screen.query_one("Markdown").source
        await pilot.press("escape", "f", "2")
        await pilot.pause()
        assert screen.role_pad.items[0].label == "Instruktur"
        await pilot.press("f2")
        await pilot.pause()
        assert screen.role_pad.items[0].label == "Instructor"
        assert screen.member_pad.border_title == "Members · key · acts · silent for"
        await pilot.press("i")
        await pilot.pause()
        assert screen.recent.lines()[0].endswith("Facilitator → 2 Anggota 2 · Instructor")


async def test_silent_and_absent_members_are_told_apart(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        await pilot.press("down", "down", "down", "3")  # A4 absent
        screen = await start_all_present(pilot)
        await acts(pilot, clock, "1 2", "2 1")
        pad = screen.member_pad
        assert pad.silent_level(screen.pad_members["A3"]) == "never"
        assert pad.silent_level(screen.pad_members["A4"]) is None, "absent is not silent"
        assert pad.silent_level(screen.pad_members["A1"]) is None
        clock.advance(11 * 60)
        screen.show_time()
        assert pad.silent_level(screen.pad_members["A1"]) == "silent"


# ── looks ─────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_live_screen_mid_session_snapshot(tmp_path: Path, clock: FakeClock, snapshot, size: tuple[int, int]):
    folder = workspace_with_plan(tmp_path, members=8)
    app = app_for(folder, clock)
    async with app.run_test(size=size) as pilot:
        await open_live(pilot)
        await pilot.press("down", "down", "down", "3")  # A4 absent
        screen = await start_all_present(pilot)
        await acts(
            pilot,
            clock,
            "1 2",
            "2 enter",
            "f 3 i",
            "3 f",
            "f g s",
            "5 1",
            "1 g",
            "6 7",
            "7 6",
            "f 1 enter",
            "2 3",
            "3 1",
            "8 f",
            step=25,
        )
        await pilot.press("f7")
        await acts(pilot, clock, "f 2")  # the role pad is waiting for the facilitator's role
        app.clear_notifications()
        screen.show_time()
        await pilot.pause()
        snapshot(app, f"live_{size[0]}x{size[1]}")


async def test_undo_walks_back_over_an_agenda_step_and_an_arrival(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        await pilot.press("down", "down", "down", "3")  # A4 absent
        screen = await start_all_present(pilot)
        await pilot.press("f3")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 3
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        assert screen.recorder.current_block() == 1 and "A4" in screen.keypad.members.values()
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert screen.recorder.current_block() == 0
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert "A4" not in screen.keypad.members.values() and screen.pad_members["A4"].status == "absent"
        assert shape(screen.recorder.session) == [(1, "arrive", "A4"), (2, "agenda", 1), (3, "undo", 2), (4, "undo", 1)]
        assert screen.recent.lines()[0].endswith(
            t("live.recent.undo", what=t("live.recent.arrive", name="4 Anggota 4"))
        )


async def test_clicking_the_pads_types_their_keys(tmp_path: Path, clock: FakeClock):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        # Rows of the member pad: one per member, then the facilitator (its border is the title).
        await pilot.click("#live-members", offset=(4, 1 + 5))  # f
        await pilot.click("#live-members", offset=(4, 1 + 1))  # 2
        await pilot.click("#live-roles", offset=(3, 1 + 0))  # the first role: Instruktur
        await pilot.pause()
        assert [(e.from_, e.to, e.role) for e in screen.recorder.session.events] == [
            ("facilitator", "A2", "instruktur")
        ]


async def test_a_failed_write_is_shown_in_red_and_nothing_is_claimed(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
):
    folder = workspace_with_plan(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_live(pilot)
        screen = await start_all_present(pilot)
        await acts(pilot, clock, "1 2")

        def full_disk(*args, **kwargs):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(Journal, "append", full_disk)  # every journal: the disk is full
        await acts(pilot, clock, "2 1")
        # The errno in the user's language, and the count of acts that are safe stays on the line (issue 13 §7).
        assert screen.save_state.status == "error" and "disk penuh" in screen.save_state.text()
        assert "1 tindak bicara sebelumnya aman" in screen.save_state.text()
        assert screen.acts == 1 and len(screen.recorder.session.events) == 1, "an act that is not on disk is not shown"
