"""Which present members lack the consent a session needs (warnings, never a block).

A session that is noted live needs, from every member present, consent to take part and to be
observed and noted (pencatatan). For a member under 18 it needs the guardian's consent to both
(parent, guardian, or the LKSA head acting as guardian) *and* the child's own assent.

Missing consent is a warning: the facilitator may have it on paper, or the member may take part
without being noted (see `recording.Recorder`: the acts of a member who may not be noted are not
recorded). The app says so; it does not keep anyone out of their group.
"""

from __future__ import annotations

from dataclasses import dataclass

from kelompok.sessions.models import Group, Member, Session


@dataclass(frozen=True)
class MissingConsent:
    """One member lacking one or more consents for one session."""

    member: str
    """The member code (never the name: warnings are printed and shared)."""
    missing: tuple[str, ...]
    """Ids from `models.CONSENT_NEEDS`."""
    session: int | None = None
    """The session it was found in (None: checked against the roster only)."""


def missing_for(member: Member) -> tuple[str, ...]:
    """The consents this member lacks to take part and be noted."""
    return tuple(member.consent.covers(member.minor))


def missing_in_session(group: Group, session: Session) -> list[MissingConsent]:
    """Members present at `session` (marked present, arrived) or expected (marked late) who lack consent.

    A late member counts from her arrival for the record, but she is expected: the facilitator is
    warned before she walks in, not after."""
    found = []
    expected = [a.member for a in session.attendance if a.status == "late"]
    for code in dict.fromkeys([*session.present_codes(), *expected]):
        member = group.member(code)
        if member is None or member.forgotten:
            continue
        missing = missing_for(member)
        if missing:
            found.append(MissingConsent(code, missing, session.number))
    return found


def missing_in_codes(group: Group, codes: list[str]) -> list[MissingConsent]:
    """The same for a list of member codes (the attendance screen's present members)."""
    found = []
    for code in codes:
        member = group.member(code)
        if member is not None and not member.forgotten and (missing := missing_for(member)):
            found.append(MissingConsent(code, missing))
    return found


def may_be_noted(group: Group, code: str) -> bool:
    """True when a member's acts may be recorded (the facilitator and unknown codes: True)."""
    member = group.member(code)
    return member is None or member.consent.may_be_noted(member.minor)
