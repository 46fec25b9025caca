"""Safety follow-up: what was done about a safety-flagged note or attendance reason.

A safety flag (F6 during a live session, or an attendance reason that reveals a safeguarding
event, e.g. "has not returned to the dorm since Saturday") is a duty, not a label: it records whom
it was reported to (supervisor, LKSA head, UPTD PPA, SAPA 129, Unit PPA Polres …), when, and its
status. It stays `open` until the supervisor closes it with a note. Review and the report list
the flags first. Nothing here leaves the group folder except the fact of a flag, its status and
whom it went to: the note text and the closing note never do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kelompok.i18n import format_date, format_duration, t
from kelompok.sessions.models import Attendance, AuditEntry, Event, SafetyFollowUp, Session


class SafetyError(ValueError):
    """The follow-up cannot be changed as asked (no such flag, already closed, empty note)."""


@dataclass(frozen=True)
class SafetyItem:
    """One safety flag of a session: a note event or an attendance entry."""

    key: str
    """`note:<seq>` or `attendance:<member code>`: stable, for closing it."""
    kind: str
    """`note` or `attendance`."""
    member: str | None
    """The member code, for an attendance flag."""
    at: float | None
    """Seconds into the session, for a note."""
    text: str
    """The note or the attendance reason (shown in the app only, never exported)."""
    follow_up: SafetyFollowUp
    """What was done (an empty, open follow-up when nothing was recorded)."""

    @property
    def open(self) -> bool:
        return self.follow_up.status == "open"


def safety_items(session: Session) -> list[SafetyItem]:
    """Every standing safety flag of a session: open ones first, then in the order they happened."""
    items = []
    for entry in session.attendance:
        if entry.safety:
            items.append(
                SafetyItem(
                    f"attendance:{entry.member}",
                    "attendance",
                    entry.member,
                    None,
                    entry.reason,
                    entry.follow_up or SafetyFollowUp(),
                )
            )
    for event in session.effective_events():
        if event.kind == "note" and event.safety:
            items.append(
                SafetyItem(
                    f"note:{event.seq}", "note", None, event.at, event.note or "", event.follow_up or SafetyFollowUp()
                )
            )
    return sorted(items, key=lambda item: not item.open)


def _holder(session: Session, key: str) -> Event | Attendance:
    kind, _, ref = key.partition(":")
    if kind == "note":
        for event in session.effective_events():
            if event.kind == "note" and event.safety and str(event.seq) == ref:
                return event
    elif kind == "attendance":
        for entry in session.attendance:
            if entry.safety and entry.member == ref:
                return entry
    raise SafetyError(key)


def report_to(session: Session, key: str, reported_to: str, on: dt.date, detail: str = "") -> SafetyFollowUp:
    """Record whom a flag was reported to and when (it stays open)."""
    holder = _holder(session, key)
    follow_up = (holder.follow_up or SafetyFollowUp()).model_copy(
        update={"reported_to": reported_to, "reported_at": on, "to_detail": detail}
    )
    holder.follow_up = SafetyFollowUp.model_validate(follow_up.model_dump())
    return holder.follow_up


def close_follow_up(session: Session, key: str, by: str, note: str, now: dt.datetime) -> SafetyFollowUp:
    """The supervisor closes a flag with a note: status `followed_up`, who and when; a trail entry."""
    if not note.strip():
        raise SafetyError("empty note")
    holder = _holder(session, key)
    current = holder.follow_up or SafetyFollowUp()
    if current.status == "followed_up":
        raise SafetyError("already closed")
    holder.follow_up = current.model_copy(
        update={"status": "followed_up", "closed_by": by, "closed_at": now.date(), "closing_note": note.strip()}
    )
    session.review.trail.append(
        AuditEntry(at=now.replace(microsecond=0), who=by, action="safety_followed_up", detail=key)
    )
    return holder.follow_up


def safety_line(item: SafetyItem, lang: str | None = None) -> str:
    """A safety flag without its text: where in the session, whom it was reported to and when, status."""
    where = (
        t("privacy.safety_absence", lang, code=item.member)
        if item.kind == "attendance"
        else format_duration(item.at or 0)
    )
    follow_up = item.follow_up
    if follow_up.reported_to:
        to = t(f"privacy.reported_to.{follow_up.reported_to}", lang)
        if follow_up.reported_at:
            to = t("privacy.reported_on", lang, to=to, date=format_date(follow_up.reported_at, lang))
    else:
        to = t("privacy.not_reported", lang)
    status = t(f"privacy.follow_up_status.{follow_up.status}", lang)
    if follow_up.status == "followed_up" and follow_up.closed_at:
        status = t(
            "privacy.closed_on",
            lang,
            status=status,
            by=follow_up.closed_by,
            date=format_date(follow_up.closed_at, lang),
        )
    return t("privacy.safety_line", lang, where=where, to=to, status=status)
