"""Participation shifts (Gibson 2003, "Participation Shifts: Order and Differentiation in Group
Conversation", Social Forces 81:4): how the floor passes from one turn to the next.

A *turn* is a run of consecutive acts with the same speaker and the same addressee (a speaker who
goes on talking to the same person is still in the same turn). Each change of turn is classified
by who spoke to whom before (A → B, or A → 0 for "the whole group") and who speaks to whom now.
Gibson's thirteen shifts, in four families:

* turn receiving — the one addressed speaks next: AB→BA (answers), AB→B0 (answers to the whole
  group), AB→BY (turns to someone else);
* turn claiming — after a remark to the whole group someone else takes the floor: A0→X0, A0→XA
  (answers the speaker), A0→XY (addresses a third person);
* turn usurping — someone who was not addressed takes the floor: AB→XA, AB→XB, AB→X0, AB→XY;
* turn continuing — the speaker goes on, to another addressee: A0→AY, AB→A0, AB→AY.

How kelompok's data fits: the facilitator is a participant like any member (so "the facilitator
asks A1, A1 answers" is AB→BA); an act "to the whole group" has Gibson's target 0. Letters are
roles in the shift, not people: in AB→XY, X and Y are any two people other than A and B.

Everything here is a description of the conversation's order, to check with what the facilitator
saw; nothing is a judgement of a person. Imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kelompok.sociogram.acts import GROUP, SessionActs, as_session_acts, code_key

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Session

FAMILIES = {
    "receiving": ("AB-BA", "AB-B0", "AB-BY"),
    "claiming": ("A0-X0", "A0-XA", "A0-XY"),
    "usurping": ("AB-XA", "AB-XB", "AB-X0", "AB-XY"),
    "continuing": ("A0-AY", "AB-A0", "AB-AY"),
}
"""Gibson's four families of participation shift and the shifts in each."""
PSHIFT_IDS = tuple(p for ids in FAMILIES.values() for p in ids)
FAMILY_OF = {p: family for family, ids in FAMILIES.items() for p in ids}
PERSON_FAMILIES = ("receiving", "claiming", "usurping")
"""The families in which someone *new* takes the floor: who receives, claims or usurps turns."""

PERSON_MIN_SHIFTS = 3
"""A person is named for a family ("often takes the floor right after being addressed") from this
many shifts of that family on …"""
PERSON_MIN_SHARE = 0.3
"""… when they are at least this share of all shifts of that family in the session."""
TOP_SHIFTS = 3
"""How many of the most frequent shifts a summary names."""


def shift_type(before: tuple[str, str], after: tuple[str, str]) -> str | None:
    """The participation shift from turn `before` (speaker, addressee) to turn `after`; None when
    it is the same turn (same speaker, same addressee). Addressee `group` is Gibson's 0."""
    a, b = before
    x, y = after
    if (a, b) == (x, y):
        return None
    if b == GROUP:
        if x == a:
            return "A0-AY"
        if y == GROUP:
            return "A0-X0"
        return "A0-XA" if y == a else "A0-XY"
    if x == a:
        return "AB-A0" if y == GROUP else "AB-AY"
    if x == b:
        if y == GROUP:
            return "AB-B0"
        return "AB-BA" if y == a else "AB-BY"
    if y == GROUP:
        return "AB-X0"
    if y == a:
        return "AB-XA"
    return "AB-XB" if y == b else "AB-XY"


@dataclass(frozen=True, slots=True)
class PShifts:
    """Participation shifts of one session or window."""

    counts: dict[str, int]
    """Shift id → how often (every id of PSHIFT_IDS, in that order)."""
    people: dict[str, dict[str, int]] = field(default_factory=dict)
    """Person (member code or `facilitator`) → family → how often they took the floor that way
    (receiving, claiming, usurping), for everyone who did at least once."""

    @property
    def total(self) -> int:
        """Number of turn changes."""
        return sum(self.counts.values())

    def share(self, shift: str) -> float | None:
        """The shift's share of all turn changes; None without any."""
        return self.counts[shift] / self.total if self.total else None

    def family_counts(self) -> dict[str, int]:
        """Family → number of shifts."""
        return {family: sum(self.counts[p] for p in ids) for family, ids in FAMILIES.items()}

    def top(self, n: int = TOP_SHIFTS) -> list[tuple[str, int]]:
        """The `n` most frequent shifts that occurred, most frequent first (ties in Gibson's order)."""
        ranked = sorted((p for p in PSHIFT_IDS if self.counts[p]), key=lambda p: -self.counts[p])
        return [(p, self.counts[p]) for p in ranked[:n]]

    def notable_people(self) -> list[tuple[str, str, int]]:
        """(person, family, count) for who often receives, claims or usurps the floor (see
        PERSON_MIN_SHIFTS, PERSON_MIN_SHARE), family by family, most first."""
        families = self.family_counts()
        found = []
        for family in PERSON_FAMILIES:
            ranked = sorted(self.people.items(), key=lambda item: (-item[1].get(family, 0), code_key(item[0])))
            for person, counts in ranked:
                count = counts.get(family, 0)
                if count >= PERSON_MIN_SHIFTS and count >= PERSON_MIN_SHARE * families[family]:
                    found.append((person, family, count))
        return found

    def as_json(self) -> dict[str, object]:
        """What `stats --json` carries: counts per shift, per family, and per person."""
        return {
            "transitions": self.total,
            "counts": {p: c for p, c in self.counts.items() if c},
            "families": self.family_counts(),
            "people": {person: dict(counts) for person, counts in self.people.items()},
        }


def _turns(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    turns: list[tuple[str, str]] = []
    for pair in pairs:
        if not turns or turns[-1] != pair:
            turns.append(pair)
    return turns


def participation_shifts(session: Session | SessionActs) -> PShifts:
    """Every turn change of the session (or window), classified (see the module doc)."""
    data = as_session_acts(session)
    turns = _turns((act.speaker, act.to) for act in data.acts)
    counts = dict.fromkeys(PSHIFT_IDS, 0)
    people: dict[str, dict[str, int]] = {}
    for before, after in zip(turns, turns[1:], strict=False):
        shift = shift_type(before, after)
        if shift is None:  # pragma: no cover - _turns merged these
            continue
        counts[shift] += 1
        family = FAMILY_OF[shift]
        if family in PERSON_FAMILIES:
            mine = people.setdefault(after[0], {})
            mine[family] = mine.get(family, 0) + 1
    ordered = {p: people[p] for p in sorted(people, key=code_key)}
    return PShifts(counts, ordered)


__all__ = [
    "FAMILIES", "FAMILY_OF", "PERSON_FAMILIES", "PSHIFT_IDS", "PShifts", "participation_shifts", "shift_type",
]  # fmt: skip
