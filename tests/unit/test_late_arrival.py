"""Issue 16 §2 and §3: a late member is present from her arrival, and block 1 is timed from the start.

One session recorded through the real Recorder (a late member arrives at minute 20, an absent one
comes anyway at minute 30, an excused one never comes); then attendance, the sociogram's time
windows (in memory and read back from the file), the window dynamics, plan-vs-actual and the report's attendance and
per-person table must all tell the same story.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kelompok.outputs.report.content import build_content
from kelompok.sessions import store
from kelompok.sessions.models import AgendaBlock, Attendance, Session, SessionPlan
from kelompok.sessions.planning import plan_vs_actual
from kelompok.sessions.recording import InvalidEvent, Recorder
from kelompok.sociogram.build import window_graphs, windows
from kelompok.sociogram.dynamics import window_series
from kelompok.sociogram.acts import read_session_acts
from tests.conftest import FakeClock, make_group

WALL = dt.datetime(2026, 11, 20, 9, 30)


@pytest.fixture
def recorded(tmp_path: Path) -> tuple[Path, Session]:
    folder = tmp_path / "ws" / "kube-mawar"
    store.save_group(folder, make_group(5))
    plan = SessionPlan(agenda=[AgendaBlock(title="Pembukaan", minutes=15), AgendaBlock(title="Inti", minutes=30)])
    attendance = [
        Attendance(member="A1", status="present"),
        Attendance(member="A2", status="present"),
        Attendance(member="A3", status="late", reason="macet"),
        Attendance(member="A4", status="absent"),
        Attendance(member="A5", status="excused"),
    ]
    store.save_session(folder, Session(number=1, date=WALL.date(), plan=plan, attendance=attendance))
    clock = FakeClock()
    with Recorder.open(folder, 1, clock=clock, now=lambda: WALL) as rec:
        rec.start()
        assert rec.present() == ["A1", "A2"], "late is expected, not here yet"
        with pytest.raises(InvalidEvent):
            rec.speak("A3", "A1")
        for _ in range(4):  # minutes 0–20: A1 and A2 talk
            clock.advance(300)
            rec.speak("A1", "A2")
        rec.arrive("A3")  # minute 20
        assert rec.present() == ["A1", "A2", "A3"]
        clock.advance(60)
        rec.speak("A3", "group")
        clock.advance(240)
        rec.next_block()  # minute 25: block 2 (block 1 was never pressed: it started with the session)
        clock.advance(300)
        rec.arrive("A4")  # minute 30: marked absent, came anyway
        for _ in range(3):
            clock.advance(300)
            rec.speak("A2", "A4")  # until minute 45
        rec.end()
    return folder, store.load_session(folder, 1)


def test_attendance_windows_dynamics_and_report_agree_on_a_late_arrival(recorded: tuple[Path, Session]) -> None:
    folder, session = recorded
    presence = session.presence()
    assert presence == {"A1": [(0.0, None)], "A2": [(0.0, None)], "A3": [(1200.0, None)], "A4": [(1800.0, None)]}
    assert session.present_codes() == ["A1", "A2", "A3", "A4"], "A5 (excused) never came"

    # The sociogram's thirds: 0–15, 15–30, 30–45 minutes. A3 is here from the second, A4 from the third.
    thirds = windows(session)
    assert [w.present for w in thirds] == [("A1", "A2"), ("A1", "A2", "A3"), ("A1", "A2", "A3", "A4")]
    assert [set(w.absent) for w in thirds] == [{"A3", "A4", "A5"}, {"A4", "A5"}, {"A5"}]
    fast = windows(read_session_acts(store.session_path(folder, 1)))
    assert [(w.present, set(w.absent)) for w in fast] == [(w.present, set(w.absent)) for w in thirds], (
        "the file read back agrees"
    )
    first = window_graphs(session)[0]
    assert "A3" not in first, "not 'present, not yet in the conversation' before she arrived"
    assert window_series(session)["present"] == [2, 3, 4]

    # The report: attendance by the same rule, and its per-person table.
    content = build_content(make_group(5), [session], lang="en", today=WALL.date())
    summary = content.sessions[0]
    attendance = dict(summary.attendance)
    assert attendance["Present (2)"] == "A1, A2"
    assert attendance["Late (2)"] == "A3 (arrived at minute 20), A4 (arrived at minute 30)"
    assert attendance["Excused (1)"] == "A5"
    assert not any(label.startswith("Absent") for label in attendance), "A4 came, so she is not absent"
    table = {row.label: row.absent for row in summary.members}
    assert {label for label, absent in table.items() if not absent} >= {"A1", "A2", "A3", "A4"}
    assert table["A5"] is True


def test_block_one_is_timed_from_the_start_in_plan_vs_actual_and_the_report(recorded: tuple[Path, Session]) -> None:
    _folder, session = recorded
    comparison = plan_vs_actual(session)
    assert [b.actual_minutes for b in comparison.blocks] == [pytest.approx(25.0), pytest.approx(20.0)]
    assert comparison.unassigned_minutes == 0
    content = build_content(make_group(5), [session], lang="en", today=WALL.date())
    assert [b.actual for b in content.sessions[0].blocks] == ["25", "20"], "not '—' for block 1"


def test_a_late_member_from_an_older_file_counts_from_her_first_act() -> None:
    """Files written before arrivals were events: no `arrive` for a late member who spoke."""
    from kelompok.sessions.models import Event

    events = [
        Event(seq=1, at=60, **{"from": "A1"}, to="A2"),
        Event(seq=2, at=900, **{"from": "A3"}, to="A1"),
    ]
    attendance = [
        Attendance(member="A1", status="present"),
        Attendance(member="A2", status="present"),
        Attendance(member="A3", status="late"),
    ]
    session = Session(number=1, date=WALL.date(), state="ended", attendance=attendance, events=events)
    assert session.presence()["A3"] == [(900.0, None)]
