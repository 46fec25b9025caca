"""The live session end to end (issue 16 §2–4, §7, §9; issue 12's quiet-member aid), through Pilot.

Each test records in its own workspace with a fake clock, so every event's time is known, and
checks what the screen said and what the session file holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from kelompok.app import KelompokApp, make_app
from kelompok.i18n import t
from kelompok.sessions.models import AgendaBlock, Objective, Review, Session, SessionPlan, SignOff
from kelompok.sessions.store import load_session, save_group, save_session
from kelompok.tui.screens.attendance import AttendanceScreen
from kelompok.tui.screens.live import LiveScreen
from tests.conftest import FakeClock, make_group, make_session
from tests.tui.conftest import FIXED_NOW, notified, open_group_screen, push, record_notifications, svg_text

PLAN = SessionPlan(
    purpose="Menyusun rencana usaha bersama",
    minutes=90,
    agenda=[
        AgendaBlock(title="Pembukaan", minutes=10, roles=["instruktur"]),
        AgendaBlock(title="Kegiatan inti", minutes=60, roles=["pendengar", "pendorong"]),
        AgendaBlock(title="Penutup", minutes=20),
    ],
    objectives=[Objective(text="Setiap anggota menyebut satu ide usaha"), Objective(text="Membagi tugas belanja")],
)


@pytest.fixture(autouse=True)
def _patient_addressee(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests type every addressee; a slow machine must not turn "1 2" into "1 → group" and "2 …"."""
    monkeypatch.setattr(LiveScreen, "ADDRESSEE_TIMEOUT", 60.0)


def workspace(tmp_path: Path, members: int = 5, *, locked: bool = False) -> Path:
    """A group with session 1 ended (signed off when `locked`) and session 2 planned."""
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group(members))
    first = make_session(1)
    if locked:
        first.review = Review(status="reviewed", signoff=SignOff(by="Pak Dedi", at=dt.datetime(2026, 11, 21, 10)))
    save_session(folder, first)
    save_session(folder, Session(number=2, date=dt.date(2026, 11, 20), plan=PLAN))
    return folder


def app_for(folder: Path, clock: FakeClock, lang: str = "id") -> KelompokApp:
    app = make_app(folder.parent, lang=lang, clock=clock, offer_samples=False)
    app.now = lambda: FIXED_NOW
    return record_notifications(app)


async def start(pilot, folder: Path, *keys: str) -> LiveScreen:
    """Push the live screen for session 2, press `keys` on the attendance screen, then start."""
    screen = await push(pilot, LiveScreen(folder, 2))
    assert isinstance(pilot.app.screen, AttendanceScreen)
    if keys:
        await pilot.press(*keys)
    await pilot.press("enter")
    await pilot.pause()
    assert pilot.app.screen is screen and screen.recorder is not None
    return screen


async def acts(pilot, clock: FakeClock, *turns: str, step: float = 10.0) -> None:
    for turn in turns:
        clock.advance(step)
        await pilot.press(*turn.split())
    await pilot.pause()


def screen_text(app: KelompokApp) -> str:
    return "\n".join(svg_text(app.export_screenshot()))


# ── §2 arrivals ───────────────────────────────────────────────────────────────────────────────


