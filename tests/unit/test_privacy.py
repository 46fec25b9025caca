"""Confidentiality of what leaves the group folder (issue 11).

The heart of it, on every sample group: a default export (every format), the report (HTML and
Markdown) and `stats --json` hold no private attribute value, no real name and no note text.

Private attributes and note text are tested *differentially*: the outputs of a sample are compared
with the outputs of the same sample with every private attribute value and every note text
replaced. Identical outputs prove that nothing of them went out, whatever the words are (a grep
for "ya" or "SD" would prove nothing). Names are searched for directly: full names and nicknames
(any case, whole words) and the capitalised name parts that no facilitator or supervisor shares.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from kelompok.outputs.report import build_report
from kelompok.sessions.models import Group, Session
from kelompok.sessions.store import load_group, load_sessions
from kelompok.outputs import OutputError
from kelompok.outputs.export import FORMATS, render_export
from kelompok.sociogram.stats import compute_stats

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "sample_groups"
SAMPLE_DIRS = sorted(p.name for p in SAMPLES.iterdir() if (p / "group.toml").is_file())
TODAY = dt.date(2026, 6, 1)
# PNG is the SVG picture rasterised: pixels cannot be searched for words, so its content is
# covered through the SVG it is drawn from; it is still rendered (and compared) below.
TEXT_FORMATS = tuple(f for f in FORMATS if f != "png")


def _outputs(group: Group, sessions: list[Session], formats=FORMATS) -> dict[str, bytes]:
    """Every default output: each export format for session 1 and the series, both reports."""
    out: dict[str, bytes] = {}
    for fmt in formats:
        for which in (1, "all"):
            for suffix, data in render_export(group, sessions, which, fmt, lang="id", today=TODAY).items():
                out[f"{fmt}:{which}{suffix}"] = data
    for fmt in ("html", "md"):
        out[f"report.{fmt}"] = build_report(group, sessions, fmt=fmt, lang="id", today=TODAY).encode()
    return out


def _private_values_replaced(group: Group) -> Group:
    changed = group.model_copy(deep=True)
    for member in changed.members:
        member.attributes = {
            k: (v if changed.is_analysable(k) else f"RAHASIA-{k}-{member.code}") for k, v in member.attributes.items()
        }
    return changed


def _notes_replaced(sessions: list[Session]) -> list[Session]:
    changed = [s.model_copy(deep=True) for s in sessions]
    for session in changed:
        session.notes = "catatan lain" if session.notes else ""
        for event in session.events:
            if event.note:
                event.note = f"catatan lain {event.seq}"
            if event.follow_up is not None:
                event.follow_up.closing_note = "lain" if event.follow_up.closing_note else ""
        for entry in session.attendance:
            entry.reason = "alasan lain" if entry.reason else ""
            if entry.follow_up is not None:
                entry.follow_up.closing_note = "lain" if entry.follow_up.closing_note else ""
        for amendment in session.review.amendments:
            amendment.before, amendment.after = "sebelum", "sesudah"
    return changed


@pytest.mark.parametrize("folder", SAMPLE_DIRS)
def test_default_outputs_hold_no_private_attribute_and_no_note_text(folder: str) -> None:
    group = load_group(SAMPLES / folder)
    sessions = load_sessions(SAMPLES / folder)
    private = {k for m in group.members for k in m.attributes if not group.is_analysable(k)}
    assert _outputs(group, sessions) == _outputs(_private_values_replaced(group), sessions), (
        "a private attribute value went out"
    )
    assert _outputs(group, sessions) == _outputs(group, _notes_replaced(sessions)), "note text went out"
    # and not even the private attribute's name (a node attribute `attr_anak` says what is kept)
    text = b"\n".join(_outputs(group, sessions, TEXT_FORMATS).values()).decode()
    for key in private:
        assert f"attr_{key}" not in text and f"{key}:" not in text


def _name_patterns(group: Group, staff: set[str]) -> list[re.Pattern[str]]:
    patterns = []
    for member in group.members:
        for phrase in [member.name, *member.nicknames]:
            patterns.append(
                re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, phrase.split())) + r"(?!\w)", re.IGNORECASE)
            )
        for part in re.findall(r"\w{3,}", member.name):
            if part.capitalize() not in staff:
                patterns.append(re.compile(r"(?<!\w)" + re.escape(part.capitalize()) + r"(?!\w)"))
    return patterns


@pytest.mark.parametrize("folder", SAMPLE_DIRS)
def test_default_outputs_hold_no_real_name(folder: str) -> None:
    group = load_group(SAMPLES / folder)
    sessions = load_sessions(SAMPLES / folder)
    staff_names = [*group.facilitators, *(c.author for s in sessions for c in s.review.comments)]
    staff = {part.capitalize() for name in staff_names for part in re.findall(r"\w{3,}", name)}
    texts = {key: data.decode() for key, data in _outputs(group, sessions, TEXT_FORMATS).items()}
    texts["stats.json"] = json.dumps(compute_stats(SAMPLES / folder), ensure_ascii=False)
    for key, text in texts.items():
        for pattern in _name_patterns(group, staff):
            assert not pattern.search(text), f"{key}: {pattern.pattern} found"


@pytest.mark.parametrize("folder", SAMPLE_DIRS)
def test_stats_json_holds_no_private_attribute_name_or_note(folder: str) -> None:
    group = load_group(SAMPLES / folder)
    text = json.dumps(compute_stats(SAMPLES / folder), ensure_ascii=False)
    # Analysable attributes may show as equity figures (issue 10 §8); private ones never.
    private = {k for m in group.members for k in m.attributes if not group.is_analysable(k)}
    values = {v for m in group.members for k, v in m.attributes.items() if k in private and len(v) >= 4}
    analysable_values = {v for m in group.members for k, v in m.attributes.items() if group.is_analysable(k)}
    values -= analysable_values  # a value shared with an analysable attribute proves nothing
    assert not any(f'"{v}"' in text for v in values)
    assert not any(f'"{k}"' in text for k in private)
    assert not any(m.name in text for m in group.members)
    notes = [s.notes for s in load_sessions(SAMPLES / folder) if s.notes]
    assert notes and not any(n[:30] in text for n in notes)


def test_analysable_attributes_go_out_only_when_asked() -> None:
    group = load_group(SAMPLES / "musyawarah-banjir-rw09")
    sessions = load_sessions(SAMPLES / "musyawarah-banjir-rw09")
    default = render_export(group, sessions, 1, "csv", today=TODAY)[".nodes.csv"].decode()
    asked = render_export(group, sessions, 1, "csv", today=TODAY, attributes=["rt"])[".nodes.csv"].decode()
    assert "attr_rt" not in default and "RT 02" not in default
    header, first_member = asked.splitlines()[0].split(","), asked.splitlines()[2].split(",")
    assert header[-1] == "attr_rt" and first_member[-1] in ("RT 02", "RT 04")


def test_a_private_attribute_is_refused_even_when_asked() -> None:
    group = load_group(SAMPLES / "kube-sejahtera-mawar")
    sessions = load_sessions(SAMPLES / "kube-sejahtera-mawar")
    group.members[0].attributes["catatan"] = "rahasia"
    with pytest.raises(OutputError) as caught:
        render_export(group, sessions, 1, "json", today=TODAY, attributes=["dusun", "catatan"])
    assert caught.value.usage and "catatan" in str(caught.value)


def test_a_group_file_without_the_declaration_keeps_every_attribute_private(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(SAMPLES / "musyawarah-banjir-rw09", folder)
    path = folder / "group.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    del data["analysable_attributes"]  # a file written before the declaration existed
    path.write_bytes(tomli_w.dumps(data).encode())
    group = load_group(folder)
    assert group.analysable_attributes == []
    with pytest.raises(OutputError):
        render_export(group, load_sessions(folder), 1, "csv", today=TODAY, attributes=["rt"])


# ── names in free text ─────────────────────────────────────────────────────────────────────────


def test_nicknames_full_names_and_first_names_become_codes() -> None:
    from kelompok.sessions.models import Member
    from kelompok.sessions.names import name_rules, substitute

    painem = Member(code="A6", name="Painem Wulandari", nicknames=["Mbok Nem"])
    siti_a = Member(code="A1", name="Siti Aminah")
    siti_r = Member(code="A2", name="Siti Rahayu")
    rules = name_rules([painem, siti_a, siti_r], staff=["Dewi Lestari"], placeholder="[nama]")
    text = "Bu Painem tampak kesal; mbok nem pulang awal. PAINEM WULANDARI hadir. Siti Aminah dan Siti bicara; Rahayu diam; Bu Dewi menengahi."
    assert (
        substitute(text, rules)
        == "Bu A6 tampak kesal; A6 pulang awal. A6 hadir. A1 dan [nama] bicara; A2 diam; Bu Dewi menengahi."
    )


# ── CSV cells a spreadsheet would run ───────────────────────────────────────────────────────────


def test_hostile_csv_cells_come_out_neutralised(tmp_path: Path) -> None:
    import csv
    import io

    group = load_group(SAMPLES / "kube-sejahtera-mawar")
    sessions = load_sessions(SAMPLES / "kube-sejahtera-mawar")
    group = group.model_copy(deep=True)
    group.analysable_attributes = [*group.analysable_attributes, "catatan"]
    hostile = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
    for member, value in zip(group.members, hostile):
        member.attributes["catatan"] = value
    nodes = render_export(group, sessions, "all", "csv", today=TODAY, attributes=["catatan"])[".nodes.csv"].decode()
    cells = [row["attr_catatan"] for row in csv.DictReader(io.StringIO(nodes, newline=""))]
    for value in hostile:
        assert "'" + value in cells
    assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in cells)


def test_roster_import_refuses_a_formula_code(tmp_path: Path) -> None:
    from kelompok import i18n
    from kelompok.sessions.csv_import import read_roster
    from kelompok.sessions.fileio import DataError

    i18n.set_language("en")
    path = tmp_path / "roster.csv"
    path.write_text("code,name\nA1,Ani\n\"=cmd|' /C calc'!A0\",Budi\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_roster(path)
    assert "line 3" in str(caught.value) and "formula" in str(caught.value)


def test_copy_is_unchanged() -> None:
    # guard: the differential tests above must not have touched the committed samples
    group = load_group(SAMPLES / "ruang-pulih-perempuan")
    assert copy.deepcopy(group) == group
    assert all("tinggal" not in m.attributes for m in group.members)


def test_the_printed_plan_replaces_names_in_its_free_text() -> None:
    from kelompok.outputs.plan import render_plan_markdown

    group = load_group(SAMPLES / "kube-sejahtera-mawar")
    session = load_sessions(SAMPLES / "kube-sejahtera-mawar")[0].model_copy(deep=True)
    painem = next(m for m in group.members if m.name == "Painem")
    session.plan.objectives[0].text = "Bu Painem menyebut dua harga bahan"
    session.plan.risks[0].mitigation = "Ajak painem duduk di depan"
    text = render_plan_markdown(group, session, "id")
    assert "Painem" not in text and "painem" not in text.lower()
    assert f"Bu {painem.code} menyebut dua harga bahan" in text
    assert all(f in text for f in group.facilitators)  # staff names stay
