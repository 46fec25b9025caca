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
    # A gets 3 acts from peers, all negative; the member mean is (3+25+20+5)/4 = 13.25, so A's 3
    # is also ≤ 0.25 × mean = 3.31 and A sent 5: by the numbers A would be a neglectee too.
    spec = "B>A:-*3 A>G*5 B>C:+*20 C>B:+*20 D>B:+*5 C>D:+*5"
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


# ── cases a careless rule over-flags (issue 10 §1) ──


def test_a_leader_led_round_of_questions_flags_nobody():
    # The facilitator asks each of 8 members in turn and each answers: 8 × (F>X, X>F) = 16 acts,
    # three rounds = 48, plus A1 and A2 answering each other once: 50 acts, 2 between members
    # (4 % < 25 %). The old rule saw A3–A8 sent 3 and received 0 from peers ≤ 0.25 × mean
    # (2/8) and called 6 of 8 "hardly addressed"; now nobody is, and the session is leader-centred.
    members = [f"A{i}" for i in range(1, 9)]
    spec = " ".join(f"F>{m} {m}>F" for m in members * 3) + " A1>A2 A2>A1"
    graph = session_graph(acts_session(spec, present=tuple(members)))
    result = sociometry(graph, without_facilitator(graph))
    assert all(held == () for held in result.positions.values())
    assert result.leader_centred


def test_member_talk_at_a_quarter_is_judged_again():
    # 30 acts: 22 facilitator↔member, 8 member↔member (27 %) → positions are judged. E speaks 4
    # times (to F) and no member addresses E: received 0 ≤ 0.25 × mean (8/5 = 1.6) → neglectee.
    spec = "F>A*5 A>F*5 F>B*4 B>F*4 E>F*4 A>B*2 B>A*2 C>D*2 D>C*2"
    graph = session_graph(acts_session(spec, present=("A", "B", "C", "D", "E")))
    result = sociometry(graph, without_facilitator(graph))
    assert not result.leader_centred
    assert result.positions["E"] == ("neglectee",)


def test_one_admirer_does_not_make_a_star():
    # B addresses A 12 times; C and D talk a little with each other and with B. Peer-received:
    # A 12, B 2, C 3, D 3 → A has z ≈ 1.7 and 12 ≥ 1.5 × mean (5), but only one sender (B).
    spec = "B>A*12 C>B D>B C>D*3 D>C*3 A>F*3 F>A*2"
    labels = positions(session_graph(acts_session(spec)))
    assert "star" not in labels["A"]
    # Three different admirers (B 4, C 4, D 4) do make A a star.
    crowd = "B>A*4 C>A*4 D>A*4 C>B D>B C>D*3 D>C*3 A>F*3 F>A*2"
    assert positions(session_graph(acts_session(crowd)))["A"] == ("star",)


def test_a_lively_disagreement_is_not_rejection():
    # Members disagree with A (Bales 10) six times while working out a plan: evaluator work, not
    # rejection. Only clearly negative acts (valence negative, Bales 11–12) count.
    spec = "B>A:10*3 C>A:10*3 A>B:5*3 A>C:5*3 B>C:5*3 C>B:5*3 D>A:6*2"
    labels = positions(session_graph(acts_session(spec, coding="ipa")))
    assert "rejectee" not in labels["A"]
    # Two clearly negative acts are still below the minimum of three …
    two = spec + " B>A:12*2"
    assert "rejectee" not in positions(session_graph(acts_session(two, coding="ipa")))["A"]
    # … the third, making 3 of 11 coded peer acts, is not half of them either.
    three = spec + " B>A:12*3"
    assert "rejectee" not in positions(session_graph(acts_session(three, coding="ipa")))["A"]
