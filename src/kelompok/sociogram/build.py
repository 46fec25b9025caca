"""Speaking acts ──► weighted directed networkx graphs: per session, per time window, per series.

Graph shape (the contract every other sociogram module and the exports rely on):

* Nodes: `facilitator` (always) and every member who was present or took part in an act; a member
  is identified by their code in every session, so series graphs line up.
  Node attributes: `kind` ("facilitator" | "member"), `present` (recorded present; False marks a
  member who acted without being marked present — worth checking the attendance),
  `to_group` (acts the node addressed to the whole group). Series graphs add `sessions_present`.
* Edges: i → j with `weight` = number of acts, and `positive` / `negative` / `coded` counts (acts
  with positive resp. negative valence or IPA area, and acts coded at all), and `hostile`: the
  clearly negative part of `negative` — negative valence or IPA 11–12 (tension, antagonism), not
  IPA 10 (disagreement, which is ordinary evaluating work in a musyawarah).
* Acts to "the whole group" are a node attribute, never a node: a "group" node would collect
  half of all acts and swamp centralization and density.
* Graph attributes: `session` (number, or a tuple of numbers for a series), `start`/`end`
  (seconds), `coded` (negative coding can be told apart), `members` (present member codes).

Node order is facilitator first, then members in natural code order (A2 before A10), so every
algorithm that depends on order (community detection) gives the same answer for the same data.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

import networkx as nx

from kelompok.sessions.presence import present_during
from kelompok.sociogram.acts import (
    FACILITATOR,
    GROUP,
    NEGATIVE_IPA,
    POSITIVE_IPA,
    Act,
    SessionActs,
    as_session_acts,
    code_key,
)

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Session

HOSTILE_IPA = frozenset({11, 12})
"""Bales IPA categories that are clearly negative (shows tension, shows antagonism)."""

__all__ = [
    "session_graph",
    "windows",
    "window_graphs",
    "series_graph",
    "merged_graph",
    "without_facilitator",
    "member_nodes",
]


def _tone(ipa: int | None, valence: str | None) -> str | None:
    """'hostile' / 'negative' / 'positive' / 'task' for a coded act, None for an uncoded one.

    'hostile' is negative valence or IPA 11–12; 'negative' alone is IPA 10 (disagreement)."""
    if valence == "negative" or (ipa is not None and ipa in HOSTILE_IPA):
        return "hostile"
    if ipa is not None and ipa in NEGATIVE_IPA:
        return "negative"
    if valence == "positive" or (ipa is not None and ipa in POSITIVE_IPA):
        return "positive"
    return None if valence is None and ipa is None else "task"


_TONES = {(ipa, v): _tone(ipa, v) for ipa in (None, *range(1, 13)) for v in (None, "positive", "task", "negative")}
"""Every (ipa, valence) an Act can carry → its tone, so tallying needs no Python per act."""
_SPEAKER, _ADDRESSEE, _CODES = itemgetter(2), itemgetter(3), itemgetter(5, 6)


def _add_acts(graph: nx.DiGraph, acts: Sequence[Act]) -> None:
    # Tally in C (Counter over zip/map) and touch the graph once per distinct key: a session of
    # 1,000 acts has a few hundred (speaker, addressee, tone) keys at most.
    nodes = graph.nodes
    edges = graph.adj
    speakers, addressees = list(map(_SPEAKER, acts)), list(map(_ADDRESSEE, acts))
    for (speaker, to), count in Counter(zip(speakers, addressees)).items():
        if speaker not in nodes:
            graph.add_node(speaker, kind="member", present=False, to_group=0)
        if to == GROUP:
            nodes[speaker]["to_group"] += count
            continue
        if to not in nodes:
            graph.add_node(to, kind="member", present=False, to_group=0)
        graph.add_edge(speaker, to, weight=count, positive=0, negative=0, hostile=0, coded=0)
    tones = list(map(_TONES.__getitem__, map(_CODES, acts)))
    if tones.count(None) == len(tones):
        return  # nothing coded
    for (speaker, to, tone), count in Counter(zip(speakers, addressees, tones)).items():
        if tone is None or to == GROUP:
            continue
        data = edges[speaker][to]
        data["coded"] += count
        if tone == "hostile":
            data["negative"] += count
            data["hostile"] += count
        elif tone != "task":
            data[tone] += count


def _empty_graph(present: Iterable[str], acts: Sequence[Act]) -> nx.DiGraph:
    graph = nx.DiGraph()
    present_set = set(present)
    acted = set(map(_SPEAKER, acts)).union(map(_ADDRESSEE, acts))
    codes = sorted((present_set | acted) - {FACILITATOR, GROUP}, key=code_key)
    graph.add_node(FACILITATOR, kind="facilitator", present=True, to_group=0)
    for code in codes:
        graph.add_node(code, kind="member", present=code in present_set, to_group=0)
    return graph


def session_graph(session: Session | SessionActs) -> nx.DiGraph:
    """The interaction graph of one session (or of one window returned by `windows`)."""
    data = as_session_acts(session)
    graph = _empty_graph(data.present, data.acts)
    _add_acts(graph, data.acts)
    graph.graph.update(
        session=data.number,
        start=data.start,
        end=data.end if data.end is not None else (data.acts[-1].at if data.acts else data.start),
        coded=data.has_negative_coding,
        members=tuple(sorted(set(data.present), key=code_key)),
    )
    return graph


def windows(session: Session | SessionActs, parts: int = 3, minutes: float | None = None) -> list[SessionActs]:
    """Cut a session into time windows; each window is a `SessionActs` over its span.

    With `minutes`, windows are consecutive spans of that many minutes from the start;
    otherwise the session (from 0 to its last act) is cut into `parts` equal spans — thirds by
    default. A window holds the acts with `start <= at < end`; the last one also holds `at == end`.
    Every window keeps the members present during it (`SessionActs.spans`), so a member silent
    in a window shows up as silent there rather than vanishing, and one who had not arrived yet
    (or had left) counts as away, not silent. Windows are cut on the session's true clock, so a
    crash gap does not squeeze the acts after it into earlier windows; each window keeps the part
    of the gaps that falls inside it, and its `recorded_seconds` leaves them out.
    """
    from kelompok.sessions.gaps import clip

    data = as_session_acts(session)
    low = data.start
    high = data.end if data.end is not None else max(low, data.acts[-1].at if data.acts else low)
    if minutes is not None:
        if minutes <= 0:
            raise ValueError("minutes must be positive")
        span = minutes * 60.0
        count = max(1, math.ceil((high - low) / span))
        bounds = [(low + k * span, low + (k + 1) * span) for k in range(count)]
    else:
        if parts < 1:
            raise ValueError("parts must be at least 1")
        length = high - low
        bounds = [(low + length * k / parts, low + length * (k + 1) / parts) for k in range(parts)]
    spans: dict[str, list[tuple[float, float | None]]] = {}
    for code, since, until in data.spans:
        spans.setdefault(code, []).append((since, until))
    result = []
    last = len(bounds) - 1
    for index, (start, end) in enumerate(bounds):
        if index == last:  # closed on the right, so the last act is never lost to rounding
            acts = tuple(a for a in data.acts if start <= a.at)
        else:
            acts = tuple(a for a in data.acts if start <= a.at < end)
        present, absent = data.present, data.absent
        if spans:
            # A member who arrives later (or has left) is not here in this window: she is kept
            # apart with the absent ones, never counted "present, not yet in the conversation".
            here = set(present_during(spans, start, end, closed=index == last))
            present = tuple(code for code in data.present if code in here)
            absent = data.absent + tuple(code for code in data.present if code not in here)
        result.append(
            SessionActs(
                data.number,
                data.date,
                present,
                acts,
                data.coding,
                start,
                end,
                absent,
                gaps=clip(data.gaps, start, end),
                spans=data.spans,
            )
        )
    return result


def window_graphs(session: Session | SessionActs, parts: int = 3, minutes: float | None = None) -> list[nx.DiGraph]:
    """`session_graph` of every window of `windows(session, parts, minutes)`."""
    return [session_graph(w) for w in windows(session, parts, minutes)]


def series_graph(sessions: Iterable[Session | SessionActs]) -> nx.DiGraph:
    """The whole series in one graph: acts summed over sessions, members by code.

    Node attribute `sessions_present` counts the sessions each member was present at;
    `present` is True when that count is at least one.
    """
    return merged_graph(session_graph(s) for s in sessions)


_SUMMED = ("weight", "positive", "negative", "hostile", "coded")
"""The edge counts a series adds up (every edge attribute `_add_acts` writes)."""


def merged_graph(graphs: Iterable[nx.DiGraph]) -> nx.DiGraph:
    """`series_graph` from the sessions' own graphs (`session_graph`), in session order.

    Every count is a sum over acts, so adding up the session graphs gives the counts that
    tallying all the acts at once gives. Out-edges keep the order of their first act, as in a
    session graph; `stats` builds the series this way from graphs it has already built.
    """
    graphs = list(graphs)
    numbers = tuple(g.graph["session"] for g in graphs)
    attended: Counter[str] = Counter(n for g in graphs for n, here in g.nodes(data="present") if here)
    seen = {n for g in graphs for n in g} - {FACILITATOR}
    graph = nx.DiGraph()
    graph.add_node(FACILITATOR, kind="facilitator", present=True, to_group=0, sessions_present=len(graphs))
    for code in sorted(seen, key=code_key):
        count = attended[code]
        graph.add_node(code, kind="member", present=count > 0, to_group=0, sessions_present=count)
    nodes, adj = graph.nodes, graph.adj
    for session in graphs:
        for code, to_group in session.nodes(data="to_group"):
            nodes[code]["to_group"] += to_group
        for u, v, data in session.edges(data=True):
            if v in adj[u]:
                summed = adj[u][v]
                for key in _SUMMED:
                    summed[key] += data[key]
            else:
                graph.add_edge(u, v, **{key: data[key] for key in _SUMMED})
    graph.graph.update(
        session=numbers, start=0.0, end=None, coded=any(g.graph["coded"] for g in graphs),
        members=tuple(sorted((c for c in attended if c != FACILITATOR), key=code_key)),
    )  # fmt: skip
    return graph


def member_nodes(graph: nx.DiGraph) -> list[str]:
    """The member nodes of a graph (everyone but the facilitator), in graph order."""
    return [n for n, kind in graph.nodes(data="kind") if kind == "member"]


def without_facilitator(graph: nx.DiGraph) -> nx.DiGraph:
    """A copy of the graph with the facilitator node and all its acts removed."""
    members = graph.subgraph(member_nodes(graph)).copy()
    members.graph.update(graph.graph)
    return members
