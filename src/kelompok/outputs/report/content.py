"""What the supervisor's report says, gathered once and rendered as HTML or Markdown.

Every string here is already in the report's language and already pseudonymised: member labels
come from `outputs.privacy.Pseudonyms`, and the free text that may appear (group purpose,
objectives and their evidence, agenda titles, the observed stage, supervisor comments) goes
through `Pseudonyms.redact`. What never appears: session notes, note events — safety notes
included, which are shown only as a count and a time, the supervisor reads them in the app —
absence reasons (often health data) and amendment texts (shown as a count).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kelompok import __version__
from kelompok.i18n import format_date, format_number, format_percent, t

if TYPE_CHECKING:
    from kelompok.sessions.models import Group, Session
    from kelompok.outputs.privacy import Pseudonyms
    from kelompok.outputs.view import GraphView

SERIES_CHARTS = (
    ("facilitator_share", "share"),
    ("member_to_member_share", "share"),
    ("to_group_share", "share"),
    ("gini", "ratio"),
    ("density_members", "ratio"),
    ("reciprocity_members", "ratio"),
    ("acts", "count"),
    ("present", "count"),
    ("negative_share", "share"),
)
"""Series metrics drawn as small charts: (metric id of `dynamics.SERIES_METRICS`, kind)."""


@dataclass(frozen=True)
class MemberRow:
    label: str
    status: str
    """Localised status (present, absent …)."""
    absent: bool
    said: int
    to_group: int
    received: int


@dataclass(frozen=True)
class Objective:
    text: str
    result: str
    """Localised result (met, partly met, not met, not assessed)."""
    result_id: str
    evidence: str


@dataclass(frozen=True)
class Block:
    title: str
    planned: int
    actual: str
    """Recorded minutes, or a dash when the block never started."""


@dataclass(frozen=True)
class RoleRow:
    label: str
    planned: bool
    used: int
    by_facilitator: int


@dataclass(frozen=True)
class CommentRow:
    author: str
    when: str
    section: str
    text: str


@dataclass
class SessionSummary:
    """One session, as the report shows it."""

    number: int
    heading: str
    facts: list[tuple[str, str]]
    """(label, value): date, time, stage, state, coding, review status."""
    attendance: list[tuple[str, str]]
    """(status label, member labels) for present, late, absent, excused."""
    objectives: list[Objective]
    blocks: list[Block]
    pattern: str
    pattern_help: str
    figures: list[tuple[str, str]]
    signals: list[str]
    """The session's signals (`signals.session_signals`), worded as on the sociogram screen."""
    equity: list[tuple[str, list[tuple[str, str]]]]
    """(attribute, [(value, share of acts ÷ share of members)]) for each analysable attribute."""
    pshifts: list[str]
    """Participation shifts in plain words (`wording.describe_pshifts`)."""
    roles: list[RoleRow]
    roles_note: str
    safety: list[str]
    """One line per safety flag: when, whom it was reported to, its status (the note and the
    closing note stay in the app)."""
    review_status: str
    comments: list[CommentRow]
    signoff: str
    """"Signed off by … on …", or that it is not signed off yet."""
    amendments: int
    members: list[MemberRow]
    sociogram_svg: str
    """The compact sociogram, inline SVG (no XML declaration, no namespace URL)."""


@dataclass(frozen=True)
class Chart:
    metric: str
    title: str
    help: str
    svg: str
    values: list[str]


@dataclass
class Dynamics:
    """The series over time: small charts, the figures per session, members over time, signals."""

    numbers: list[int]
    charts: list[Chart]
    table_rows: list[tuple[str, list[str]]]
    """(metric label, value per session)."""
    members: list[tuple[str, list[str]]]
    """(member label, acts said per session, or a dash when absent)."""
    signals: list[tuple[int, str, str]]
    """(session, stage label, text)."""
    equity: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    """Equity over the whole series, per analysable attribute (see `equity_rows`)."""


