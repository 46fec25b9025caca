"""The slice of a session that interaction analysis needs: who was there and who spoke to whom.

Every analysis in `kelompok.sociogram` works on `SessionActs`, a small immutable record built
from a validated `Session` (`from_session`), or straight from a session file (`read_session_acts`).
Keeping the analysis off the pydantic models means a series of 100 sessions of 1,000 acts can be
analysed in well under a second, and the live screen can analyse a running session cheaply.

This module imports nothing heavy (no networkx, no pydantic at import time).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pragma: no cover - typing only
    from pathlib import Path

    from kelompok.sessions.models import Session

FACILITATOR = "facilitator"
"""Node id of the facilitator(s); same string as `kelompok.sessions.models.FACILITATOR`."""

GROUP = "group"
"""Addressee meaning "the whole group"; never a node."""

NEGATIVE_IPA = frozenset({10, 11, 12})
"""Bales IPA categories of the socio-emotional negative area (disagree, tension, antagonism)."""

POSITIVE_IPA = frozenset({1, 2, 3})
"""Bales IPA categories of the socio-emotional positive area (solidarity, tension release, agree)."""


class Act(NamedTuple):
    """One speaking act that stands (not undone)."""

    seq: int
    """The event's seq in the session file."""
    at: float
    """Seconds from the start of the session."""
    speaker: str
    """A member code or `facilitator`."""
    to: str
    """A member code, `facilitator` or `group`."""
    role: str | None = None
    """Mezzo role id the act is tagged with."""
    ipa: int | None = None
    """Bales IPA category 1–12, when coded."""
    valence: str | None = None
    """positive / task / negative, when coded."""

    @property
    def coded(self) -> bool:
        """True when the act carries a valence or an IPA category."""
        return self.valence is not None or self.ipa is not None

    @property
    def negative(self) -> bool:
        """Negative valence or IPA 10–12 (disagrees, shows tension, shows antagonism)."""
        return self.valence == "negative" or (self.ipa is not None and self.ipa in NEGATIVE_IPA)

    @property
    def positive(self) -> bool:
        """Positive valence or IPA 1–3 (solidarity, tension release, agreement)."""
        return self.valence == "positive" or (self.ipa is not None and self.ipa in POSITIVE_IPA)


@dataclass(frozen=True, slots=True)
class SessionActs:
    """What the sociogram needs from one session (or one time window of it)."""

    number: int
    """Session number in the series."""
    date: dt.date
    """Date of the meeting."""
    present: tuple[str, ...]
    """Member codes present at any time (present at the start, or arrived — late ones too), in record order."""
    acts: tuple[Act, ...]
    """The speaking acts that stand, in record order."""
    coding: str = "off"
    """The session's interaction coding: off, valence or ipa."""
    start: float = 0.0
    """Start of the span these acts cover, in seconds (0 for a whole session)."""
    end: float | None = None
    """End of the span these acts cover (None: up to the last act)."""
    absent: tuple[str, ...] = field(default=())
    """Members recorded absent or excused (kept apart from silent present members)."""
    plan_stage: str | None = None
    """The practice stage the plan sets (beginning/middle/ending), None when left to the calendar."""
    planned_roles: tuple[str, ...] = ()
    """Mezzo roles planned in any agenda block (e.g. `instruktur` marks a psycho-education block)."""
    gaps: tuple[tuple[float, float], ...] = ()
    """(from, until) of the times recording was interrupted inside this span (`gap` events):
    session time, so acts after a gap keep their true offsets, but nothing was recorded in it."""
    spans: tuple[tuple[str, float, float | None], ...] = ()
    """(member, from, until) stretches of presence (`sessions/presence.py`), so that time windows
    count a late member from her arrival; empty: everyone in `present` was there throughout."""

    @property
    def has_negative_coding(self) -> bool:
        """True when negative acts can be told apart (valence or IPA coding is in use)."""
        return self.coding != "off" or any(a.coded for a in self.acts)

    @property
    def duration(self) -> float:
        """Length of the span in seconds: `end` if set, else the time of the last act."""
        if self.end is not None:
            return self.end - self.start
        return (self.acts[-1].at if self.acts else self.start) - self.start

    @property
    def gap_seconds(self) -> float:
        """Seconds of the span in which recording was interrupted."""
        from kelompok.sessions.gaps import overlap

        return overlap(self.gaps, self.start, self.start + self.duration)

    @property
    def recorded_seconds(self) -> float:
        """Seconds of the span that were recorded: its duration less the gaps."""
        return max(0.0, self.duration - self.gap_seconds)

    @property
    def acts_per_minute(self) -> float | None:
        """Acts per *recorded* minute (a gap had no chance to hold acts); None for no recorded time."""
        recorded = self.recorded_seconds
        return len(self.acts) / (recorded / 60) if recorded > 0 else None


def from_session(session: Session) -> SessionActs:
    """The analysis view of a validated session: acts that stand (undos applied), presence."""
    # The standing events once (a series reads 100 files of 1,000 events: each pass counts).
    standing = session.effective_events()
    acts = tuple(
        Act(e.seq, float(e.at), e.from_ or "", e.to or "", e.role, e.ipa, e.valence)
        for e in standing if e.kind == "speak"
    )  # fmt: skip
    presence = session.presence(standing)
    present = tuple(presence)
    absent = tuple(a.member for a in session.attendance if a.member not in presence)
    gaps = tuple((e.at, e.end_at) for e in standing if e.kind == "gap")
    return SessionActs(
        session.number, session.date, present, acts, session.coding, absent=absent,
        plan_stage=session.plan.stage, planned_roles=planned_roles_of(session), gaps=gaps,
        spans=flat_spans(presence),
    )  # fmt: skip


def read_session_acts(path: Path) -> SessionActs:
    """One session file, read and validated by the real models, as acts. Raises DataError.

    A series of 100 sessions × 1,000 acts is read this way for `kelompok stats`; the fast TOML
    parser in `sessions/fileio.py` keeps that within its budget (benchmarks/bench_sociogram.py).
    """
    from kelompok.sessions.store import load_session_file

    return from_session(load_session_file(path))


def flat_spans(presence: dict[str, list[tuple[float, float | None]]]) -> tuple[tuple[str, float, float | None], ...]:
    """`presence_spans`' mapping as the flat tuple `SessionActs.spans` keeps."""
    return tuple((code, since, until) for code, stretches in presence.items() for since, until in stretches)


def planned_roles_of(session: Session) -> tuple[str, ...]:
    """Every mezzo role planned in the session's agenda, once each, in plan order."""
    return tuple(dict.fromkeys(r for block in session.plan.agenda for r in block.roles))


def as_session_acts(session: Session | SessionActs) -> SessionActs:
    """Accept either a `Session` model or a `SessionActs` and return a `SessionActs`."""
    if isinstance(session, SessionActs):
        return session
    return from_session(session)


_DIGITS = re.compile(r"(\d+)")


def code_key(code: str) -> tuple:
    """Natural sort key for member codes, so A2 comes before A10 and output order is stable."""
    return tuple(int(part) if part.isdigit() else part.lower() for part in _DIGITS.split(code))
