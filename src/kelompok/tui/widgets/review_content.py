"""What each section of the review screen says: pure functions from a session to `Content`.

No widget state here: the screen asks for a section's text whenever the session, the language or
the role changes, and tests can read the same text without a terminal. Every word comes from
`locales/*/review_screen.toml`. Members appear by code (names only in the attendance list, which
the supervisor may see; exports never carry them).

Sociometric positions are *signals to check*, worded softly (docs/ARCHITECTURE.md, "Confidentiality and care"): they are for supervision,
never for members, and none is shown below `positions.MIN_ACTS` acts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.content import Content

from kelompok.i18n import format_date, format_duration, format_number, format_percent, format_time, get_language, t
from kelompok.sessions.gaps import gap_length_text
from kelompok.sessions.models import FACILITATOR, GROUP, Comment, Event, Group, Session
from kelompok.sessions.review import original
from kelompok.tui.safe_text import clean_content

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sociogram.analysis import Analysis

SECTIONS = ("safety", "attendance", "plan", "timeline", "sociogram", "notes", "comments", "status")
"""The review screen's sections in the order shown; `safety` only when the session has flags."""

HEADING = "bold $accent"
MUTED = "$text-muted"
ALERT = "bold $error"
GOOD = "$success"
QUOTE = "italic"


# ── labels ───────────────────────────────────────────────────────────────────────────────────


def stamp(at: dt.datetime) -> str:
    """A moment as people write it: `9 Maret 2026, pukul 10.00` / `9 March 2026, 10:00`."""
    return t("review_screen.datetime", date=format_date(at.date()), time=format_time(at.time()))


def section_label(section: str) -> str:
    """The name of a section (also the anchor of a comment on it)."""
    return t(f"review_screen.section.{section}")


def who(code: str | None) -> str:
    """A member code, or the short word for the facilitator or the whole group."""
    if code == FACILITATOR:
        return t("review_screen.timeline.facilitator")
    if code == GROUP:
        return t("review_screen.timeline.group")
    return code or "?"


def role_label(role_id: str) -> str:
    """A mezzo role's name in the current language (the id when the catalogue lacks it)."""
    try:
        from kelompok.sessions.catalog import load_catalog

        return load_catalog().role(role_id).label.get(get_language())
    except Exception:  # a label must never break the review screen; the id is still meaningful
        return role_id


def stage_label(stage_id: str) -> str:
    """A practice or development stage's name (the text itself when it is free text)."""
    if not stage_id:
        return t("review_screen.none")
    try:
        from kelompok.sessions.catalog import load_catalog

        stages = load_catalog().stages
        for stage in (*stages.practice, *stages.tuckman, *stages.boston):
            if stage.id == stage_id:
                return stage.label.get(get_language())
    except Exception:  # as above: show the raw value rather than nothing
        pass
    return stage_id


def code_label(event: Event) -> str:
    """The interaction code of an act: its valence, or `IPA n`."""
    if event.ipa is not None:
        return t("review_screen.timeline.ipa", code=event.ipa)
    if event.valence is not None:
        try:
            from kelompok.sessions.catalog import load_catalog

            for entry in load_catalog().ipa.valences:
                if entry.id == event.valence:
                    return entry.label.get(get_language())
        except Exception:  # as above
            pass
        return event.valence
    return ""


def event_summary(event: Event, session: Session | None = None) -> str:
    """One event in a few words: `A1 → A3`, `✎ note`, `A5 arrives`, `▶ block 2` …"""
    kind = event.kind
    if kind == "speak":
        return t("review_screen.timeline.act", speaker=who(event.from_), addressee=who(event.to))
    if kind == "note":
        return t("review_screen.timeline.safety") if event.safety else t("review_screen.timeline.note")
    if kind in ("arrive", "leave"):
        return t(f"review_screen.timeline.{kind}", who=who(event.from_))
    if kind == "agenda":
        agenda = session.plan.agenda if session is not None else []
        if event.block is not None and event.block < len(agenda):
            return t("review_screen.timeline.agenda", number=event.block + 1)
        return t("review_screen.timeline.agenda_end")
    if kind in ("pause", "resume"):
        return t(f"review_screen.timeline.{kind}")
    if kind == "gap":
        return t("gaps.timeline", minutes=gap_length_text(event.end_at - event.at))
    return kind


def event_note(event: Event, session: Session | None = None) -> str:
    """The free text shown beside an event: its note, the agenda block's title, or a gap's span."""
    if (
        event.kind == "agenda"
        and session is not None
        and event.block is not None
        and event.block < len(session.plan.agenda)
    ):
        return session.plan.agenda[event.block].title
    if event.kind == "gap":
        return t("gaps.timeline_note", start=format_duration(event.at), end=format_duration(event.end_at))
    return event.note or ""


