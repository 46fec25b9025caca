"""Sociogram exports: GraphML, GEXF, DOT, node-link JSON, CSV, SVG and PNG. No Textual.

    kelompok export GROUP_DIR --session N|all --format FMT --out PATH [--names]

Confidentiality (DESIGN.md, domain.md §6.4) is decided here, in one place, `Pseudonyms`:

* A node is labelled with the member's **code** by default. With `names=True` a member's real
  name is used only when the member consented to it (`consent.names_in_reports`); everyone
  else keeps their code. The choice is written to the group's audit trail (`export_with_names`)
  before the file is written — a names export that cannot be audited is not made.
* Free-text notes (session notes, note events, safety notes, absence reasons, amendments) never
  leave the app: nothing in this module reads them. Member attributes are private unless the
  group declares them analysable *and* the user asks for them (`--attributes a,b`); by default
  no attribute goes out.
* Every file that has room for it says it is confidential: a graph attribute in GraphML and JSON,
  the GEXF description, a DOT comment and graph label, a red "Rahasia / Confidential" mark on the
  pictures. CSV stays plain data (a comment line would break spreadsheet and pandas readers).

Formats:

* `graphml` (networkx writer) and `gexf` open in Gephi. For `all`, GEXF is a *dynamic* graph:
  time is the session number (`timeformat="long"`), every node and edge has one spell per
  session it occurs in (`[n, n]`), and the per-session act count is the dynamic edge attribute
  `acts`; the static `weight` is the total over the series.
* `dot` is written by hand (no pygraphviz/pydot): Graphviz's `neato` layout with pinned seating
  positions (`layout=neato` in the file, so `dot -Tsvg` uses it too).
* `json` is networkx node-link data (`edges="edges"`).
* `csv`: an edge list (`session,source,target,…`), and beside it `NAME.nodes.csv`, the node table
  (to-group acts, absence and attributes live on nodes, not edges).
* `svg` and `png`: the finished picture of `export_picture.py` (PNG by the pure-Python
  rasteriser in `export_png.py`).

Files are written atomically and private to the user (0600), like everything kelompok writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import getpass
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kelompok import __version__
from kelompok.i18n import get_language, t
from kelompok.sessions.names import name_rules, substitute
from kelompok.sociogram.acts import FACILITATOR, code_key

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from kelompok.sessions.models import Group, Session
    from kelompok.sociogram.analysis import Analysis

FORMATS = ("graphml", "gexf", "dot", "json", "csv", "svg", "png")
"""Every export format, in the order the CLI and the dialog offer them."""

EXTENSIONS = {"graphml": ".graphml", "gexf": ".gexf", "dot": ".dot", "json": ".json", "csv": ".csv", "svg": ".svg", "png": ".png"}
NODES_SUFFIX = ".nodes.csv"
"""The CSV node table is written beside the edge list: `edges.csv` → `edges.nodes.csv`."""

Which = int | Literal["all"]

STATUS_IDS = ("facilitator", "present", "unmarked", "absent")
"""Node status: the facilitator; a member present; a member who acted without being marked present
(worth checking the attendance); a member of the group who was not there."""


class ExportError(Exception):
    """An export that cannot be made as asked; the message is ready to show (one line).

    `usage` is True when the request itself is wrong (a bad session value, a folder as the output,
    a group open elsewhere): the CLI exits 2 for those and 1 for missing data.
    """

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


# ── pseudonyms: the one place that decides what identifies a member ─────────────────────────

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text: str) -> str:
    """Text without control characters, which XML (SVG, GraphML, GEXF) cannot carry at all."""
    return _CONTROL.sub("", text)



@dataclass(frozen=True)
class Pseudonyms:
    """Labels for everything that leaves the app, and redaction of the free text that may.

    `label(code)` is the member code, or the real name for a member who consented when names
    were asked for. `redact(text)` replaces the real names of members shown by code (full names,
    and capitalised name parts of three letters or more) in text that is allowed out, such as a
    supervisor's comment or an objective, so a name typed into a comment does not leak.
    """

    names: bool
    """Names were asked for (`--names`)."""
    labels: dict[str, str]
    """Node id → label, for the facilitator and every member of the roster."""
    named: tuple[str, ...]
    """Codes of the members whose real name is used (asked for and consented)."""
    members: int
    """Members in the roster."""
    placeholder: str
    """What an ambiguous name part becomes (`[nama]` / `[name]`)."""
    _rules: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), repr=False)
    attributes: tuple[str, ...] = ()
    """Member attributes that go out as node attributes: asked for, and declared analysable by
    the group. Empty by default: a private attribute never leaves the group folder."""

    def label(self, node: str) -> str:
        """The label of a node: code, `Fasilitator`/`Facilitator`, or a consented name."""
        return self.labels.get(node, node)

    def redact(self, text: str) -> str:
        """`text` with the real names of members shown by code replaced (and no control characters)."""
        return clean_text(substitute(text, self._rules))


def pseudonyms(
    group: Group, names: bool = False, lang: str | None = None, staff: Sequence[str] = (), attributes: Sequence[str] = ()
) -> Pseudonyms:
    """The labels and redaction rules for `group`.

    `staff` are further names that are not members (supervisors); a name part a member shares
    with a facilitator or supervisor becomes the placeholder rather than a code, so a comment about
    "Bu Dewi" the facilitator is not pinned on a member — and the member is not named either.

    `attributes` are the member attributes asked for (`--attributes a,b`); each must be declared
    analysable by the group, else ExportError (usage): a private attribute is never exported.
    """
    lang = lang or get_language()
    private = [a for a in attributes if not group.is_analysable(a)]
    if private:
        allowed = ", ".join(group.analysable_attributes) or t("privacy.no_analysable", lang)
        raise ExportError(t("privacy.attribute_private", lang, names=", ".join(private), allowed=allowed), usage=True)
    labels = {FACILITATOR: t("export.facilitator", lang)}
    named = []
    for member in group.members:
        if names and member.consent.may_be_named(member.minor):
            labels[member.code] = clean_text(" ".join(member.name.split()))
            named.append(member.code)
        else:
            labels[member.code] = member.code
    placeholder = t("export.redacted", lang)
    hidden = [m for m in group.members if labels[m.code] == m.code]
    shown = [m for m in group.members if labels[m.code] != m.code]
    rules = name_rules(hidden, shown, [*group.facilitators, *staff], placeholder)
    return Pseudonyms(names, labels, tuple(named), len(group.members), placeholder, tuple(rules), tuple(dict.fromkeys(attributes)))


# ── what a session or the series looks like, for every format ───────────────────────────────


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
        status[node] = "facilitator" if node == FACILITATOR else ("present" if attrs.get("sessions_present") else "unmarked")
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
    """`session_view` for a number, `series_view` for `all`. Raises ExportError for a missing session."""
    if which == "all":
        if not sessions:
            raise ExportError(t("export.no_sessions"))
        return series_view(group, sorted(sessions, key=lambda s: s.number))
    for session in sessions:
        if session.number == which:
            return session_view(group, session)
    raise ExportError(t("export.no_session", number=which))


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
            record["sessions_present"] = int(view.graph.nodes[node].get("sessions_present", 0)) if node in view.graph else 0
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


# ── writers ─────────────────────────────────────────────────────────────────────────────────


def _graphml(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    nx.write_graphml(export_graph(view, pseudo, lang), buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


_COLOURS = {"facilitator": (47, 93, 138), "present": (42, 157, 143), "unmarked": (233, 196, 106), "absent": (200, 200, 200)}


def _gexf(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    import networkx as nx

    graph = export_graph(view, pseudo, lang)
    top = max((graph.nodes[n]["acts_sent"] for n in graph), default=0) or 1
    for _node, data in graph.nodes(data=True):
        r, g, b = _COLOURS.get(data["status"], (120, 120, 120))
        data["viz"] = {
            # Gephi's y axis points up; the seating circle's points down.
            "position": {"x": round(data["x"] * 300, 2), "y": round(-data["y"] * 300, 2), "z": 0.0},
            "size": round(8 + 22 * (data["acts_sent"] / top) ** 0.5, 2),
            "color": {"r": r, "g": g, "b": b},
        }
    if view.which == "all":
        graph.graph["mode"] = "dynamic"
        for node in graph:
            spells = [(n, n) for n, g in zip(view.numbers, view.session_graphs, strict=True) if node in g]
            # A member absent from every session still belongs to the group: the whole span.
            graph.nodes[node]["spells"] = spells or [(view.numbers[0], view.numbers[-1])]
        for u, v, data in graph.edges(data=True):
            per_session = [(int(g.edges[u, v]["weight"]), n, n) for n, g in zip(view.numbers, view.session_graphs, strict=True) if g.has_edge(u, v)]
            data["spells"] = [(n, n) for _, n, _ in per_session]
            data["acts"] = per_session
    # GEXF keeps only `name` of the graph attributes; the rest goes into <meta><description>.
    description = "; ".join(f"{k}={v}" for k, v in graph.graph.items() if k not in ("name", "mode"))
    text = "\n".join(nx.generate_gexf(graph, encoding="utf-8", prettyprint=True))
    meta = f"  <description>{escape(description, quote=False)}</description>\n    <keywords>{escape(t('export.confidential', lang), quote=False)}</keywords>\n  </meta>"
    text = text.replace("</meta>", meta, 1)
    if not text.startswith("<?xml"):
        text = '<?xml version="1.0" encoding="utf-8"?>\n' + text
    return (text + "\n").encode("utf-8")


def _json(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    import networkx as nx

    data = nx.node_link_data(export_graph(view, pseudo, lang), edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _dot_quote(value: object) -> str:
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n") + '"'


def _dot_attrs(attrs: dict[str, object]) -> str:
    return "[" + ", ".join(f"{key}={_dot_quote(value)}" for key, value in attrs.items()) + "]"


def _dot(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    from kelompok.sociogram.export_picture import EDGE_COLOURS, NODE_COLOURS, picture_title

    title, subtitle = picture_title(view, pseudo, lang)
    nodes = node_records(view, pseudo)
    top = max((n["acts_sent"] for n in nodes), default=0) or 1
    heaviest = max((e["weight"] for e in edge_records(view, pseudo)), default=0) or 1
    confidential = t("export.confidential", lang)
    lines = [
        f"// {confidential}",
        f"// {' '.join(f'{title} — {subtitle}'.split())}",  # a newline in a name must not end the comment
        f"// kelompok {__version__}: neato layout with pinned seating positions; render with `dot -Tsvg FILE`.",
        "digraph sociogram {",
        "  graph " + _dot_attrs({
            "label": f"{title}\n{subtitle}\n{confidential}", "labelloc": "t", "fontname": "Helvetica", "fontsize": 14,
            "layout": "neato", "outputorder": "edgesfirst", "splines": "true", "overlap": "true", "pad": "0.4",
        }) + ";",
        "  node " + _dot_attrs({"shape": "circle", "style": "filled", "fixedsize": "shape", "fontname": "Helvetica", "fontsize": 11, "penwidth": 1.2}) + ";",
        "  edge " + _dot_attrs({"arrowsize": 0.7}) + ";",
    ]  # fmt: skip
    for node in nodes:
        status = node["status"]
        fill, line = NODE_COLOURS[status]
        attrs = {
            "label": node["label"],
            "pos": f"{node['x'] * 3.2:.3f},{-node['y'] * 3.2:.3f}!",
            "width": f"{0.35 + 0.55 * (node['acts_sent'] / top) ** 0.5:.3f}",
            "fillcolor": fill if status != "absent" and (node["acts_sent"] or status == "facilitator") else "#ffffff",
            "color": line,
            "fontcolor": "#1f2a33",
            "kind": node["kind"],
            "status": status,
            "acts_sent": node["acts_sent"],
            "acts_received": node["acts_received"],
            "to_group": node["to_group"],
        }
        if status == "absent":
            attrs["style"] = "dashed"
        lines.append(f"  {_dot_quote(node['id'])} {_dot_attrs(attrs)};")
    for edge in edge_records(view, pseudo):
        tone = "negative" if edge["negative"] > edge["positive"] and edge["negative"] * 2 >= edge["coded"] > 0 else (
            "positive" if edge["positive"] > edge["negative"] and edge["positive"] * 2 >= edge["coded"] > 0 else
            ("facilitator" if FACILITATOR in (edge["source"], edge["target"]) else "member"))  # fmt: skip
        attrs = {"weight": edge["weight"], "penwidth": f"{1 + 5 * edge['weight'] / heaviest:.2f}", "color": EDGE_COLOURS[tone], "acts": edge["weight"]}
        lines.append(f"  {_dot_quote(edge['source'])} -> {_dot_quote(edge['target'])} {_dot_attrs(attrs)};")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet will not run as a formula (text starting with = + - @)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_bytes(rows: list[dict[str, Any]], columns: list[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(row.get(key, "")) for key in columns})
    return buffer.getvalue().encode("utf-8")


def _csv(view: GraphView, pseudo: Pseudonyms, lang: str) -> dict[str, bytes]:
    # Edges: one row per session and tie, so a series export keeps its time dimension.
    rows = []
    graphs = list(zip(view.numbers, view.session_graphs, strict=True)) if view.which == "all" else [(view.numbers[0], view.graph)]
    order = {n: i for i, n in enumerate(view.nodes)}
    for number, graph in graphs:
        for u, v, data in sorted(graph.edges(data=True), key=lambda e: (order.get(e[0], 0), order.get(e[1], 0))):
            rows.append({
                "session": number, "source": u, "target": v, "source_label": pseudo.label(u), "target_label": pseudo.label(v),
                "weight": int(data["weight"]), "positive": int(data.get("positive", 0)), "negative": int(data.get("negative", 0)),
                "coded": int(data.get("coded", 0)),
            })  # fmt: skip
    edge_columns = ["session", "source", "target", "source_label", "target_label", "weight", "positive", "negative", "coded"]
    nodes = node_records(view, pseudo)
    node_columns: list[str] = []
    for record in nodes:
        node_columns += [key for key in record if key not in node_columns]
    return {"": _csv_bytes(rows, edge_columns), NODES_SUFFIX: _csv_bytes(nodes, node_columns)}


def _svg(view: GraphView, pseudo: Pseudonyms, lang: str, today: dt.date) -> bytes:
    from kelompok.sociogram.export_picture import sociogram_scene
    from kelompok.sociogram.export_scene import render_svg

    return render_svg(sociogram_scene(view, pseudo, lang, today)).encode("utf-8")


def _png(view: GraphView, pseudo: Pseudonyms, lang: str, today: dt.date) -> bytes:
    from kelompok.sociogram.export_picture import sociogram_scene
    from kelompok.sociogram.export_scene import render_png

    return render_png(sociogram_scene(view, pseudo, lang, today))


def render_export(
    group: Group,
    sessions: Sequence[Session],
    which: Which,
    fmt: str,
    names: bool = False,
    lang: str | None = None,
    today: dt.date | None = None,
    attributes: Sequence[str] = (),
) -> dict[str, bytes]:
    """The bytes of an export, without writing anything: suffix → content.

    The main file has the suffix "" (it goes to the path asked for); the CSV node table has
    `NODES_SUFFIX`. Raises ExportError for an unknown format or a session that does not exist.
    """
    if fmt not in FORMATS:
        raise ExportError(t("export.unknown_format", format=fmt, formats=", ".join(FORMATS)), usage=True)
    lang = lang or get_language()
    pseudo = pseudonyms(group, names, lang, attributes=attributes)
    view = make_view(group, sessions, which)
    today = today or dt.date.today()
    if fmt == "csv":
        return _csv(view, pseudo, lang)
    if fmt in ("svg", "png"):
        return {"": (_svg if fmt == "svg" else _png)(view, pseudo, lang, today)}
    writer: Callable[[GraphView, Pseudonyms, str], bytes] = {"graphml": _graphml, "gexf": _gexf, "dot": _dot, "json": _json}[fmt]
    return {"": writer(view, pseudo, lang)}


# ── writing, and the audit trail ────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    paths: tuple[Path, ...]
    """The files written: the main file first (and the CSV node table)."""
    named: tuple[str, ...]
    """Codes of the members shown by real name (empty for a default export)."""
    audited: bool
    """The names choice was written to the group's audit trail."""


