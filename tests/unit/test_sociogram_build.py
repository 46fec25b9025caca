"""Interaction graphs: nodes, weights, to-group counts, windows and the series graph."""

from __future__ import annotations

import datetime as dt

import pytest

from kelompok.sessions.models import Attendance, Event, Session
from kelompok.sociogram.acts import Act, SessionActs, from_session
from kelompok.sociogram.build import (
    member_nodes,
    series_graph,
    session_graph,
    window_graphs,
    windows,
    without_facilitator,
)

SHORT = {"F": "facilitator", "G": "group"}


def acts_session(spec: str, present=("A", "B", "C", "D"), number=1, step=10.0, coding="off") -> SessionActs:
    """'F>A A>F A>G' → SessionActs; F = facilitator, G = group; ':-' negative, ':+' positive."""
    acts = []
    for i, token in enumerate(spec.split()):
        pair, _, code = token.partition(":")
        frm, to = (SHORT.get(x, x) for x in pair.split(">"))
        valence = {"-": "negative", "+": "positive", "t": "task"}.get(code)
        acts.append(Act(i + 1, i * step, frm, to, None, None, valence))
    return SessionActs(number, dt.date(2026, 1, number), tuple(present), tuple(acts), coding)


def test_nodes_are_present_members_and_facilitator_but_never_the_group():
    graph = session_graph(acts_session("F>A A>F A>G F>G A>B"))
    assert list(graph) == ["facilitator", "A", "B", "C", "D"]
    assert "group" not in graph
    assert graph.nodes["A"]["to_group"] == 1
    assert graph.nodes["facilitator"]["to_group"] == 1
    assert graph.nodes["D"]["present"] is True and graph.degree("D") == 0  # silent, but there


def test_edge_weight_counts_acts_and_tones():
    graph = session_graph(acts_session("A>B:- A>B:+ A>B A>B:t B>A"))
    edge = graph.edges["A", "B"]
    assert (edge["weight"], edge["negative"], edge["positive"], edge["coded"]) == (4, 1, 1, 3)
    assert graph.edges["B", "A"]["weight"] == 1
    assert graph.graph["coded"] is True


def test_member_who_acts_without_being_marked_present_is_a_node_flagged_not_present():
    graph = session_graph(acts_session("A>Z Z>A", present=("A",)))
    assert graph.nodes["Z"]["present"] is False
    assert graph.nodes["A"]["present"] is True


def test_absent_members_are_not_nodes_and_codes_sort_naturally():
    graph = session_graph(acts_session("A10>A2", present=("A10", "A2", "A1")))
    assert list(graph) == ["facilitator", "A1", "A2", "A10"]


def test_undone_acts_do_not_count_when_built_from_a_session_model():
    events = [
        Event(seq=1, at=1, **{"from": "A"}, to="B"),
        Event(seq=2, at=2, **{"from": "A"}, to="C"),
        Event(seq=3, at=3, kind="undo", undoes=2),
        Event(seq=4, at=4, kind="arrive", **{"from": "D"}),
    ]
    attendance = [Attendance(member=m, status="present") for m in "ABC"]
    session = Session(number=1, date=dt.date(2026, 1, 1), attendance=attendance, events=events)
    graph = session_graph(session)
    assert graph.number_of_edges() == 1 and graph.edges["A", "B"]["weight"] == 1
    assert graph.nodes["D"]["present"] is True  # arrived during the session
    assert from_session(session).present == ("A", "B", "C", "D")


def test_without_facilitator_drops_the_facilitator_and_their_acts_only():
    graph = session_graph(acts_session("F>A A>F A>B B>A A>G"))
    members = without_facilitator(graph)
    assert list(members) == ["A", "B", "C", "D"]
    assert members.number_of_edges() == 2
    assert members.nodes["A"]["to_group"] == 1
    assert member_nodes(graph) == ["A", "B", "C", "D"]
    assert "facilitator" in graph  # the original is untouched


def test_windows_in_thirds_split_by_time_and_keep_every_act():
    # Acts at 0, 10, …, 80 s: thirds of [0, 80] are [0, 26.7), [26.7, 53.3), [53.3, 80].
    session = acts_session("A>B B>A A>C C>A A>D D>A B>C C>B F>A")
    parts = windows(session)
    assert [len(w.acts) for w in parts] == [3, 3, 3]
    assert sum(len(w.acts) for w in parts) == len(session.acts)
    assert parts[0].start == 0 and parts[-1].end == 80
    assert parts[2].acts[-1].speaker == "facilitator"  # the last act, at the very end, is kept
    assert all(w.present == session.present for w in parts)


def test_windows_by_minutes():
    # 9 acts, 30 s apart: 0 … 240 s → two-minute windows [0,120), [120,240), [240, 360].
    session = acts_session("A>B " * 9, step=30.0)
    parts = windows(session, minutes=2)
    assert [(w.start, w.end) for w in parts] == [(0, 120), (120, 240)]
    assert [len(w.acts) for w in parts] == [4, 5]  # the act at 240 s stays in the last window
    with pytest.raises(ValueError):
        windows(session, minutes=0)


def test_window_graphs_keep_silent_members_as_nodes():
    graphs = window_graphs(acts_session("A>B A>B B>A C>A C>A C>A"), parts=2)
    assert all(list(g) == ["facilitator", "A", "B", "C", "D"] for g in graphs)
    assert graphs[0].edges["A", "B"]["weight"] == 2
    assert not graphs[1].has_edge("A", "B")


def test_series_graph_sums_sessions_and_keeps_member_identity():
    first = acts_session("A>B A>B F>A A>G", present=("A", "B"), number=1)
    second = acts_session("A>B C>A A>G", present=("A", "C"), number=2)
    graph = series_graph([first, second])
    assert graph.edges["A", "B"]["weight"] == 3
    assert graph.nodes["A"]["to_group"] == 2
    assert graph.nodes["A"]["sessions_present"] == 2
    assert graph.nodes["B"]["sessions_present"] == 1
    assert graph.graph["session"] == (1, 2)


@pytest.mark.parametrize("name", ["musyawarah-banjir-rw09", "remaja-lksa-tunas-bangsa", "kds-pelangi-harapan"])
def test_series_graph_counts_what_one_tally_of_all_the_acts_counts(name):
    # The series is added up from the session graphs; the oracle is one graph of every act at once.
    from kelompok.sociogram.acts import read_session_acts
    from tests.conftest import SAMPLES

    sessions = [read_session_acts(p) for p in sorted((SAMPLES / name / "sessions").glob("*.toml"))]
    every_act = SessionActs(0, dt.date(2026, 1, 1), (), tuple(a for s in sessions for a in s.acts), "ipa")
    tally = session_graph(every_act)
    graph = series_graph(sessions)
    assert sum(w for _, _, w in graph.edges(data="weight")) == sum(1 for a in every_act.acts if a.to != "group")
    assert {(u, v): d for u, v, d in graph.edges(data=True)} == {(u, v): d for u, v, d in tally.edges(data=True)}
    for code, out in graph.adj.items():
        assert list(out) == list(tally.adj[code])  # out-edges in the order of their first act
    assert dict(graph.nodes(data="to_group")) == dict(tally.nodes(data="to_group"))
    present = {code: sum(code in s.present for s in sessions) for code in graph if code != "facilitator"}
    assert {c: graph.nodes[c]["sessions_present"] for c in present} == present
    assert graph.graph["coded"] == any(s.has_negative_coding for s in sessions)
