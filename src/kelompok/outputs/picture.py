"""The finished sociogram picture (SVG and PNG exports, and the report's inline sociograms). No
Textual (see docs/ARCHITECTURE.md).

Layout, for one session or the whole series:

    ┌──────────────────────────────────────────────────────────┬─────────────────────┐
    │ title, date · type · present · acts          [RAHASIA]   │                     │
    ├───────────────────────────────┬──────────────────────────┘                     │
    │  seating circle: facilitator  │ how to read (legend)                           │
    │  at the top, members clockwise│ communication pattern                          │
    │  in seating order; arrows     │ figures (with and without the facilitator)     │
    │  i → j, width = acts          │ signals to check (soft wording, not labels)    │
    │                               │ per person: said · to the group · received     │
    ├───────────────────────────────┴────────────────────────────────────────────────┤
    │ kelompok version · made on …                 member codes, not names · keep it │
    └─────────────────────────────────────────────────────────────────────────────────┘

Nodes keep their seat in every session (`layout.graph_positions`), so two pictures compare at
a glance. Node area grows with the acts a person said; a halo shows acts to the whole group;
absent members are dashed, present-but-silent members hollow. `compact=True` draws only the
circle with a one-line key, for the report (which has its own tables).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from kelompok import __version__
from kelompok.i18n import format_date, format_number, format_percent, t
from kelompok.outputs.fontmetrics import text_width
from kelompok.outputs.scene import Circle, Line, Polygon, Rect, Scene, Text
from kelompok.sociogram.acts import FACILITATOR

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.outputs.privacy import Pseudonyms
    from kelompok.outputs.view import GraphView

INK = "#1f2a33"
MUTED = "#5b6770"
FAINT = "#d8dee3"
RED = "#b3261e"
HALO = "#f4a261"

NODE_COLOURS = {
    "facilitator": ("#2f5d8a", "#1d3d5c"),
    "present": ("#2a9d8f", "#1f6f66"),
    "unmarked": ("#e9c46a", "#a8862c"),
    "absent": ("#ffffff", "#9aa5ad"),
}
"""status → (fill, outline)."""

EDGE_COLOURS = {"member": "#36454f", "facilitator": "#8fb0cf", "positive": "#2e7d32", "negative": "#c62828"}
"""Arrow colours: between members, to or from the facilitator, mostly positive, mostly negative."""


def wrap(text: str, size: float, width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap by the bundled font's own advance widths."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]


def _type_name(type_id: str, lang: str) -> str:
    from kelompok.sessions.catalog import load_catalog

    return load_catalog().group_type(type_id).name.get(lang)


def date_range(dates: tuple[dt.date, ...], lang: str) -> str:
    """`2 Maret 2026` or `2 Maret 2026 – 30 Maret 2026`."""
    first, last = min(dates), max(dates)
    return format_date(first, lang) if first == last else f"{format_date(first, lang)} – {format_date(last, lang)}"


def picture_title(view: GraphView, pseudo: Pseudonyms, lang: str) -> tuple[str, str]:
    """(title, subtitle) of a sociogram: which session(s) of which group, when, how many."""
    name = pseudo.redact(view.group.name)
    acts = int(view.graph.size(weight="weight")) + sum(
        int(d.get("to_group", 0)) for _, d in view.graph.nodes(data=True)
    )
    present = sum(
        1 for node, status in view.status.items() if status in ("present", "unmarked") and node != FACILITATOR
    )
    if view.which == "all":
        title = t("export.picture.title_series", lang, group=name, first=view.numbers[0], last=view.numbers[-1])
        subtitle = " · ".join([
            date_range(view.dates, lang), _type_name(view.group.type, lang),
            t("export.picture.sessions", lang, count=len(view.numbers)), t("export.picture.acts", lang, count=format_number(acts, 0, lang)),
        ])  # fmt: skip
    else:
        title = t("export.picture.title_session", lang, group=name, number=view.numbers[0])
        subtitle = " · ".join([
            format_date(view.dates[0], lang), _type_name(view.group.type, lang),
            t("export.picture.present", lang, count=present), t("export.picture.acts", lang, count=format_number(acts, 0, lang)),
        ])  # fmt: skip
    return title, subtitle


def _tone(data: dict) -> str | None:
    coded, positive, negative = data.get("coded", 0), data.get("positive", 0), data.get("negative", 0)
    if coded and negative > positive and negative * 2 >= coded:
        return "negative"
    if coded and positive > negative and positive * 2 >= coded:
        return "positive"
    return None


def _draw_graph(
    scene: Scene, view: GraphView, pseudo: Pseudonyms, lang: str, cx: float, cy: float, radius: float, label_size: float
) -> None:
    """The seating circle with its nodes, arrows, halos and labels, centred on (cx, cy)."""
    graph = view.graph
    nodes = view.nodes
    counts = {n: view.counts(n) for n in nodes}
    top = max((c[0] for c in counts.values()), default=0) or 1
    top_group = max((c[3] for c in counts.values()), default=0) or 1
    heaviest = max((w for _, _, w in graph.edges(data="weight")), default=0) or 1
    scale = radius / 300  # sizes below are tuned for a circle of radius 300 px
    centre = {n: (cx + view.seats[n][0] * radius, cy + view.seats[n][1] * radius) for n in nodes}
    size = {}
    for n in nodes:
        sent = counts[n][0]
        size[n] = (12 + 22 * math.sqrt(sent / top)) * scale if sent else 12 * scale
    halo = {n: ((2 + 6 * counts[n][3] / top_group) * scale if counts[n][3] else 0.0) for n in nodes}

    # A faint guide circle: the seats.
    scene.add(Circle(cx, cy, radius, stroke=FAINT, width=1, dash=4))

    # Arrows, lightest and thinnest first so the heavy ones stay on top.
    edges = sorted(graph.edges(data=True), key=lambda e: (FACILITATOR not in (e[0], e[1]), e[2]["weight"]))
    for u, v, data in edges:
        (x0, y0), (x1, y1) = centre[u], centre[v]
        dx, dy = x1 - x0, y1 - y0
        length = math.hypot(dx, dy)
        if not length:
            continue
        ux, uy = dx / length, dy / length
        nx_, ny_ = -uy, ux
        offset = 5 * scale if graph.has_edge(v, u) else 0.0
        width = (1.2 + 7 * data["weight"] / heaviest) * scale
        tone = _tone(data) or ("facilitator" if FACILITATOR in (u, v) else "member")
        colour = EDGE_COLOURS[tone]
        start = (x0 + ux * (size[u] + halo[u] + 3) + nx_ * offset, y0 + uy * (size[u] + halo[u] + 3) + ny_ * offset)
        end = (x1 - ux * (size[v] + halo[v] + 3) + nx_ * offset, y1 - uy * (size[v] + halo[v] + 3) + ny_ * offset)
        head = (7 + 2 * width) * 1.0
        half = 3.5 + 1.2 * width
        span = math.hypot(end[0] - start[0], end[1] - start[1])
        if span > head * 1.2:
            scene.add(Line(start[0], start[1], end[0] - ux * head * 0.8, end[1] - uy * head * 0.8, colour, width))
        base = (end[0] - ux * head, end[1] - uy * head)
        scene.add(
            Polygon(
                (end, (base[0] + nx_ * half, base[1] + ny_ * half), (base[0] - nx_ * half, base[1] - ny_ * half)),
                colour,
            )
        )

    # Nodes and labels.
    for n in nodes:
        x, y = centre[n]
        status = view.status.get(n, "present")
        fill, line = NODE_COLOURS[status]
        r = size[n]
        if halo[n]:
            scene.add(Circle(x, y, r + halo[n] / 2 + 1, stroke=HALO, width=halo[n]))
        if status == "absent":
            scene.add(Circle(x, y, r, fill="#ffffff", stroke=line, width=1.6, dash=4))
        elif counts[n][0] == 0 and status != "facilitator":
            scene.add(Circle(x, y, r, fill="#ffffff", stroke=line, width=2.5))
        else:
            scene.add(Circle(x, y, r, fill=fill, stroke=line, width=1.5))
        sx, sy = view.seats[n]
        distance = math.hypot(sx, sy) or 1.0
        ux, uy = (sx / distance, sy / distance) if math.hypot(sx, sy) > 0.01 else (0.0, -1.0)
        gap = r + halo[n] + 8
        lx, ly = x + ux * gap, y + uy * gap
        anchor = "start" if ux > 0.35 else "end" if ux < -0.35 else "middle"
        baseline = ly + label_size if uy > 0.35 else ly - 4 if uy < -0.35 else ly + label_size * 0.35
        colour = MUTED if status == "absent" else INK
        scene.add(Text(lx, baseline, pseudo.label(n), label_size, colour, anchor, bold=True))
        if status in ("absent", "unmarked"):
            scene.add(
                Text(
                    lx,
                    baseline + label_size * 1.05,
                    t(f"export.status.{status}", lang),
                    label_size * 0.75,
                    MUTED,
                    anchor,
                )
            )


def _heading(scene: Scene, x: float, y: float, text: str) -> float:
    scene.add(Text(x, y, text, 16, INK, bold=True))
    return y + 22


def _paragraph(scene: Scene, x: float, y: float, text: str, width: float, size: float = 13.5, fill: str = INK) -> float:
    for line in wrap(text, size, width):
        scene.add(Text(x, y, line, size, fill))
        y += size * 1.4
    return y


def _legend(scene: Scene, view: GraphView, lang: str, x: float, y: float, width: float) -> float:
    y = _heading(scene, x, y, t("export.legend.title", lang))
    heaviest = max((w for _, _, w in view.graph.edges(data="weight")), default=0)
    statuses = set(view.status.values())
    text_x = x + 40
    items: list[tuple[str, str]] = [
        ("facilitator", t("export.legend.facilitator", lang)),
        ("present", t("export.legend.member", lang)),
    ]
    if any(view.counts(n)[0] == 0 and s in ("present", "unmarked") for n, s in view.status.items()):
        items.append(("silent", t("export.legend.silent", lang)))
    if "unmarked" in statuses:
        items.append(("unmarked", t("export.legend.unmarked", lang)))
    if "absent" in statuses:
        items.append(("absent", t("export.legend.absent", lang)))
    items.append(("halo", t("export.legend.halo", lang)))
    items.append(("arrow", t("export.legend.arrow", lang, max=heaviest)))
    if view.graph.graph.get("coded"):
        items.append(("positive", t("export.legend.positive", lang)))
        items.append(("negative", t("export.legend.negative", lang)))
    for kind, text in items:
        lines = wrap(text, 13, width - 40)
        mid = y - 4
        if kind in NODE_COLOURS and kind != "absent":
            fill, line = NODE_COLOURS[kind]
            scene.add(Circle(x + 14, mid, 8, fill=fill, stroke=line, width=1.5))
        elif kind == "absent":
            scene.add(Circle(x + 14, mid, 8, fill="#ffffff", stroke=NODE_COLOURS["absent"][1], width=1.6, dash=3))
        elif kind == "silent":
            scene.add(Circle(x + 14, mid, 8, fill="#ffffff", stroke=NODE_COLOURS["present"][1], width=2.5))
        elif kind == "halo":
            scene.add(
                Circle(x + 14, mid, 11, stroke=HALO, width=4), Circle(x + 14, mid, 7, fill=NODE_COLOURS["present"][0])
            )
        else:
            colour = EDGE_COLOURS.get(kind, EDGE_COLOURS["member"])
            scene.add(
                Line(x + 2, mid, x + 20, mid, colour, 3),
                Polygon(((x + 30, mid), (x + 19, mid - 6), (x + 19, mid + 6)), colour),
            )
        for line in lines:
            scene.add(Text(text_x, y, line, 13, INK))
            y += 18
        y += 3
    return y


def _pattern_lines(view: GraphView, lang: str) -> list[str]:
    if view.which != "all":
        label = view.patterns[0][1]
        acts = view.analysis.acts.acts if view.analysis is not None else ()
        if not acts:
            return [t("export.pattern.none", lang)]
        return [t(f"export.pattern.{label}", lang), t(f"export.pattern.{label}_help", lang)]
    # One line per run of sessions with the same pattern: "1–3: maypole", "4–5: free-floating".
    runs: list[tuple[int, int, str]] = []
    for number, label in view.patterns:
        if runs and runs[-1][2] == label:
            runs[-1] = (runs[-1][0], number, label)
        else:
            runs.append((number, number, label))
    return [
        t(
            "export.pattern.run",
            lang,
            sessions=f"{first}" if first == last else f"{first}–{last}",
            pattern=t(f"export.pattern.{label}", lang),
        )
        for first, last, label in runs
    ]


def figures(view: GraphView, lang: str) -> list[tuple[str, str]]:
    """(label, value) pairs: acts, the facilitator's share, member-to-member share, Gini, density."""
    from kelompok.sociogram.build import without_facilitator
    from kelompok.sociogram.metrics import density, facilitator_share, participation_gini, reciprocity, total_acts

    graph = view.graph
    members = without_facilitator(graph)
    total = total_acts(graph)
    between = int(members.size(weight="weight"))

    def share(value: float | None) -> str:
        return "—" if value is None else format_percent(value, lang)

    def number(value: float | None) -> str:
        return "—" if value is None else format_number(value, 2, lang)

    return [
        (t("export.figure.acts", lang), format_number(total, 0, lang)),
        (t("export.figure.facilitator_share", lang), share(facilitator_share(graph))),
        (t("export.figure.member_to_member", lang), share(between / total if total else None)),
        (t("export.figure.gini", lang), number(participation_gini(graph, include_facilitator=False))),
        (t("export.figure.density", lang), number(density(members))),
        (t("export.figure.reciprocity", lang), number(reciprocity(members))),
    ]


