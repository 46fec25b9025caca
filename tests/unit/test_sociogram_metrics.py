"""Group metrics against values worked out by hand, with and without the facilitator."""

from __future__ import annotations

import datetime as dt

import pytest

from kelompok.sessions.models import Group, Member
from kelompok.sociogram.acts import Act, SessionActs
from kelompok.sociogram.build import session_graph, without_facilitator
from kelompok.sociogram.metrics import (
    acts_per_member,
    communities,
    degree_centralization,
    density,
    equity_ratios,
    facilitator_involvement,
    facilitator_share,
    gini,
    participation_gini,
    reciprocity,
    session_metrics,
    total_acts,
)

SHORT = {"F": "facilitator", "G": "group"}


def acts_session(spec: str, present=("A", "B", "C", "D")) -> SessionActs:
    acts = []
    for i, token in enumerate(spec.split()):
        frm, to = (SHORT.get(x, x) for x in token.split(">"))
        acts.append(Act(i + 1, float(i), frm, to))
    return SessionActs(1, dt.date(2026, 1, 1), tuple(present), tuple(acts))


# The worked example: members A, B, C, D present; facilitator F.
#   F→A, A→F, F→B, B→C, C→B, A→group, F→group            (7 acts, 5 of them person to person)
EXAMPLE = "F>A A>F F>B B>C C>B A>G F>G"


@pytest.fixture
def graph():
    return session_graph(acts_session(EXAMPLE))


def test_acts_per_member(graph):
    counts = acts_per_member(graph)
    assert [(m, c.out, c.in_, c.to_group) for m, c in counts.items()] == [
        ("A", 1, 1, 1), ("B", 1, 2, 0), ("C", 1, 1, 0), ("D", 0, 0, 0),
    ]  # fmt: skip
    members_only = acts_per_member(without_facilitator(graph))
    assert (members_only["A"].out, members_only["A"].in_, members_only["A"].to_group) == (0, 0, 1)
    assert total_acts(graph) == 7
    assert total_acts(without_facilitator(graph)) == 3  # B→C, C→B, A→group


def test_facilitator_share_and_involvement(graph):
    # Sent by F: F→A, F→B, F→group = 3 of 7.  Involving F: those 3 + A→F = 4 of 7.
    assert facilitator_share(graph) == pytest.approx(3 / 7)
    assert facilitator_involvement(graph) == pytest.approx(4 / 7)


def test_gini_by_hand():
    # [1, 2, 3]: Σ|xi−xj| over ordered pairs = 2·(1+2+1) = 8; n=3, mean 2 → 8 / (2·3·2·2) = 1/3.
    assert gini([1, 2, 3]) == pytest.approx(1 / 3)
    # One speaker has everything: 1 with the n/(n−1) correction.
    assert gini([0, 0, 0, 4]) == pytest.approx(1.0)
    assert gini([5, 5, 5]) == 0
    assert gini([0, 0]) is None and gini([3]) is None


def test_participation_gini_with_and_without_facilitator(graph):
    # Members' sent acts (to anyone, incl. F and the group): A 2, B 1, C 1, D 0.
    # Ordered pairs Σ|xi−xj| = 2·(1+1+2+0+1+1) = 12; n=4, mean 1 → 12 / (2·4·3·1) = 0.5.
    assert participation_gini(graph) == pytest.approx(0.5)
    # With F (sent 3): [0,1,1,2,3], Σ = 2·14 = 28; n=5, mean 1.4 → 28 / (2·5·4·1.4) = 0.5.
    assert participation_gini(graph, include_facilitator=True) == pytest.approx(0.5)


def test_density_by_hand(graph):
    # With F: 5 nodes, 5 ties → 5 / (5·4) = 0.25.  Members: 4 nodes, 2 ties (B↔C) → 2/12.
    assert density(graph) == pytest.approx(0.25)
    assert density(without_facilitator(graph)) == pytest.approx(2 / 12)


def test_reciprocity_by_hand(graph):
    # Ties F→A, A→F, F→B, B→C, C→B: 4 of the 5 have their reverse → 0.8. Members: B↔C → 1.0.
    assert reciprocity(graph) == pytest.approx(0.8)
    assert reciprocity(without_facilitator(graph)) == pytest.approx(1.0)
    assert reciprocity(session_graph(acts_session("A>G"))) is None


