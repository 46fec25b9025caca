"""Sociometric signals of an interaction graph: positions, mutual pairs, cliques, subgroups.

These are *signals to check*, shown with soft wording to the facilitator and supervisor, never
to members, and never a diagnosis. They rest on observed talk, not on liking: being addressed
often is not being chosen (docs/ARCHITECTURE.md, "Domain signals"; Moreno's positions came from
sociometric *choices*),
so the screen calls the picture "sosiogram interaksi". The thresholds below are starting points,
kept as named constants to be calibrated with facilitators. Nothing is labelled in a graph with
fewer than `MIN_ACTS` acts: in a group of six, z-scores over a dozen acts are noise.

"Peers" are the other members: star, neglectee and rejectee are about attention from members,
as Moreno's choices were; the facilitator's attention to each member is visible separately.

The rules, one sentence each:

* star — addressed by at least STAR_MIN_SENDERS different members and clearly more than the
  members' typical share (z ≥ STAR_MIN_Z, ≥ STAR_MIN_RATIO × mean, ≥ STAR_MIN_RECEIVED acts):
  one admirer who addresses someone again and again does not make a star.
* neglectee ("hardly addressed by other members") — speaks at least NEGLECTEE_MIN_SENT times
  but receives at most NEGLECTEE_MAX_RATIO of the members' mean from peers; judged only when
  member↔member acts are at least PEER_TALK_MIN_SHARE of the session. In a leader-led round or a
  psycho-education block members hardly address each other *by design*, so nobody is flagged
  and the session is said, once, to be leader-centred (`Sociometry.leader_centred`).
* rejectee ("several times answered negatively") — at least REJECTEE_MIN_HOSTILE clearly
  negative acts from peers (negative valence or Bales 11–12), at least REJECTEE_MIN_SHARE of the
  coded acts they receive from peers. Bales 10 (disagreement) does not count: disagreeing is
  ordinary evaluator work in a musyawarah.
* isolate — present, said nothing and was addressed by nobody.
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
"""… and at least this many acts received from peers …"""
STAR_MIN_SENDERS = 3
"""… from at least this many different members (one admirer does not make a star)."""

PEER_TALK_MIN_SHARE = 0.25
"""Below this share of member↔member acts the session is leader-centred: no neglectee is judged.
In a facilitator-led round of questions every member answers the facilitator, and "nobody talks
to you" is true of everyone, so it says nothing about anyone."""

NEGLECTEE_MIN_SENT = 3
"""Neglectee: sends at least this many acts (to anyone or the group) …"""
NEGLECTEE_MAX_RATIO = 0.25
"""… but receives from peers at most this share of the member mean of acts received from peers."""

REJECTEE_MIN_HOSTILE = 3
"""Rejectee (only with valence or IPA coding): at least this many clearly negative acts from
peers (negative valence or IPA 11–12; IPA 10, disagreement, does not count) …"""
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
    leader_centred: bool = False
    """Member↔member acts were below PEER_TALK_MIN_SHARE (and MIN_ACTS acts were reached): the
    session ran through the facilitator, so no neglectee was judged."""


def _peer_received(graph: nx.DiGraph, members: list[str]) -> dict[str, int]:
    return {m: sum(d["weight"] for u, _, d in graph.in_edges(m, data=True) if u != FACILITATOR) for m in members}


def peer_talk_share(graph: nx.DiGraph) -> float | None:
    """Member↔member acts ÷ all acts (None without acts)."""
    total = total_acts(graph)
    if not total:
        return None
    between = sum(w for u, v, w in graph.edges(data="weight") if FACILITATOR not in (u, v))
    return between / total


def is_leader_centred(graph: nx.DiGraph) -> bool:
    """True when the session has MIN_ACTS acts and members addressed each other in fewer than
    PEER_TALK_MIN_SHARE of them (see the module doc)."""
    share = peer_talk_share(graph)
    return total_acts(graph) >= MIN_ACTS and share is not None and share < PEER_TALK_MIN_SHARE


def positions(graph: nx.DiGraph) -> dict[str, tuple[str, ...]]:
    """Position ids per member: star, isolate, neglectee, rejectee (rules in the module doc).

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
    judge_neglect = not is_leader_centred(graph)
    for m in members:
        labels = []
        sent = graph.out_degree(m, weight="weight") + graph.nodes[m]["to_group"]
        got = received[m]
        if sent == 0 and graph.in_degree(m, weight="weight") == 0:
            result[m] = ("isolate",)
            continue
        senders = sum(1 for u in graph.predecessors(m) if u != FACILITATOR)
        if (
            spread > 0
            and (got - mean) / spread >= STAR_MIN_Z
            and got >= STAR_MIN_RATIO * mean
            and got >= STAR_MIN_RECEIVED
            and senders >= STAR_MIN_SENDERS
        ):
            labels.append("star")
        rejected = False
        if coded:
            hostile = coded_in = 0
            for u, _, d in graph.in_edges(m, data=True):
                if u != FACILITATOR:
                    hostile += d["hostile"]
                    coded_in += d["coded"]
            rejected = hostile >= REJECTEE_MIN_HOSTILE and hostile >= REJECTEE_MIN_SHARE * coded_in
            if rejected:
                labels.append("rejectee")
        if judge_neglect and not rejected and sent >= NEGLECTEE_MIN_SENT and got <= NEGLECTEE_MAX_RATIO * mean:
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
        leader_centred=is_leader_centred(graph),
    )
