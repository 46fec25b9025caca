"""Sociometric signals of an interaction graph: positions, mutual pairs, cliques, subgroups.

These are *signals to check*, shown with soft wording to the facilitator and supervisor, never
to members. Interaction is not preference: being addressed often is not being liked (domain.md
§5.3), so the thresholds below are starting points, kept as named constants to be calibrated
with facilitators. Nothing is labelled in a graph with fewer than `MIN_ACTS` acts: in a group of
six, z-scores over a dozen acts are noise.

"Peers" are the other members: star, neglectee and rejectee are about attention from members,
as Moreno's choices were; the facilitator's attention to each member is visible separately.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

import networkx as nx

from kelompok.sociogram.acts import FACILITATOR
from kelompok.sociogram.build import member_nodes
from kelompok.sociogram.metrics import communities as find_communities
from kelompok.sociogram.metrics import total_acts

MIN_ACTS = 20
"""No sociometric signal at all in a graph with fewer acts than this (to persons and to the group)."""

STAR_MIN_Z = 1.0
"""Star: acts received from peers at least this many standard deviations above the member mean …"""
STAR_MIN_RATIO = 1.5
"""… and at least this multiple of the member mean (a z-score alone flags someone in a flat group) …"""
STAR_MIN_RECEIVED = 3
"""… and at least this many acts received from peers."""

NEGLECTEE_MIN_SENT = 3
"""Neglectee: sends at least this many acts (to anyone or the group) …"""
NEGLECTEE_MAX_RATIO = 0.25
"""… but receives from peers at most this share of the member mean of acts received from peers."""

REJECTEE_MIN_NEGATIVE = 2
"""Rejectee (only with valence or IPA coding): at least this many negative acts from peers …"""
REJECTEE_MIN_SHARE = 0.5
"""… making up at least this share of the coded acts they receive from peers."""

MUTUAL_MIN_ACTS = 2
"""Mutual pair: at least this many acts each way between two members."""

CLIQUE_MIN_SIZE = 3
"""Clique: at least this many members, every two of them a mutual pair."""

CLEAVAGE_MIN_COMMUNITIES = 2
"""Cleavage: at least this many communities of at least `CLEAVAGE_MIN_SIZE` members …"""
CLEAVAGE_MIN_SIZE = 2
CLEAVAGE_MIN_MODULARITY = 0.3
"""… a modularity of at least this (Newman's rule of thumb for real structure) …"""
CLEAVAGE_MAX_CROSS_SHARE = 0.2
"""… and at most this share of member-to-member acts crossing between communities."""

POSITION_IDS = ("star", "isolate", "neglectee", "rejectee")


@dataclass(frozen=True, slots=True)
class Sociometry:
    """All sociometric signals of one graph."""

    positions: dict[str, tuple[str, ...]]
    """Member code → position ids (possibly empty), for every member in the graph."""
    mutual_pairs: tuple[tuple[str, str], ...]
    cliques: tuple[tuple[str, ...], ...]
    subgroups: tuple[tuple[str, ...], ...]
    """Communities of a cleavage; empty when there is none."""


def _peer_received(graph: nx.DiGraph, members: list[str]) -> dict[str, int]:
    return {m: sum(d["weight"] for u, _, d in graph.in_edges(m, data=True) if u != FACILITATOR) for m in members}


def positions(graph: nx.DiGraph) -> dict[str, tuple[str, ...]]:
    """Position ids per member: star, isolate, neglectee, rejectee (see the constants).

    * isolate — present and no act sent (to anyone or the group) and none received (from anyone);
    * star — received from peers: z ≥ STAR_MIN_Z, ≥ STAR_MIN_RATIO × mean, ≥ STAR_MIN_RECEIVED;
    * rejectee — only when negative coding exists: ≥ REJECTEE_MIN_NEGATIVE negative acts from
      peers (valence negative or IPA 10–12), ≥ REJECTEE_MIN_SHARE of coded acts from peers;
    * neglectee — sent ≥ NEGLECTEE_MIN_SENT, received from peers ≤ NEGLECTEE_MAX_RATIO × mean,
      and not a rejectee (neglected is ignored, not actively rejected).

    Every member gets an entry; all are empty below MIN_ACTS acts.
    """
    members = member_nodes(graph)
    result: dict[str, tuple[str, ...]] = {m: () for m in members}
    if total_acts(graph) < MIN_ACTS or not members:
        return result
    received = _peer_received(graph, members)
    counts = list(received.values())
    mean = statistics.fmean(counts)
    spread = statistics.pstdev(counts) if len(counts) > 1 else 0.0
    coded = bool(graph.graph.get("coded"))
    for m in members:
        labels = []
        sent = graph.out_degree(m, weight="weight") + graph.nodes[m]["to_group"]
        got = received[m]
        if sent == 0 and graph.in_degree(m, weight="weight") == 0:
            labels.append("isolate")
            result[m] = tuple(labels)
            continue
        if spread > 0 and (got - mean) / spread >= STAR_MIN_Z and got >= STAR_MIN_RATIO * mean and got >= STAR_MIN_RECEIVED:
            labels.append("star")
        rejected = False
        if coded:
            negative = coded_in = 0
            for u, _, d in graph.in_edges(m, data=True):
                if u != FACILITATOR:
                    negative += d["negative"]
                    coded_in += d["coded"]
            rejected = negative >= REJECTEE_MIN_NEGATIVE and negative >= REJECTEE_MIN_SHARE * coded_in
            if rejected:
                labels.append("rejectee")
        if not rejected and sent >= NEGLECTEE_MIN_SENT and got <= NEGLECTEE_MAX_RATIO * mean:
            labels.append("neglectee")
        result[m] = tuple(labels)
    return result


def mutual_pairs(graph: nx.DiGraph, min_acts: int = MUTUAL_MIN_ACTS) -> tuple[tuple[str, str], ...]:
    """Pairs of members with at least `min_acts` acts each way, in graph order."""
    order = {n: i for i, n in enumerate(graph)}
    pairs = []
    for u, v, w in graph.edges(data="weight"):
        if u == FACILITATOR or v == FACILITATOR or order[u] > order[v] or w < min_acts:
            continue
        back = graph.adj[v].get(u)
        if back is not None and back["weight"] >= min_acts:
            pairs.append((u, v))
    pairs.sort(key=lambda p: (order[p[0]], order[p[1]]))
    return tuple(pairs)


def cliques(graph: nx.DiGraph, pairs: tuple[tuple[str, str], ...] | None = None) -> tuple[tuple[str, ...], ...]:
    """Maximal cliques of ≥ CLIQUE_MIN_SIZE members in the graph of mutual pairs, in graph order."""
    order = {n: i for i, n in enumerate(graph)}
    mutual = nx.Graph()
    mutual.add_edges_from(mutual_pairs(graph) if pairs is None else pairs)
    found = [tuple(sorted(c, key=order.__getitem__)) for c in nx.find_cliques(mutual) if len(c) >= CLIQUE_MIN_SIZE]
    found.sort(key=lambda c: [order[n] for n in c])
    return tuple(found)


def subgroups(
    members_graph: nx.DiGraph,
    found: tuple[tuple[tuple[str, ...], ...], float | None] | None = None,
) -> tuple[tuple[str, ...], ...]:
    """Communities that split the members (a cleavage), or () when there is none.

    Rule, on the member-only graph (pass `without_facilitator(graph)`): at least
    CLEAVAGE_MIN_COMMUNITIES communities of ≥ CLEAVAGE_MIN_SIZE members, modularity ≥
    CLEAVAGE_MIN_MODULARITY, and at most CLEAVAGE_MAX_CROSS_SHARE of member-to-member acts
    between communities. Returns the communities of ≥ CLEAVAGE_MIN_SIZE members. `found` reuses
    an earlier `metrics.communities(members_graph)` result.
    """
    if FACILITATOR in members_graph:
        raise ValueError("subgroups() wants the member-only graph (without_facilitator)")
    if total_acts(members_graph) < MIN_ACTS:
        return ()
    groups, quality = found if found is not None else find_communities(members_graph)
    big = [c for c in groups if len(c) >= CLEAVAGE_MIN_SIZE]
    if len(big) < CLEAVAGE_MIN_COMMUNITIES or quality is None or quality < CLEAVAGE_MIN_MODULARITY:
        return ()
    where = {n: i for i, c in enumerate(groups) for n in c}
    total = cross = 0
    for u, v, w in members_graph.edges(data="weight"):
        total += w
        if where[u] != where[v]:
            cross += w
    if not total or cross / total > CLEAVAGE_MAX_CROSS_SHARE:
        return ()
    return tuple(big)


def sociometry(
    graph: nx.DiGraph,
    members_graph: nx.DiGraph,
    member_communities: tuple[tuple[tuple[str, ...], ...], float | None] | None = None,
) -> Sociometry:
    """Positions, mutual pairs, cliques and subgroups of a session (or window) graph.

    Mutual pairs and cliques, like positions, are only reported from MIN_ACTS acts on.
    """
    if total_acts(graph) < MIN_ACTS:
        return Sociometry({m: () for m in member_nodes(graph)}, (), (), ())
    pairs = mutual_pairs(graph)
    return Sociometry(
        positions=positions(graph),
        mutual_pairs=pairs,
        cliques=cliques(graph, pairs),
        subgroups=subgroups(members_graph, member_communities),
    )
