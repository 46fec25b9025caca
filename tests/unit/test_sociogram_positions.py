"""Sociometric signals: star, isolate, neglectee, rejectee, mutual pairs, cliques, cleavage."""

from __future__ import annotations

import datetime as dt

from kelompok.sociogram.acts import Act, SessionActs
from kelompok.sociogram.build import session_graph, without_facilitator
from kelompok.sociogram.positions import MIN_ACTS, cliques, mutual_pairs, positions, sociometry, subgroups

SHORT = {"F": "facilitator", "G": "group"}


def acts_session(spec: str, present=("A", "B", "C", "D"), coding="off") -> SessionActs:
    """'B>A*4 A>B:-' → acts; `*n` repeats, ':-' negative valence, ':11' IPA category 11."""
    acts: list[Act] = []
    for token in spec.split():
        token, _, times = token.partition("*")
        pair, _, code = token.partition(":")
        frm, to = (SHORT.get(x, x) for x in pair.split(">"))
        valence = {"-": "negative", "+": "positive"}.get(code)
        ipa = int(code) if code.isdigit() else None
        for _ in range(int(times or 1)):
            acts.append(Act(len(acts) + 1, float(len(acts)), frm, to, None, ipa, valence))
    return SessionActs(1, dt.date(2026, 1, 1), tuple(present), tuple(acts), coding)


# A is addressed by most peers (star); E talks but nobody answers (neglectee); H never speaks
# and is never addressed (isolate). Peer-received: A 11, B 2, C 2, D 1, E 0, H 0 → mean 16/6,
# population sd ≈ 3.82: z(A) ≈ 2.2, and 11 ≥ 1.5 × mean. E sent 5 and got 0 ≤ 0.25 × mean.
CROWD = "B>A*4 C>A*4 D>A*3 A>B*2 A>C*2 E>G*3 E>F*2 A>D F>B*2"
CROWD_PRESENT = ("A", "B", "C", "D", "E", "H")


def test_star_isolate_and_neglectee():
    labels = positions(session_graph(acts_session(CROWD, CROWD_PRESENT)))
    assert labels == {"A": ("star",), "B": (), "C": (), "D": (), "E": ("neglectee",), "H": ("isolate",)}


def test_nothing_is_labelled_below_the_minimum_number_of_acts():
    spec = "B>A*4 C>A*4 D>A*3 A>B*2 E>G*3"  # 16 acts
    assert len(acts_session(spec).acts) < MIN_ACTS
    labels = positions(session_graph(acts_session(spec, CROWD_PRESENT)))
    assert all(v == () for v in labels.values())


def test_attention_from_the_facilitator_does_not_make_a_star():
    # Only the facilitator addresses C; peers spread their acts evenly.
    spec = "F>C*12 A>B*3 B>A*3 A>D*3 D>A*3 B>D*3 D>B*3"
    labels = positions(session_graph(acts_session(spec)))
    assert "star" not in labels["C"]


# B and C are addressed mostly negatively by their peers.
REJECTION = "B>A:-*3 C>A:11*2 D>A:+ A>B:+*3 B>C:+*3 C>B:+*3 D>B:+*3 B>D*3 A>G*2"


def test_rejectee_with_valence_or_ipa_coding():
    labels = positions(session_graph(acts_session(REJECTION, coding="valence")))
    # A: 5 negative of 6 coded acts from peers (3 by valence, 2 by IPA 11).
    assert labels["A"] == ("rejectee",)
    assert "rejectee" not in labels["B"]


def test_no_rejectee_without_negative_coding():
    uncoded = REJECTION.replace(":-", "").replace(":11", "").replace(":+", "")
    labels = positions(session_graph(acts_session(uncoded)))
    assert all("rejectee" not in v for v in labels.values())


def test_a_rejectee_is_not_also_called_neglected():
    # A gets 2 acts from peers, both negative; the member mean is (2+15+10+5)/4 = 8, so A's 2
    # is also ≤ 0.25 × mean and A sent 5: by the numbers A would be a neglectee too.
    spec = "B>A:-*2 A>G*5 B>C:+*10 C>B:+*10 D>B:+*5 C>D:+*5"
    labels = positions(session_graph(acts_session(spec, coding="valence")))
    assert labels["A"] == ("rejectee",)
    uncoded = positions(session_graph(acts_session(spec.replace(":-", "").replace(":+", ""))))
    assert uncoded["A"] == ("neglectee",)


def test_mutual_pairs_need_two_acts_each_way():
    spec = "A>B*2 B>A*2 A>C*2 C>A F>A*2 A>F*2"
    assert mutual_pairs(session_graph(acts_session(spec))) == (("A", "B"),)  # never with F


def test_cliques_are_three_or_more_all_mutual():
    spec = "A>B*2 B>A*2 A>C*2 C>A*2 B>C*2 C>B*2 A>D*2 D>A*2"
    graph = session_graph(acts_session(spec))
    assert cliques(graph) == (("A", "B", "C"),)
    assert mutual_pairs(graph) == (("A", "B"), ("A", "C"), ("A", "D"), ("B", "C"))


def test_subgroups_when_two_camps_barely_talk():
    # AB 12, CD 12, AC 1 (m = 25): Q = 2·(12/25 − (25/50)²) = 0.46 ≥ 0.3; cross share 1/25.
    spec = "A>B*6 B>A*6 C>D*6 D>C*6 A>C"
    members = without_facilitator(session_graph(acts_session(spec)))
    assert subgroups(members) == (("A", "B"), ("C", "D"))


def test_no_subgroups_when_everyone_talks_with_everyone():
    spec = " ".join(f"{a}>{b}*2" for a in "ABCD" for b in "ABCD" if a != b)
    assert subgroups(without_facilitator(session_graph(acts_session(spec)))) == ()


def test_no_subgroups_when_cross_ties_are_many():
    # Two pairs, but a third of member acts cross between them.
    spec = "A>B*6 B>A*6 C>D*6 D>C*6 A>C*4 B>D*4 C>A*4"
    assert subgroups(without_facilitator(session_graph(acts_session(spec)))) == ()


def test_sociometry_bundles_everything_and_respects_the_minimum():
    spec = "A>B*6 B>A*6 C>D*6 D>C*6 A>C"
    graph = session_graph(acts_session(spec))
    result = sociometry(graph, without_facilitator(graph))
    assert result.mutual_pairs == (("A", "B"), ("C", "D"))
    assert result.subgroups == (("A", "B"), ("C", "D"))
    small = session_graph(acts_session("A>B*2 B>A*2"))
    assert sociometry(small, without_facilitator(small)).mutual_pairs == ()
