"""Communication patterns of a session or window: exactly one label each.

The four patterns of the group-work literature (Toseland & Rivas), made computable from the act
sequence, each with *positive* evidence, and a fifth label for talk that fits none of them:

* `hot_seat` — long back-and-forth between the facilitator and one member at a time while the
  others listen. A *hot-seat run* is a maximal run of consecutive acts, each between the
  facilitator and the same member (either direction), with both directions present and at least
  HOT_SEAT_MIN_RUN acts. Label when such runs hold ≥ HOT_SEAT_MIN_SHARE of all acts.
* `round_robin` — members take turns in seating order. Member *turns* are the member speakers in
  order with the facilitator's acts left out and consecutive acts of one member merged, so a
  go-round in which the facilitator passes the turn ("thank you; Bu Ani?") is still a round.
  Label when ≥ ROUND_ROBIN_MIN_ORDER of turn changes go to the next present member around the
  circle (clockwise or anticlockwise, whichever fits better), at most ROUND_ROBIN_MAX_REPEAT of
  turns repeat a member heard within the last round, at least ROUND_ROBIN_MIN_SPEAKERS members
  speak and there are at least as many turn changes as speakers (one full round).
* `maypole` — leader-centred: the facilitator sends or receives ≥ MAYPOLE_MIN_INVOLVEMENT of
  all acts (acts the facilitator addresses to the group count) *and* member↔member acts are at
  most MAYPOLE_MAX_MEMBER_SHARE of all acts: the talk runs along the spokes, not around the rim.
* `free_floating` — members address many different members: member↔member acts are at least
  FREE_MIN_MEMBER_SHARE of all acts, spread over at least FREE_MIN_PAIRS different pairs of
  members, and no single pair holds more than FREE_MAX_TOP_PAIR_SHARE of them.
* `mixed` — none of the above: for instance two members arguing while the others listen (one
  pair holds most member talk), or a session that is partly led and partly open. The measures
  say which (`top_pair_share`, `member_to_member_share`).

Checked in that order, because the patterns overlap: a hot seat also makes the facilitator
central, and a round in which the facilitator says "thank you, next" after each turn is still a
round. A span without acts is `mixed`; its measures show `acts = 0`, and the UI says so rather
than show the label alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import TYPE_CHECKING

from kelompok.sociogram.acts import FACILITATOR, GROUP, SessionActs, as_session_acts, code_key

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Session

PATTERN_IDS = ("maypole", "round_robin", "hot_seat", "free_floating", "mixed")

HOT_SEAT_MIN_RUN = 6
"""A facilitator↔member run counts from this many consecutive acts."""
HOT_SEAT_MIN_SHARE = 0.4
"""Hot seat when runs hold at least this share of all acts."""

ROUND_ROBIN_MIN_ORDER = 0.6
"""Round robin when at least this share of member turn changes follow the seating order …"""
ROUND_ROBIN_MAX_REPEAT = 0.2
"""… at most this share of turns repeats a member heard within the last round …"""
ROUND_ROBIN_MIN_SPEAKERS = 3
"""… and at least this many members speak."""

MAYPOLE_MIN_INVOLVEMENT = 0.7
"""Maypole when the facilitator sends or receives at least this share of acts …"""
MAYPOLE_MAX_MEMBER_SHARE = 0.25
"""… and members address each other in at most this share of acts."""

FREE_MIN_MEMBER_SHARE = 0.4
"""Free-floating when members address each other in at least this share of acts …"""
FREE_MIN_PAIRS = 3
"""… over at least this many different pairs of members …"""
FREE_MAX_TOP_PAIR_SHARE = 0.5
"""… and the busiest pair holds at most this share of member↔member acts."""

_SPEAKER = itemgetter(2)  # Act.speaker
_ADDRESSEE = itemgetter(3)  # Act.to


@dataclass(frozen=True, slots=True)
class Pattern:
    """A pattern label and the measures it was decided on."""

    label: str
    measures: dict[str, float | int | None] = field(default_factory=dict)


def _hot_seat_share(speakers: list[str], addressees: list[str]) -> float:
    """Share of acts inside hot-seat runs (see the module doc)."""
    if not speakers:
        return 0.0
    # The member each act is exchanged with, if it is between the facilitator and one member.
    partners = [
        (to if to != GROUP else None) if who == FACILITATOR else (who if to == FACILITATOR else None)
        for who, to in zip(speakers, addressees, strict=True)
    ]
    in_runs = position = 0
    for partner, run in groupby(partners):
        length = len(list(run))
        if partner is not None and length >= HOT_SEAT_MIN_RUN:
            said = speakers[position : position + length]
            if FACILITATOR in said and partner in said:  # back and forth, not a monologue
                in_runs += length
        position += length
    return in_runs / len(speakers)


def _pair_measures(speakers: list[str], addressees: list[str]) -> tuple[int, int, float | None]:
    """(member↔member acts, distinct member pairs, the busiest pair's share of them)."""
    pairs: dict[frozenset[str], int] = {}
    for who, to in zip(speakers, addressees, strict=True):
        if who != FACILITATOR and to not in (FACILITATOR, GROUP) and who != to:
            key = frozenset((who, to))
            pairs[key] = pairs.get(key, 0) + 1
    between = sum(pairs.values())
    return between, len(pairs), (max(pairs.values()) / between if between else None)


def _turns(speakers: list[str]) -> list[str]:
    """Member speakers in order, the facilitator left out, consecutive acts of one merged."""
    return [who for who, _ in groupby(filter(FACILITATOR.__ne__, speakers))]


def _round_robin_measures(
    data: SessionActs, turns: list[str], seating: Sequence[str] | None
) -> tuple[float, float, int, int]:
    """(order share, repeat share, speakers, turn changes) of the member turns."""
    speakers = len(set(turns))
    changes = len(turns) - 1
    if changes < 1:
        return 0.0, 0.0, speakers, max(changes, 0)
    present = set(data.present) | set(turns)
    seats = [c for c in (seating or ()) if c in present]
    seats += sorted(present - set(seats), key=code_key)  # unseated members sit after the others
    index = {c: i for i, c in enumerate(seats)}
    n = len(seats)
    places = [index[t] for t in turns]
    steps = [(b - a) % n for a, b in zip(places, places[1:], strict=False)]
    along = max(steps.count(1), steps.count(n - 1))  # clockwise or anticlockwise
    # A turn repeats when its member was heard within the last (speakers − 1) turns.
    window = max(speakers - 1, 1)
    last: dict[int, int] = {}
    repeats = 0
    for k, place in enumerate(places):
        seen_at = last.get(place)
        if seen_at is not None and k - seen_at <= window:
            repeats += 1
        last[place] = k
    return along / changes, repeats / changes, speakers, changes


def classify(session: Session | SessionActs, seating: Sequence[str] | None = None) -> Pattern:
    """The communication pattern of a session or window (see the module doc for the rules).

    `seating` is the member codes in seating order (`Group.seat_order()`); without it members
    are taken in natural code order.
    """
    data = as_session_acts(session)
    total = len(data.acts)
    who = list(map(_SPEAKER, data.acts))
    to = list(map(_ADDRESSEE, data.acts))
    involvement = (who.count(FACILITATOR) + to.count(FACILITATOR)) / total if total else None
    hot = _hot_seat_share(who, to)
    order, repeat, speakers, changes = _round_robin_measures(data, _turns(who), seating)
    between, pairs, top_pair = _pair_measures(who, to)
    member_share = between / total if total else None
    measures: dict[str, float | int | None] = {
        "acts": total,
        "facilitator_involvement": involvement,
        "hot_seat_share": hot,
        "seat_order_share": order,
        "repeat_share": repeat,
        "member_speakers": speakers,
        "turn_changes": changes,
        "member_to_member_share": member_share,
        "member_pairs": pairs,
        "top_pair_share": top_pair,
    }
    if total and hot >= HOT_SEAT_MIN_SHARE:
        label = "hot_seat"
    elif (
        speakers >= ROUND_ROBIN_MIN_SPEAKERS
        and changes >= speakers
        and order >= ROUND_ROBIN_MIN_ORDER
        and repeat <= ROUND_ROBIN_MAX_REPEAT
    ):
        label = "round_robin"
    elif (
        involvement is not None
        and member_share is not None
        and involvement >= MAYPOLE_MIN_INVOLVEMENT
        and member_share <= MAYPOLE_MAX_MEMBER_SHARE
    ):
        label = "maypole"
    elif (
        member_share is not None
        and top_pair is not None
        and member_share >= FREE_MIN_MEMBER_SHARE
        and pairs >= FREE_MIN_PAIRS
        and top_pair <= FREE_MAX_TOP_PAIR_SHARE
    ):
        label = "free_floating"
    else:
        label = "mixed"
    return Pattern(label, measures)


def pattern(session: Session | SessionActs, seating: Sequence[str] | None = None) -> str:
    """Just the label of `classify`."""
    return classify(session, seating).label
