"""What a session or the whole series looks like to every output format: `GraphView`, and the
flat node and edge records GraphML, GEXF, JSON, DOT and CSV share. No Textual (see
docs/ARCHITECTURE.md).

Notes never leave the app: nothing here reads them. A member absent from a session is a node
with status `absent`, never a silent member.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from kelompok import __version__
from kelompok.i18n import t
from kelompok.outputs import OutputError
from kelompok.outputs.text import clean_text
from kelompok.sociogram.acts import FACILITATOR, code_key

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from kelompok.outputs.privacy import Pseudonyms
    from kelompok.sessions.models import Group, Session
    from kelompok.sociogram.analysis import Analysis

Which = int | Literal["all"]
"""One session (its number) or the whole series."""

STATUS_IDS = ("facilitator", "present", "unmarked", "absent")
"""Node status: the facilitator; a member present; a member who acted without being marked present
(worth checking the attendance); a member of the group who was not there."""


@dataclass
class GraphView:
    """One session or the whole series, ready to export: the graph and what the formats add to it."""

    group: Group
    which: Which
    numbers: tuple[int, ...]
    """Session numbers covered."""
    dates: tuple[dt.date, ...]
    graph: nx.DiGraph
    """The interaction graph (`build.session_graph` or `build.series_graph`)."""
    status: dict[str, str]
    """Node id → status (STATUS_IDS), including absent roster members, who are not graph nodes."""
    seats: dict[str, tuple[float, float]]
    """Node id → position on the unit seating circle (`layout.graph_positions`)."""
    analysis: Analysis | None = None
    """The session's analysis (None for the series)."""
    session_graphs: list[nx.DiGraph] = field(default_factory=list)
    """For the series: each session's graph, in order."""
    patterns: list[tuple[int, str]] = field(default_factory=list)
    """(session number, pattern id) for every session covered."""

    @property
    def nodes(self) -> list[str]:
        """Graph nodes, then absent members, in seating order after the facilitator."""
        order = {code: i for i, code in enumerate([FACILITATOR, *self.group.seat_order()])}
        everything = list(self.graph) + [n for n in self.status if n not in self.graph]
        return sorted(everything, key=lambda n: (order.get(n, len(order)), code_key(n)))

    def counts(self, node: str) -> tuple[int, int, int, int]:
        """(sent, out, received, to_group) acts of a node; zeros for an absent member."""
        if node not in self.graph:
            return 0, 0, 0, 0
        out = int(self.graph.out_degree(node, weight="weight"))
        received = int(self.graph.in_degree(node, weight="weight"))
        to_group = int(self.graph.nodes[node].get("to_group", 0))
        return out + to_group, out, received, to_group


def _active(member: Any, number: int) -> bool:
    return (member.joined is None or member.joined <= number) and (member.left is None or member.left >= number)


def session_view(group: Group, session: Session) -> GraphView:
    """The view of one session: its analysis, node statuses (absent members included), seats."""
    from kelompok.sociogram.analysis import analyse
    from kelompok.sociogram.layout import graph_positions

    analysis = analyse(session, group.seat_order())
    graph = analysis.graph
    status = {}
    for node, data in graph.nodes(data=True):
        status[node] = "facilitator" if node == FACILITATOR else ("present" if data.get("present") else "unmarked")
    for member in group.members:
        if member.code not in graph and _active(member, session.number):
            status[member.code] = "absent"
    seats = graph_positions(list(status), group)
    return GraphView(
        group, session.number, (session.number,), (session.date,), graph, status, seats, analysis,
        patterns=[(session.number, analysis.pattern.label)],
    )  # fmt: skip


def series_view(group: Group, sessions: Sequence[Session]) -> GraphView:
    """The view of the whole series: acts summed over sessions, plus each session's own graph."""
    from kelompok.sociogram.acts import from_session
    from kelompok.sociogram.build import series_graph, session_graph
    from kelompok.sociogram.layout import graph_positions
    from kelompok.sociogram.patterns import classify

    data = [from_session(s) for s in sessions]
    graph = series_graph(data)
    status = {}
    for node, attrs in graph.nodes(data=True):
        status[node] = (
            "facilitator" if node == FACILITATOR else ("present" if attrs.get("sessions_present") else "unmarked")
        )
    for member in group.members:
        if member.code not in graph:
            status[member.code] = "absent"
    seats = graph_positions(list(status), group)
    seating = group.seat_order()
    return GraphView(
        group, "all", tuple(s.number for s in sessions), tuple(s.date for s in sessions), graph, status, seats,
        session_graphs=[session_graph(d) for d in data],
        patterns=[(d.number, classify(d, seating).label) for d in data],
    )  # fmt: skip


