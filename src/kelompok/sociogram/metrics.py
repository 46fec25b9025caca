"""Group-level and member-level metrics of an interaction graph (see `build.py` for its shape).

Every group-level metric is available with and without the facilitator (`session_metrics`): the
facilitator's share of acts is itself the signal of a group moving from leader-centred to
group-centred communication, so it must not hide inside the other numbers.

Definitions (all documented where computed):

* acts per member — `out`: acts sent to a person (member or facilitator); `in`: acts received;
  `to_group`: acts addressed to the whole group. "Sent" = out + to_group.
* facilitator share — the facilitator's sent acts ÷ all acts.
* participation Gini — over members present, of their sent acts (everything they said, to
  anyone); the with-facilitator variant counts the facilitator as one more participant.
* density, reciprocity — binary (a tie is at least one act), directed: networkx `density`
  m / n(n−1) and `overall_reciprocity` (share of ties whose reverse also exists).
* centralization — Freeman degree centralization, undirected and weighted by acts (variant
  documented at `degree_centralization`).
* components — weakly connected components (a silent member is a component of their own).
* communities — Louvain on the undirected member graph (weights summed both ways), fixed seed and
  node order, so the same session always gives the same communities. Only on the member graph:
  with the facilitator in it, the facilitator simply joins the community they talk with most.
* equity ratio — a subgroup's share of acts ÷ its share of members present.

Values that are undefined for a graph (no acts, too few nodes) are None, never NaN.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

from kelompok.sociogram.acts import FACILITATOR
from kelompok.sociogram.build import without_facilitator

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Group

COMMUNITY_SEED = 1934
"""Seed of the Louvain method (the year of Moreno's *Who Shall Survive?*); fixed for reproducibility."""


@dataclass(frozen=True, slots=True)
class MemberActs:
    """Acts of one node: sent to persons, received, and addressed to the whole group."""

    out: int
    in_: int
    to_group: int

    @property
    def sent(self) -> int:
        """Everything the node said: to persons and to the group."""
        return self.out + self.to_group


@dataclass(frozen=True, slots=True)
class GraphMetrics:
    """Group-level metrics of one graph variant (with or without the facilitator)."""

    acts: int
    gini: float | None
    density: float | None
    reciprocity: float | None
    centralization: float | None
    components: int


@dataclass(frozen=True, slots=True)
class SessionMetrics:
    """Metrics of one session or window, with and without the facilitator."""

    with_facilitator: GraphMetrics
    without_facilitator: GraphMetrics
    facilitator_share: float | None
    """The facilitator's sent acts ÷ all acts."""
    facilitator_involvement: float | None
    """Acts sent or received by the facilitator (incl. to the group) ÷ all acts."""
    communities: tuple[tuple[str, ...], ...]
    """Louvain communities of the member graph, largest first."""
    modularity: float | None
    """Modularity of those communities; None without acts between members."""


# ── counts ──────────────────────────────────────────────────────────────────────────────────


def acts_per_node(graph: nx.DiGraph) -> dict[str, MemberActs]:
    """Out, in and to-group acts of every node (facilitator included), in graph order."""
    out = dict(graph.out_degree(weight="weight"))
    in_ = dict(graph.in_degree(weight="weight"))
    return {n: MemberActs(out[n], in_[n], data["to_group"]) for n, data in graph.nodes(data=True)}


def acts_per_member(graph: nx.DiGraph) -> dict[str, MemberActs]:
    """`acts_per_node` without the facilitator. On `without_facilitator(graph)` it counts only
    acts between members (and to the group)."""
    return {n: a for n, a in acts_per_node(graph).items() if n != FACILITATOR}


def total_acts(graph: nx.DiGraph) -> int:
    """All acts in the graph: person-to-person plus to the whole group."""
    # The edges' weights directly: `graph.size(weight=…)` sums every node's in- and out-degree and
    # halves it, twice the work, and this is asked about ten times per session analysed.
    return sum(weight for _, _, weight in graph.edges(data="weight", default=1)) + sum(
        to for _, to in graph.nodes(data="to_group")
    )


def facilitator_share(graph: nx.DiGraph) -> float | None:
    """The facilitator's sent acts (to persons and to the group) ÷ all acts; None without acts."""
    total = total_acts(graph)
    if not total or FACILITATOR not in graph:
        return None if not total else 0.0
    sent = graph.out_degree(FACILITATOR, weight="weight") + graph.nodes[FACILITATOR]["to_group"]
    return sent / total


def facilitator_involvement(graph: nx.DiGraph) -> float | None:
    """Acts the facilitator sends or receives (incl. to the group) ÷ all acts; None without acts."""
    total = total_acts(graph)
    if not total or FACILITATOR not in graph:
        return None if not total else 0.0
    involved = graph.degree(FACILITATOR, weight="weight") + graph.nodes[FACILITATOR]["to_group"]
    return involved / total


# ── inequality ──────────────────────────────────────────────────────────────────────────────


def gini(values: list[float] | tuple[float, ...]) -> float | None:
    """Gini coefficient with the small-sample correction n/(n−1).

    G = Σᵢ Σⱼ |xᵢ − xⱼ| / (2 · n · (n − 1) · x̄): 0 when everyone has the same, 1 when one has
    everything (the uncorrected form tops out at (n−1)/n, which for a group of 5 reads 0.8 for a
    monologue). None for fewer than two values or an all-zero list.
    """
    n = len(values)
    total = sum(values)
    if n < 2 or total <= 0:
        return None
    ordered = sorted(values)
    # Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − n + 1) x₍ᵢ₎ for sorted x, i from 0: O(n log n).
    pairwise = 2 * sum((2 * i - n + 1) * x for i, x in enumerate(ordered))
    mean = total / n
    return pairwise / (2 * n * (n - 1) * mean)


def participation_gini(graph: nx.DiGraph, include_facilitator: bool = False) -> float | None:
    """Gini of sent acts over the members in the graph (present or acting), optionally with the
    facilitator as one more participant. Members' acts to the facilitator count: this measures
    who speaks, whoever they address."""
    per_node = acts_per_node(graph)
    values = [a.sent for n, a in per_node.items() if n != FACILITATOR or include_facilitator]
    return gini(values)


# ── structure ───────────────────────────────────────────────────────────────────────────────


def density(graph: nx.DiGraph) -> float | None:
    """Directed binary density m / n(n−1); None for fewer than two nodes."""
    return nx.density(graph) if graph.number_of_nodes() >= 2 else None


def reciprocity(graph: nx.DiGraph) -> float | None:
    """Share of ties (i→j, at least one act) whose reverse tie exists; None without ties.

    The value of `nx.overall_reciprocity`, counted directly: networkx builds an undirected copy
    with deep-copied edge data, which was the slowest step of a whole series' statistics.
    """
    ties = graph.number_of_edges()
    if not ties:
        return None
    adj = graph.adj
    return sum(1 for u, v in graph.edges() if u in adj[v]) / ties


def degree_centralization(graph: nx.DiGraph) -> float | None:
    """Freeman degree centralization, undirected, weighted by acts.

    Variant: node i's centrality cᵢ is the share of person-to-person acts it takes part in (sent
    or received), so Σcᵢ = 2. Freeman's C = Σᵢ (c* − cᵢ) / max, where c* is the largest cᵢ.
    The numerator is n·c* − 2 and is largest (n − 2) for a star in which every act involves the
    centre, so C = (n·c* − 2) / (n − 2): 1 for a pure star, 0 when all take part equally.
    Weighted rather than binary because a binary tie graph saturates after a few dozen acts
    (everyone has spoken to everyone once) and would read 0 for a session the facilitator ran.
    None for fewer than three nodes or no person-to-person acts.
    """
    n = graph.number_of_nodes()
    weight = graph.size(weight="weight")
    if n < 3 or not weight:
        return None
    top = max(d for _, d in graph.degree(weight="weight")) / weight
    return (n * top - 2) / (n - 2)


def components(graph: nx.DiGraph) -> int:
    """Number of weakly connected components (isolated nodes count as one each)."""
    return nx.number_weakly_connected_components(graph) if graph.number_of_nodes() else 0


def undirected(graph: nx.DiGraph) -> nx.Graph:
    """Undirected weighted graph (weight i–j = acts i→j + acts j→i), nodes and edges in a
    fixed order so seeded algorithms are reproducible."""
    order = {n: i for i, n in enumerate(graph)}
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    weights: dict[tuple[str, str], int] = {}
    for u, v, w in graph.edges(data="weight"):
        key = (u, v) if order[u] < order[v] else (v, u)
        weights[key] = weights.get(key, 0) + w
    for (u, v), w in sorted(weights.items(), key=lambda item: (order[item[0][0]], order[item[0][1]])):
        simple.add_edge(u, v, weight=w)
    return simple


def communities(graph: nx.DiGraph) -> tuple[tuple[tuple[str, ...], ...], float | None]:
    """Louvain communities of the undirected weighted graph and their modularity.

    Communities are sorted inside by graph order, then by size (largest first) and first node.
    Modularity is None when there are no acts between persons.
    """
    simple = undirected(graph)
    if not simple.number_of_nodes():
        return (), None
    order = {n: i for i, n in enumerate(graph)}
    if not simple.number_of_edges():
        return tuple((n,) for n in graph), None
    found = nx.community.louvain_communities(simple, weight="weight", seed=COMMUNITY_SEED)
    groups = [tuple(sorted(c, key=order.__getitem__)) for c in found]
    groups.sort(key=lambda c: (-len(c), order[c[0]]))
    quality = nx.community.modularity(simple, [set(c) for c in groups], weight="weight")
    return tuple(groups), quality


def equity_ratios(
    graph: nx.DiGraph,
    attributes: Group | Mapping[str, Mapping[str, str]],
    key: str,
    basis: str = "sent",
) -> dict[str, float | None]:
    """Equity ratio per value of a member attribute: share of acts ÷ share of members present.

    1.0 means the subgroup takes part in proportion to its size; 0.5 half as much as its size
    would give. `basis` is "sent" (acts a member said, to anyone) or "received". Members without
    the attribute form the subgroup "" (empty string). Values are None when there are no acts.
    """
    if basis not in ("sent", "received"):
        raise ValueError("basis must be 'sent' or 'received'")
    if hasattr(attributes, "members"):
        attributes = {m.code: m.attributes for m in attributes.members}  # type: ignore[union-attr]
    per_member = acts_per_member(graph)
    members: dict[str, int] = {}
    acts: dict[str, int] = {}
    for code, counts in per_member.items():
        value = attributes.get(code, {}).get(key, "")  # type: ignore[union-attr]
        members[value] = members.get(value, 0) + 1
        acts[value] = acts.get(value, 0) + (counts.sent if basis == "sent" else counts.in_)
    total_members = sum(members.values())
    total_acts_ = sum(acts.values())
    return {
        value: ((acts[value] / total_acts_) / (members[value] / total_members) if total_acts_ else None)
        for value in sorted(members)
    }


# ── everything at once ──────────────────────────────────────────────────────────────────────


_FROM_GRAPH: Any = object()


def graph_metrics(graph: nx.DiGraph, gini_value: float | None = _FROM_GRAPH) -> GraphMetrics:
    """Group-level metrics of this graph as it stands (pass a member-only graph for the
    without-facilitator variant). `gini_value` overrides the participation Gini, which
    `session_metrics` computes from the full graph."""
    return GraphMetrics(
        acts=total_acts(graph),
        gini=participation_gini(graph, include_facilitator=True) if gini_value is _FROM_GRAPH else gini_value,
        density=density(graph),
        reciprocity=reciprocity(graph),
        centralization=degree_centralization(graph),
        components=components(graph),
    )


def session_metrics(graph: nx.DiGraph, members_graph: nx.DiGraph | None = None) -> SessionMetrics:
    """All group-level metrics of a session (or window) graph, with and without the facilitator.

    The member-only Gini counts everything members said (also to the facilitator): taking the
    facilitator out as a participant must not make members look quieter than they were.
    """
    members = members_graph if members_graph is not None else without_facilitator(graph)
    groups, quality = communities(members)
    return SessionMetrics(
        with_facilitator=graph_metrics(graph, participation_gini(graph, include_facilitator=True)),
        without_facilitator=graph_metrics(members, participation_gini(graph, include_facilitator=False)),
        facilitator_share=facilitator_share(graph),
        facilitator_involvement=facilitator_involvement(graph),
        communities=groups,
        modularity=quality,
    )


def as_dict(metrics: GraphMetrics) -> dict[str, Any]:
    """A JSON-able dict of graph metrics."""
    return {
        "acts": metrics.acts,
        "gini": metrics.gini,
        "density": metrics.density,
        "reciprocity": metrics.reciprocity,
        "centralization": metrics.centralization,
        "components": metrics.components,
    }


__all__ = [
    "COMMUNITY_SEED", "MemberActs", "GraphMetrics", "SessionMetrics", "acts_per_node", "acts_per_member",
    "total_acts", "facilitator_share", "facilitator_involvement", "gini", "participation_gini", "density",
    "reciprocity", "degree_centralization", "components", "undirected", "communities", "equity_ratios",
    "graph_metrics", "session_metrics", "as_dict",
]  # fmt: skip