async def test_f3_offers_arrives_for_a_late_member_who_counts_from_her_arrival(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        # A3 late, A4 absent.
        screen = await start(pilot, folder, "down", "down", "2", "down", "3")
        assert screen.pad_members["A3"].status == "expected" and screen.pad_members["A4"].status == "absent"
        assert t("live.status.expected") in screen_text(app), "the pad says she is expected, not here yet"
        await acts(pilot, clock, "3")
        assert screen.keypad.stage == "idle", "her key starts no turn before she arrives"
        await acts(pilot, clock, "1 2")
        clock.advance(100)
        await pilot.press("f3")
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines[2].endswith(t("live.arrivals.arrive")) and t("live.status.expected") in lines[2], lines[2]
        assert lines[3].endswith(t("live.arrivals.arrive")), "absent members who come anyway too"
        options.highlighted = 2
        await pilot.press("enter")
        await pilot.pause()
        assert screen.pad_members["A3"].status == "late" and "A3" in screen.recorder.present()
        await acts(pilot, clock, "3 1")
    session = load_session(folder, 2)
    assert [(e.kind, e.from_, e.at) for e in session.events] == [
        ("speak", "A1", 20.0),
        ("arrive", "A3", 120.0),
        ("speak", "A3", 130.0),
    ]
    assert session.presence()["A3"] == [(120.0, None)]


# ── §7 keys that never surprise ───────────────────────────────────────────────────────────────


async def test_an_unknown_key_at_the_role_prompt_is_refused_and_the_turn_stays_open(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, folder)
        await acts(pilot, clock, "f 2 z")
        assert screen.keypad.stage == "role", "the turn waits for a real role"
        assert screen.recorder.session.events == [], "not saved as 'no role'"
        assert t("live.refused.role", pressed="z") in notified(app)
        assert screen.turn_line.turn == t("live.refused.role", pressed="z")
        await pilot.press("i")
        await pilot.pause()
        assert [(e.from_, e.to, e.role) for e in screen.recorder.session.events] == [
            ("facilitator", "A2", "instruktur")
        ]


async def test_an_act_is_stamped_at_its_speaker_key_not_at_its_code(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, folder, "c")  # valence coding
        assert screen.recorder.session.coding == "valence"
        clock.advance(30)
        await pilot.press("1", "2")
        clock.advance(12)  # thinking about the code
        await pilot.press("plus")
        clock.advance(10)
        await pilot.press("f", "3")
        clock.advance(8)
        await pilot.press("s", "equals_sign")
        await pilot.pause()
        events = screen.recorder.session.events
        assert [(e.from_, e.valence, e.at) for e in events] == [("A1", "positive", 30.0), ("facilitator", "task", 52.0)]


async def test_a_note_is_stamped_when_its_dialog_opened(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, folder)
        clock.advance(60)
        await pilot.press("f5")
        await pilot.pause()
        clock.advance(90)  # writing takes a while
        app.screen.query_one("#note-text", Input).value = "A2 menangis saat bercerita"
        await pilot.press("enter")
        await pilot.pause()
        [note] = screen.recorder.session.events
        assert note.kind == "note" and note.at == 60.0


async def test_keys_pressed_while_paused_are_answered(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock, lang="en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, folder)
        await pilot.press("f8")
        await pilot.pause()
        assert screen.recorder.state == "paused"
        before = len(notified(app))
        await pilot.press("x")  # not a member key: used to do nothing at all
        await pilot.pause()
        assert notified(app)[before:] == ["paused: F8 to resume"]
        await pilot.press("1")
        await pilot.pause()
        assert notified(app)[-1] == "paused: F8 to resume"
        assert [e.kind for e in screen.recorder.session.events] == ["pause"]


async def test_l_on_a_signed_off_session_explains_itself_and_opens_nothing(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path, locked=True)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        group = await open_group_screen(pilot, row=0)  # session 1, signed off
        await pilot.press("l")
        await pilot.pause()
        assert app.screen is group, "nothing opens"
        assert t("group.live_locked", number=1) in notified(app)
        assert load_session(folder, 2).state == "planned", "session 2 was not quietly started in its place"
        await pilot.press("n")  # a new session is the explicit key
        await pilot.pause()
        assert type(app.screen).__name__ == "PlanScreen"


# ── §9 language gaps ──────────────────────────────────────────────────────────────────────────


async def test_the_english_pad_keeps_a_count_and_not_yet_apart(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot, folder)
        await acts(pilot, clock, "1 2")
        text = screen_text(app)
        assert "0 not yet" in text and "0not yet" not in text


# ── §4 the end-of-session summary ─────────────────────────────────────────────────────────────


async def record_and_end(pilot, clock: FakeClock, folder: Path) -> LiveScreen:
    """A3 late (arrives at 1:00), A4 absent; acts, block 2 at 5:00, a safety note; then F10 → y."""
    app = pilot.app
    screen = await start(pilot, folder, "down", "down", "2", "down", "3")
    await acts(pilot, clock, "f g i", "1 2", "2 1", "f 1 n")
    clock.advance(20)
    await pilot.press("f3")
    await pilot.pause()
    app.screen.query_one(OptionList).highlighted = 2  # A3 arrives
    await pilot.press("enter")
    await pilot.pause()
    await acts(pilot, clock, "3 f", "1 g", "f 2 n", step=60)
    clock.advance(60)
    await pilot.press("f7")
    await acts(pilot, clock, "2 3", "1 2", "f 1 enter", "1 f", step=45)
    await pilot.press("f6")
    await pilot.pause()
    app.screen.query_one("#note-text", Input).value = "A2 bercerita tentang ancaman di rumah"
    await pilot.press("enter")
    await pilot.pause()
    clock.advance(30)
    await pilot.press("f10")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()
    await pilot.pause()
    return screen


async def test_the_end_summary_says_the_session_in_figures_and_offers_next_steps(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
):
    from textual.widgets import Static

    from kelompok.tui.dialogs.summary import SessionSummaryDialog

    monkeypatch.setenv("KELOMPOK_HOME", str(tmp_path / "home"))
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await record_and_end(pilot, clock, folder)
        dialog = app.screen
        assert isinstance(dialog, SessionSummaryDialog)
        text = str(dialog.query_one("#summary-text", Static).render())
        # Hand-counted: 11 acts, 4 by the facilitator (36%); A5 present and silent; A4 absent (not silent).
        assert t("summary.acts", acts=11, share="36%") in text
        assert t("summary.silent", codes="A5") in text and "A4" not in text.split("\n")[2]
        assert t("summary.least", members="A3 (1), A2 (2), A1 (4)") in text
        assert t("summary.roles_used", roles="Instruktur, Pendengar") in text
        assert t("summary.planned_unused", roles="Pendorong") in text
        # Block 1 from the start (no key) to F7 at 5:00; block 2 to the last event at 8:00; block 3 never.
        assert t("summary.agenda_block", number=1, title="Pembukaan", planned=10, actual="5") in text
        assert t("summary.agenda_block", number=2, title="Kegiatan inti", planned=60, actual="3") in text
        assert t("summary.agenda_block", number=3, title="Penutup", planned=20, actual="—") in text
        assert t("summary.safety", count=1, open=1) in text
        steps = dialog.query_one(OptionList)
        assert [steps.get_option_at_index(i).id for i in range(steps.option_count)] == [
            "plan",
            "review",
            "submit",
            "sociogram",
            "report",
            "close",
        ]

        await pilot.press("r")  # the report, written in a worker
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        written = [m for m in notified(app) if m.startswith(t("summary.report_written", path="")[:10])]
        assert written, notified(app)
        reports = list((tmp_path / "home" / "ekspor").glob("*.html"))
        assert len(reports) == 1 and "Pembukaan" in reports[0].read_text(encoding="utf-8")

        # After the end, keys that no longer apply are dimmed (None: shown, disabled), not dead.
        assert app.screen is screen
        for action in ("undo", "note", "safety_note", "next_block", "pause", "end", "arrivals", "invite"):
            assert screen.check_action(action, ()) is None, action
        await pilot.press("i")  # a role key
        await pilot.pause()
        assert notified(app)[-1] == t("live.ended_key")


async def test_the_end_summary_opens_the_sociogram_of_that_session(tmp_path: Path, clock: FakeClock):
    from kelompok.tui.dialogs.summary import SessionSummaryDialog
    from kelompok.tui.screens.sociogram import SociogramScreen

    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await record_and_end(pilot, clock, folder)
        assert isinstance(app.screen, SessionSummaryDialog)
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, SociogramScreen)


async def test_end_summary_snapshot_80x24(tmp_path: Path, clock: FakeClock, snapshot):
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await record_and_end(pilot, clock, folder)
        app.clear_notifications()
        await pilot.pause()
        snapshot(app, "end_summary_80x24")


# ── issue 12: the quiet-member aid ────────────────────────────────────────────────────────────


async def test_ctrl_u_invites_the_member_quiet_longest_and_records_the_role_it_uses(tmp_path: Path, clock: FakeClock):
    folder = workspace(tmp_path)
    app = app_for(folder, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, folder, "down", "down", "down", "3")  # A4 absent
        await acts(pilot, clock, "1 2", "2 1", "3 1", "5 1")
        assert screen.quiet_member() is None and screen.member_pad.invite == ""
        assert screen.check_action("invite", ()) is None, "nothing to offer: dimmed"
        await pilot.press("ctrl+u")
        await pilot.pause()
        assert [e.kind for e in screen.recorder.session.events].count("speak") == 4, (
            "no invitation without a quiet member"
        )
        clock.advance(5 * 60)
        await acts(pilot, clock, "1 3", "3 5", step=2.5 * 60)  # A2 now quiet since 0:20, past 10 min
        screen.show_time()
        assert screen.quiet_member() == "A2", "the absent A4 is never offered"
        assert screen.member_pad.invite == t("live.invite.offer", who="2 Anggota 2", minutes=10)
        assert t("live.invite.offer", who="2 Anggota 2", minutes=10) in screen_text(app)
        assert screen.check_action("invite", ()) is True
        await pilot.press("ctrl+u")
        await pilot.pause()
        last = screen.recorder.session.events[-1]
        assert (last.from_, last.to, last.role) == ("facilitator", "A2", "pemberi_semangat")
        assert "Pemberi Semangat" in screen.recent.lines()[0]
        # Invited: she is not offered again at once; ^U moves on to A5 (quiet since 0:40).
        assert screen.quiet_member() == "A5"


async def test_the_end_summary_submits_the_log_to_the_supervisor(tmp_path: Path, clock: FakeClock):
    from kelompok.tui.screens.review import ReviewScreen

    folder = workspace(tmp_path)
    app = make_app(folder.parent, lang="id", clock=clock, offer_samples=False, role="facilitator", name="Bu Sari")
    app.now = lambda: FIXED_NOW
    record_notifications(app)
    async with app.run_test(size=(100, 40)) as pilot:
        await record_and_end(pilot, clock, folder)
        await pilot.press("u")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
    session = load_session(folder, 2)
    assert session.review.status == "submitted"
    assert session.review.trail[-1].who == "Bu Sari"
