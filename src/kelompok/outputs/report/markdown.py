"""The report as Markdown (`kelompok report --format md`): the same content, without pictures.

User text is HTML-escaped (Markdown viewers pass raw HTML through) and table cells lose their
pipes and line breaks. The sociograms and charts are left out — they are in the HTML report; the
numbers behind them are all here as tables.
"""

from __future__ import annotations

import re
from html import escape

from kelompok.i18n import t
from kelompok.outputs.report.content import ReportContent, SessionSummary


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()!<>#])")


def _text(value: object) -> str:
    """User text safe for a Markdown paragraph: no live links or images (a remote-image beacon)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(escape(str(value), quote=False).split()))


def _cell(value: object) -> str:
    return _text(value).replace("|", "\\|") or " "


def _table(head: list[str], rows: list[list[object]], numeric: set[int] = frozenset()) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in head) + " |"]
    lines.append("|" + "|".join("---:" if i in numeric else "---" for i in range(len(head))) + "|")
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _section(level: str, heading: str, lines: list[str]) -> list[str]:
    """A heading (`##`, `###`) and its lines as a bullet list."""
    return [f"{level} {_text(heading)}", "", *(f"- {_text(line)}" for line in lines), ""]


def _facts(pairs: list[tuple[str, str]]) -> list[str]:
    return [f"- **{_text(k)}:** {_text(v)}" for k, v in pairs] + [""]


def _equity(rows: list[tuple[str, list[tuple[str, str]]]], lang: str, scope: str = "") -> list[str]:
    """Equity by analysable attribute: one small table per attribute (nothing when none is)."""
    if not rows:
        return []
    title = t("report.equity_title", lang) + (f" · {scope}" if scope else "")
    out = [f"### {_text(title)}", "", f"_{_text(t('report.equity_note', lang))}_", ""]
    for key, values in rows:
        out += _table([key, ""], [[value, ratio] for value, ratio in values], {1})
    return out


def _session(summary: SessionSummary, lang: str, confidential: str) -> list[str]:
    out = [f"## {_text(summary.heading)}", "", f"> **{_text(confidential)}**", ""]
    out += _facts(summary.facts)
    out += [f"### {_text(t('report.attendance', lang))}", ""]
    out += _facts(summary.attendance) if summary.attendance else [_text(t("report.no_attendance", lang)), ""]
    out += [
        f"### {_text(t('export.pattern.title', lang))}",
        "",
        f"**{_text(summary.pattern)}** {_text(summary.pattern_help)}".rstrip(),
        "",
    ]
    out += [f"### {_text(t('export.figure.title', lang))}", ""]
    out += _table([t("report.figure", lang), t("report.value", lang)], [[k, v] for k, v in summary.figures], {1})
    out += [f"### {_text(t('export.signals.title', lang))}", "", f"_{_text(t('report.signals_note', lang))}_", ""]
    out += [f"- {_text(s)}" for s in summary.signals] + [""]
    out += _equity(summary.equity, lang)
    if summary.pshifts:
        out += _section("###", t("sociogram.pshifts.title", lang), summary.pshifts)
    out += [f"### {_text(t('report.objectives', lang))}", ""]
    if summary.objectives:
        out += _table(
            [t("report.objective", lang), t("report.result", lang), t("report.evidence", lang)],
            [[o.text, o.result, o.evidence] for o in summary.objectives],
        )
    else:
        out += [_text(t("report.no_objectives", lang)), ""]
    if summary.blocks:
        out += [f"### {_text(t('report.agenda', lang))}", ""]
        out += _table(
            [t("report.block", lang), t("report.planned_minutes", lang), t("report.actual_minutes", lang)],
            [[b.title, b.planned, b.actual] for b in summary.blocks], {1, 2},
        )  # fmt: skip
    out += [f"### {_text(t('report.roles', lang))}", ""]
    if summary.roles:
        yes, no = t("report.yes", lang), t("report.no", lang)
        out += _table(
            [t("report.role", lang), t("report.role_planned", lang), t("report.role_used", lang), t("report.role_by_facilitator", lang)],
            [[r.label, yes if r.planned else no, r.used, r.by_facilitator] for r in summary.roles], {2, 3},
        )  # fmt: skip
        if summary.roles_note:
            out += [_text(summary.roles_note), ""]
    else:
        out += [_text(t("report.no_roles", lang)), ""]
    out += [f"### {_text(t('report.safety', lang))}", ""]
    if summary.safety:
        out += [f"**{_text(t('report.safety_count', lang, count=len(summary.safety)))}** {_text(', '.join(summary.safety))}", "",
                f"_{_text(t('report.safety_note', lang))}_", ""]  # fmt: skip
    else:
        out += [_text(t("report.no_safety", lang)), ""]
    out += [f"### {_text(t('report.per_person', lang))}", ""]
    out += _table(
        [t("report.person", lang), t("report.status", lang), t("export.table.said", lang), t("export.table.to_group", lang), t("export.table.received", lang)],
        [[m.label, m.status, m.said, m.to_group, m.received] for m in summary.members], {2, 3, 4},
    )  # fmt: skip
    out += [
        f"### {_text(t('report.supervision', lang))}",
        "",
        f"{_text(t('report.review_status', lang))}: **{_text(summary.review_status)}**",
        "",
    ]
    for c in summary.comments:
        where = f" · {_text(c.section)}" if c.section else ""
        out += [f"> {_text(c.text)}", ">", f"> — {_text(c.author)}, {_text(c.when)}{where}", ""]
    if not summary.comments:
        out += [_text(t("report.no_comments", lang)), ""]
    out += [f"**{_text(summary.signoff)}**", ""]
    if summary.amendments:
        out += [_text(t("report.amendments", lang, count=summary.amendments)), ""]
    return out


def render_markdown(content: ReportContent) -> str:
    """The whole report as Markdown text."""
    lang = content.lang
    out = [
        f"# {_text(content.title)}",
        "",
        f"> **{_text(content.confidential)}**",
        "",
        f"_{_text(content.made)} · {_text(content.labels_note)}_",
        "",
    ]
    out += [f"_{_text(t('report.md_pictures', lang))}_", ""]
    if content.safety_first:  # safety follow-up first: it is what a supervisor must act on
        out += _section("##", t("privacy.report_heading", lang), content.safety_first)
    out += [f"## {_text(t('report.overview', lang))}", ""]
    if content.purpose:
        out += [_text(content.purpose), ""]
    out += _facts(content.overview)
    if content.members:
        out += _table(
            [t("report.member", lang), t("report.attributes", lang)],
            [[label, attrs] for label, attrs in content.members],
        )
    series = content.dynamics
    if series is not None:
        out += [f"## {_text(t('report.dynamics', lang))}", "", _text(t("report.dynamics_note", lang)), ""]
        out += [f"### {_text(t('report.per_session', lang))}", ""]
        numbers = [str(n) for n in series.numbers]
        span = set(range(1, len(numbers) + 1))
        out += _table(
            [t("report.session", lang), *numbers], [[label, *values] for label, values in series.table_rows], span
        )
        out += [f"### {_text(t('report.members_over_time', lang))}", ""]
        out += _table(
            [t("report.person", lang), *numbers], [[label, *values] for label, values in series.members], span
        )
        out += [_text(t("report.members_over_time_note", lang)), ""]
        out += [
            f"### {_text(t('report.stage_signals', lang))}",
            "",
            f"_{_text(t('report.stage_signals_note', lang))}_",
            "",
        ]
        if series.signals:
            out += [
                f"- {_text(t('report.session_short', lang, number=n))} · {_text(stage)}: {_text(text)}"
                for n, stage, text in series.signals
            ] + [""]
        else:
            out += [_text(t("export.signals.none", lang)), ""]
        out += _equity(series.equity, lang, t("report.equity_series", lang))
    for summary in content.sessions:
        out += _session(summary, lang, content.confidential)
    if not content.sessions:
        out += [_text(t("report.no_sessions", lang)), ""]
    if content.roles_legend:
        out += [
            f"## {_text(t('report.roles_legend', lang))}",
            "",
            f"_{_text(t('report.roles_legend_note', lang))}_",
            "",
        ]
        out += _table(
            [t(f"help.roles.{c}", lang) for c in ("role", "coded", "benne_sheats", "note")],
            [list(row) for row in content.roles_legend],
        )
    out += [f"> **{_text(content.confidential)}**", ""]
    return "\n".join(out)
