"""The report as one self-contained HTML file: inline CSS and SVG, no scripts, no external resources.

It opens in any browser without a network, prints on A4 (each session starts a page), and says it
is confidential on every printed page: a CSS page-margin box (`@page { @top-center }`, Chromium
131+) and, for browsers without margin boxes, a red line at the top of the report and of every
session. Every piece of user text is escaped with `html.escape`; the only markup not built here
is the SVG of `export_scene.render_svg` and `charts.line_chart`, which escape their text too.
"""

from __future__ import annotations

from html import escape

from kelompok.i18n import t
from kelompok.report.content import ReportContent, SessionSummary

CSS = """
:root { --ink: #1f2a33; --muted: #5b6770; --faint: #d8dee3; --red: #b3261e; --accent: #2f5d8a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 15px/1.45 Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
.banner { background: var(--red); color: #fff; font-weight: bold; text-align: center; padding: 6px 12px; letter-spacing: .02em; }
.mark { color: var(--red); font-weight: bold; font-size: 13px; margin: 0 0 4px; }
main { max-width: 1120px; margin: 0 auto; padding: 20px 32px 48px; }
h1 { font-size: 28px; margin: 10px 0 2px; }
h2 { font-size: 22px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--faint); }
h3 { font-size: 16px; margin: 18px 0 6px; }
.meta, .note { color: var(--muted); }
.note { font-size: 13px; }
nav.toc { margin: 10px 0 0; font-size: 14px; }
nav.toc a { margin-right: 12px; color: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 18px; margin: 6px 0 10px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 14px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--faint); vertical-align: top; }
th { color: var(--muted); font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.absent td { color: var(--muted); }
.split { display: grid; grid-template-columns: minmax(0, 520px) minmax(0, 1fr); gap: 28px; align-items: start; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 14px 22px; }
figure { margin: 0; }
figcaption { font-weight: bold; font-size: 14px; }
figcaption small { display: block; font-weight: normal; color: var(--muted); }
svg { max-width: 100%; height: auto; }
.result { display: inline-block; padding: 0 7px; border-radius: 9px; font-size: 12px; white-space: nowrap; }
.result.met { background: #e3f1e4; color: #1e5d23; }
.result.partly { background: #fcf0d6; color: #7a5300; }
.result.not_met { background: #fbe3e1; color: #8c1d17; }
.result.none { background: #eef1f3; color: var(--muted); }
.safety { border-left: 4px solid var(--red); background: #fbeaea; padding: 6px 12px; margin: 6px 0; }
.comment { border-left: 3px solid var(--accent); background: #f3f6f9; padding: 5px 12px; margin: 6px 0; }
.comment .who { color: var(--muted); font-size: 13px; }
.signoff { font-weight: bold; }
ul { margin: 4px 0 10px; padding-left: 22px; }
.series-table td:first-child { white-space: nowrap; }
@page { size: A4; margin: 18mm 12mm 14mm; @top-center { content: "__MARK__"; color: #b3261e; font: bold 9pt Helvetica, Arial, sans-serif; } }
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .banner { padding: 3px; }
  nav.toc { display: none; }
  section.session { break-before: page; }
  figure, table, .comment, .safety, dl.facts { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  .split { grid-template-columns: 9cm 1fr; gap: 8mm; }
}
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3c ")


def _facts(pairs: list[tuple[str, str]]) -> str:
    return '<dl class="facts">' + "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in pairs) + "</dl>"


def _equity(rows: list[tuple[str, list[tuple[str, str]]]], lang: str, scope: str = "") -> list[str]:
    """Equity by analysable attribute: one small table per attribute (nothing when none is)."""
    if not rows:
        return []
    title = t("report.equity_title", lang) + (f" · {scope}" if scope else "")
    out = [f"<h3>{_e(title)}</h3>", f"<p class=\"note\">{_e(t('report.equity_note', lang))}</p>"]
    for key, values in rows:
        cells = "".join(f'<tr><td>{_e(value)}</td><td class="num">{_e(ratio)}</td></tr>' for value, ratio in values)
        out.append(f"<table><tr><th>{_e(key)}</th><th></th></tr>{cells}</table>")
    return out


def _session(summary: SessionSummary, content: ReportContent) -> str:
    lang = content.lang
    out = [f'<section class="session" id="s{summary.number}">', f'<p class="mark">{_e(content.confidential)}</p>']
    out.append(f"<h2>{_e(summary.heading)}</h2>")
    out.append('<div class="split"><div>')
    out.append(f"<figure>{summary.sociogram_svg}</figure>")
    out.append("</div><div>")
    out.append(_facts(summary.facts))
    out.append(f"<h3>{_e(t('report.attendance', lang))}</h3>")
    out.append(_facts(summary.attendance) if summary.attendance else f"<p class=\"note\">{_e(t('report.no_attendance', lang))}</p>")
    out.append(f"<h3>{_e(t('export.pattern.title', lang))}</h3>")
    out.append(f"<p><strong>{_e(summary.pattern)}</strong>" + (f"<br><span class=\"note\">{_e(summary.pattern_help)}</span>" if summary.pattern_help else "") + "</p>")
    out.append(f"<h3>{_e(t('export.figure.title', lang))}</h3>")
    out.append("<table>" + "".join(f'<tr><td>{_e(k)}</td><td class="num">{_e(v)}</td></tr>' for k, v in summary.figures) + "</table>")
    out.append("</div></div>")

    out.append(f"<h3>{_e(t('export.signals.title', lang))}</h3>")
    out.append(f"<p class=\"note\">{_e(t('report.signals_note', lang))}</p>")
    out.append("<ul>" + "".join(f"<li>{_e(s)}</li>" for s in summary.signals) + "</ul>")
    out += _equity(summary.equity, lang)
    if summary.pshifts:
        out.append(f"<h3>{_e(t('sociogram.pshifts.title', lang))}</h3>")
        out.append("<ul>" + "".join(f"<li>{_e(line)}</li>" for line in summary.pshifts) + "</ul>")

    out.append(f"<h3>{_e(t('report.objectives', lang))}</h3>")
    if summary.objectives:
        rows = "".join(
            f'<tr><td>{_e(o.text)}</td><td><span class="result {_e(o.result_id)}">{_e(o.result)}</span></td><td>{_e(o.evidence)}</td></tr>'
            for o in summary.objectives
        )
        out.append(f"<table><tr><th>{_e(t('report.objective', lang))}</th><th>{_e(t('report.result', lang))}</th><th>{_e(t('report.evidence', lang))}</th></tr>{rows}</table>")
    else:
        out.append(f"<p class=\"note\">{_e(t('report.no_objectives', lang))}</p>")

    if summary.blocks:
        out.append(f"<h3>{_e(t('report.agenda', lang))}</h3>")
        rows = "".join(f'<tr><td>{_e(b.title)}</td><td class="num">{b.planned}</td><td class="num">{_e(b.actual)}</td></tr>' for b in summary.blocks)
        out.append(
            f"<table><tr><th>{_e(t('report.block', lang))}</th><th class=\"num\">{_e(t('report.planned_minutes', lang))}</th>"
            f"<th class=\"num\">{_e(t('report.actual_minutes', lang))}</th></tr>{rows}</table>"
        )

    out.append(f"<h3>{_e(t('report.roles', lang))}</h3>")
    if summary.roles:
        yes, no = t("report.yes", lang), t("report.no", lang)
        rows = "".join(
            f'<tr><td>{_e(r.label)}</td><td>{_e(yes if r.planned else no)}</td><td class="num">{r.used}</td><td class="num">{r.by_facilitator}</td></tr>'
            for r in summary.roles
        )
        out.append(
            f"<table><tr><th>{_e(t('report.role', lang))}</th><th>{_e(t('report.role_planned', lang))}</th>"
            f"<th class=\"num\">{_e(t('report.role_used', lang))}</th><th class=\"num\">{_e(t('report.role_by_facilitator', lang))}</th></tr>{rows}</table>"
        )
        if summary.roles_note:
            out.append(f'<p class="note">{_e(summary.roles_note)}</p>')
    else:
        out.append(f"<p class=\"note\">{_e(t('report.no_roles', lang))}</p>")

    out.append(f"<h3>{_e(t('report.safety', lang))}</h3>")
    if summary.safety:
        out.append(f'<div class="safety"><strong>{_e(t("report.safety_count", lang, count=len(summary.safety)))}</strong> {_e(", ".join(summary.safety))}<br>'
                   f'<span class="note">{_e(t("report.safety_note", lang))}</span></div>')  # fmt: skip
    else:
        out.append(f"<p class=\"note\">{_e(t('report.no_safety', lang))}</p>")

    out.append(f"<h3>{_e(t('report.per_person', lang))}</h3>")
    rows = "".join(
        f'<tr class="{"absent" if m.absent else ""}"><td>{_e(m.label)}</td><td>{_e(m.status)}</td>'
        f'<td class="num">{m.said}</td><td class="num">{m.to_group}</td><td class="num">{m.received}</td></tr>'
        for m in summary.members
    )
    out.append(
        f"<table><tr><th>{_e(t('report.person', lang))}</th><th>{_e(t('report.status', lang))}</th><th class=\"num\">{_e(t('export.table.said', lang))}</th>"
        f"<th class=\"num\">{_e(t('export.table.to_group', lang))}</th><th class=\"num\">{_e(t('export.table.received', lang))}</th></tr>{rows}</table>"
    )

    out.append(f"<h3>{_e(t('report.supervision', lang))}</h3>")
    out.append(f"<p>{_e(t('report.review_status', lang))}: <strong>{_e(summary.review_status)}</strong></p>")
    for c in summary.comments:
        where = f" · {_e(c.section)}" if c.section else ""
        out.append(f'<div class="comment"><div class="who">{_e(c.author)} · {_e(c.when)}{where}</div>{_e(c.text)}</div>')
    if not summary.comments:
        out.append(f"<p class=\"note\">{_e(t('report.no_comments', lang))}</p>")
    out.append(f'<p class="signoff">{_e(summary.signoff)}</p>')
    if summary.amendments:
        out.append(f"<p class=\"note\">{_e(t('report.amendments', lang, count=summary.amendments))}</p>")
    out.append("</section>")
    return "\n".join(out)


def render_html(content: ReportContent) -> str:
    """The whole report as one HTML document (a string)."""
    lang = content.lang
    css = CSS.replace("__MARK__", _css_string(content.confidential))
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="robots" content="noindex, nofollow">',
        f"<title>{_e(content.title)}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        f'<div class="banner">{_e(content.confidential)}</div>',
        "<main>",
        f"<h1>{_e(content.title)}</h1>",
        f'<p class="meta">{_e(content.made)} · {_e(content.labels_note)}</p>',
    ]
    if content.safety_first:  # safety follow-up first: it is what a supervisor must act on
        items = "".join(f"<li>{_e(line)}</li>" for line in content.safety_first)
        out.append(f'<section id="safety" class="safety"><h2>{_e(t("privacy.report_heading", lang))}</h2><ul>{items}</ul>'
                   f'<p class="note">{_e(t("report.safety_note", lang))}</p></section>')  # fmt: skip
    if len(content.session_links) > 1:
        out.append('<nav class="toc">' + "".join(f'<a href="#s{n}">{_e(text)}</a>' for n, text in content.session_links) + "</nav>")
    out.append(f"<section id=\"overview\"><h2>{_e(t('report.overview', lang))}</h2>")
    if content.purpose:
        out.append(f"<p>{_e(content.purpose)}</p>")
    out.append(_facts(content.overview))
    if content.members:
        rows = "".join(f"<tr><td>{_e(label)}</td><td>{_e(attrs)}</td></tr>" for label, attrs in content.members)
        out.append(f"<table><tr><th>{_e(t('report.member', lang))}</th><th>{_e(t('report.attributes', lang))}</th></tr>{rows}</table>")
    out.append("</section>")

    series = content.dynamics
    if series is not None:
        out.append(f"<section id=\"dynamics\"><h2>{_e(t('report.dynamics', lang))}</h2>")
        out.append(f"<p class=\"note\">{_e(t('report.dynamics_note', lang))}</p>")
        out.append('<div class="charts">')
        for chart in series.charts:
            out.append(f"<figure><figcaption>{_e(chart.title)}<small>{_e(chart.help)}</small></figcaption>{chart.svg}</figure>")
        out.append("</div>")
        head = "".join(f'<th class="num">{n}</th>' for n in series.numbers)
        out.append(f"<h3>{_e(t('report.per_session', lang))}</h3>")
        rows = "".join(f"<tr><td>{_e(label)}</td>" + "".join(f'<td class="num">{_e(v)}</td>' for v in values) + "</tr>" for label, values in series.table_rows)
        out.append(f'<table class="series-table"><tr><th>{_e(t("report.session", lang))}</th>{head}</tr>{rows}</table>')
        out.append(f"<h3>{_e(t('report.members_over_time', lang))}</h3>")
        rows = "".join(f"<tr><td>{_e(label)}</td>" + "".join(f'<td class="num">{_e(v)}</td>' for v in values) + "</tr>" for label, values in series.members)
        out.append(f'<table class="series-table"><tr><th>{_e(t("report.person", lang))}</th>{head}</tr>{rows}</table>')
        out.append(f"<p class=\"note\">{_e(t('report.members_over_time_note', lang))}</p>")
        out.append(f"<h3>{_e(t('report.stage_signals', lang))}</h3>")
        out.append(f"<p class=\"note\">{_e(t('report.stage_signals_note', lang))}</p>")
        if series.signals:
            out.append("<ul>" + "".join(f"<li>{_e(t('report.session_short', lang, number=n))} · {_e(stage)}: {_e(text)}</li>" for n, stage, text in series.signals) + "</ul>")
        else:
            out.append(f"<p class=\"note\">{_e(t('export.signals.none', lang))}</p>")
        out += _equity(series.equity, lang, t("report.equity_series", lang))
        out.append("</section>")

    for summary in content.sessions:
        out.append(_session(summary, content))
    if not content.sessions:
        out.append(f"<p class=\"note\">{_e(t('report.no_sessions', lang))}</p>")
    if content.roles_legend:
        out.append(f"<section><h2>{_e(t('report.roles_legend', lang))}</h2>")
        out.append(f"<p class=\"note\">{_e(t('report.roles_legend_note', lang))}</p>")
        head = "".join(f"<th>{_e(t(f'help.roles.{c}', lang))}</th>" for c in ("role", "coded", "benne_sheats", "note"))
        rows = "".join("<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in content.roles_legend)
        out.append(f"<table><tr>{head}</tr>{rows}</table></section>")
    out += [f'<p class="note">{_e(content.confidential)}</p>', "</main>", "</body>", "</html>", ""]
    return "\n".join(out)
