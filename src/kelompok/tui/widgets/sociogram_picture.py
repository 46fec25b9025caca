"""From an analysed session or window to the `Picture` the canvas draws. No Textual here.

Decisions the picture encodes (docs/ARCHITECTURE.md, "Confidentiality and care"):

* every member of the roster keeps their seat (`layout.graph_positions`), present or not; a member
  not in the session is drawn as absent (◌), a present member who said nothing as silent (○) —
  absence is never shown as silence;
* a node's glyph grows with what the person said (to anyone, including the whole group), relative
  to the most talkative member in view: • ● ●(bold);
* the facilitator is a node (◆); "without the facilitator" keeps their seat as an empty ◇ and drops
  their lines, so the members' own network shows;
* acts to the whole group are not a node: they count towards the speaker's size;
* one line per pair, its weight class from the acts both ways relative to the busiest pair in view.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from kelompok.sociogram.acts import FACILITATOR, code_key
from kelompok.sociogram.layout import graph_positions
from kelompok.tui.widgets.sociogram_raster import HEAVY, LIGHT, NORMAL, EdgeMark, NodeMark, Picture

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sociogram.analysis import Analysis

FACILITATOR_GLYPH = "◆"
HIDDEN_FACILITATOR_GLYPH = "◇"
ABSENT_GLYPH = "◌"
SILENT_GLYPH = "○"
SPEAKER_GLYPHS = {1: "•", 2: "●", 3: "●"}
"""Glyph by participation level (1 little … 3 much); level 3 is also drawn bold."""


def level(value: int, most: int) -> int:
    """0 for nothing; else 1, 2 or 3 by thirds of `most` (the largest value in view)."""
    if value <= 0 or most <= 0:
        return 0
    share = value / most
    return LIGHT if share <= 1 / 3 else NORMAL if share <= 2 / 3 else HEAVY


def build_picture(
    analysis: Analysis,
    seating: Sequence[str],
    *,
    with_facilitator: bool = True,
    selected: str | None = None,
    who: Callable[[str], str] = str,
    counts: bool = False,
    facilitator_label: str = "F",
) -> Picture:
    """The picture of one analysed session or window.

    `seating` is the whole roster in seat order; `who` turns a code into its label (code, or code
    and name); `counts` adds what each person said to their label; `selected` highlights one
    member and their lines.
    """
    full = analysis.graph
    graph = full if with_facilitator else analysis.members_graph
    strangers = sorted((n for n in full if n != FACILITATOR and n not in seating), key=code_key)
    codes = [FACILITATOR, *seating, *strangers]
    positions = graph_positions(codes, list(seating))
    place = {code: i for i, code in enumerate(codes)}

    sent = {n: full.out_degree(n, weight="weight") + data["to_group"] for n, data in full.nodes(data=True)}
    most = max((v for n, v in sent.items() if n != FACILITATOR), default=0)

    def label(code: str, text: str) -> str:
        return f"{text} {sent[code]}" if counts and code in sent else text

    nodes = []
    if with_facilitator:
        nodes.append(
            NodeMark(
                FACILITATOR,
                FACILITATOR_GLYPH,
                label(FACILITATOR, facilitator_label),
                "facilitator",
                "facilitator",
                facilitator_label,
            )
        )
    else:
        nodes.append(NodeMark(FACILITATOR, HIDDEN_FACILITATOR_GLYPH, facilitator_label, "hidden", "hidden"))
    for code in codes[1:]:
        label_style = "selected" if code == selected else "label"
        if code not in full:
            nodes.append(
                NodeMark(code, ABSENT_GLYPH, who(code), "absent", "selected" if code == selected else "absent", code)
            )
            continue
        grade = level(sent[code], most)
        if grade == 0:
            nodes.append(NodeMark(code, SILENT_GLYPH, label(code, who(code)), "silent", label_style, code))
        else:
            nodes.append(
                NodeMark(code, SPEAKER_GLYPHS[grade], label(code, who(code)), f"member-{grade}", label_style, code)
            )

    pairs: dict[tuple[str, str], list[int]] = {}
    for u, v, weight in graph.edges(data="weight"):
        a, b = (u, v) if place.get(u, 0) <= place.get(v, 0) else (v, u)
        both = pairs.setdefault((a, b), [0, 0])
        both[0 if (a, b) == (u, v) else 1] += weight
    busiest = max((f + b for f, b in pairs.values()), default=0)
    edges = []
    for (a, b), (forward, backward) in sorted(
        pairs.items(), key=lambda item: (place.get(item[0][0], 0), place.get(item[0][1], 0))
    ):
        grade = level(forward + backward, busiest)
        if selected is None:
            style = f"edge-{grade}"
        else:
            style = "edge-selected" if selected in (a, b) else "edge-dim"
        edges.append(EdgeMark(a, b, forward, backward, grade, style))
    return Picture(tuple(nodes), tuple(edges), positions)