def anchor_label(comment: Comment, session: Session) -> str:
    """Where a comment is anchored: a section, or one act (with what it was)."""
    if comment.event is not None:
        event = next((e for e in session.events if e.seq == comment.event), None)
        what = f"{event_summary(event, session)}, {format_duration(event.at)}" if event is not None else "?"
        return t("review_screen.comments.on_event", seq=comment.event, what=what)
    section = comment.section or "review"
    label = section_label(section)
    return section if label.startswith("review_screen.") else label  # a section name this version does not know


def minutes(value: float) -> str:
    """Minutes as a whole number in the language's format."""
    return format_number(value, 0)


def _lines(parts: Iterable[Content | str]) -> Content:
    # Every section passes through here: control characters in names and notes become visible.
    return clean_content(Content("\n").join(list(parts)))


def _heading(text: str) -> Content:
    return Content.styled(text, HEADING)


def _share(value: float | None) -> str:
    return t("review_screen.none") if value is None else format_percent(value)


def _figure(value: float | None) -> str:
    return t("review_screen.none") if value is None else format_number(value, 2)


# ── sections ─────────────────────────────────────────────────────────────────────────────────


def attendance_content(group: Group, session: Session) -> Content:
    """Who was there: the count by status, each member with a reason, and arrivals/departures."""
    if not session.attendance:
        return Content.styled(t("review_screen.attendance.none"), MUTED)
    # Counted by who came (sessions/presence.py), not by the status taken at the start: a member
    # expected late who never arrived did not attend, one marked absent who walked in did.
    presence = session.presence()
    came_late = {a.member for a in session.attendance if a.member in presence and a.status != "present"}
    stayed_away = [a for a in session.attendance if a.member not in presence]
    excused = sum(1 for a in stayed_away if a.status == "excused")
    lines: list[Content | str] = [
        _heading(
            t(
                "review_screen.attendance.summary",
                present=len(session.attendance) - len(stayed_away),
                total=len(session.attendance),
                late=len(came_late),
                absent=len(stayed_away) - excused,
                excused=excused,
            )
        ),
        "",
    ]
    order = {code: index for index, code in enumerate(group.seat_order())}
    for entry in sorted(session.attendance, key=lambda a: order.get(a.member, len(order))):
        member = group.member(entry.member)
        name = member.name if member else ""
        status = t(f"review_screen.attendance.status_{entry.status}")
        style = "" if entry.status in ("present", "late") else MUTED
        reason = f" — {entry.reason}" if entry.reason else ""
        lines.append(Content.assemble(f"{entry.member:<6} {name[:28]:<28} ", (status, style), (reason, QUOTE)))
    moves = [e for e in session.effective_events() if e.kind in ("arrive", "leave")]
    if moves:
        lines += ["", _heading(t("review_screen.attendance.during"))]
        lines += [f"{format_duration(e.at):>8}  {event_summary(e, session)}" for e in moves]
    return _lines(lines)


def plan_content(session: Session) -> Content:
    """The plan beside what happened: objectives and their results, agenda timing, roles."""
    from kelompok.sessions.planning import plan_vs_actual

    plan = session.plan
    result = plan_vs_actual(session)
    lines: list[Content | str] = []
    lines.append(
        t("review_screen.plan.purpose", text=plan.purpose)
        if plan.purpose
        else Content.styled(t("review_screen.plan.no_purpose"), MUTED)
    )
    lines.append(
        t(
            "review_screen.plan.stage",
            planned=stage_label(plan.stage or ""),
            observed=stage_label(session.stage_observed),
        )
    )
    lines += ["", _heading(t("review_screen.plan.objectives"))]
    if not result.objectives:
        lines.append(Content.styled(t("review_screen.plan.no_objectives"), MUTED))
    for objective in result.objectives:
        mark = t(f"review_screen.plan.result_{objective.result or 'none'}")
        style = {"met": GOOD, "not_met": ALERT}.get(objective.result or "", "")
        lines.append(Content.assemble((f"{mark:<16}", style), objective.text))
        if objective.evidence:
            lines.append(Content.styled(f"{'':<16}{t('review_screen.plan.evidence', text=objective.evidence)}", QUOTE))
    lines += ["", _heading(t("review_screen.plan.agenda"))]
    if not result.blocks:
        lines.append(Content.styled(t("review_screen.plan.no_agenda"), MUTED))
    for block in result.blocks:
        planned = t("review_screen.plan.minutes", minutes=block.planned_minutes)
        if block.actual_minutes is None:
            actual = Content.styled(t("review_screen.plan.not_started"), MUTED)
        else:
            actual = Content(t("review_screen.plan.minutes", minutes=minutes(block.actual_minutes)))
        if block.gap_minutes:
            # The interrupted part is not counted as the block's time: say so beside the figure.
            actual = Content.assemble(
                actual, (f" · {t('gaps.timeline', minutes=gap_length_text(block.gap_minutes * 60))}", ALERT)
            )
        lines.append(Content.assemble(f"{block.index + 1:>2} {block.title[:30]:<30} {planned:>8} → ", actual))
    lines.append(
        Content.styled(
            t(
                "review_screen.plan.totals",
                planned=result.planned_minutes,
                recorded=minutes(result.recorded_minutes),
                unassigned=minutes(result.unassigned_minutes),
            ),
            MUTED,
        )
    )
    lines += ["", _heading(t("review_screen.plan.roles"))]
    if not result.roles:
        lines.append(Content.styled(t("review_screen.plan.no_roles"), MUTED))
    for use in result.roles:
        planned = t("review_screen.plan.role_planned") if use.planned else t("review_screen.plan.role_unplanned")
        used = t("review_screen.plan.role_used", used=use.used, facilitator=use.used_by_facilitator)
        style = ALERT if use.planned and not use.used else ""
        lines.append(Content.assemble(f"{role_label(use.role)[:28]:<28} ", (planned, style), f" · {used}"))
    return _lines(lines)


