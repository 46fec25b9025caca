"""Who was in the room when: one rule for the Recorder, the models, the sociogram and the report.

Attendance is taken at the start; arrivals and departures during the session are events (see
docs/ARCHITECTURE.md, "The data flow"). A member marked *present* is in the room from minute 0.
A member marked *late* is expected but not here yet: she is present from her `arrive` event. A
member marked *absent* or *excused* who comes anyway is handled the same way. A `leave` closes
the stretch; a later `arrive` opens a new one.

Files recorded before arrivals of late members were events counted a late member present from
minute 0 and never wrote her arrival. For those, her first act (or her departure) is the earliest
moment the record shows she was there, so that is where her stretch starts: the app says less
rather than call her "silent" for time she may not have been in the room.

Pure Python on plain tuples (no pydantic, no Textual), so the fast stats reader can use it too.
"""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[float, "float | None"]
"""(from, until) in session seconds; until None: still there at the end."""


def presence_spans(
    statuses: Iterable[tuple[str, str]],
    movements: Iterable[tuple[float, str, str]],
    acts: Iterable[tuple[float, str, str]] = (),
) -> dict[str, list[Span]]:
    """Member code → the stretches she was present, in order of first presence.

    `statuses`: (code, attendance status) as taken at the start, in attendance order.
    `movements`: (at, "arrive" | "leave", code) of the standing events, in record order.
    `acts`: (at, speaker, addressee) of the standing acts; only read for late members whose
    arrival was never recorded (older files).
    """
    statuses = list(statuses)
    movements = list(movements)
    arrived = {code for _, kind, code in movements if kind == "arrive"}
    legacy = {code for code, status in statuses if status == "late" and code not in arrived}
    evidence: dict[str, float] = {}
    if legacy:
        for at, speaker, to in acts:
            for code in (speaker, to):
                if code in legacy and code not in evidence:
                    evidence[code] = at
        for at, kind, code in movements:
            if kind == "leave" and code in legacy and code not in evidence:
                evidence[code] = at
    spans: dict[str, list[Span]] = {}
    open_: dict[str, float] = {}
    for code, status in statuses:
        if status == "present":
            open_[code] = 0.0
            spans.setdefault(code, [])
        elif code in evidence:
            open_[code] = evidence[code]
            spans.setdefault(code, [])
    for at, kind, code in movements:
        if kind == "arrive" and code not in open_:
            open_[code] = at
            spans.setdefault(code, [])
        elif kind == "leave" and code in open_:
            spans[code].append((open_.pop(code), at))
    for code, since in open_.items():
        spans[code].append((since, None))
    return spans


def here_at_end(spans: dict[str, list[Span]]) -> list[str]:
    """Members still in the room after the last movement (the Recorder's "present now")."""
    return [code for code, stretches in spans.items() if stretches and stretches[-1][1] is None]


def present_during(spans: dict[str, list[Span]], start: float, end: float, *, closed: bool = False) -> list[str]:
    """Members present at some moment of [start, end) — or [start, end] when `closed`."""
    found = []
    for code, stretches in spans.items():
        for since, until in stretches:
            began = since <= end if closed else since < end
            if began and (until is None or until > start):
                found.append(code)
                break
    return found


__all__ = ["Span", "here_at_end", "presence_spans", "present_during"]
