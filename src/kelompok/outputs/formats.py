"""The graph formats: GraphML, GEXF 1.3, DOT, node-link JSON and CSV. No Textual (see
docs/ARCHITECTURE.md).

* `graphml` (networkx writer) and `gexf` open in Gephi. GEXF is written here with ElementTree, as
  GEXF 1.3 (the version Gephi 0.9.3+ reads fully; networkx's 1.3 writer gives a file its schema
  refuses). For the series it is a *dynamic* graph: time is the session number
  (`timeformat="integer"`), every node and edge has one spell per session it occurs in (`[n, n]`),
  and the per-session act count is the dynamic edge attribute `acts`; the static `weight` is the
  total over the series. The README says how to play it in Gephi's timeline.
* `dot` is written by hand (no pygraphviz/pydot): Graphviz's `neato` layout with pinned seating
  positions (`layout=neato` in the file, so `dot -Tsvg` uses it too).
* `json` is networkx node-link data (`edges="edges"`).
* `csv`: an edge list (`session,source,target,…`), and beside it `NAME.nodes.csv`, the node table
  (to-group acts, absence and attributes live on nodes, not edges). A cell that a spreadsheet
  would run as a formula is neutralised with a leading apostrophe.

Every file that has room for it says it is confidential: a graph attribute in GraphML and JSON,
the GEXF description and keywords, a DOT comment and graph label. CSV stays plain data (a comment
line would break spreadsheet and pandas readers). Tests validate GraphML and GEXF against their
published schemas (`tests/data/xsd/`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, Any

from kelompok import __version__
from kelompok.i18n import t
from kelompok.outputs.text import xml_safe
from kelompok.outputs.view import edge_records, export_graph, graph_attributes, node_records
from kelompok.sociogram.acts import FACILITATOR

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.outputs.privacy import Pseudonyms
    from kelompok.outputs.view import GraphView

GRAPH_FORMATS = ("graphml", "gexf", "dot", "json", "csv")
NODES_SUFFIX = ".nodes.csv"
"""The CSV node table is written beside the edge list: `edges.csv` → `edges.nodes.csv`."""


def graphml(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    import networkx as nx

    buffer = io.BytesIO()
    # Generated key ids (d0, d1 …): with named ids the graph's `sessions` list and the edges'
    # `sessions` count would share one id, which the GraphML schema forbids.
    nx.write_graphml(export_graph(view, pseudo, lang), buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


# ── GEXF 1.3 ────────────────────────────────────────────────────────────────────────────────

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
GEXF_COLOURS = {
    "facilitator": (47, 93, 138),
    "present": (42, 157, 143),
    "unmarked": (233, 196, 106),
    "absent": (200, 200, 200),
}


def _gexf_type(values: list[Any]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "long"
    if values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return xml_safe(str(value))


def _attribute_table(
    parent: ET.Element, cls: str, records: list[dict[str, Any]], skip: set[str], mode: str = "static"
) -> list[str]:
    """Declare the attributes of `records` (all keys but `skip`) and return their ids, in order."""
    keys: list[str] = []
    for record in records:
        keys += [k for k in record if k not in skip and k not in keys]
    table = ET.SubElement(parent, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": mode})
    for key in keys:
        kind = _gexf_type([r[key] for r in records if key in r])
        ET.SubElement(table, f"{{{GEXF_NS}}}attribute", {"id": xml_safe(key), "title": xml_safe(key), "type": kind})
    return keys


def _attvalues(parent: ET.Element, keys: list[str], record: dict[str, Any]) -> ET.Element:
    """A node's or edge's `<attvalues>`: the declared attributes the record has (more may follow)."""
    values = ET.SubElement(parent, f"{{{GEXF_NS}}}attvalues")
    for key in keys:
        if key in record:
            ET.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": xml_safe(key), "value": _gexf_value(record[key])})
    return values


def _spells(parent: ET.Element, spells: list[tuple[int, int]]) -> None:
    element = ET.SubElement(parent, f"{{{GEXF_NS}}}spells")
    for start, end in spells:
        ET.SubElement(element, f"{{{GEXF_NS}}}spell", {"start": str(start), "end": str(end)})


def gexf(view: GraphView, pseudo: Pseudonyms, lang: str, today: dt.date | None = None) -> bytes:
    """The view as GEXF 1.3: static for one session, dynamic (one spell per session) for the series."""
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    g, viz = f"{{{GEXF_NS}}}", f"{{{VIZ_NS}}}"
    dynamic = view.which == "all"
    nodes = node_records(view, pseudo)
    edges = edge_records(view, pseudo)
    root = ET.Element(f"{g}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{g}meta", {"lastmodifieddate": (today or dt.date.today()).isoformat()})
    ET.SubElement(meta, f"{g}creator").text = f"kelompok {__version__}"
    ET.SubElement(meta, f"{g}keywords").text = xml_safe(t("export.confidential", lang))
    # GEXF has no graph attributes: what, when and that it is confidential go in the description.
    ET.SubElement(meta, f"{g}description").text = xml_safe(
        "; ".join(f"{k}={v}" for k, v in graph_attributes(view, pseudo, lang).items())
    )

    graph_attrs = {"defaultedgetype": "directed", "mode": "dynamic" if dynamic else "static"}
    if dynamic:
        graph_attrs.update(timeformat="integer", start=str(view.numbers[0]), end=str(view.numbers[-1]))
    graph = ET.SubElement(root, f"{g}graph", graph_attrs)
    node_keys = _attribute_table(graph, "node", nodes, {"id", "label"})
    edge_keys = _attribute_table(graph, "edge", edges, {"source", "target", "weight"})
    if dynamic:
        ET.SubElement(
            ET.SubElement(graph, f"{g}attributes", {"class": "edge", "mode": "dynamic"}),
            f"{g}attribute",
            {"id": "acts", "title": "acts", "type": "long"},
        )

    top = max((n["acts_sent"] for n in nodes), default=0) or 1
    node_parent = ET.SubElement(graph, f"{g}nodes", {"count": str(len(nodes))})
    for record in nodes:
        node = ET.SubElement(
            node_parent, f"{g}node", {"id": xml_safe(record["id"]), "label": _gexf_value(record["label"])}
        )
        _attvalues(node, node_keys, record)
        if dynamic:
            spells = [
                (n, n) for n, session in zip(view.numbers, view.session_graphs, strict=True) if record["id"] in session
            ]
            # A member absent from every session still belongs to the group: the whole span.
            _spells(node, spells or [(view.numbers[0], view.numbers[-1])])
        r, gr, b = GEXF_COLOURS.get(record["status"], (120, 120, 120))
        ET.SubElement(node, f"{viz}color", {"r": str(r), "g": str(gr), "b": str(b)})
        # Gephi's y axis points up; the seating circle's points down.
        ET.SubElement(
            node, f"{viz}position", {"x": f"{record['x'] * 300:.2f}", "y": f"{-record['y'] * 300:.2f}", "z": "0.0"}
        )
        ET.SubElement(node, f"{viz}size", {"value": f"{8 + 22 * (record['acts_sent'] / top) ** 0.5:.2f}"})

    edge_parent = ET.SubElement(graph, f"{g}edges", {"count": str(len(edges))})
    for index, record in enumerate(edges):
        u, v = record["source"], record["target"]
        edge = ET.SubElement(
            edge_parent,
            f"{g}edge",
            {"id": str(index), "source": xml_safe(u), "target": xml_safe(v), "weight": str(record["weight"])},
        )
        values = _attvalues(edge, edge_keys, record)
        if dynamic:
            per_session = [
                (n, int(s.edges[u, v]["weight"]))
                for n, s in zip(view.numbers, view.session_graphs, strict=True)
                if s.has_edge(u, v)
            ]
            for number, acts in per_session:
                ET.SubElement(
                    values,
                    f"{g}attvalue",
                    {"for": "acts", "value": str(acts), "start": str(number), "end": str(number)},
                )
            _spells(edge, [(n, n) for n, _ in per_session])
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# ── JSON, DOT, CSV ──────────────────────────────────────────────────────────────────────────


def node_link_json(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    import networkx as nx

    data = nx.node_link_data(export_graph(view, pseudo, lang), edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _dot_quote(value: object) -> str:
    text = str(value)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n") + '"'


def _dot_attrs(attrs: dict[str, object]) -> str:
    return "[" + ", ".join(f"{key}={_dot_quote(value)}" for key, value in attrs.items()) + "]"


def dot(view: GraphView, pseudo: Pseudonyms, lang: str) -> bytes:
    from kelompok.outputs.picture import EDGE_COLOURS, NODE_COLOURS, picture_title

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
        attrs = {
            "weight": edge["weight"],
            "penwidth": f"{1 + 5 * edge['weight'] / heaviest:.2f}",
            "color": EDGE_COLOURS[tone],
            "acts": edge["weight"],
        }
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


def csv_tables(view: GraphView, pseudo: Pseudonyms, lang: str) -> dict[str, bytes]:
    # Edges: one row per session and tie, so a series export keeps its time dimension.
    rows = []
    graphs = (
        list(zip(view.numbers, view.session_graphs, strict=True))
        if view.which == "all"
        else [(view.numbers[0], view.graph)]
    )
    order = {n: i for i, n in enumerate(view.nodes)}
    for number, graph in graphs:
        for u, v, data in sorted(graph.edges(data=True), key=lambda e: (order.get(e[0], 0), order.get(e[1], 0))):
            rows.append({
                "session": number, "source": u, "target": v, "source_label": pseudo.label(u), "target_label": pseudo.label(v),
                "weight": int(data["weight"]), "positive": int(data.get("positive", 0)), "negative": int(data.get("negative", 0)),
                "coded": int(data.get("coded", 0)),
            })  # fmt: skip
    edge_columns = [
        "session",
        "source",
        "target",
        "source_label",
        "target_label",
        "weight",
        "positive",
        "negative",
        "coded",
    ]
    nodes = node_records(view, pseudo)
    node_columns: list[str] = []
    for record in nodes:
        node_columns += [key for key in record if key not in node_columns]
    return {"": _csv_bytes(rows, edge_columns), NODES_SUFFIX: _csv_bytes(nodes, node_columns)}