def output_paths(out: Path, contents: dict[str, bytes]) -> dict[str, Path]:
    """Where each part of an export goes: `out` itself, `out.nodes.csv` beside an edge list."""
    paths = {}
    for suffix in contents:
        if not suffix:
            paths[suffix] = out
        else:
            stem = out.name[: -len(out.suffix)] if out.suffix else out.name
            paths[suffix] = out.with_name(stem + suffix)
    return paths


def current_user() -> str:
    """Who is exporting, for the audit trail: the operating-system account name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        return "?"


def record_audit(
    group_dir: Path,
    action: str,
    detail: str,
    who: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Append an entry to the group's audit trail and save `group.toml`.

    The group is re-read first so that nothing another screen changed is lost. The group's lock
    is taken for the write (shared with this process's screens); a group open in another
    kelompok raises ExportError.
    """
    from kelompok.sessions.locking import GroupLock
    from kelompok.sessions.models import AuditEntry
    from kelompok.sessions.store import load_group, save_group

    entry = AuditEntry(at=(now or dt.datetime.now()).replace(microsecond=0), who=who or current_user(), action=action, detail=detail)
    with GroupLock(group_dir) as lock:
        if not lock.held:
            raise ExportError(t("export.locked", path=group_dir), usage=True)
        group = load_group(group_dir)
        group.audit.append(entry)
        save_group(group_dir, group)


