"""Participation shifts (Gibson 2003): every one of the thirteen, and the summaries, by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from kelompok.sociogram.acts import Act, SessionActs
from kelompok.sociogram.pshifts import FAMILIES, PSHIFT_IDS, participation_shifts, shift_type

SHORT = {"F": "facilitator", "G": "group"}


def acts_session(spec: str) -> SessionActs:
    acts = []
    for token in spec.split():
        frm, to = (SHORT.get(x, x) for x in token.split(">"))
        acts.append(Act(len(acts) + 1, float(len(acts)), frm, to))
    return SessionActs(1, dt.date(2026, 1, 1), ("A", "B", "C", "D"), tuple(acts))


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (("A", "B"), ("B", "A"), "AB-BA"),
        (("A", "B"), ("B", "group"), "AB-B0"),
        (("A", "B"), ("B", "C"), "AB-BY"),
        (("A", "group"), ("C", "group"), "A0-X0"),
        (("A", "group"), ("C", "A"), "A0-XA"),
        (("A", "group"), ("C", "D"), "A0-XY"),
        (("A", "B"), ("C", "A"), "AB-XA"),
        (("A", "B"), ("C", "B"), "AB-XB"),
        (("A", "B"), ("C", "group"), "AB-X0"),
        (("A", "B"), ("C", "D"), "AB-XY"),
        (("A", "group"), ("A", "C"), "A0-AY"),
        (("A", "B"), ("A", "group"), "AB-A0"),
        (("A", "B"), ("A", "C"), "AB-AY"),
        (("A", "B"), ("A", "B"), None),
        (("facilitator", "A"), ("A", "facilitator"), "AB-BA"),  # the facilitator is a participant
    ],
)
def test_every_shift_type(before, after, expected):
    assert shift_type(before, after) == expected


def test_thirteen_shifts_in_four_families():
    assert len(PSHIFT_IDS) == 13 == len(set(PSHIFT_IDS))
    assert [len(ids) for ids in FAMILIES.values()] == [3, 3, 4, 3]


def test_a_leader_led_round_is_all_turn_receiving():
    # F asks A, A answers, F asks B, B answers …: turns F>A A>F F>B B>F F>C C>F (6 turns, 5 changes).
    # A>F after F>A: AB→BA; F>B after A>F: the facilitator was addressed and speaks → AB→BY. Both
    # receiving: 5 of 5. A, B, C each answered once (receiving 1 < 3: nobody is named).
    shifts = participation_shifts(acts_session("F>A A>F F>B B>F F>C C>F"))
    assert shifts.total == 5
    assert shifts.counts["AB-BA"] == 3 and shifts.counts["AB-BY"] == 2
    assert shifts.family_counts() == {"receiving": 5, "claiming": 0, "usurping": 0, "continuing": 0}
    assert shifts.notable_people() == []


def test_a_member_who_keeps_cutting_in_is_named_as_usurping():
    # F>A C>F | F>B C>F | F>D C>F | A>B B>A: C speaks three times when someone else was addressed.
    spec = "F>A C>F F>B C>F F>D C>F A>B B>A"
    shifts = participation_shifts(acts_session(spec))
    # Changes: F>A→C>F AB-XA, C>F→F>B AB-BY, F>B→C>F AB-XA, C>F→F>D AB-BY, F>D→C>F AB-XA,
    # C>F→A>B AB-XY, A>B→B>A AB-BA: 7 changes, usurping 4 (C 3, A 1), receiving 3 (F 2, B 1).
    assert shifts.total == 7
    assert shifts.counts["AB-XA"] == 3 and shifts.counts["AB-XY"] == 1
    assert shifts.people["C"] == {"usurping": 3}
    assert shifts.notable_people() == [("C", "usurping", 3)]
    assert shifts.top(2) == [("AB-XA", 3), ("AB-BY", 2)]


def test_same_turn_acts_are_not_a_shift():
    shifts = participation_shifts(acts_session("A>G A>G A>G B>G"))
    assert shifts.total == 1 and shifts.counts["A0-X0"] == 1
    assert shifts.as_json() == {
        "transitions": 1, "counts": {"A0-X0": 1},
        "families": {"receiving": 0, "claiming": 1, "usurping": 0, "continuing": 0},
        "people": {"B": {"claiming": 1}},
    }  # fmt: skip