SHOW_AT_MOST = 8
"""Pairs or cliques named in a signal line; the rest are counted."""


def _first(items: list[str], lang: str) -> str:
    shown = ", ".join(items[:SHOW_AT_MOST])
    return (
        shown
        if len(items) <= SHOW_AT_MOST
        else shown + " " + t("export.signals.more", lang, count=len(items) - SHOW_AT_MOST)
    )


def signal_lines(view: GraphView, pseudo: Pseudonyms, lang: str) -> list[str]:
    """Sociometric signals of a session, in soft wording (never shown to members)."""
    from kelompok.sociogram.positions import MIN_ACTS

    analysis = view.analysis
    if analysis is None:
        return []
    if analysis.metrics.with_facilitator.acts < MIN_ACTS:
        return [t("export.signals.too_few", lang, min=MIN_ACTS)]
    found = []
    for node in view.nodes:
        for position in analysis.sociometry.positions.get(node, ()):
            found.append(t(f"export.signals.{position}", lang, who=pseudo.label(node)))
    # Pairs and cliques can be many in a lively group: one line each, the first few named.
    pairs = [f"{pseudo.label(u)}–{pseudo.label(v)}" for u, v in analysis.sociometry.mutual_pairs]
    if pairs:
        found.append(t("export.signals.mutual_pairs", lang, count=len(pairs), pairs=_first(pairs, lang)))
    cliques = ["(" + ", ".join(map(pseudo.label, clique)) + ")" for clique in analysis.sociometry.cliques]
    if cliques:
        found.append(t("export.signals.cliques", lang, count=len(cliques), cliques=_first(cliques, lang)))
    if analysis.sociometry.subgroups:
        parts = " | ".join(", ".join(map(pseudo.label, group)) for group in analysis.sociometry.subgroups)
        found.append(t("export.signals.subgroups", lang, groups=parts))
    return found or [t("export.signals.none", lang)]


