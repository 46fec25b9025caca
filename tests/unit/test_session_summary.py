"""The end-of-session summary, with hand-counted figures."""

from __future__ import annotations

import datetime as dt

from kelompok.sessions.models import Attendance, Event, Session
from kelompok.sessions.summary import summarise


def test_summary_counts_by_hand() -> None:
    # Present A1, A2, A3 (A4 absent). Acts: facilitator 3, A1 3 (one undone → 2), A2 1, A3 0.
    speakers = ["facilitator", "A1", "facilitator", "A1", "A2", "facilitator", "A1"]
    events = [
        Event(seq=i + 1, at=float(10 * i), **{"from": who}, to="group", role="instruktur" if i == 0 else None)
        for i, who in enumerate(speakers)
    ]
    events.append(Event(seq=8, at=80.0, kind="undo", undoes=7))
    session = Session(
        number=1,
        date=dt.date(2026, 3, 2),
        state="ended",
        attendance=[
            Attendance(member="A1", status="present"),
            Attendance(member="A2", status="late"),
            Attendance(member="A3", status="present"),
            Attendance(member="A4", status="absent"),
        ],
        events=events,
    )
    summary = summarise(session, ["A1", "A2", "A3", "A4"])
    assert summary.acts == 6
    assert summary.facilitator_acts == 3 and summary.facilitator_share == 0.5
    assert summary.silent == ["A3"]  # A4 was absent: not "silent"
    assert summary.least == [("A2", 1), ("A1", 2)]
    assert summary.roles_used == ["instruktur"]
    assert summary.used_unplanned == ["instruktur"] and summary.planned_unused == []


def test_an_empty_session_has_no_share() -> None:
    session = Session(number=1, date=dt.date(2026, 3, 2), attendance=[Attendance(member="A1", status="present")])
    summary = summarise(session, ["A1"])
    assert summary.acts == 0 and summary.facilitator_share is None and summary.silent == ["A1"]
