"""Stable node positions: the seating circle, so a member keeps their place in every sociogram.

Positions come from the group's whole roster in seating order (`Group.seat_order()`), not from
who came to a session: an absent member's seat stays empty instead of everyone shifting round,
which is what lets a facilitator compare session 2 with session 7 at a glance.

Coordinates are screen-like: x to the right, y *down*, the circle of radius 1 centred on (0, 0),
so the top of the circle is (0, −1). Members go clockwise from the top. Pure math, no numpy
(networkx's own layouts need numpy and move nodes between sessions).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Literal

from kelompok.sociogram.acts import FACILITATOR, code_key

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Group

Point = tuple[float, float]


def seat_positions(
    seating: Group | Sequence[str],
    facilitator: Literal["top", "centre"] = "top",
    radius: float = 1.0,
) -> dict[str, Point]:
    """Positions of the facilitator and every member of the roster on the seating circle.

    `seating` is a `Group` (its `seat_order()` is used) or member codes in seating order.
    With `facilitator="top"` the facilitator takes the top seat and members share the rest of
    the circle clockwise; with "centre" the facilitator sits at (0, 0) and the first member
    takes the top seat.
    """
    codes = list(seating.seat_order()) if hasattr(seating, "seat_order") else list(seating)  # type: ignore[union-attr]
    if facilitator not in ("top", "centre"):
        raise ValueError("facilitator must be 'top' or 'centre'")
    ring = [FACILITATOR, *codes] if facilitator == "top" else codes
    positions: dict[str, Point] = {}
    if facilitator == "centre":
        positions[FACILITATOR] = (0.0, 0.0)
    count = len(ring)
    for index, code in enumerate(ring):
        angle = 2 * math.pi * index / count  # clockwise from the top
        positions[code] = (_clean(radius * math.sin(angle)), _clean(-radius * math.cos(angle)))
    return positions


def graph_positions(
    nodes: Iterable[str],
    seating: Group | Sequence[str],
    facilitator: Literal["top", "centre"] = "top",
    radius: float = 1.0,
) -> dict[str, Point]:
    """Positions for the nodes of a graph: roster seats, plus an inner ring for nodes the roster
    does not know (a code in an old session of a member since removed), in natural code order."""
    seats = seat_positions(seating, facilitator, radius)
    nodes = list(nodes)
    strangers = sorted((n for n in nodes if n not in seats), key=code_key)
    inner = seat_positions(strangers, "centre", radius * 0.5) if strangers else {}
    return {n: seats[n] if n in seats else inner[n] for n in nodes}


def fit(
    positions: Mapping[str, Point], width: int, height: int, margin: int = 1, aspect: float = 2.0
) -> dict[str, tuple[int, int]]:
    """Map unit-circle positions to (column, row) cells of a `width` × `height` canvas.

    `aspect` is how many columns make the width of one row (terminal cells are about twice as
    tall as wide), so the circle looks round. Cells are clamped inside the margin.
    """
    usable_w = max(width - 2 * margin - 1, 0)
    usable_h = max(height - 2 * margin - 1, 0)
    # The circle's radius in rows, limited by both dimensions.
    radius_rows = min(usable_h / 2, usable_w / (2 * aspect))
    centre_x = margin + usable_w / 2
    centre_y = margin + usable_h / 2
    cells = {}
    for code, (x, y) in positions.items():
        col = round(centre_x + x * radius_rows * aspect)
        row = round(centre_y + y * radius_rows)
        cells[code] = (min(max(col, margin), width - margin - 1), min(max(row, margin), height - margin - 1))
    return cells


def _clean(value: float) -> float:
    # sin(π) is 1.2e-16, not 0: round away float dust so positions compare equal across runs.
    return round(value, 12) + 0.0
