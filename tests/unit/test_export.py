"""Sociogram exports, read back by independent readers, and checked for what must never leave the app.

Readers: networkx for GraphML, GEXF and node-link JSON; the csv module for the edge list and node
table; xml.etree for SVG and GEXF; PNG decoded by `tests/pngread.py` (its pixels);
Graphviz's own `dot` for DOT (skipped only when `dot` is not installed: `apt-get install graphviz`).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from kelompok.sessions.models import Attendance, Consent, Event, Session
from kelompok.sessions.store import load_group, load_sessions, save_group, save_session
from kelompok.outputs import export
from kelompok.outputs import OutputError
from kelompok.outputs.export import FORMATS, export_group, export_session, render_export
from kelompok.outputs.privacy import pseudonyms
from tests.conftest import SAMPLES, held_by_another_process, make_group, make_session
from tests.pngread import chunks, decode_png

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
    meta = ET.parse(path).getroot().find("{http://gexf.net/1.3}meta")
    assert "Rahasia" in meta.find("{http://gexf.net/1.3}description").text
    assert "Rahasia" in meta.find("{http://gexf.net/1.3}keywords").text


def test_gexf_for_all_sessions_is_dynamic_with_one_slice_per_session(tmp_path: Path):
    path = export_group(SAMPLE, "all", "gexf", tmp_path / "all.gexf", lang="en").paths[0]
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "dynamic"
    root = ET.parse(path).getroot()
    assert root.get("version") == "1.3"
    assert root.find("{http://gexf.net/1.3}graph").get("timeformat") == "integer"
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
    return chunks(data)


@pytest.mark.parametrize("which", [3, "all"])
def test_png_is_the_svg_drawn_with_real_type_and_the_red_mark(tmp_path: Path, which):
    # Issue 12: the PNG test decodes the pixels and finds the red confidentiality mark and dark text.
    data = export_group(SAMPLE, which, "png", tmp_path / "s.png", lang="id").paths[0].read_bytes()
    svg = ET.fromstring(export_group(SAMPLE, which, "svg", tmp_path / "s.svg", lang="id").paths[0].read_bytes())
    width, height, rows = decode_png(data, max_rows=110)
    assert (width, height) == (int(svg.get("width")), int(svg.get("height"))) == (1400, height)  # the same picture
    assert height > 800
    # The "RAHASIA" badge: a red box at the top right (#b3261e), with white type on it.
    badge = [rows[y][x] for y in range(32, 59) for x in range(1260, 1362)]
    red = [p for p in badge if abs(p[0] - 0xB3) < 12 and abs(p[1] - 0x26) < 12 and abs(p[2] - 0x1E) < 12]
    white = [p for p in badge if min(p) > 235]
    assert len(red) > len(badge) // 2 and len(white) > 40
    # The title, in dark ink (#1f2a33) at the top left: real glyphs, not an empty strip.
    title = [rows[y][x] for y in range(36, 64) for x in range(36, 500)]
    dark = [p for p in title if max(p) < 80]
    assert len(dark) > 500
    assert all(min(p) > 240 for p in rows[4][:200])  # the margin stays white


def test_text_is_measured_with_the_font_the_png_draws():
    from kelompok.outputs.fontmetrics import FONT_FILES, font_metrics, read_metrics, text_width

    assert all(path.is_file() for path in FONT_FILES.values())
    assert (FONT_FILES[False].parent / "LICENSE-DejaVu.txt").is_file()
    regular = read_metrics(FONT_FILES[False])
    assert regular.units_per_em == 2048
    assert text_width("WWW", 10) > text_width("iii", 10) > 0
    assert text_width("Ani", 20) == 2 * text_width("Ani", 10)
    assert text_width("Ani", 10, bold=True) > text_width("Ani", 10)
    # Beyond ASCII, real glyphs with their own widths (the stroke font drew "□" for these).
    for ch in "éŁЖΩ“—":
        assert ord(ch) in font_metrics().glyphs, ch
    assert text_width("漢", 10) == font_metrics().advances[0] * 10 / 2048  # a missing glyph is .notdef, not an error


def test_png_export_says_clearly_when_resvg_is_missing(tmp_path: Path):
    code = (
        "import sys; sys.modules['resvg_py'] = None\n"
        "from kelompok.i18n import set_language; set_language('en')\n"
        "from kelompok.outputs.export import export_group\n"
        "from kelompok.outputs import OutputError\n"
        "from pathlib import Path\n"
        f"try:\n    export_group(Path({str(SAMPLE)!r}), 1, 'png', Path({str(tmp_path / 'x.png')!r}))\n"
        "except OutputError as e:\n    print('REFUSED', e, e.usage)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "REFUSED PNG needs resvg-py" in out.stdout and "SVG" in out.stdout
    assert not (tmp_path / "x.png").exists()


def test_dot_is_valid_graphviz_input(tmp_path: Path):
    path = export_group(SAMPLE, "all", "dot", tmp_path / "s.dot", lang="en").paths[0]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("// Confidential")
    assert re.search(r'^\s*"P1" -> "P2" \[', text, re.MULTILINE)
    assert 'layout="neato"' in text
    if shutil.which("dot") is None:
        pytest.skip(
            "Graphviz not installed: .ci/run installs it with apt-get when it can; DOT checked structurally only"
        )
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
        with pytest.raises(OutputError) as raised:
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
    with pytest.raises(OutputError) as missing:
        render_export(group, sessions, 99, "svg")
    assert not missing.value.usage
    with pytest.raises(OutputError) as unknown:
        render_export(group, sessions, 1, "bmp")
    assert unknown.value.usage


def test_parse_which():
    assert export.parse_which("3") == 3 and export.parse_which("all") == "all" and export.parse_which("Semua") == "all"
    for bad in ("0", "-1", "x", ""):
        with pytest.raises(OutputError):
            export.parse_which(bad)


def test_names_export_needs_the_group_folder_for_its_audit(tmp_path: Path):
    with pytest.raises(ValueError):
        export_session(load_group(SAMPLE), load_sessions(SAMPLE), 1, "svg", tmp_path / "x.svg", names=True)


def test_an_empty_session_still_exports_a_picture_that_says_so(tmp_path: Path):
    folder = tmp_path / "g"
    save_group(folder, make_group(3))
    save_session(
        folder, Session(number=1, date=dt.date(2026, 3, 2), attendance=[Attendance(member="A1", status="present")])
    )
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


# ── imports ─────────────────────────────────────────────────────────────────────────────────


def test_export_and_report_import_without_textual_and_stay_light():
    # A fresh interpreter: this process has long imported textual through other tests.
    code = "import sys\nimport kelompok.outputs.export, kelompok.outputs.report, kelompok.outputs.scene\nprint('\\n'.join(sys.modules))"
    loaded = set(
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout.split()
    )
    assert "kelompok.outputs.export" in loaded and "kelompok.outputs.report" in loaded
    assert "textual" not in loaded and not any(name.startswith("kelompok.tui") for name in loaded)
    assert "networkx" not in loaded  # the CLI's parser imports the format list; graphs load on use
    assert "jinja2" not in loaded and "resvg_py" not in loaded  # loaded when a report or a PNG is made
    assert "matplotlib" not in loaded and "numpy" not in loaded and "PIL" not in loaded


def test_awkward_characters_in_names_and_attributes_keep_every_file_readable(tmp_path: Path):
    folder = tmp_path / "g"
    group = make_group(3)
    group.name = 'KUBE <Mawar> & "Melati"\nbaris dua'
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


def test_png_from_a_worker_thread_is_drawn_in_a_child_and_is_the_same_picture(tmp_path: Path, monkeypatch):
    # resvg holds the GIL for the whole render: from an app's thread worker it runs in a child
    # interpreter so the screen keeps drawing; the bytes are the same as in-process.
    import subprocess as real_subprocess
    import threading

    from kelompok.outputs import scene

    children = []
    run = real_subprocess.run

    def recording_run(args, **kwargs):
        children.append(args)
        return run(args, **kwargs)

    monkeypatch.setattr(scene.subprocess, "run", recording_run)
    in_process = export_group(SAMPLE, 4, "png", tmp_path / "main.png", lang="en").paths[0].read_bytes()
    assert children == []
    worker = threading.Thread(
        target=export_group, args=(SAMPLE, 4, "png", tmp_path / "worker.png"), kwargs={"lang": "en"}
    )
    worker.start()
    worker.join(timeout=60)
    assert len(children) == 1 and children[0][0] == sys.executable
    assert (tmp_path / "worker.png").read_bytes() == in_process