@dataclass
class ReportContent:
    """Everything a report shows, localised and pseudonymised."""

    lang: str
    title: str
    confidential: str
    made: str
    labels_note: str
    overview: list[tuple[str, str]]
    purpose: str
    members: list[tuple[str, str]]
    """(member label, attributes) for the roster."""
    sessions: list[SessionSummary]
    dynamics: Dynamics | None
    names_used: bool
    session_links: list[tuple[int, str]] = field(default_factory=list)
    safety_first: list[str] = field(default_factory=list)
    """Every safety flag of the sessions shown, open ones first, for the top of the report."""
    roles_legend: list[tuple[str, str, str, str]] = field(default_factory=list)
    """(role, behaviour coded, Benne & Sheats equivalent, note) for every role the sessions show."""


def _share(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, lang)


def _ratio(value: float | None, lang: str) -> str:
    return "—" if value is None else format_number(value, 2, lang)


def _format(value: float | int | None, kind: str, lang: str) -> str:
    if value is None:
        return "—"
    if kind == "share":
        return _share(value, lang)
    if kind == "ratio":
        return _ratio(value, lang)
    return format_number(value, 0, lang)


def _stage_label(group: Group, session: Session, lang: str) -> str:
    from kelompok.sessions.catalog import load_catalog
    from kelompok.sessions.planning import stage_for

    stage = session.plan.stage or stage_for(session.number, group.planned_sessions)
    return load_catalog().practice_stage(stage).label.get(lang)


def _datetime(value: dt.datetime, lang: str) -> str:
    from kelompok.i18n import format_time

    return f"{format_date(value.date(), lang)} {format_time(value.time(), lang)}"


def _section(section: str, lang: str) -> str:
    key = f"report.section.{section}"
    text = t(key, lang)
    return section if text == key else text


def _signal_lines(signals: Sequence, view: GraphView, pseudo: Pseudonyms, lang: str, model: str) -> list[str]:
    """The session's signals in the words of the sociogram screen, members by their report label."""
    from kelompok.sociogram.positions import MIN_ACTS
    from kelompok.sociogram.wording import describe_signal

    analysis = view.analysis
    if analysis is None:
        return []
    lines = []
    if analysis.metrics.with_facilitator.acts < MIN_ACTS:
        lines.append(t("export.signals.too_few", lang, min=MIN_ACTS))
    lines += [describe_signal(s, pseudo.label, lang, model) for s in signals]
    return lines or [t("export.signals.none", lang)]