def names_detail(which: Which, fmt: str, paths: Sequence[Path], pseudo_named: Sequence[str], members: int) -> str:
    """The audit entry's detail: what, in which format, where, and whose names (codes only)."""
    where = ", ".join(str(p.resolve()) for p in paths)
    codes = ",".join(pseudo_named) or "-"
    return f"session={which} format={fmt} names={len(pseudo_named)}/{members} ({codes}) file={where}"


def export_session(
    group: Group,
    sessions: Sequence[Session],
    which: Which,
    fmt: str,
    out: Path,
    names: bool = False,
    lang: str | None = None,
    *,
    group_dir: Path | None = None,
    who: str | None = None,
    now: dt.datetime | None = None,
    attributes: Sequence[str] = (),
) -> ExportResult:
    """Export one session (`which` = its number) or the series (`"all"`) to `out` in `fmt`.

    With `names=True` the choice is first written to the group's audit trail (`group_dir` is then
    required) as `export_with_names`; only then is the file written. Files are written atomically
    with mode 0600. Raises ExportError (message ready to show) or DataError.
    """
    from kelompok.sessions.fileio import atomic_write_bytes

    lang = lang or get_language()
    now = now or dt.datetime.now()
    contents = render_export(group, sessions, which, fmt, names, lang, now.date(), attributes)
    paths = output_paths(Path(out), contents)
    if any(p.is_dir() for p in paths.values()):
        raise ExportError(t("export.out_is_folder", path=out), usage=True)
    audited = False
    pseudo = pseudonyms(group, names, lang)
    if names:
        if group_dir is None:
            raise ValueError("an export with names needs group_dir, to write the audit trail")
        record_audit(group_dir, "export_with_names", names_detail(which, fmt, list(paths.values()), pseudo.named, pseudo.members), who, now)
        audited = True
    for suffix, data in contents.items():
        atomic_write_bytes(paths[suffix], data)
    return ExportResult(tuple(paths.values()), pseudo.named, audited)


