"""Every graph format checked against what its readers hold it to (issue 14 §5, issue 13's XML item).

* GraphML: the GraphML 1.1 XSD (graphml.xsd with its structure, attributes and parseinfo parts
  and xlink.xsd), vendored under tests/data/xsd/graphml and resolved locally (no network).
* GEXF 1.3: the official RELAX NG grammar in full (lxml), and the official XSD (xmlschema). The
  1.3 XSD was generated from the grammar and lost the viz namespace (it declares color, position
  and size in the GEXF namespace, where no reader looks for them), so the XSD check runs on the
  file with its viz elements taken out; the grammar checks them where they belong.
* node-link JSON: networkx's own reader; CSV: the csv module, with formula cells neutralised.
* Names with XML-forbidden characters (U+FFFE, U+FFFF, C0 controls, a lone surrogate) still give
  files that parse: the characters are stripped at output, in one helper (`outputs.text.xml_safe`).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from lxml import etree

from kelompok.outputs.export import render_export
from kelompok.outputs.text import xml_safe
from kelompok.sessions.models import Consent
from kelompok.sessions.store import load_group, load_sessions
from tests.conftest import SAMPLES, make_group, make_session

XSD = Path(__file__).resolve().parents[1] / "data" / "xsd"
GRAPHML_URL = "http://graphml.graphdrawing.org/xmlns/1.1/"
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"
SAMPLE = SAMPLES / "kds-pelangi-harapan"


def _local(url: str) -> str:
    # The GraphML schemas name each other by their published URLs: read the vendored copies instead.
    if url.startswith(GRAPHML_URL):
        return (XSD / "graphml" / url[len(GRAPHML_URL) :]).as_uri()
    return url


@pytest.fixture(scope="module")
def graphml_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD / "graphml" / "graphml.xsd"), uri_mapper=_local, allow="local")


@pytest.fixture(scope="module")
def gexf_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(XSD / "gexf-1.3" / "gexf.xsd"), allow="local")


@pytest.fixture(scope="module")
def gexf_grammar() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(XSD / "gexf-1.3" / "gexf.rng")))


@pytest.fixture(scope="module")
def sample():
    return load_group(SAMPLE), load_sessions(SAMPLE)


def _errors(schema: xmlschema.XMLSchema, text: bytes) -> list[str]:
    return [error.reason or str(error) for error in schema.iter_errors(text.decode("utf-8"))][:3]


def _without_viz(data: bytes) -> str:
    root = ET.fromstring(data)
    for parent in root.iter():
        for child in [c for c in parent if c.tag.startswith(VIZ)]:
            parent.remove(child)
    return ET.tostring(root, encoding="unicode")


def _check_gexf(data: bytes, gexf_schema, gexf_grammar) -> None:
    document = etree.fromstring(data)
    assert gexf_grammar.validate(document), gexf_grammar.error_log.last_error
    errors = [e.reason for e in gexf_schema.iter_errors(_without_viz(data))][:3]
    assert not errors, errors


# ── GraphML ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("which", [4, "all"])
def test_graphml_is_valid_against_the_graphml_schema(which, sample, graphml_schema):
    data = render_export(*sample, which, "graphml", lang="en")[""]
    assert not _errors(graphml_schema, data)
    assert nx.read_graphml(io.BytesIO(data)).graph["confidentiality"].startswith("Confidential")


def test_the_graphml_schema_check_can_fail(sample, graphml_schema):
    # Two keys with one id (what named key ids gave for the series' `sessions`) is refused.
    data = render_export(*sample, "all", "graphml", lang="en")[""].decode("utf-8")
    broken = data.replace('id="d1"', 'id="d0"', 1)
    assert broken != data and not graphml_schema.is_valid(broken)


# ── GEXF 1.3 ────────────────────────────────────────────────────────────────────────────────


def test_dynamic_gexf_of_the_series_is_valid_gexf_1_3(sample, gexf_schema, gexf_grammar):
    data = render_export(*sample, "all", "gexf", lang="id")[""]
    _check_gexf(data, gexf_schema, gexf_grammar)
    root = ET.fromstring(data)
    graph = root.find(f"{GEXF}graph")
    assert (root.get("version"), graph.get("mode"), graph.get("timeformat")) == ("1.3", "dynamic", "integer")
    numbers = [s.number for s in sample[1]]
    assert (graph.get("start"), graph.get("end")) == (str(numbers[0]), str(numbers[-1]))
    # The description and keywords are ElementTree text: the confidentiality note, not markup.
    meta = root.find(f"{GEXF}meta")
    assert (
        "Rahasia" in meta.find(f"{GEXF}keywords").text and "member_labels=codes" in meta.find(f"{GEXF}description").text
    )
    # Every edge carries its acts per session as a dynamic attribute, and a spell for each session.
    dynamic = graph.find(f"{GEXF}attributes[@mode='dynamic']")
    assert dynamic.find(f"{GEXF}attribute").get("id") == "acts"
    for edge in graph.iter(f"{GEXF}edge"):
        acts = [v for v in edge.iter(f"{GEXF}attvalue") if v.get("for") == "acts"]
        spells = list(edge.iter(f"{GEXF}spell"))
        assert acts and [(a.get("start"), a.get("end")) for a in acts] == [
            (s.get("start"), s.get("end")) for s in spells
        ]
        assert sum(int(a.get("value")) for a in acts) == int(float(edge.get("weight")))
    assert nx.read_gexf(io.BytesIO(data)).graph["mode"] == "dynamic"


def test_static_gexf_of_one_session_is_valid_gexf_1_3(sample, gexf_schema, gexf_grammar):
    data = render_export(*sample, 4, "gexf", lang="en")[""]
    _check_gexf(data, gexf_schema, gexf_grammar)
    root = ET.fromstring(data)
    assert root.find(f"{GEXF}graph").get("mode") == "static"
    assert root.find(f".//{GEXF}node/{VIZ}position") is not None  # seats, for Gephi's layout


def test_the_gexf_checks_can_fail(sample, gexf_schema, gexf_grammar):
    data = render_export(*sample, "all", "gexf", lang="en")[""]
    wrong_time = data.replace(b'timeformat="integer"', b'timeformat="long"')  # what networkx writes for 1.2
    assert not gexf_grammar.validate(etree.fromstring(wrong_time))
    assert not gexf_schema.is_valid(_without_viz(wrong_time))
    root = etree.fromstring(data)
    node = root.find(f".//{GEXF}node")
    etree.SubElement(node, f"{GEXF}color", r="1", g="2", b="3")  # a viz element outside the viz namespace
    assert not gexf_grammar.validate(root)


# ── JSON and CSV ────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("which", [4, "all"])
def test_node_link_json_reads_back_with_networkx(which, sample):
    data = json.loads(render_export(*sample, which, "json", lang="en")[""])
    graph = nx.node_link_graph(data, edges="edges")
    group, sessions = sample
    assert graph.is_directed() and {m.code for m in group.members if m.joined is None} <= set(graph)
    assert graph.nodes["facilitator"]["kind"] == "facilitator"
    shown = sessions if which == "all" else [s for s in sessions if s.number == which]
    assert graph.size(weight="weight") == sum(1 for s in shown for a in s.acts() if a.to != "group")


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_csv_reads_with_the_csv_module_and_neutralises_formulas():
    group = make_group(4)
    group.members[0].name = '=HYPERLINK("http://x")'
    group.members[0].consent = Consent(names_in_reports=True)
    group.members[1].name = "+62 812"
    group.members[1].consent = Consent(names_in_reports=True)
    group.members[2].attributes = {"desa": "@SUM(A1)", "gender": "P"}
    group.members[3].attributes = {"desa": "-1+2", "gender": "L"}
    group.analysable_attributes = ["desa"]
    files = render_export(group, [make_session(1, acts=20)], 1, "csv", names=True, lang="en", attributes=["desa"])
    edges = list(csv.DictReader(io.StringIO(files[""].decode("utf-8"))))
    nodes = list(csv.DictReader(io.StringIO(files[".nodes.csv"].decode("utf-8"))))
    assert edges and {"session", "source", "target", "weight"} <= set(edges[0])
    cells = [value for row in edges + nodes for value in row.values()]
    text = [c for c in cells if not _number(c)]
    assert not [c for c in text if c[:1] in ("=", "+", "-", "@")]  # no text cell a spreadsheet would run
    by_id = {row["id"]: row for row in nodes}
    assert by_id["A1"]["label"] == '\'=HYPERLINK("http://x")' and by_id["A2"]["label"] == "'+62 812"
    assert by_id["A3"]["attr_desa"] == "'@SUM(A1)" and by_id["A4"]["attr_desa"] == "'-1+2"


# ── XML-forbidden characters (issue 13 §5) ──────────────────────────────────────────────────

FORBIDDEN = "\ufffe\uffff\x01\x0b\ud800"


def test_xml_safe_strips_only_what_xml_cannot_carry():
    assert xml_safe(f"Ani{FORBIDDEN} Wati\t\n\r é 漢 \U0001f600") == "Ani Wati\t\n\r é 漢 \U0001f600"


def test_forbidden_characters_in_names_and_attributes_leave_every_xml_file_parsable(
    graphml_schema, gexf_schema, gexf_grammar
):
    group = make_group(4)
    group.name = f"KUBE{FORBIDDEN} Mawar"
    group.members[0].name = f"Siti{FORBIDDEN} Aminah"
    group.members[0].consent = Consent(names_in_reports=True)
    group.members[1].attributes = {"desa": f"Ciku{FORBIDDEN}ray", "gender": "P"}
    group.analysable_attributes = ["desa"]
    sessions = [make_session(1, acts=16), make_session(2, acts=12)]
    for which in (1, "all"):
        for fmt in ("graphml", "gexf", "svg"):
            data = render_export(
                copy.deepcopy(group), sessions, which, fmt, names=True, lang="en", attributes=["desa"]
            )[""]
            text = data.decode("utf-8")  # a lone surrogate could not even be encoded
            root = ET.fromstring(data)  # parses: nothing XML forbids is left
            assert not any(ch in text for ch in FORBIDDEN)
            assert "Siti Aminah" in text and "Cikuray" in text or fmt == "svg"
            if fmt == "graphml":
                assert not _errors(graphml_schema, data)
            elif fmt == "gexf":
                _check_gexf(data, gexf_schema, gexf_grammar)
            else:
                assert "Siti Aminah" in "".join(root.itertext())
