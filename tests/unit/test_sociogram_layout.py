"""Seating-circle layout: stable places, facilitator at the top or in the centre."""

from __future__ import annotations

import math

import pytest

from kelompok.sessions.models import Group, Member
from kelompok.sociogram.layout import fit, graph_positions, seat_positions


def group(codes, seating=()):
    return Group(name="g", type="task", members=[Member(code=c, name=c) for c in codes], seating=list(seating))


def test_facilitator_on_top_and_members_clockwise():
    # Four seats: facilitator at 12 o'clock, then A at 3, B at 6, C at 9 (y grows downwards).
    places = seat_positions(["A", "B", "C"])
    assert places["facilitator"] == (0.0, -1.0)
    assert places["A"] == pytest.approx((1.0, 0.0))
    assert places["B"] == pytest.approx((0.0, 1.0))
    assert places["C"] == pytest.approx((-1.0, 0.0))


def test_facilitator_in_the_centre():
    places = seat_positions(["A", "B"], facilitator="centre", radius=2)
    assert places["facilitator"] == (0.0, 0.0)
    assert places["A"] == pytest.approx((0.0, -2.0))
    assert places["B"] == pytest.approx((0.0, 2.0))
    assert all(math.hypot(*places[c]) == pytest.approx(2) for c in "AB")


def test_seat_order_comes_from_the_group_and_stays_put():
    g = group(["A1", "A2", "A3"], seating=["A3", "A1"])  # A2 not seated: follows in roster order
    assert list(seat_positions(g)) == ["facilitator", "A3", "A1", "A2"]
    assert seat_positions(g) == seat_positions(g)
    # A session's graph with only some members keeps the same places for them.
    subset = graph_positions(["facilitator", "A2"], g)
    assert subset["A2"] == seat_positions(g)["A2"]


def test_unknown_nodes_go_on_an_inner_ring():
    places = graph_positions(["facilitator", "A1", "Z9"], ["A1", "A2"])
    assert math.hypot(*places["Z9"]) == pytest.approx(0.5)


def test_fit_maps_to_cells_inside_the_canvas():
    cells = fit(seat_positions(["A", "B", "C"]), width=41, height=21)
    assert cells["facilitator"] == (20, 1)  # top centre, inside the margin
    assert cells["B"] == (20, 19)
    cols = [c for c, _ in cells.values()]
    rows = [r for _, r in cells.values()]
    assert min(cols) >= 1 and max(cols) <= 39 and min(rows) >= 1 and max(rows) <= 19
    # Terminal cells are twice as tall as wide: the circle is twice as wide in columns.
    assert cells["A"][0] - cells["C"][0] == pytest.approx(2 * (cells["B"][1] - cells["facilitator"][1]), abs=1)