def _member_table(
    scene: Scene, view: GraphView, pseudo: Pseudonyms, lang: str, x: float, y: float, width: float
) -> float:
    y = _heading(scene, x, y, t("export.table.title", lang))
    columns = (x + width - 170, x + width - 85, x + width)
    for text, right in zip(
        (t("export.table.said", lang), t("export.table.to_group", lang), t("export.table.received", lang)),
        columns,
        strict=True,
    ):
        scene.add(Text(right, y, text, 12, MUTED, "end"))
    y += 6
    scene.add(Line(x, y, x + width, y, FAINT, 1))
    y += 17
    for n in view.nodes:
        sent, _out, received, to_group = view.counts(n)
        status = view.status.get(n, "present")
        colour = MUTED if status == "absent" else INK
        label = pseudo.label(n)
        room = columns[0] - x - 60
        while text_width(label, 13) > room and len(label) > 4:
            label = label[:-2] + "…"
        scene.add(Text(x, y, label, 13, colour, bold=n == FACILITATOR))
        if status == "absent":
            scene.add(Text(columns[2], y, t("export.status.absent", lang), 12, MUTED, "end"))
        else:
            for value, right in zip((sent, to_group, received), columns, strict=True):
                scene.add(Text(right, y, str(value), 13, colour, "end"))
        y += 19
    return y