def load_for_export(group_dir: Path, which: Which) -> tuple[Group, list[Session]]:
    """The group and the sessions an export of `which` needs. Raises DataError / ExportError."""
    from kelompok.sessions.store import load_group, load_session, load_sessions, session_numbers

    group = load_group(group_dir)
    if which == "all":
        sessions = load_sessions(group_dir)
        if not sessions:
            raise ExportError(t("export.no_sessions"))
        return group, sessions
    if which not in session_numbers(group_dir):
        raise ExportError(t("export.no_session", number=which))
    return group, [load_session(group_dir, which)]


def export_group(
    group_dir: Path,
    which: Which,
    fmt: str,
    out: Path,
    names: bool = False,
    lang: str | None = None,
    *,
    who: str | None = None,
    now: dt.datetime | None = None,
    attributes: Sequence[str] = (),
) -> ExportResult:
    """`export_session` for a group folder: reads what is needed, exports, audits a names choice."""
    group, sessions = load_for_export(group_dir, which)
    return export_session(group, sessions, which, fmt, out, names, lang, group_dir=group_dir, who=who, now=now, attributes=attributes)


def default_filename(group_dir: Path, which: Which, fmt: str, lang: str | None = None) -> str:
    """A file name for an export: `kube-mawar-sesi-003.svg`, `kube-mawar-semua-sesi.gexf`."""
    lang = lang or get_language()
    part = t("export.file_all", lang) if which == "all" else t("export.file_session", lang, number=f"{which:03d}")
    return f"{group_dir.name}-{part}{EXTENSIONS.get(fmt, '.' + fmt)}"


def parse_which(text: str) -> Which:
    """`3` → 3, `all`/`semua` → "all"; ExportError otherwise."""
    value = text.strip().lower()
    if value in ("all", "semua"):
        return "all"
    if value.isdigit() and int(value) >= 1:
        return int(value)
    raise ExportError(t("export.bad_session", value=text), usage=True)
