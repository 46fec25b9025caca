"""Supervision of a session log: submit, comment, return, amend, sign off.

    draft ──submit──► submitted ──sign_off──► reviewed (locked)
                          │  ▲
                     return  submit
                          ▼  │
                        returned

Every step is written to the session's review trail (who, what, when), so a supervisor can read
how a log came to be what it is. After sign-off the session is locked: a facilitator's later change
is an amendment kept beside the original text, never a silent overwrite.

The rules live here, not in the screen, so the CLI, sync and every screen keep them: a return
needs its reason; a sign-off needs a name that did not facilitate the session, and no safety flag
left open (see `sign_off`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from kelompok.i18n import t
from kelompok.sessions.models import Amendment, AuditEntry, Comment, Session, SignOff
from kelompok.sessions.safety import safety_items

Now = Callable[[], dt.datetime]

AMENDABLE_FIELDS = ("notes", "stage_observed")
"""Free-text fields a facilitator may amend after sign-off (events stay as recorded: undo is the
live correction, and a supervisor's comment is the place to dispute an act)."""


class ReviewError(Exception):
    """A review step that does not fit the session's status; the message is ready to show."""


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _step(session: Session, who: str, action: str, detail: str, now: Now) -> dt.datetime:
    when = now()
    session.review.trail.append(AuditEntry(at=when, who=who, action=action, detail=detail))
    return when


def _require(session: Session, allowed: tuple[str, ...], action: str) -> None:
    if session.review.status not in allowed:
        raise ReviewError(
            t(
                "review_flow.not_now",
                action=t(f"review_flow.action_{action}"),
                status=t(f"review.{session.review.status}"),
            )
        )


def submit(session: Session, by: str, now: Now = _now) -> None:
    """The facilitator hands the log to the supervisor (from draft, or again after a return)."""
    if session.state not in ("ended",):
        raise ReviewError(t("review_flow.not_ended"))
    _require(session, ("draft", "returned"), "submit")
    session.review.status = "submitted"
    _step(session, by, "submitted", "", now)


def comment(
    session: Session, author: str, text: str, *, section: str = "", event: int | None = None, now: Now = _now
) -> Comment:
    """A comment anchored to a section (attendance, plan, timeline …) or to one event."""
    if not text.strip():
        raise ReviewError(t("review_flow.empty_comment"))
    if event is not None and event not in {e.seq for e in session.events}:
        raise ReviewError(t("review_flow.no_event", seq=event))
    when = _step(session, author, "commented", section or (f"#{event}" if event else ""), now)
    entry = Comment(at=when, author=author, text=text.strip(), section=section, event=event)
    session.review.comments.append(entry)
    return entry


def return_to_facilitator(session: Session, by: str, reason: str = "", now: Now = _now) -> None:
    """The supervisor sends the log back for changes; the reason, which becomes a comment, is
    required: a facilitator handed back a log without a word does not know what to change."""
    _require(session, ("submitted",), "return")
    if not reason.strip():
        raise ReviewError(t("review_flow.no_reason"))
    comment(session, by, reason, section="review", now=now)
    session.review.status = "returned"
    _step(session, by, "returned", "", now)


def _same_person(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def facilitated_by(session: Session, facilitators: Iterable[str] = ()) -> list[str]:
    """The names that facilitated a session: whoever submitted its log (the trail), and the
    group's facilitators when the caller knows them."""
    names = [entry.who for entry in session.review.trail if entry.action == "submitted"]
    names += list(facilitators)
    unique: list[str] = []
    for name in names:
        if name.strip() and not any(_same_person(name, seen) for seen in unique):
            unique.append(name)
    return unique


def check_signer(session: Session, by: str, facilitators: Iterable[str] = ()) -> None:
    """Raise ReviewError unless `by` may sign this log off: a name, and not one that facilitated it."""
    if not by.strip():
        raise ReviewError(t("review_flow.no_name"))
    if any(_same_person(by, name) for name in facilitated_by(session, facilitators)):
        raise ReviewError(t("review_flow.own_log", name=" ".join(by.split())))


def sign_off(session: Session, by: str, now: Now = _now, *, facilitators: Iterable[str] = ()) -> None:
    """The supervisor approves the log; from now on the session is locked.

    Refused when `by` is a name that facilitated the session (its submitter, or one of the
    group's `facilitators`): supervision is a second pair of eyes, and one laptop shared by both
    roles must not let a facilitator approve her own log. Refused too while a safety flag is
    open: the supervisor first acknowledges each one and notes its follow-up
    (`safety.close_follow_up`), so no log is approved with a disclosure nobody answered.
    """
    _require(session, ("submitted",), "sign_off")
    check_signer(session, by, facilitators)
    if any(item.open for item in safety_items(session)):
        raise ReviewError(t("review_flow.open_safety"))
    when = _step(session, by, "signed_off", "", now)
    session.review.status = "reviewed"
    session.review.signoff = SignOff(by=by.strip(), at=when)


def amend(session: Session, by: str, field: str, text: str, now: Now = _now) -> None:
    """Change a free-text field. Before sign-off it is an edit (still on the trail); after, an
    amendment with the text before and after, kept beside the signed-off original."""
    if field not in AMENDABLE_FIELDS:
        raise ReviewError(t("review_flow.not_amendable", field=field))
    before = getattr(session, field)
    if before == text:
        return
    when = _step(session, by, "amended" if session.locked else "edited", field, now)
    if session.locked:
        session.review.amendments.append(Amendment(at=when, by=by, field=field, before=before, after=text))
    setattr(session, field, text)


def original(session: Session, field: str) -> str:
    """The text of a field as it was signed off (the first amendment's `before`), else as it is."""
    for amendment in session.review.amendments:
        if amendment.field == field:
            return amendment.before
    return getattr(session, field)


def safety_flags(session: Session) -> list:
    """Notes flagged for follow-up that still stand, for the supervisor to see first."""
    return [e for e in session.effective_events() if e.kind == "note" and e.safety]