def equity_rows(graph, group: Group, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Equity per analysable attribute (only those: every other attribute is private)."""
    from kelompok.sociogram.metrics import equity_ratios

    rows = []
    for key in group.analysable_attributes:
        ratios = equity_ratios(graph, group, key)
        values = [(value or t("report.equity_unknown", lang), _ratio(ratio, lang)) for value, ratio in ratios.items()]
        rows.append((key, values))
    return rows


def attendance_groups(session: Session, label, lang: str) -> list[tuple[str, list[str]]]:
    """(status, member labels) as the record shows them, by the one presence rule (`sessions/presence.py`).

    A member who came during the session — marked late, or absent/excused and came anyway — is
    "late", with the minute she arrived; one marked late whose arrival was never recorded is
    listed apart, so the report never counts her present when the sociogram does not."""
    presence = session.presence()
    marked = {a.member: a.status for a in session.attendance}
    groups: dict[str, list[str]] = {"present": [], "late": [], "late_unrecorded": [], "absent": [], "excused": []}
    for code, stretches in presence.items():
        since = stretches[0][0] if stretches else 0.0
        if marked.get(code) == "present" or (since == 0.0 and marked.get(code) != "late"):
            groups["present"].append(label(code))
        else:
            groups["late"].append(t("report.arrived_at", lang, who=label(code), minute=int(since // 60)))
    for entry in session.attendance:
        if entry.member in presence:
            continue
        groups["late_unrecorded" if entry.status == "late" else entry.status].append(label(entry.member))
    return list(groups.items())


def session_summary(
    group: Group,
    session: Session,
    view: GraphView,
    pseudo: Pseudonyms,
    lang: str,
    today: dt.date,
    signals: Sequence = (),
    model: str = "tuckman",
) -> SessionSummary:
    """One session's part of the report; `signals` are its `signals.session_signals`."""
    from kelompok.sessions.catalog import load_catalog
    from kelompok.sessions.planning import plan_vs_actual
    from kelompok.sessions.safety import safety_items, safety_line
    from kelompok.outputs.picture import figures, sociogram_scene
    from kelompok.sociogram.pshifts import participation_shifts
    from kelompok.sociogram.wording import describe_pshifts
    from kelompok.outputs.scene import render_svg

    catalog = load_catalog()
    label = pseudo.label
    facts = [(t("report.date", lang), format_date(session.date, lang))]
    if session.start and session.end:
        from kelompok.i18n import format_time

        facts.append((t("report.time", lang), f"{format_time(session.start, lang)}–{format_time(session.end, lang)}"))
    gaps = session.gaps()
    if gaps:
        # The report's timeline: the session's times are true, and this says which part of them
        # holds no record (so a supervisor does not read it as a silent group).
        from kelompok.sessions.gaps import gap_length_text

        lost = gap_length_text(sum(until - start for start, until in gaps), lang)
        facts.append((t("gaps.report_fact", lang), t("gaps.report_value", lang, minutes=lost, count=len(gaps))))
    facts.append((t("report.stage", lang), _stage_label(group, session, lang)))
    if session.stage_observed.strip():
        facts.append((t("report.stage_observed", lang), pseudo.redact(session.stage_observed.strip())))
    facts.append((t("report.state", lang), t(f"report.state_{session.state}", lang)))
    facts.append((t("report.coding", lang), t(f"report.coding_{session.coding}", lang)))

    attendance = [
        (t(f"report.attendance_{status}", lang, count=len(who)), ", ".join(who))
        for status, who in attendance_groups(session, label, lang)
        if who
    ]

    comparison = plan_vs_actual(session)
    objectives = [
        Objective(
            pseudo.redact(o.text),
            t(f"report.result_{o.result or 'none'}", lang),
            o.result or "none",
            pseudo.redact(o.evidence),
        )
        for o in comparison.objectives
    ]
    blocks = [
        Block(
            pseudo.redact(b.title),
            b.planned_minutes,
            "—" if b.actual_minutes is None else format_number(b.actual_minutes, 0, lang),
        )
        for b in comparison.blocks
    ]
    roles = [
        RoleRow(catalog.role(r.role).label.get(lang), r.planned, r.used, r.used_by_facilitator)
        for r in comparison.roles
    ]
    notes = []
    if comparison.planned_unused:
        notes.append(
            t(
                "report.roles_planned_unused",
                lang,
                roles=", ".join(catalog.role(r).label.get(lang) for r in comparison.planned_unused),
            )
        )
    if comparison.used_unplanned:
        notes.append(
            t(
                "report.roles_used_unplanned",
                lang,
                roles=", ".join(catalog.role(r).label.get(lang) for r in comparison.used_unplanned),
            )
        )

    analysis = view.analysis
    pattern_id = analysis.pattern.label if analysis is not None else "free_floating"
    has_acts = bool(analysis and analysis.acts.acts)
    flags = [safety_line(item, lang) for item in safety_items(session)]

    review = session.review
    comments = [
        CommentRow(
            c.author, _datetime(c.at, lang), _section(c.section, lang) if c.section else "", pseudo.redact(c.text)
        )
        for c in review.comments
    ]
    if review.signoff is not None:
        signoff = t("report.signed_off", lang, by=review.signoff.by, date=_datetime(review.signoff.at, lang))
    else:
        signoff = t("report.not_signed_off", lang)

    members = []
    for node in view.nodes:
        said, _out, received, to_group = view.counts(node)
        status = view.status.get(node, "present")
        members.append(
            MemberRow(label(node), t(f"export.status.{status}", lang), status == "absent", said, to_group, received)
        )

    scene = sociogram_scene(view, pseudo, lang, today, compact=True)
    return SessionSummary(
        number=session.number,
        heading=t("report.session_heading", lang, number=session.number, date=format_date(session.date, lang)),
        facts=facts,
        attendance=attendance,
        objectives=objectives,
        blocks=blocks,
        pattern=t(f"export.pattern.{pattern_id}", lang) if has_acts else t("export.pattern.none", lang),
        pattern_help=t(f"export.pattern.{pattern_id}_help", lang) if has_acts else "",
        figures=figures(view, lang),
        signals=_signal_lines(signals, view, pseudo, lang, model),
        equity=equity_rows(analysis.graph, group, lang) if has_acts else [],
        pshifts=describe_pshifts(participation_shifts(analysis.acts), pseudo.label, lang) if has_acts else [],
        roles=roles,
        roles_note=" ".join(notes),
        safety=flags,
        review_status=t(f"report.status_{review.status}", lang),
        comments=comments,
        signoff=signoff,
        amendments=len(review.amendments),
        members=members,
        sociogram_svg=render_svg(scene, standalone=False),
    )


def dynamics(
    group: Group,
    sessions: Sequence[Session],
    pseudo: Pseudonyms,
    lang: str,
    analyses: list,
    shown: dict | None = None,
    model: str = "tuckman",
) -> Dynamics:
    """The series over time (only for more than one session). `shown` is `signals.session_signals`
    of the sessions; the development-stage and member signals among them are listed here."""
    from kelompok.outputs.report.charts import line_chart
    from kelompok.sociogram.build import series_graph
    from kelompok.sociogram.dynamics import SIGNAL_STAGES, member_trajectories, metric_series
    from kelompok.sociogram.signals import session_signals
    from kelompok.sociogram.wording import describe_signal, stage_label

    numbers = [s.number for s in sessions]
    series = metric_series(analyses)
    charts = []
    rows = []
    for metric, kind in SERIES_CHARTS:
        values = series[metric]
        if all(v is None for v in values):
            continue
        title = t(f"report.metric.{metric}", lang)
        formatted = [_format(v, kind, lang) for v in values]
        svg = line_chart(numbers, values, kind, title, lang)
        charts.append(Chart(metric, title, t(f"report.metric.{metric}_help", lang), svg, formatted))
        rows.append((title, formatted))
    trajectories = member_trajectories(analyses, group.seat_order())
    members = [
        (
            pseudo.label(code),
            ["—" if p.sent is None or not p.present else format_number(p.sent, 0, lang) for p in points],
        )
        for code, points in trajectories.items()
    ]
    if shown is None:
        shown = session_signals(analyses, planned_sessions=group.planned_sessions, group_type=group.type)
    signals = [
        (
            s.session,
            stage_label(s.stage, lang, model) if s.stage else t("report.no_stage", lang),
            describe_signal(s, pseudo.label, lang, model),
        )
        for number in numbers
        for s in shown.get(number, ())
        if s.id in SIGNAL_STAGES
    ]
    equity = equity_rows(series_graph(a.acts for a in analyses if a is not None), group, lang) if analyses else []
    return Dynamics(numbers, charts, rows, members, signals, equity)


def _roles_legend(catalog, summaries: list[SessionSummary], lang: str) -> list[tuple[str, str, str, str]]:
    """The legend of the roles the shown sessions plan or use, in catalogue order."""
    shown = {row.label for summary in summaries for row in summary.roles}
    return [
        (
            role.label.get(lang),
            role.description.get(lang),
            role.benne_sheats_name,
            role.note.get(lang) if role.note else "",
        )
        for role in catalog.roles
        if role.label.get(lang) in shown
    ]


def build_content(
    group: Group,
    sessions: Sequence[Session],
    *,
    only: int | None = None,
    names: bool = False,
    lang: str = "id",
    today: dt.date | None = None,
    attributes: Sequence[str] = (),
    model: str = "tuckman",
) -> ReportContent:
    """Gather the report: the overview, each session (or only session `only`), the dynamics."""
    from kelompok.sessions.catalog import load_catalog
    from kelompok.outputs.privacy import pseudonyms
    from kelompok.outputs.view import session_view

    today = today or dt.date.today()
    sessions = sorted(sessions, key=lambda s: s.number)
    staff = [c.author for s in sessions for c in s.review.comments]
    staff += [s.review.signoff.by for s in sessions if s.review.signoff is not None]
    pseudo = pseudonyms(group, names, lang, staff, attributes)
    catalog = load_catalog()
    gtype = catalog.group_type(group.type)

    from kelompok.sociogram.signals import session_signals

    views = {s.number: session_view(group, s) for s in sessions}
    analysed = [views[s.number].analysis for s in sessions if views[s.number].analysis is not None]
    # The same signals as the sociogram screen and `stats --json`, from the whole series.
    found = session_signals(analysed, planned_sessions=group.planned_sessions, group_type=group.type)
    shown = [s for s in sessions if only is None or s.number == only]
    summaries = [
        session_summary(group, s, views[s.number], pseudo, lang, today, found.get(s.number, ()), model) for s in shown
    ]
    series = None
    if only is None and len(sessions) > 1:
        series = dynamics(group, sessions, pseudo, lang, [views[s.number].analysis for s in sessions], found, model)

    none = t("report.none", lang)
    overview = [
        (t("report.group_type", lang), gtype.name.get(lang)),
        (t("report.agency", lang), pseudo.redact(group.agency) or none),
        (t("report.facilitators", lang), ", ".join(group.facilitators) or none),
        (t("report.members", lang), str(len(group.members))),
        (t("report.planned_sessions", lang), str(group.planned_sessions) if group.planned_sessions else none),
        (t("report.frequency", lang), pseudo.redact(group.frequency) or none),
        (
            t("report.session_length", lang),
            t("report.minutes", lang, minutes=group.session_minutes) if group.session_minutes else none,
        ),
        (t("report.sessions_recorded", lang), str(len(sessions))),
    ]
    if sessions:
        first, last = sessions[0].date, sessions[-1].date
        span = format_date(first, lang) if first == last else f"{format_date(first, lang)} – {format_date(last, lang)}"
        overview.append((t("report.period", lang), span))
    members = []
    for member in group.members:
        # Only analysable attributes the user asked for: every other attribute is private.
        attrs = ", ".join(f"{k}: {member.attributes[k]}" for k in pseudo.attributes if k in member.attributes)
        members.append((pseudo.label(member.code), pseudo.redact(attrs)))
    if pseudo.named:
        labels_note = t("report.labels_names", lang, count=len(pseudo.named), members=len(group.members))
    else:
        labels_note = t("report.labels_codes", lang)
    title = (
        t("report.title_session", lang, group=pseudo.redact(group.name), number=only)
        if only is not None
        else t("report.title", lang, group=pseudo.redact(group.name))
    )
    return ReportContent(
        lang=lang,
        title=title,
        confidential=t("report.confidential", lang),
        made=t("report.made", lang, version=__version__, date=format_date(today, lang)),
        labels_note=labels_note,
        overview=overview,
        purpose=pseudo.redact(group.purpose.strip()),
        members=members,
        sessions=summaries,
        dynamics=series,
        names_used=bool(pseudo.named),
        session_links=[(s.number, t("report.session_link", lang, number=s.number)) for s in summaries],
        safety_first=_safety_first(shown, lang),
        roles_legend=_roles_legend(catalog, summaries, lang),
    )


def _safety_first(sessions: Sequence[Session], lang: str) -> list[str]:
    from kelompok.sessions.safety import safety_items, safety_line

    lines = [
        (not item.open, s.number, t("privacy.safety_in_session", lang, number=s.number, line=safety_line(item, lang)))
        for s in sessions
        for item in safety_items(s)
    ]
    return [line for _closed, _number, line in sorted(lines)]
