"""Drawing a sociogram into character cells: seats, glyphs, line weights, arrowheads, labels.

Pure tests of `sociogram_picture` (analysis → picture) and `sociogram_raster` (picture → cells);
the screen tests drive the same code through the app.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kelompok.sessions.store import load_group, session_path
from kelompok.sociogram.acts import Act, SessionActs
from kelompok.sociogram.analysis import analyse
from kelompok.sociogram.acts import read_session_acts
from kelompok.tui.widgets.sociogram_picture import ABSENT_GLYPH, FACILITATOR_GLYPH, SILENT_GLYPH, build_picture, level
from kelompok.tui.widgets.sociogram_raster import (
    ARROWS,
    HEAVY,
    LIGHT,
    NORMAL,
    EdgeMark,
    NodeMark,
    Picture,
    arrow,
    rasterise,
)

KUBE = Path(__file__).resolve().parents[2] / "sample_groups" / "kube-sejahtera-mawar"
SEATING = ["A1", "A2", "A3", "A4", "A5"]


def session(
    acts: list[tuple[str, str]], present: tuple[str, ...] = ("A1", "A2", "A3", "A4"), absent: tuple[str, ...] = ("A5",)
) -> SessionActs:
    return SessionActs(
        1,
        dt.date(2026, 3, 2),
        present,
        tuple(Act(i + 1, 10.0 * i, a, b) for i, (a, b) in enumerate(acts)),
        absent=absent,
    )


def two_people(forward: int, backward: int, level_: int = NORMAL) -> str:
    """The row of two people sitting opposite each other, left and right."""
    picture = Picture(
        (NodeMark("a", "●", "A", "member-2"), NodeMark("b", "●", "B", "member-2")),
        (EdgeMark("a", "b", forward, backward, level_, f"edge-{level_}"),),
        {"a": (-1.0, 0.0), "b": (1.0, 0.0)},
    )
    return next(line for line in rasterise(picture, 40, 11).lines() if "●A" in line)


def test_an_edge_points_at_the_person_addressed() -> None:
    row = two_people(3, 0)
    assert row.strip().startswith("●A") and row.strip().endswith("→●B")
    assert "─" in row and "←" not in row


def test_talk_both_ways_has_arrowheads_at_both_ends() -> None:
    row = two_people(2, 5).strip()
    assert row.startswith("●A←") and row.endswith("→●B")


@pytest.mark.parametrize("grade, stroke", [(LIGHT, "·"), (NORMAL, "─"), (HEAVY, "━")])
def test_line_style_shows_the_weight_class(grade: int, stroke: str) -> None:
    row = two_people(1, 1, grade)
    assert stroke * 5 in row


@pytest.mark.parametrize(
    "dc, dr, expected",
    [(1, 0, "→"), (-1, 0, "←"), (0, 1, "↓"), (0, -1, "↑"), (2, 1, "↘"), (-2, -1, "↖"), (2, -1, "↗"), (-2, 1, "↙")],
)
def test_arrowheads_follow_the_direction_as_the_eye_sees_it(dc: int, dr: int, expected: str) -> None:
    # A row is about two columns tall: (2, 1) is a 45° step on screen.
    assert arrow(dc, dr) == expected and expected in ARROWS


def test_weight_classes_are_thirds_of_the_busiest() -> None:
    assert [level(v, 9) for v in (0, 1, 3, 4, 6, 7, 9)] == [0, LIGHT, LIGHT, NORMAL, NORMAL, HEAVY, HEAVY]


def test_absent_and_silent_members_are_drawn_differently() -> None:
    # A3 is present and says nothing; A5 was absent.
    data = session([("facilitator", "A1"), ("A1", "facilitator"), ("A2", "A1"), ("A4", "group")])
    picture = build_picture(analyse(data, SEATING), SEATING)
    glyphs = {n.code: n.glyph for n in picture.nodes}
    assert glyphs["facilitator"] == FACILITATOR_GLYPH
    assert glyphs["A3"] == SILENT_GLYPH and glyphs["A5"] == ABSENT_GLYPH
    assert glyphs["A1"] != glyphs["A3"]
    styles = {n.code: n.style for n in picture.nodes}
    assert styles["A3"] == "silent" and styles["A5"] == "absent"
    text = "\n".join(rasterise(picture, 40, 15).lines())
    assert f"{SILENT_GLYPH}A3" in text and f"{ABSENT_GLYPH}A5" in text


def test_acts_to_the_whole_group_count_towards_the_speaker_not_a_node() -> None:
    data = session([("A4", "group")] * 6 + [("A1", "A2")])
    picture = build_picture(analyse(data, SEATING), SEATING, counts=True)
    assert "group" not in {n.code for n in picture.nodes}
    label = {n.code: n.label for n in picture.nodes}
    assert label["A4"] == "A4 6" and label["A1"] == "A1 1"
    assert {(e.a, e.b) for e in picture.edges} == {("A1", "A2")}


def test_a_member_keeps_their_seat_in_every_session() -> None:
    seating = load_group(KUBE).seat_order()
    pictures = [build_picture(analyse(read_session_acts(session_path(KUBE, n)), seating), seating) for n in (1, 2, 5)]
    # A8 was absent from session 2 and A3 had left by session 5: their seats stay, nobody moves up.
    for picture in pictures[1:]:
        assert picture.positions == pictures[0].positions
    raster = [rasterise(p, 60, 20) for p in pictures]
    assert raster[0].boxes["A1"] == raster[1].boxes["A1"] == raster[2].boxes["A1"]
    assert {n.code: n.glyph for n in pictures[1].nodes}["A8"] == ABSENT_GLYPH


def test_without_the_facilitator_their_seat_stays_empty_and_their_lines_go() -> None:
    data = session([("facilitator", "A1"), ("A1", "facilitator"), ("A2", "A1"), ("A1", "A2")])
    analysis = analyse(data, SEATING)
    picture = build_picture(analysis, SEATING, with_facilitator=False)
    facilitator = next(n for n in picture.nodes if n.code == "facilitator")
    assert facilitator.style == "hidden"
    assert all("facilitator" not in (e.a, e.b) for e in picture.edges)
    assert build_picture(analysis, SEATING).edges != picture.edges


def test_a_selected_member_lights_up_their_lines_and_dims_the_rest() -> None:
    data = session([("facilitator", "A1"), ("A2", "A1"), ("A3", "A4")])
    picture = build_picture(analyse(data, SEATING), SEATING, selected="A1")
    styles = {(e.a, e.b): e.style for e in picture.edges}
    assert styles[("facilitator", "A1")] == styles[("A1", "A2")] == "edge-selected"
    assert styles[("A3", "A4")] == "edge-dim"
    assert {n.code: n.label_style for n in picture.nodes}["A1"] == "selected"


def test_names_only_when_asked() -> None:
    data = session([("A1", "A2")])
    names = {"A1": "A1 Siti", "A2": "A2 Budi"}
    coded = build_picture(analyse(data, SEATING), SEATING)
    named = build_picture(analyse(data, SEATING), SEATING, who=lambda code: names.get(code, code))
    assert "Siti" not in " ".join(n.label for n in coded.nodes)
    assert {n.code: n.label for n in named.nodes}["A1"] == "A1 Siti"


@pytest.mark.parametrize("size", [(24, 8), (42, 17), (60, 20), (80, 30), (156, 38)])
def test_labels_stay_inside_the_canvas_and_apart_and_lines_never_cut_them(size: tuple[int, int]) -> None:
    seating = load_group(KUBE).seat_order()
    width, height = size
    picture = build_picture(analyse(read_session_acts(session_path(KUBE, 3)), seating), seating, counts=width >= 60)
    raster = rasterise(picture, width, height)
    lines = raster.lines()
    assert len(lines) == height and all(len(line) == width for line in lines)
    spans: dict[int, list[tuple[int, int]]] = {}
    for code, (row, first, last) in raster.boxes.items():
        assert 0 <= first <= last < width and 0 <= row < height, code
        for other in spans.get(row, []):
            assert last < other[0] or first > other[1], (code, row)
        spans.setdefault(row, []).append((first, last))
        node = next(n for n in picture.nodes if n.code == code)
        shown = lines[row][first : last + 1]
        assert shown.startswith(node.glyph) and (node.short or code) in shown


def test_rows_are_runs_of_one_style() -> None:
    raster = rasterise(Picture((NodeMark("a", "◆", "F", "facilitator"),), (), {"a": (0.0, 0.0)}), 9, 1)
    assert raster.runs(0) == (("   ", None), ("◆", "facilitator"), ("F", "label"), ("    ", None))
    assert raster.style_at(3, 0) == "facilitator" and raster.style_at(0, 0) is None


def test_an_empty_picture_is_blank() -> None:
    assert rasterise(Picture((), (), {}), 5, 2).lines() == ["     ", "     "]