def test_reciprocity_matches_networkx(graph):
    import networkx as nx

    assert reciprocity(graph) == pytest.approx(nx.overall_reciprocity(graph))


def test_degree_centralization_by_hand(graph):
    # Person-to-person acts W = 5. Share each node takes part in: F 3/5, A 2/5, B 3/5, C 2/5, D 0
    # (Σ = 2). c* = 0.6, n = 5 → (5·0.6 − 2) / (5 − 2) = 1/3.
    assert degree_centralization(graph) == pytest.approx(1 / 3)
    # Members only: W = 2 (B↔C), B and C take part in all of it: (4·1 − 2) / (4 − 2) = 1.
    assert degree_centralization(without_facilitator(graph)) == pytest.approx(1.0)


def test_centralization_is_one_for_a_star_and_zero_for_a_ring():
    star = session_graph(acts_session("F>A A>F F>B B>F F>C C>F F>D D>F"))
    assert degree_centralization(star) == pytest.approx(1.0)
    ring = session_graph(acts_session("A>B B>C C>D D>A", present=("A", "B", "C", "D")))
    assert degree_centralization(without_facilitator(ring)) == pytest.approx(0.0)
    assert degree_centralization(session_graph(acts_session("A>G"))) is None


def test_session_metrics_has_both_variants(graph):
    metrics = session_metrics(graph)
    assert metrics.with_facilitator.acts == 7 and metrics.without_facilitator.acts == 3
    assert metrics.with_facilitator.density == pytest.approx(0.25)
    assert metrics.without_facilitator.density == pytest.approx(2 / 12)
    assert metrics.with_facilitator.gini == pytest.approx(0.5)
    assert metrics.without_facilitator.gini == pytest.approx(0.5)
    # Components: with F, {F,A,B,C} + {D} = 2; members only, {B,C} + {A} + {D} = 3.
    assert (metrics.with_facilitator.components, metrics.without_facilitator.components) == (2, 3)
    assert metrics.facilitator_share == pytest.approx(3 / 7)


def test_empty_session_gives_none_not_errors():
    metrics = session_metrics(session_graph(acts_session("")))
    assert metrics.facilitator_share is None
    assert metrics.with_facilitator.reciprocity is None
    assert metrics.with_facilitator.centralization is None
    assert metrics.modularity is None


def test_equity_ratio_by_hand(graph):
    # A, C are "p"; B, D are "l". Sent: A 2, B 1, C 1, D 0 → p has 3/4 of acts and 2/4 of
    # members → 1.5; l has 1/4 of acts and 2/4 of members → 0.5.
    group = Group(
        name="g",
        type="task",
        members=[Member(code=c, name=c, attributes={"gender": g}) for c, g in zip("ABCD", "plpl", strict=True)],
    )
    assert equity_ratios(graph, group, "gender") == pytest.approx({"l": 0.5, "p": 1.5})
    # Received: A 1, B 2, C 1, D 0 → p 2/4 ÷ 2/4 = 1.0, l 2/4 ÷ 2/4 = 1.0.
    assert equity_ratios(graph, group, "gender", basis="received") == pytest.approx({"l": 1.0, "p": 1.0})
    # Members without the attribute form the "" subgroup.
    assert set(equity_ratios(graph, {"A": {"desa": "x"}}, "desa")) == {"", "x"}


def test_communities_are_reproducible_and_ordered():
    spec = "A>B B>A A>B B>A A>B B>A C>D D>C C>D D>C C>D D>C A>C"
    members = without_facilitator(session_graph(acts_session(spec)))
    first = communities(members)
    assert first[0] == (("A", "B"), ("C", "D"))
    # Modularity by hand: weights AB 6, CD 6, AC 1; m = 13; degrees A 7, B 6, C 7, D 6.
    # Q = Σc [Lc/m − (dc/2m)²] = 2 · (6/13 − (13/26)²) = 12/13 − 0.5.
    assert first[1] == pytest.approx(12 / 13 - 0.5)
    for _ in range(3):
        assert communities(members) == first