def make_view(group: Group, sessions: Sequence[Session], which: Which) -> GraphView:
    """`session_view` for a number, `series_view` for `all`. Raises OutputError for a missing session."""
    if which == "all":
        if not sessions:
            raise OutputError(t("export.no_sessions"))
        return series_view(group, sorted(sessions, key=lambda s: s.number))
    for session in sessions:
        if session.number == which:
            return session_view(group, session)
    raise OutputError(t("export.no_session", number=which))


# ── the export graph (GraphML, GEXF, JSON, DOT and CSV share it) ────────────────────────────


def _scalar_attributes(attributes: dict[str, str], allowed: Sequence[str]) -> dict[str, str]:
    # Only the attributes asked for and declared analysable: every other one is private.
    return {f"attr_{clean_text(key)}": clean_text(attributes.get(key, "")) for key in allowed}


def node_records(view: GraphView, pseudo: Pseudonyms) -> list[dict[str, Any]]:
    """One flat record per node (id first): what every format says about a node."""
    group = view.group
    records = []
    for node in view.nodes:
        sent, out, received, to_group = view.counts(node)
        x, y = view.seats.get(node, (0.0, 0.0))
        member = group.member(node)
        record: dict[str, Any] = {
            "id": node,
            "label": pseudo.label(node),
            "kind": "facilitator" if node == FACILITATOR else "member",
            "status": view.status.get(node, "present"),
            "acts_sent": sent,
            "acts_out": out,
            "acts_received": received,
            "to_group": to_group,
            "seat": group.seat_order().index(node) + 1 if node in group.seat_order() else 0,
            "x": round(x, 4),
            "y": round(y, 4),
        }
        if view.analysis is not None:
            record["signals"] = ",".join(view.analysis.sociometry.positions.get(node, ()))
        else:
            record["sessions_present"] = (
                int(view.graph.nodes[node].get("sessions_present", 0)) if node in view.graph else 0
            )
        if node in pseudo.named and member is not None:
            record["name"] = pseudo.label(node)
        if member is not None:
            record.update(_scalar_attributes(member.attributes, pseudo.attributes))
        records.append(record)
    return records


def _tie_sessions(view: GraphView) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for graph in view.session_graphs:
        for u, v in graph.edges():
            counts[(u, v)] = counts.get((u, v), 0) + 1
    return counts


def edge_records(view: GraphView, pseudo: Pseudonyms) -> list[dict[str, Any]]:
    """One flat record per tie of the view's graph (weight = acts), in node order."""
    order = {n: i for i, n in enumerate(view.nodes)}
    ties = _tie_sessions(view) if view.which == "all" else {}
    records = []
    for u, v, data in sorted(view.graph.edges(data=True), key=lambda e: (order[e[0]], order[e[1]])):
        record = {
            "source": u, "target": v, "weight": int(data["weight"]),
            "positive": int(data.get("positive", 0)), "negative": int(data.get("negative", 0)), "coded": int(data.get("coded", 0)),
        }  # fmt: skip
        if ties:
            record["sessions"] = ties.get((u, v), 0)
        records.append(record)
    return records


def graph_attributes(view: GraphView, pseudo: Pseudonyms, lang: str) -> dict[str, Any]:
    """Graph-level attributes: what, when, and that it is confidential."""
    group = view.group
    attrs: dict[str, Any] = {
        "name": pseudo.redact(group.name),
        "group_type": group.type,
        "confidentiality": t("export.confidential", lang),
        "member_labels": "names" if pseudo.named else "codes",
        "generator": f"kelompok {__version__}",
    }
    if view.which == "all":
        attrs["sessions"] = ",".join(map(str, view.numbers))
        attrs["date_from"] = min(view.dates).isoformat()
        attrs["date_to"] = max(view.dates).isoformat()
        attrs["patterns"] = ",".join(f"{n}:{p}" for n, p in view.patterns)
    else:
        attrs["session"] = view.numbers[0]
        attrs["date"] = view.dates[0].isoformat()
        attrs["pattern"] = view.patterns[0][1]
    return attrs


def export_graph(view: GraphView, pseudo: Pseudonyms, lang: str) -> nx.DiGraph:
    """A clean networkx DiGraph with only scalar, exportable attributes (no names unless allowed)."""
    import networkx as nx

    graph = nx.DiGraph(**graph_attributes(view, pseudo, lang))
    for record in node_records(view, pseudo):
        node = record.pop("id")
        graph.add_node(node, **record)
    for record in edge_records(view, pseudo):
        graph.add_edge(record.pop("source"), record.pop("target"), **record)
    return graph