def analyse_session(group: Group, session: Session) -> Analysis:
    """The sociogram analysis of the session (imports networkx on first use)."""
    from kelompok.sociogram.analysis import analyse

    return analyse(session, group.seat_order())


def sociogram_content(analysis: Analysis | None, error: str = "") -> Content:
    """Figures, the communication pattern and the sociometric signals, as text (the graph is elsewhere)."""
    if analysis is None:
        return Content.styled(t("review_screen.sociogram.failed", error=error), ALERT)
    from kelompok.sociogram.metrics import acts_per_node
    from kelompok.sociogram.positions import MIN_ACTS

    metrics = analysis.metrics
    total = metrics.with_facilitator.acts
    if total == 0:
        return Content.styled(t("review_screen.sociogram.no_acts"), MUTED)
    lines: list[Content | str] = [
        _heading(
            t(
                "review_screen.sociogram.acts",
                acts=total,
                between=analysis.member_to_member,
                share=_share(metrics.facilitator_share),
                involvement=_share(metrics.facilitator_involvement),
            )
        ),
        "",
        Content.styled(
            f"{t('review_screen.sociogram.col_measure'):<24} {t('review_screen.sociogram.col_with'):>11} {t('review_screen.sociogram.col_without'):>11}",
            MUTED,
        ),
    ]
    with_f, without_f = metrics.with_facilitator, metrics.without_facilitator
    for key, left, right in (
        ("gini", _figure(with_f.gini), _figure(without_f.gini)),
        ("density", _figure(with_f.density), _figure(without_f.density)),
        ("reciprocity", _figure(with_f.reciprocity), _figure(without_f.reciprocity)),
        ("centralization", _figure(with_f.centralization), _figure(without_f.centralization)),
        ("components", str(with_f.components), str(without_f.components)),
    ):
        lines.append(f"{t(f'review_screen.sociogram.{key}')[:24]:<24} {left:>11} {right:>11}")
    label = t(f"review_screen.sociogram.pattern_{analysis.pattern.label}")
    lines += ["", _heading(t("review_screen.sociogram.pattern", label=label))]

    lines += ["", _heading(t("review_screen.sociogram.signals"))]
    sociometry = analysis.sociometry
    if total < MIN_ACTS:
        lines.append(Content.styled(t("review_screen.sociogram.too_few", acts=total, minimum=MIN_ACTS), MUTED))
    else:
        signals = [
            t(f"review_screen.sociogram.position_{position}", who=code)
            for code, found in sociometry.positions.items()
            for position in found
        ]
        if sociometry.mutual_pairs:
            signals.append(
                t("review_screen.sociogram.mutual", pairs=", ".join(f"{a}↔{b}" for a, b in sociometry.mutual_pairs))
            )
        if sociometry.cliques:
            signals.append(
                t("review_screen.sociogram.cliques", groups="; ".join(", ".join(c) for c in sociometry.cliques))
            )
        if sociometry.subgroups:
            signals.append(
                t("review_screen.sociogram.subgroups", groups=" | ".join(", ".join(g) for g in sociometry.subgroups))
            )
        lines += [f"• {signal}" for signal in signals] or [
            Content.styled(t("review_screen.sociogram.no_signals"), MUTED)
        ]

    lines += ["", _heading(t("review_screen.sociogram.per_member"))]
    per_node = acts_per_node(analysis.graph)
    for code, acts in per_node.items():
        lines.append(
            t(
                "review_screen.sociogram.member",
                code=f"{who(code):<6}",
                sent=f"{acts.sent:>4}",
                received=f"{acts.in_:>4}",
            )
        )
    if analysis.roles:
        roles = ", ".join(f"{role_label(role)} {count}" for role, count in analysis.roles.items())
        lines += ["", t("review_screen.sociogram.roles", roles=roles)]
    lines += ["", Content.styled(t("review_screen.sociogram.open_graph"), MUTED)]
    return _lines(lines)