def _badge(scene: Scene, right: float, y: float, text: str, fill: str) -> float:
    width = text_width(text, 14, True) + 28
    scene.add(
        Rect(right - width, y, width, 30, fill=fill, rx=4),
        Text(right - width / 2, y + 20, text, 14, "#ffffff", "middle", True),
    )
    return y + 36


def sociogram_scene(
    view: GraphView, pseudo: Pseudonyms, lang: str, today: dt.date | None = None, compact: bool = False
) -> Scene:
    """The sociogram of a view as a `Scene` (render it with `render_svg` / `render_png`)."""
    today = today or dt.date.today()
    title, subtitle = picture_title(view, pseudo, lang)
    confidential = t("export.picture.confidential_mark", lang)
    description = f"{subtitle}. {t('export.confidential', lang)}"
    if compact:
        side = 560
        scene = Scene(side, side + 40, title, description)
        _draw_graph(scene, view, pseudo, lang, side / 2, side / 2 + 6, side / 2 - 95, 13)
        scene.add(Text(side / 2, side + 26, t("export.picture.compact_key", lang), 12, MUTED, "middle"))
        scene.add(Text(side - 8, 18, confidential, 12, RED, "end", bold=True))
        return scene

    width, margin = 1400, 36
    graph_top, side = 120, 760
    panel_x = margin + side + 40
    panel_w = width - margin - panel_x
    scene = Scene(width, 0, title, description)

    # Header.
    scene.add(Text(margin, 58, title, 26, INK, bold=True))
    scene.add(Text(margin, 88, subtitle, 15, MUTED))
    badge_y = _badge(scene, width - margin, 30, confidential, RED)
    if pseudo.named:
        _badge(scene, width - margin, badge_y, t("export.picture.names_mark", lang), "#7a1f1f")
    scene.add(Line(margin, 104, width - margin, 104, FAINT, 1.5))

    # The circle.
    _draw_graph(scene, view, pseudo, lang, margin + side / 2, graph_top + side / 2, side / 2 - 120, 15)

    # The panel.
    y = graph_top + 20
    y = _legend(scene, view, lang, panel_x, y, panel_w) + 14
    y = _heading(scene, panel_x, y, t("export.pattern.title", lang))
    for line in _pattern_lines(view, lang):
        y = _paragraph(scene, panel_x, y, line, panel_w)
    y += 12
    y = _heading(scene, panel_x, y, t("export.figure.title", lang))
    for label, value in figures(view, lang):
        scene.add(Text(panel_x, y, label, 13.5, INK), Text(panel_x + panel_w, y, value, 13.5, INK, "end", True))
        y += 19
    y += 12
    signals = signal_lines(view, pseudo, lang)
    if signals:
        y = _heading(scene, panel_x, y, t("export.signals.title", lang))
        for line in signals:
            y = _paragraph(scene, panel_x, y, "• " + line, panel_w)
        y += 12
    y = _member_table(scene, view, pseudo, lang, panel_x, y, panel_w)

    # Footer, below whichever is taller: the circle or the panel.
    bottom = max(graph_top + side, y + 10)
    scene.height = int(bottom + 56)
    scene.add(Line(margin, bottom + 12, width - margin, bottom + 12, FAINT, 1.5))
    made = t("export.picture.made", lang, version=__version__, date=format_date(today, lang))
    scene.add(Text(margin, bottom + 36, made, 12.5, MUTED))
    if pseudo.named:
        who = ", ".join(pseudo.named)
        scene.add(
            Text(width - margin, bottom + 36, t("export.picture.footer_names", lang, codes=who), 12.5, RED, "end", True)
        )
    else:
        scene.add(Text(width - margin, bottom + 36, t("export.picture.footer_codes", lang), 12.5, RED, "end", True))
    return scene
