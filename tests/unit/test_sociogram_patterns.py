"""Communication patterns: one label per session or window, each rule exercised."""

from __future__ import annotations

import datetime as dt

import pytest

from kelompok.sociogram.acts import Act, SessionActs
from kelompok.sociogram.analysis import analyse_windows
from kelompok.sociogram.patterns import PATTERN_IDS, classify, pattern

SHORT = {"F": "facilitator", "G": "group"}
SEATING = ["A", "B", "C", "D", "E"]


def acts_session(spec: str, present=("A", "B", "C", "D", "E")) -> SessionActs:
    acts = []
    for token in spec.split():
        token, _, times = token.partition("*")
        frm, to = (SHORT.get(x, x) for x in token.split(">"))
        for _ in range(int(times or 1)):
            acts.append(Act(len(acts) + 1, float(len(acts) * 5), frm, to))
    return SessionActs(1, dt.date(2026, 1, 1), tuple(present), tuple(acts))


# Leader-centred: every exchange goes through the facilitator, members answer out of order,
# and no member holds the floor with the facilitator for long.
MAYPOLE = "F>A A>F F>C C>F F>A A>F F>E E>F F>B B>F F>D D>F F>C C>F F>G A>B F>A A>F B>F F>B"

# Members speak to the group in seating order, three rounds, the facilitator calling the next.
ROUND_ROBIN = " ".join(["A>G B>G C>G D>G E>G F>G"] * 3)

# The facilitator works with A, then with D, at length; a few remarks around it.
HOT_SEAT = "F>A A>F F>A A>F F>A A>F F>A A>F B>C F>D D>F F>D D>F F>D D>F F>D C>B A>G"

# Members talk among themselves in no order.
FREE = "A>C C>A B>D D>B A>E E>C C>B B>A D>E E>A A>D C>E F>G B>E D>C A>B"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [(MAYPOLE, "maypole"), (ROUND_ROBIN, "round_robin"), (HOT_SEAT, "hot_seat"), (FREE, "free_floating")],
)
def test_each_pattern_is_recognised(spec, expected):
    assert pattern(acts_session(spec), SEATING) == expected


def test_maypole_measure_is_the_facilitators_involvement():
    result = classify(acts_session(MAYPOLE), SEATING)
    # 20 acts; all but A>B involve the facilitator → 19/20.
    assert result.measures["facilitator_involvement"] == pytest.approx(19 / 20)
    assert result.measures["hot_seat_share"] == 0


def test_round_robin_anticlockwise_counts_too():
    backwards = " ".join(["E>G D>G C>G B>G A>G"] * 3)
    assert pattern(acts_session(backwards), SEATING) == "round_robin"


def test_round_robin_depends_on_the_seating_order():
    # The same sequence with members seated differently is no longer a round.
    assert pattern(acts_session(ROUND_ROBIN), ["A", "C", "E", "B", "D"]) != "round_robin"


def test_round_robin_needs_a_full_round():
    assert pattern(acts_session("A>G B>G C>G"), SEATING) != "round_robin"


def test_a_monologue_with_the_facilitator_is_not_a_hot_seat():
    # Long run between F and A, but only F speaks: no back-and-forth.
    spec = "F>A*10 B>C C>B D>E E>D"
    result = classify(acts_session(spec), SEATING)
    assert result.measures["hot_seat_share"] == 0
    assert result.label != "hot_seat"


def test_hot_seat_share_by_hand():
    # Runs: F↔A 8 acts, F↔D 7 acts (both ≥ 6, both ways) = 15 of 18 acts.
    result = classify(acts_session(HOT_SEAT), SEATING)
    assert result.measures["hot_seat_share"] == pytest.approx(15 / 18)


def test_empty_span_still_gets_exactly_one_label():
    result = classify(acts_session(""), SEATING)
    assert result.label == "mixed" and result.label in PATTERN_IDS
    assert result.measures["acts"] == 0


def test_patterns_per_window():
    # First half a hot seat, second half free-floating.
    spec = "F>A A>F " * 6 + FREE
    labels = [a.pattern.label for a in analyse_windows(acts_session(spec), SEATING, parts=2)]
    assert labels[0] == "hot_seat"
    assert labels[1] == "free_floating"


# ── cases a careless rule mislabels (issue 10 §2) ──


def test_a_two_person_argument_while_the_others_listen_is_mixed():
    # A and B argue: 16 acts between them; C says one thing to D, the facilitator calls twice.
    # 19 acts: member↔member 17 (89 %) but the busiest pair holds 16/17 = 94 % > 50 % → mixed,
    # not free-floating (nobody else is in the conversation).
    spec = "A>B B>A " * 8 + "C>D F>G F>A"
    result = classify(acts_session(spec), SEATING)
    assert result.label == "mixed"
    assert result.measures["top_pair_share"] == pytest.approx(16 / 17)
    assert result.measures["member_pairs"] == 2


def test_half_led_half_open_is_mixed_not_maypole():
    # 20 acts: 12 facilitator↔member (60 % < 70 %), 8 between members (40 %) over 2 pairs < 3.
    spec = "F>A A>F F>B B>F F>C C>F F>D D>F F>E E>F F>A A>F A>B B>A A>B B>A C>D D>C C>D D>C"
    result = classify(acts_session(spec), SEATING)
    assert result.measures["facilitator_involvement"] == pytest.approx(12 / 20)
    assert result.label == "mixed"


def test_facilitator_at_sixty_percent_with_lively_members_is_not_maypole():
    # The old rule (involvement ≥ 50 %) called this maypole. 20 acts: 12 with the facilitator
    # (60 %), 8 between members over 4 pairs (A–B, C–D, A–E, B–C, 2 acts each: the top pair holds
    # 25 %): member share 40 % ≥ 40 %, 4 pairs ≥ 3, top 25 % ≤ 50 % → free-floating.
    spec = "F>C C>F F>A A>F F>E E>F F>B B>F F>D D>F F>C C>F A>B B>A D>C C>D A>E E>A C>B B>C"
    result = classify(acts_session(spec), SEATING)
    assert result.label == "free_floating"


def test_a_go_round_passed_on_by_the_facilitator_is_a_round_robin():
    # The facilitator thanks each member and passes the turn to the next one around the circle;
    # the members answer the facilitator. Facilitator acts are left out of the member turns.
    spec = " ".join(f"F>{m} {m}>F" for m in SEATING * 2)
    assert pattern(acts_session(spec), SEATING) == "round_robin"
