"""Sociogram exports, read back by independent readers, and checked for what must never leave the app.

Readers: networkx for GraphML, GEXF and node-link JSON; the csv module for the edge list and node
table; xml.etree for SVG and GEXF; PNG by its signature, chunk CRCs and the zlib stream's size;
Graphviz's own `dot` for DOT (skipped only when `dot` is not installed: `apt-get install graphviz`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import networkx as nx
import pytest

from kelompok.sessions.models import Attendance, Consent, Event, Session
from kelompok.sessions.store import load_group, load_sessions, save_group, save_session
from kelompok.sociogram import export
from kelompok.sociogram.export import FORMATS, ExportError, export_group, export_session, pseudonyms, render_export
from tests.conftest import SAMPLES, held_by_another_process, make_group, make_session

SAMPLE = SAMPLES / "kds-pelangi-harapan"
NOTE = "Catatan rahasia XQZ-7 tentang anggota"
SESSION_NOTES = "Refleksi pribadi WVK-3 fasilitator"
TODAY = dt.date(2026, 3, 9)


def copy_sample(tmp_path: Path, name: str = "kds-pelangi-harapan") -> Path:
    target = tmp_path / name
    shutil.copytree(SAMPLES / name, target)
    return target


def secret_group(folder: Path) -> Path:
    """A group whose members have real names (two consented) and whose session holds notes."""
    group = make_group(5)
    group.members[0].name = "Siti Aminah"
    group.members[0].consent = Consent(recording=True, names_in_reports=True)
    group.members[1].name = 'Budi "Bud" Santoso\\'
    group.members[1].consent = Consent(recording=True, names_in_reports=True)
    group.members[2].name = "Rina Marlina"
    group.members[3].name = "Yohanes Sinaga"
    group.members[4].name = "=HYPERLINK(bad)"
    save_group(folder, group)
    session = make_session(1, acts=30)
    events = list(session.events)
    seq = events[-1].seq
    events.append(Event(seq=seq + 1, at=400.0, kind="note", note=NOTE, safety=True))
    events.append(Event(seq=seq + 2, at=401.0, kind="note", note="Rina Marlina " + NOTE))
    session = session.model_copy(update={"events": events, "notes": SESSION_NOTES})
    save_session(folder, session)
    save_session(folder, make_session(2, acts=24))
    return folder


def roster_names(group_dir: Path) -> list[str]:
    return [m.name for m in load_group(group_dir).members]


# ── reading every format back ────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("which", [4, "all"])
def test_graphml_reads_back_with_networkx(tmp_path: Path, which):
    result = export_group(SAMPLE, which, "graphml", tmp_path / "g.graphml", lang="en")
    graph = nx.read_graphml(result.paths[0])
    assert graph.is_directed()
    assert graph.graph["confidentiality"].startswith("Confidential")
    assert graph.graph["member_labels"] == "codes"
    assert graph.nodes["facilitator"]["kind"] == "facilitator"
    group = load_group(SAMPLE)
    assert set(graph) >= {m.code for m in group.members if m.joined is None} | {"facilitator"}
    sessions = load_sessions(SAMPLE) if which == "all" else [s for s in load_sessions(SAMPLE) if s.number == 4]
    to_persons = sum(1 for s in sessions for a in s.acts() if a.to != "group")
    assert sum(w for _, _, w in graph.edges(data="weight")) == to_persons
    assert all(graph.nodes[n]["label"] == n or n == "facilitator" for n in graph)


def test_gexf_for_one_session_is_static_with_viz_positions(tmp_path: Path):
    path = export_group(SAMPLE, 2, "gexf", tmp_path / "s.gexf", lang="id").paths[0]
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "static"
    assert graph.nodes["P1"]["viz"]["position"]["x"] != 0
    meta = ET.parse(path).getroot().find("{http://www.gexf.net/1.2draft}meta")
    assert "Rahasia" in meta.find("{http://www.gexf.net/1.2draft}description").text


def test_gexf_for_all_sessions_is_dynamic_with_one_slice_per_session(tmp_path: Path):
    path = export_group(SAMPLE, "all", "gexf", tmp_path / "all.gexf", lang="en").paths[0]
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "dynamic"
    root = ET.parse(path).getroot()
    assert root.find("{http://www.gexf.net/1.2draft}graph").get("timeformat") == "long"
    sessions = load_sessions(SAMPLE)
    numbers = [s.number for s in sessions]
    # A member's spells are exactly the sessions they appear in, one slice each.
    assert graph.nodes["facilitator"]["spells"] == [(n, n) for n in numbers]
    for session in sessions:
        acts = [a for a in session.acts() if a.to != "group"]
        for u, v, data in graph.edges(data=True):
            per_session = dict((start, value) for value, start, _end in data["acts"])
            expected = sum(1 for a in acts if a.from_ == u and a.to == v)
            assert per_session.get(session.number, 0) == expected
            assert (session.number, session.number) in data["spells"] or not expected
    for _, _, data in graph.edges(data=True):
        assert data["weight"] == sum(value for value, _s, _e in data["acts"])


@pytest.mark.parametrize("which", [1, "all"])
def test_json_is_networkx_node_link(tmp_path: Path, which):
    path = export_group(SAMPLE, which, "json", tmp_path / "g.json").paths[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    graph = nx.node_link_graph(data, edges="edges")
    assert graph.is_directed() and graph.number_of_edges() > 0
    assert "confidentiality" in graph.graph


def test_csv_edge_list_and_node_table_read_with_the_csv_module(tmp_path: Path):
    result = export_group(SAMPLE, "all", "csv", tmp_path / "edges.csv", lang="en")
    edges_path, nodes_path = result.paths
    assert nodes_path.name == "edges.nodes.csv"
    edges = list(csv.DictReader(edges_path.open(encoding="utf-8", newline="")))
    nodes = list(csv.DictReader(nodes_path.open(encoding="utf-8", newline="")))
    sessions = load_sessions(SAMPLE)
    assert {int(r["session"]) for r in edges} == {s.number for s in sessions}
    for session in sessions:
        rows = [r for r in edges if int(r["session"]) == session.number]
        assert sum(int(r["weight"]) for r in rows) == sum(1 for a in session.acts() if a.to != "group")
    by_id = {r["id"]: r for r in nodes}
    assert by_id["facilitator"]["label"] == "Facilitator"
    total_sent = sum(int(r["acts_sent"]) for r in nodes)
    assert total_sent == sum(len(s.acts()) for s in sessions)
    # Attributes are private unless asked for (and declared analysable): none by default.
    assert not any(key.startswith("attr_") for key in nodes[0])


def test_svg_is_well_formed_and_finished(tmp_path: Path):
    path = export_group(SAMPLE, 4, "svg", tmp_path / "s.svg", lang="id").paths[0]
    root = ET.parse(path).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{ns}svg"
    texts = " ".join(el.text or "" for el in root.iter(f"{ns}text"))
    assert "Sosiogram sesi 4" in texts  # title
    assert "4 Februari 2026" in texts  # date
    assert "RAHASIA" in texts  # confidentiality mark
    assert "Cara membaca" in texts  # legend
    # Session 4: facilitator in 48 % of acts, members to each other 38 % (< 40 %): a mix (issue 10 §2).
    assert "Pola komunikasi" in texts and "Campuran" in texts  # the pattern
    assert root.find(f"{ns}title").text.startswith("Sosiogram sesi 4")
    assert len(list(root.iter(f"{ns}circle"))) >= 9  # facilitator + 8 members (+ legend)


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind, body = data[at + 4 : at + 8], data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        chunks.append((kind, body))
        at += 12 + length
    return chunks


@pytest.mark.parametrize("which", [3, "all"])
def test_png_has_the_signature_valid_chunks_and_every_row(tmp_path: Path, which):
    data = export_group(SAMPLE, which, "png", tmp_path / "s.png").paths[0].read_bytes()
    chunks = _png_chunks(data)
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (width, depth, colour) == (1400, 8, 2) and height > 800
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    assert len(raw) == height * (3 * width + 1)
    # Not a blank page: the red confidentiality mark and dark ink are there.
    pixels = {raw[i : i + 3] for row in range(0, height, 7) for i in range(row * (3 * width + 1) + 1, (row + 1) * (3 * width + 1), 3 * 5)}
    assert bytes((255, 255, 255)) in pixels and len(pixels) > 20


def test_dot_is_valid_graphviz_input(tmp_path: Path):
    path = export_group(SAMPLE, "all", "dot", tmp_path / "s.dot", lang="en").paths[0]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("// Confidential")
    assert re.search(r'^\s*"P1" -> "P2" \[', text, re.MULTILINE)
    assert 'layout="neato"' in text
    if shutil.which("dot") is None:
        pytest.skip("Graphviz not installed: .ci/run installs it with apt-get when it can; DOT checked structurally only")
    rendered = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True, timeout=60)
    assert rendered.returncode == 0, rendered.stderr
    root = ET.fromstring(rendered.stdout)
    titles = {el.text for el in root.iter("{http://www.w3.org/2000/svg}title")}
    assert "P1&#45;&gt;P2" in titles or "P1->P2" in titles


def test_dot_quotes_awkward_names_so_graphviz_still_parses_them(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    path = export_group(folder, 1, "dot", tmp_path / "n.dot", names=True, who="test").paths[0]
    text = path.read_text(encoding="utf-8")
    assert 'label="Budi \\"Bud\\" Santoso\\\\"' in text
    if shutil.which("dot") is None:
        pytest.skip("Graphviz not installed: .ci/run installs it with apt-get when it can")
    rendered = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True, timeout=60)
    assert rendered.returncode == 0, rendered.stderr
    assert "Siti Aminah" in rendered.stdout


# ── confidentiality ──────────────────────────────────────────────────────────────────────────


def _all_text(paths) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", errors="replace") for p in paths)


def _png_text_free(paths) -> bool:
    return all(p.suffix != ".png" for p in paths)


@pytest.mark.parametrize("group_name", sorted(p.name for p in SAMPLES.iterdir() if (p / "group.toml").is_file()))
def test_no_real_name_in_any_default_export_of_any_sample(tmp_path: Path, group_name: str):
    folder = SAMPLES / group_name
    names = roster_names(folder)
    numbers = [s.number for s in load_sessions(folder)]
    for which in (numbers[0], "all"):
        for fmt in FORMATS:
            if fmt == "png":
                continue  # pixels: the PNG is drawn from the same scene as the SVG checked here
            result = export_group(folder, which, fmt, tmp_path / f"{which}.{fmt}", lang="id")
            text = _all_text(result.paths)
            for name in names:
                assert name not in text, (fmt, which, name)
                for part in name.split():
                    if len(part) >= 4 and part[0].isupper():
                        assert not re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text), (fmt, which, part)


def test_notes_never_leave_the_app_even_with_names(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    for names in (False, True):
        for fmt in FORMATS:
            for which in (1, "all"):
                result = export_group(folder, which, fmt, tmp_path / f"o-{names}-{which}.{fmt}", names=names, who="t")
                text = _all_text(result.paths)
                assert "XQZ-7" not in text and "WVK-3" not in text, (fmt, which, names)


def test_names_only_for_members_who_consented_and_the_choice_is_audited(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    now = dt.datetime(2026, 3, 9, 10, 30)
    result = export_group(folder, 1, "graphml", tmp_path / "n.graphml", names=True, who="Bu Sari", now=now)
    graph = nx.read_graphml(result.paths[0])
    assert graph.nodes["A1"]["label"] == "Siti Aminah" and graph.nodes["A1"]["name"] == "Siti Aminah"
    assert graph.nodes["A3"]["label"] == "A3" and "name" not in graph.nodes["A3"]  # no consent, no name
    assert graph.graph["member_labels"] == "names"
    assert result.named == ("A1", "A2") and result.audited
    audit = load_group(folder).audit
    assert [e.action for e in audit] == ["export_with_names"]
    assert audit[0].who == "Bu Sari" and audit[0].at == now
    assert "format=graphml" in audit[0].detail and "names=2/5 (A1,A2)" in audit[0].detail
    assert str(result.paths[0].resolve()) in audit[0].detail


def test_default_export_writes_no_audit_entry(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    export_group(folder, 1, "svg", tmp_path / "c.svg")
    assert load_group(folder).audit == []


def test_names_export_refused_when_the_audit_cannot_be_written(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    out = tmp_path / "n.svg"
    with held_by_another_process(folder):  # another kelompok has the group open
        with pytest.raises(ExportError) as raised:
            export_group(folder, 1, "svg", out, names=True, who="x")
    assert raised.value.usage
    assert not out.exists()
    assert load_group(folder).audit == []


def test_files_are_private_and_written_atomically(tmp_path: Path):
    result = export_group(SAMPLE, 1, "csv", tmp_path / "deep" / "e.csv")
    for path in result.paths:
        assert path.stat().st_mode & 0o777 == 0o600
    assert not [p for p in (tmp_path / "deep").iterdir() if p.name.endswith(".tmp")]


def test_csv_cells_cannot_become_spreadsheet_formulas(tmp_path: Path):
    folder = secret_group(tmp_path / "g")
    group = load_group(folder)
    group.members[4].consent = Consent(names_in_reports=True)
    save_group(folder, group)
    result = export_group(folder, 1, "csv", tmp_path / "e.csv", names=True, who="t")
    nodes = list(csv.DictReader(result.paths[1].open(encoding="utf-8", newline="")))
    a5 = next(r for r in nodes if r["id"] == "A5")
    assert a5["label"] == "'=HYPERLINK(bad)"


def test_redaction_replaces_names_of_members_shown_by_code():
    group = make_group(4)
    group.members[0].name = "Siti Aminah"
    group.members[1].name = "Siti Rahayu"
    group.members[2].name = "Dewi Lestari"
    group.members[3].name = "Budi Santoso"
    group.facilitators = ["Dewi Anggraini"]
    pseudo = pseudonyms(group, names=False, lang="id")
    text = "Siti Aminah dan siti rahayu bicara; Budi diam, Santoso juga. Dewi memimpin. Budi pekerti baik, SANTOSO."
    redacted = pseudo.redact(text)
    assert "A1 dan A2 bicara" in redacted  # full names, any case
    assert "A4 diam, A4 juga" in redacted  # a part unique to one member
    assert "[nama] memimpin" in redacted  # "Dewi" is also the facilitator's name: neither pinned nor shown
    assert "Siti" not in redacted and "Santoso" not in redacted.replace("SANTOSO", "") and "SANTOSO" not in redacted
    named = pseudonyms(group, names=True, lang="id")  # nobody consented: still codes
    assert named.label("A1") == "A1" and named.named == ()


# ── API edges ────────────────────────────────────────────────────────────────────────────────


def test_a_missing_session_and_an_unknown_format_are_export_errors():
    group, sessions = load_group(SAMPLE), load_sessions(SAMPLE)
    with pytest.raises(ExportError) as missing:
        render_export(group, sessions, 99, "svg")
    assert not missing.value.usage
    with pytest.raises(ExportError) as unknown:
        render_export(group, sessions, 1, "bmp")
    assert unknown.value.usage


def test_parse_which():
    assert export.parse_which("3") == 3 and export.parse_which("all") == "all" and export.parse_which("Semua") == "all"
    for bad in ("0", "-1", "x", ""):
        with pytest.raises(ExportError):
            export.parse_which(bad)


def test_names_export_needs_the_group_folder_for_its_audit(tmp_path: Path):
    with pytest.raises(ValueError):
        export_session(load_group(SAMPLE), load_sessions(SAMPLE), 1, "svg", tmp_path / "x.svg", names=True)


def test_an_empty_session_still_exports_a_picture_that_says_so(tmp_path: Path):
    folder = tmp_path / "g"
    save_group(folder, make_group(3))
    save_session(folder, Session(number=1, date=dt.date(2026, 3, 2), attendance=[Attendance(member="A1", status="present")]))
    svg = export_group(folder, 1, "svg", tmp_path / "e.svg", lang="en").paths[0].read_text(encoding="utf-8")
    assert "No acts recorded." in svg
    ET.fromstring(svg.split("?>", 1)[1])
    png = export_group(folder, 1, "png", tmp_path / "e.png").paths[0].read_bytes()
    assert _png_chunks(png)[0][0] == b"IHDR"


def test_absent_members_are_nodes_with_status_absent(tmp_path: Path):
    path = export_group(SAMPLE, 4, "json", tmp_path / "a.json").paths[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    status = {n["id"]: n["status"] for n in data["nodes"]}
    session = next(s for s in load_sessions(SAMPLE) if s.number == 4)
    for entry in session.attendance:
        if entry.status in ("absent", "excused"):
            assert status[entry.member] == "absent"


# ── the rasteriser and the font ──────────────────────────────────────────────────────────────


def test_rasteriser_keeps_uniform_colours_exact_and_blends_edges():
    from kelompok.sociogram.export_png import Canvas

    canvas = Canvas(40, 20, "#ffffff", scale=3)
    canvas.rect(0, 0, 20, 20, "#2f5d8a")
    canvas.circle(30.4, 10, 5.5, fill="#000000")  # edges fall inside pixels
    rows = canvas.rgb_rows()
    assert rows[10][0:3] == bytes((47, 93, 138))  # inside the rectangle: exactly its colour
    assert rows[10][3 * 30 : 3 * 31] == bytes((0, 0, 0))  # inside the disc: exactly black
    assert rows[10][3 * 39 : 3 * 40] == bytes((255, 255, 255))  # background stays white
    column = [rows[y][3 * 30 : 3 * 31] for y in range(20)]
    greys = [p for p in column if p not in (bytes(3), bytes((255, 255, 255)))]
    assert greys and all(p[0] == p[1] == p[2] for p in greys)  # the disc's edge is anti-aliased (grey, not a colour fringe)


def test_every_printable_ascii_character_has_a_glyph():
    from kelompok.sociogram import export_font

    table = export_font.glyph_table()
    assert all(chr(c) in table for c in range(32, 127))
    assert export_font.glyphs_for("Désa “Ümi” — 5×") == 'Desa "Umi" — 5×'
    assert export_font.fold("漢") == "□"
    assert export_font.text_width("WWW", 10) > export_font.text_width("iii", 10)


def test_export_and_report_import_without_textual_and_stay_light():
    # A fresh interpreter: this process has long imported textual through other tests.
    code = (
        "import sys\nimport kelompok.sociogram.export, kelompok.report, kelompok.sociogram.export_png\n"
        "print('\\n'.join(sys.modules))"
    )
    loaded = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split())
    assert "kelompok.sociogram.export" in loaded and "kelompok.report" in loaded
    assert "textual" not in loaded and not any(name.startswith("kelompok.tui") for name in loaded)
    assert "networkx" not in loaded  # the CLI's parser imports the format list; graphs load on use
    assert "matplotlib" not in loaded and "numpy" not in loaded and "PIL" not in loaded


def test_awkward_characters_in_names_and_attributes_keep_every_file_readable(tmp_path: Path):
    folder = tmp_path / "g"
    group = make_group(3)
    group.name = "KUBE <Mawar> & \"Melati\"\nbaris dua"
    group.members[0].name = "Ani\x01 <b>Ani</b>\nbaris"
    group.members[0].consent = Consent(names_in_reports=True)
    group.members[1].attributes = {"catatan": "a\x02b & <c>"}
    group.analysable_attributes = ["catatan"]
    save_group(folder, group)
    save_session(folder, make_session(1, acts=12))
    for fmt in ("svg", "graphml", "gexf", "dot"):
        path = export_group(folder, 1, fmt, tmp_path / f"x.{fmt}", names=True, who="t", attributes=["catatan"]).paths[0]
        if fmt == "dot":
            if shutil.which("dot"):
                assert subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, timeout=60).returncode == 0
            assert "\x01" not in path.read_text(encoding="utf-8")
        else:
            ET.parse(path)  # well-formed XML: no control characters, everything escaped
    graph = nx.read_graphml(tmp_path / "x.graphml")
    assert graph.nodes["A1"]["label"] == "Ani <b>Ani</b> baris"
    assert graph.nodes["A2"]["attr_catatan"] == "ab & <c>"
