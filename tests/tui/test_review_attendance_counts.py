"""The review's attendance line counts who came (sessions/presence.py), not the statuses taken at the start."""

from __future__ import annotations

import datetime as dt

from kelompok.i18n import set_language
from kelompok.sessions.models import Attendance, Event, Session
from kelompok.tui.widgets.review_content import attendance_content
from tests.conftest import make_group


def _summary(session: Session) -> str:
    set_language("id")
    return attendance_content(make_group(5), session).plain.splitlines()[0]


def _session(*arrivals: str) -> Session:
    events = [Event(seq=1, at=10.0, **{"from": "facilitator"}, to="group")]
    for index, code in enumerate(arrivals, start=2):
        events.append(Event(seq=index, at=100.0 * index, kind="arrive", **{"from": code}))
    return Session(
        number=1,
        date=dt.date(2026, 3, 2),
        state="ended",
        attendance=[
            Attendance(member="A1", status="present"),
            Attendance(member="A2", status="late"),
            Attendance(member="A3", status="late", reason="ke pasar"),
            Attendance(member="A4", status="absent"),
            Attendance(member="A5", status="excused", reason="sakit"),
        ],
        events=events,
    )


def test_a_member_expected_late_who_never_came_did_not_attend():
    # A2 arrives, A3 never does: one came late, and A3 counts with those who did not attend.
    assert _summary(_session("A2")) == "Hadir 2 dari 5 · terlambat 1 · tidak hadir 2 · izin 1"


def test_a_member_marked_absent_who_walked_in_attended():
    assert _summary(_session("A2", "A3", "A4")) == "Hadir 4 dari 5 · terlambat 3 · tidak hadir 0 · izin 1"


def test_everyone_on_time_counts_as_before():
    session = Session(
        number=1,
        date=dt.date(2026, 3, 2),
        attendance=[Attendance(member=f"A{i}", status="present") for i in range(1, 6)],
    )
    assert _summary(session) == "Hadir 5 dari 5 · terlambat 0 · tidak hadir 0 · izin 0"
