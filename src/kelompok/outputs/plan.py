"""The printable session plan, in Markdown (`kelompok plan GROUP --session N`; see
docs/ARCHITECTURE.md).

Member names never appear in it: every free text goes through the one name substitution
(`names.name_rules`). User text is escaped so that a link, an image or HTML typed into a plan
(`[x](http://…)`, `![](…)`, `<img …>`) stays text in a Markdown viewer instead of going live (an
image would be a beacon that tells a stranger the plan was opened). The plan's content and rules
are in `sessions/planning.py`; this module only prints it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kelompok.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.catalog import Text
    from kelompok.sessions.models import Group, Session


_MARKDOWN_LIVE = str.maketrans({ch: "\\" + ch for ch in "\\`[]<>"})
"""What makes Markdown text live: link and image brackets, raw HTML and autolinks, code spans."""


def _md(text: str) -> str:
    """User text that stays text in Markdown (backslash escapes, which viewers do not show)."""
    return text.translate(_MARKDOWN_LIVE)


def _cell(text: str) -> str:
    """Text made safe for a Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def render_plan_markdown(group: Group, session: Session, lang: str) -> str:
    """A printable session plan in Markdown, in `lang`.

    Header (group, type, session number of the series, stage, date, length, venue, mode,
    facilitators), purpose, objectives, agenda table (time from the start, minutes, block,
    activity and method, mezzo roles, materials, total), planned roles with their descriptions,
    materials, ethics checklist ([x] ticked / [ ] not yet), risk plan, evaluation and follow-up.
    Member names never appear in it: every free text goes through the one name substitution
    (`names.name_rules`: full names, name parts and nicknames become codes).
    """
    from kelompok.sessions.catalog import load_catalog
    from kelompok.sessions.names import name_rules, substitute
    from kelompok.sessions.planning import ethics_items_for, stage_for

    catalog = load_catalog()
    labels = catalog.planning.markdown
    rules = name_rules(group.members, staff=group.facilitators, placeholder=t("export.redacted", lang))

    # A copy with every free text substituted: the rest of the function reads only this copy.
    def clean(text: str) -> str:
        return _md(substitute(text, rules))

    plan = session.plan.model_copy(deep=True)
    plan.purpose, plan.venue = clean(plan.purpose), clean(plan.venue)
    plan.evaluation, plan.follow_up = clean(plan.evaluation), clean(plan.follow_up)
    plan.materials = [clean(m) for m in plan.materials]
    for objective in plan.objectives:
        objective.text = clean(objective.text)
    for block in plan.agenda:
        block.title, block.activity = clean(block.title), clean(block.activity)
        block.method, block.materials = clean(block.method), clean(block.materials)
    for risk in plan.risks:
        risk.risk, risk.mitigation = clean(risk.risk), clean(risk.mitigation)
    name = _md(group.name)
    gtype = catalog.group_type(group.type)
    stage = plan.stage or stage_for(session.number, group.planned_sessions)
    none = labels.none.get(lang)

    def label(text: Text) -> str:
        return text.get(lang)

    def role_label(role: str) -> str:
        return catalog.role(role).label.get(lang)

    if group.planned_sessions:
        number = labels.of_total.fill(lang, number=session.number, total=group.planned_sessions)
    else:
        number = str(session.number)
    minutes = plan.minutes or group.session_minutes or plan.agenda_minutes()
    lines = [
        f"# {label(labels.title)}: {name}",
        "",
        f"> {label(labels.confidential)}",
        "",
        f"- **{label(labels.group)}:** {name}",
        f"- **{label(labels.group_type)}:** {gtype.name.get(lang)}",
        f"- **{label(labels.session)}:** {number}",
        f"- **{label(labels.stage)}:** {catalog.practice_stage(stage).label.get(lang)}",
        f"- **{label(labels.date)}:** {session.date.isoformat()}",
        f"- **{label(labels.length)}:** {labels.minutes.fill(lang, minutes=minutes) if minutes else none}",
        f"- **{label(labels.venue)}:** {plan.venue or none}",
        f"- **{label(labels.mode)}:** {getattr(catalog.planning.modes, plan.mode).get(lang)}",
        f"- **{label(labels.facilitators)}:** {_md(', '.join(group.facilitators)) or none}",
        "",
        f"## {label(labels.purpose)}",
        "",
        plan.purpose.strip() or none,
        "",
        f"## {label(labels.objectives)}",
        "",
    ]
    if plan.objectives:
        lines += [f"{n}. {' '.join(o.text.split())}" for n, o in enumerate(plan.objectives, start=1)]
    else:
        lines.append(none)

    lines += ["", f"## {label(labels.agenda)}", ""]
    if plan.agenda:
        columns = (
            labels.col_time,
            labels.col_minutes,
            labels.col_block,
            labels.col_activity,
            labels.col_roles,
            labels.col_materials,
        )
        lines.append("| # | " + " | ".join(label(c) for c in columns) + " |")
        lines.append("|---:|---|---:|---|---|---|---|")
        elapsed = 0
        for n, block in enumerate(plan.agenda, start=1):
            start, elapsed = elapsed, elapsed + max(block.minutes, 0)
            activity = block.activity + (f" ({block.method})" if block.method else "")
            roles = ", ".join(role_label(r) for r in block.roles)
            lines.append(
                f"| {n} | {_clock(start)}–{_clock(elapsed)} | {block.minutes} | {_cell(block.title)} | "
                f"{_cell(activity)} | {_cell(roles)} | {_cell(block.materials)} |"
            )
        lines.append(f"| | | **{plan.agenda_minutes()}** | **{label(labels.total)}** | | | |")
    else:
        lines.append(none)

    planned_roles = list(dict.fromkeys([*plan.planned_roles, *(r for b in plan.agenda for r in b.roles)]))
    lines += ["", f"## {label(labels.roles)}", ""]
    if planned_roles:
        lines += [f"- **{role_label(r)}**: {catalog.role(r).description.get(lang)}" for r in planned_roles]
    else:
        lines.append(none)

    lines += ["", f"## {label(labels.materials)}", ""]
    lines += [f"- {m}" for m in plan.materials] if plan.materials else [none]

    lines += ["", f"## {label(labels.ethics)}", ""]
    items = ethics_items_for(group, session.number, stage)
    items += [item for item in plan.ethics if item not in items]
    for item in items:
        mark = "x" if item in plan.ethics else " "
        try:
            text = catalog.ethics_item(item).label.get(lang)
        except KeyError:
            text = item  # an id this version does not know: show it rather than drop it
        lines.append(f"- [{mark}] {text}")

    lines += ["", f"## {label(labels.risks)}", ""]
    if plan.risks:
        lines.append(f"| {label(labels.col_risk)} | {label(labels.col_mitigation)} |")
        lines.append("|---|---|")
        lines += [f"| {_cell(r.risk)} | {_cell(r.mitigation) or none} |" for r in plan.risks]
    else:
        lines.append(none)

    lines += ["", f"## {label(labels.evaluation)}", "", plan.evaluation.strip() or none]
    lines += ["", f"## {label(labels.follow_up)}", "", plan.follow_up.strip() or none, ""]
    return "\n".join(lines)