def notes_content(session: Session) -> Content:
    """The facilitator's notes and stage judgement, with the signed-off text beside any amendment."""
    lines: list[Content | str] = []
    for field, heading in (("notes", "review_screen.notes.notes"), ("stage_observed", "review_screen.notes.stage")):
        value = getattr(session, field)
        shown = stage_label(value) if field == "stage_observed" and value else value
        lines += [_heading(t(heading)), shown or Content.styled(t("review_screen.notes.empty"), MUTED)]
        amended = [a for a in session.review.amendments if a.field == field]
        if amended:
            before = original(session, field)
            lines += [
                Content.styled(t("review_screen.notes.amended", count=len(amended)), ALERT),
                Content.styled(t("review_screen.notes.original"), MUTED),
                Content.styled(before or t("review_screen.notes.empty"), QUOTE),
            ]
        lines.append("")
    return _lines(lines[:-1])


def comments_content(session: Session) -> Content:
    """Every comment, oldest first, with who, when and what it is anchored to."""
    comments = session.review.comments
    if not comments:
        return _lines(
            [
                Content.styled(t("review_screen.comments.empty"), MUTED),
                "",
                Content.styled(t("review_screen.comments.hint"), MUTED),
            ]
        )
    lines: list[Content | str] = []
    for comment in comments:
        head = t(
            "review_screen.comments.line",
            at=stamp(comment.at),
            author=comment.author,
            anchor=anchor_label(comment, session),
        )
        lines += [Content.styled(head, MUTED), Content(comment.text), ""]
    lines.append(Content.styled(t("review_screen.comments.hint"), MUTED))
    return _lines(lines)


def status_content(session: Session) -> Content:
    """Review status, sign-off, amendments (before / after) and the whole trail."""
    review = session.review
    lines: list[Content | str] = [_heading(t("review_screen.status.status", status=t(f"review.{review.status}")))]
    if review.signoff is not None:
        lines.append(
            Content.styled(t("review_screen.status.signed", by=review.signoff.by, at=stamp(review.signoff.at)), GOOD)
        )
    else:
        lines.append(Content.styled(t("review_screen.status.not_signed"), MUTED))
    lines.append(Content.styled(t(f"review_screen.status.next_{review.status}"), QUOTE))

    lines += ["", _heading(t("review_screen.status.amendments"))]
    if not review.amendments:
        lines.append(Content.styled(t("review_screen.status.no_amendments"), MUTED))
    for amendment in review.amendments:
        field = t(f"review_screen.field.{amendment.field}")
        field = amendment.field if field.startswith("review_screen.") else field
        lines.append(t("review_screen.status.amendment", at=stamp(amendment.at), by=amendment.by, field=field))
        lines.append(
            Content.styled(
                f"  {t('review_screen.status.before', text=amendment.before or t('review_screen.notes.empty'))}", MUTED
            )
        )
        lines.append(f"  {t('review_screen.status.after', text=amendment.after or t('review_screen.notes.empty'))}")

    lines += ["", _heading(t("review_screen.status.trail"))]
    if not review.trail:
        lines.append(Content.styled(t("review_screen.status.no_trail"), MUTED))
    for entry in review.trail:
        action = t(f"review_screen.trail.{entry.action}")
        action = entry.action if action.startswith("review_screen.") else action
        detail = _trail_detail(entry.action, entry.detail)
        line = t("review_screen.status.trail_line", at=stamp(entry.at), who=entry.who, action=action)
        lines.append(f"{line} · {detail}" if detail else line)
    return _lines(lines)


def _trail_detail(action: str, detail: str) -> str:
    """A trail entry's detail in words: the section or act commented on, the field changed."""
    if not detail:
        return ""
    if detail.startswith("#"):
        return detail
    if action in ("edited", "amended"):
        label = t(f"review_screen.field.{detail}")
    else:
        label = t(f"review_screen.section.{detail}")
    return detail if label.startswith("review_screen.") else label
