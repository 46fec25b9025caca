"""Session planning: stage of a session, plan templates per group type, plan checks, plan vs
actual, and a printable Markdown plan.

Everything here is pure domain logic (no Textual): it reads the content catalogue
(`kelompok.sessions.catalog`) and the models, and returns plain values. Every user-visible text comes
from the catalogue in the language asked for; this module holds no sentences of its own.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Literal

from kelompok.sessions.catalog import Catalog, GroupType, SkeletonBlock, StageBlock, load_catalog
from kelompok.i18n import t
from kelompok.sessions.consent import missing_for
from kelompok.sessions.models import (
    FACILITATOR,
    MEZZO_ROLE_IDS,
    POPULATION_FLAGS,
    AgendaBlock,
    Group,
    Member,
    Objective,
    Risk,
    Session,
    SessionPlan,
    Stage,
)

# ── ethics checklist ids (labels live in catalog/planning.toml) ───────────────────────────────

CONFIDENTIALITY_AGREEMENT = "confidentiality_agreement"
CONFIDENTIALITY_LIMITS = "confidentiality_limits"
RECORDING_CONSENT = "recording_consent"
VOLUNTARY_PARTICIPATION = "voluntary_participation"
RIGHT_TO_PASS = "right_to_pass"
ETHICS_ITEM_IDS = (
    CONFIDENTIALITY_AGREEMENT,
    CONFIDENTIALITY_LIMITS,
    RECORDING_CONSENT,
    VOLUNTARY_PARTICIPATION,
    RIGHT_TO_PASS,
)
"""The ethics checklist items, in checklist order."""


def _population_names(flags: list[str], lang: str) -> str:
    return ", ".join(t(f"privacy.population.{flag}", lang) for flag in flags)


# ── plan check ids (messages live in catalog/checks.toml) ─────────────────────────────────────

CHECK_IDS = (
    "professional_lead_required",
    "professional_lead_advised",
    "size_below_guidance",
    "size_above_guidance",
    "session_length_outside_guidance",
    "agenda_empty",
    "agenda_too_long",
    "agenda_longer_than_usual",
    "block_no_minutes",
    "block_no_activity",
    "no_purpose",
    "no_objective",
    "too_many_objectives",
    "objective_vague",
    "objective_not_measurable",
    "confidentiality_agreement_missing",
    "confidentiality_agreement_new_members",
    "confidentiality_limits_missing",
    "recording_without_consent",
    "guardian_consent_missing",
    "voluntary_participation_missing",
    "mandated_consequences_missing",
    "right_to_pass_missing",
    "risk_plan_empty",
    "population_risk_plan_empty",
    "population_care",
    "risk_without_mitigation",
    "no_evaluation",
    "ending_no_follow_up",
)
"""Every id `check_plan` can return, in the order it checks them."""

MAX_OBJECTIVES = 3
"""More objectives than this rarely fit one session (and cannot all be observed)."""

MIN_BLOCK_MINUTES = 5
"""The template never shrinks a block below this when it fits the agenda to the session."""

CheckLevel = Literal["info", "warning"]


@dataclass(frozen=True)
class PlanCheck:
    """One finding about a session plan, in the language asked for."""

    id: str
    """Stable id (one of `CHECK_IDS`), for tests, filtering and help links."""
    level: CheckLevel
    """`warning`: should be fixed before the session; `info`: worth a look."""
    message: str
    """What was found and what to do, in the requested language."""


# ── stages and membership ─────────────────────────────────────────────────────────────────────


def stage_for(session_number: int, planned_sessions: int | None) -> Stage:
    """The group-work stage of a session from its place in the series.

    Rule: the first and the last sixth of the planned series (at least one session each) are the
    beginning and the ending; everything between is the middle. So a series of 1–11 sessions has
    one beginning and one ending session, 12–17 have two of each, and so on. A one-session group
    is a beginning (its contract and confidentiality agreement come first). Sessions past the
    planned number count as ending. When the series length is unknown, session 1 is the beginning
    and every later session the middle (an ending cannot be known yet).

    This is only the calendar's guess: a facilitator may set `SessionPlan.stage` to override it.
    """
    if session_number < 1:
        raise ValueError(f"session numbers start at 1, not {session_number}")
    if planned_sessions is None:
        return "beginning" if session_number == 1 else "middle"
    if planned_sessions < 1:
        raise ValueError(f"a series needs at least one planned session, not {planned_sessions}")
    edge = max(1, planned_sessions // 6)
    if session_number <= edge:
        return "beginning"
    if session_number > planned_sessions - edge:
        return "ending"
    return "middle"


def active_members(group: Group, session_number: int) -> list[Member]:
    """Members who belong to the group at this session (joined by then, not yet left)."""
    return [
        m for m in group.members if (m.joined or 1) <= session_number and (m.left is None or m.left >= session_number)
    ]


def joining_members(group: Group, session_number: int) -> list[Member]:
    """Members whose first session is this one, after the group started (`Member.joined`)."""
    if session_number == 1:
        return []
    return [m for m in group.members if m.joined == session_number]


def ethics_items_for(group: Group, session_number: int, stage: str | None = None) -> list[str]:
    """The ethics checklist items that apply to a session, in checklist order (none ticked).

    Recording consent applies to every session. The confidentiality agreement and its limits apply
    to beginning sessions and to any session where new members join. Voluntary participation
    applies to beginning sessions; for types where members disclose personal matters
    (`voluntary_disclosure`: self-help, therapy, sensitivity) voluntary participation and the
    right to pass apply to every session.
    """
    gtype = load_catalog().group_type(group.type)
    stage = stage or stage_for(session_number, group.planned_sessions)
    wanted = {RECORDING_CONSENT}
    if stage == "beginning" or session_number == 1 or joining_members(group, session_number):
        wanted |= {CONFIDENTIALITY_AGREEMENT, CONFIDENTIALITY_LIMITS}
    if stage == "beginning" or gtype.voluntary_disclosure:
        wanted.add(VOLUNTARY_PARTICIPATION)
    if gtype.voluntary_disclosure:
        wanted.add(RIGHT_TO_PASS)
    return [item for item in ETHICS_ITEM_IDS if item in wanted]


# ── templates and suggestions ─────────────────────────────────────────────────────────────────


def _round5(minutes: float) -> int:
    return int(minutes / 5 + 0.5) * 5


def _agenda_block(block: SkeletonBlock | StageBlock, minutes: int, lang: str) -> AgendaBlock:
    return AgendaBlock(
        title=block.title.get(lang),
        minutes=minutes,
        activity=block.activity.get(lang),
        roles=list(block.roles),
    )


def _fit(agenda: list[AgendaBlock], core: AgendaBlock, difference: int) -> None:
    """Lengthen or shorten the agenda by `difference` minutes in total.

    Extra time goes to `core` (the skeleton's longest block: the core work). Time is taken five
    minutes at a time from whichever block is longest at that moment, so the cut is spread over the
    big blocks rather than emptying one; no block drops below `MIN_BLOCK_MINUTES`. What cannot be
    taken stays (and `check_plan` reports the agenda as too long).
    """
    if difference > 0:
        core.minutes += difference
    while difference < 0:
        longest = max(agenda, key=lambda block: block.minutes)
        cut = min(5, -difference, longest.minutes - MIN_BLOCK_MINUTES)
        if cut <= 0:
            return
        longest.minutes -= cut
        difference += cut


def plan_template(group: Group, session_number: int, lang: str) -> SessionPlan:
    """A session plan prefilled from the group type's skeleton and the session's stage.

    - Agenda: the type's default skeleton. A beginning session gets an introductions-and-agreement
      block (norms, confidentiality and its limits) after the opening block; a session where members
      join gets a welcome block there instead; an ending session gets an evaluation-and-farewell
      block before the closing block. Then the blocks are stretched or trimmed (see `_fit`)
      so the agenda fits the group's session length, or the skeleton's own length when the group has
      none; if it cannot fit, `check_plan` will say the agenda is too long.
    - Purpose, one example objective, evaluation and follow-up come from the stage.
    - Ethics items are left unticked: `ethics_items_for` lists which apply.
    - Types with a medium or high caution level get a risk-plan stub: their first caution as the
      risk, with the mitigation left for the facilitator to write.
    """
    catalog = load_catalog()
    gtype = catalog.group_type(group.type)
    stage = stage_for(session_number, group.planned_sessions)
    info = catalog.practice_stage(stage)
    target = group.session_minutes or gtype.skeleton_minutes

    agenda = [_agenda_block(block, block.minutes, lang) for block in gtype.skeleton]
    core = max(agenda, key=lambda block: block.minutes)  # the first of the longest: the core work
    after_opening = 1 if len(agenda) > 1 else 0
    if stage == "beginning" and info.block is not None:
        minutes = max(10, _round5(target * 0.15))
        agenda.insert(after_opening, _agenda_block(info.block, minutes, lang))
    elif joining_members(group, session_number):
        minutes = max(5, _round5(target * 0.05))
        agenda.insert(after_opening, _agenda_block(catalog.stages.joining_block, minutes, lang))
    if stage == "ending" and info.block is not None:
        minutes = max(10, _round5(target * 0.15))
        agenda.insert(max(len(agenda) - 1, 0), _agenda_block(info.block, minutes, lang))

    _fit(agenda, core, target - sum(block.minutes for block in agenda))

    planned_roles: list[str] = []
    for block in agenda:
        for role in block.roles:
            if role not in planned_roles:
                planned_roles.append(role)

    risks = []
    if gtype.caution_level in ("medium", "high"):
        risks.append(Risk(risk=gtype.cautions[0].get(lang), mitigation=""))

    return SessionPlan(
        purpose=info.session_purpose.get(lang) if info.session_purpose else "",
        objectives=[Objective(text=info.objective.get(lang))] if info.objective else [],
        stage=stage,
        minutes=target,
        agenda=agenda,
        planned_roles=planned_roles,  # type: ignore[arg-type]  # ids come from the validated catalogue
        materials=catalog.texts(gtype.materials, lang),
        ethics=[],
        risks=risks,
        evaluation=info.evaluation.get(lang) if info.evaluation else "",
        follow_up=info.follow_up.get(lang) if info.follow_up else "",
    )


def stage_suggestions(group_type_id: str, stage: str, lang: str) -> list[str]:
    """Advice for a stage: the type's own notes first, then the general advice for the stage.

    `stage` is `beginning`, `middle` or `ending`, or `planning` (the type's planning list, then the
    general planning advice).
    """
    catalog = load_catalog()
    gtype = catalog.group_type(group_type_id)
    if stage == "planning":
        own = gtype.plans
    elif stage in ("beginning", "middle", "ending"):
        own = getattr(gtype.stage_notes, stage)
    else:
        raise ValueError(f"unknown stage {stage!r}; use planning, beginning, middle or ending")
    general = catalog.practice_stage(stage).suggestions
    return catalog.texts(own, lang) + catalog.texts(general, lang)


# ── objectives ────────────────────────────────────────────────────────────────────────────────

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")
_ENDINGS = ("", "s", "es", "d", "ed", "ing")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _is_form_of(token: str, word: str) -> bool:
    """`token` is `word` or a plain English inflection of it (names, listed, writing)."""
    if any(token == word + ending for ending in _ENDINGS):
        return True
    return word.endswith("e") and token == word[:-1] + "ing"


def _find(tokens: list[str], words: tuple[str, ...]) -> str | None:
    for token in tokens:
        for word in words:
            if _is_form_of(token, word):
                return token
    return None


def objective_issue(text: str) -> tuple[str, str] | None:
    """Whether an objective looks observable; None when it does, else `(check_id, word)`.

    The heuristic (word lists in catalog/planning.toml, both languages, whole words with simple
    English endings):

    1. An observable verb (menyebutkan, menuliskan, mempraktikkan, name, list, write, show …)
       makes the objective observable.
    2. Otherwise a vague verb (memahami, mengetahui, understand, know, learn …) makes it vague:
       `("objective_vague", the word)` — a number does not rescue "understand three things".
    3. Otherwise a number (a digit or a number word) makes it countable.
    4. Otherwise: `("objective_not_measurable", "")`.

    It is a prompt to reword, not a judgement: it reads words, not meaning.
    """
    lists = load_catalog().planning.objectives
    tokens = _words(text)
    if _find(tokens, lists.observable.all()):
        return None
    vague = _find(tokens, lists.vague.all())
    if vague:
        return ("objective_vague", vague)
    if any(token.isdigit() for token in tokens) or _find(tokens, lists.numbers.all()):
        return None
    return ("objective_not_measurable", "")


def objective_is_measurable(text: str) -> bool:
    """True when `objective_issue` finds nothing to say about the objective."""
    return objective_issue(text) is None


# ── checks ────────────────────────────────────────────────────────────────────────────────────


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _Checks:
    """Collects findings, turning ids and values into messages from the catalogue."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang
        self.found: list[PlanCheck] = []

    def add(self, check_id: str, level: CheckLevel, **values: object) -> None:
        message = self.catalog.check_text(check_id).fill(self.lang, **values)
        # Messages may start with a lower-case type name ("{type} …"); sentences start upper-case.
        message = message[:1].upper() + message[1:]
        self.found.append(PlanCheck(id=check_id, level=level, message=message))


def _type_name(gtype: GroupType, lang: str) -> str:
    # Type names are embedded mid-sentence ("untuk kelompok terapi", "a therapy group").
    return gtype.name.get(lang).lower()


def check_plan(group: Group, session_number: int, plan: SessionPlan, lang: str) -> list[PlanCheck]:
    """Everything worth a second look in a session plan, in the language asked for.

    Checks, in order: professional lead (therapy required, sensitivity advised); member count
    against the type's size guidance; session length against the type's guidance; the agenda
    (empty, longer than the session, blocks without minutes or activity); purpose; objectives
    (none, more than three, not observable — see `objective_issue`); confidentiality agreement in
    session 1 and whenever members join, and the limits of confidentiality in session 1 (and when
    members join a group with population flags); adult members who have not consented to being
    noted, minors without guardian consent and assent; voluntary participation (with mandated
    members: an honest account of the consequences) and the right to pass for types where members
    disclose personal matters; a risk plan for medium/high caution types or any population flag,
    and mitigations for every listed risk; evaluation; follow-up in ending sessions.
    """
    catalog = load_catalog()
    gtype = catalog.group_type(group.type)
    type_name = _type_name(gtype, lang)
    stage = plan.stage or stage_for(session_number, group.planned_sessions)
    checks = _Checks(catalog, lang)
    ticked = set(plan.ethics)

    if not group.professional_lead:
        if gtype.professional == "required":
            checks.add("professional_lead_required", "warning", type=type_name)
        elif gtype.professional == "advised":
            checks.add("professional_lead_advised", "warning", type=type_name)

    members = active_members(group, session_number)
    size = gtype.size
    # No members yet means the group is still being planned; a size warning would be noise.
    if members and len(members) < size.min:
        checks.add("size_below_guidance", "info", count=len(members), type=type_name, min=size.min, max=size.max)
    elif len(members) > size.max:
        checks.add("size_above_guidance", "info", count=len(members), type=type_name, min=size.min, max=size.max)

    session_minutes = plan.minutes or group.session_minutes
    length = gtype.length
    if session_minutes and not length.min <= session_minutes <= length.max:
        checks.add(
            "session_length_outside_guidance",
            "info",
            minutes=session_minutes,
            type=type_name,
            min=length.min,
            max=length.max,
        )

    agenda_total = sum(max(block.minutes, 0) for block in plan.agenda)
    if not plan.agenda:
        checks.add("agenda_empty", "warning")
    elif session_minutes and agenda_total > session_minutes:
        checks.add("agenda_too_long", "warning", agenda=agenda_total, session=session_minutes)
    elif not session_minutes and agenda_total > length.max:
        checks.add("agenda_longer_than_usual", "info", agenda=agenda_total, type=type_name, max=length.max)
    for number, block in enumerate(plan.agenda, start=1):
        # The model refuses minutes < 1 on load, but an editor may assign 0 (no validate_assignment).
        if not block.minutes or block.minutes < 1:
            checks.add("block_no_minutes", "warning", number=number, title=block.title)
        if not block.activity.strip():
            checks.add("block_no_activity", "info", number=number, title=block.title)

    if not plan.purpose.strip():
        checks.add("no_purpose", "info")

    if not plan.objectives:
        checks.add("no_objective", "warning")
    elif len(plan.objectives) > MAX_OBJECTIVES:
        checks.add("too_many_objectives", "warning", count=len(plan.objectives))
    for number, objective in enumerate(plan.objectives, start=1):
        issue = objective_issue(objective.text)
        if issue is None:
            continue
        check_id, word = issue
        if check_id == "objective_vague":
            checks.add(check_id, "info", number=number, word=word)
        else:
            checks.add(check_id, "info", number=number, text=_short(objective.text))

    if CONFIDENTIALITY_AGREEMENT not in ticked:
        joiners = joining_members(group, session_number)
        if session_number == 1:
            checks.add("confidentiality_agreement_missing", "warning")
        elif joiners:
            codes = ", ".join(m.code for m in joiners)
            checks.add("confidentiality_agreement_new_members", "warning", codes=codes)
    # Population flags (children, survivors of violence, HIV, mental health, mandated members) call
    # for care whatever the type: the limits of confidentiality are explained in session 1 *and*
    # whenever someone joins, and missing it is a warning.
    flags = [flag for flag in POPULATION_FLAGS if group.has_population(flag)]
    joiners_now = joining_members(group, session_number) if session_number > 1 else []
    if CONFIDENTIALITY_LIMITS not in ticked and (session_number == 1 or (flags and joiners_now)):
        level: CheckLevel = "warning" if gtype.caution_level == "high" or flags else "info"
        checks.add("confidentiality_limits_missing", level)

    # A member who declined to be noted is not asked again (models.Consent.declined_noting): she
    # attends, and the Recorder notes nothing of hers.
    unconsented = [
        m.code
        for m in members
        if not m.forgotten and not m.minor and not m.consent.may_be_noted(False) and not m.consent.declined_noting
    ]
    if unconsented:
        checks.add("recording_without_consent", "warning", codes=", ".join(unconsented))
    unguarded = [m.code for m in members if m.minor and not m.forgotten and missing_for(m)]
    if unguarded:
        checks.add("guardian_consent_missing", "warning", codes=", ".join(unguarded))

    mandated = group.has_population("mandated")
    if gtype.voluntary_disclosure or mandated:
        if VOLUNTARY_PARTICIPATION not in ticked:
            # With mandated members "you may stop without losing other services" is not true: the
            # honest item explains what not taking part means for them.
            if mandated:
                checks.add("mandated_consequences_missing", "warning")
            else:
                checks.add("voluntary_participation_missing", "warning", type=type_name)
        if gtype.voluntary_disclosure and RIGHT_TO_PASS not in ticked:
            checks.add("right_to_pass_missing", "warning", type=type_name)

    risk_level: CheckLevel = "warning" if gtype.caution_level == "high" else "info"
    if gtype.caution_level in ("medium", "high") and not plan.risks:
        checks.add("risk_plan_empty", risk_level, type=type_name)
    elif flags and not plan.risks:
        checks.add("population_risk_plan_empty", "warning", populations=_population_names(flags, lang))
    if flags and session_number == 1:
        checks.add("population_care", "info", populations=_population_names(flags, lang))
    for risk in plan.risks:
        if not risk.mitigation.strip():
            checks.add("risk_without_mitigation", risk_level, risk=_short(risk.risk))

    if not plan.evaluation.strip():
        checks.add("no_evaluation", "info")
    if stage == "ending" and not plan.follow_up.strip():
        checks.add("ending_no_follow_up", "info")

    return checks.found


# ── plan vs actual ────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class BlockActual:
    """One agenda block: planned minutes against the minutes recorded for it."""

    index: int
    """Position in the agenda, from 0 (as in `Event.block`)."""
    title: str
    """The block's title."""
    planned_minutes: int
    """Minutes the plan gave it."""
    actual_minutes: float | None
    """Minutes recorded for it; None when the block was never started."""
    gap_minutes: float = 0.0
    """Minutes inside the block in which recording was interrupted: left out of `actual_minutes`."""

    @property
    def difference(self) -> float | None:
        """Recorded minus planned minutes (positive: ran over); None when never started."""
        if self.actual_minutes is None:
            return None
        return self.actual_minutes - self.planned_minutes


@dataclass(frozen=True)
class ObjectiveOutcome:
    """One objective with what the facilitator recorded about it after the session."""

    text: str
    """The objective."""
    result: str | None
    """met, partly, not_met, or None when not yet assessed."""
    evidence: str
    """The line of evidence given for the result."""


@dataclass(frozen=True)
class RoleUse:
    """A mezzo role that was planned, used, or both."""

    role: str
    """The mezzo role id."""
    planned: bool
    """Named in the plan (`planned_roles` or any agenda block's roles)."""
    used: int
    """Acts tagged with the role (anyone's)."""
    used_by_facilitator: int
    """Of those, acts by the facilitator."""


@dataclass(frozen=True)
class PlanVsActual:
    """What was planned for a session against what was recorded."""

    blocks: list[BlockActual]
    """Every agenda block, in agenda order."""
    objectives: list[ObjectiveOutcome]
    """Every objective, in plan order."""
    roles: list[RoleUse]
    """Planned or used mezzo roles, in the catalogue's order."""
    planned_minutes: int
    """Total minutes of the agenda."""
    recorded_minutes: float
    """Length of the recording: the last event's time (pauses excluded), less the gaps."""
    unassigned_minutes: float
    """Recorded minutes outside any planned block (before the first block, after the agenda ended)."""
    gap_minutes: float = 0.0
    """Minutes in which recording was interrupted (`gap` events), counted in no block."""

    @property
    def planned_unused(self) -> list[str]:
        """Roles the plan named that no act was tagged with."""
        return [r.role for r in self.roles if r.planned and not r.used]

    @property
    def used_unplanned(self) -> list[str]:
        """Roles acts were tagged with that the plan did not name."""
        return [r.role for r in self.roles if r.used and not r.planned]


def plan_vs_actual(session: Session) -> PlanVsActual:
    """Compare a session's plan with its record.

    Block timing: the first block starts with the session (as the live screen's agenda clock
    does, with no key pressed), and an `agenda` event with `block = i` marks the start of block i,
    which runs until the next `agenda` event or the end of the session (the last effective
    event's `at`). So every minute belongs to a block, except after an `agenda` event whose index
    is past the last block (the plan has ended): that time is "outside the agenda". A block
    started more than once gets the sum of its stretches. Undone events are left out. A session
    with nothing recorded has no block timed.

    A `gap` (recording interrupted) inside a block is not counted as facilitated time: nobody
    knows whether the block went on while the app was down, so its actual minutes are the
    recorded ones and the gap is reported beside them (`gap_minutes`) rather than guessed.

    Role use counts the `role` tags on the session's effective speaking acts (`session.acts()`).
    """
    plan = session.plan
    from kelompok.sessions.gaps import overlap

    events = session.effective_events()
    gaps = session.gaps()
    end = max((event.end_at for event in events), default=0.0)
    marks = sorted(
        ((event.at, event.block) for event in events if event.kind == "agenda" and event.block is not None),
        key=lambda mark: mark[0],
    )

    seconds: dict[int, float] = defaultdict(float)
    gap_seconds: dict[int, float] = defaultdict(float)
    unassigned = 0.0
    begun = bool(plan.agenda) and bool(events)  # nothing recorded: nothing to time
    previous_at, previous_block = 0.0, (0 if begun else None)
    for at, block in [*marks, (end, None)]:
        lost = overlap(gaps, previous_at, at)
        span = max(at - previous_at - lost, 0.0)
        if previous_block is not None and previous_block < len(plan.agenda):
            seconds[previous_block] += span
            gap_seconds[previous_block] += lost
        else:
            unassigned += span
        previous_at, previous_block = at, block
    started = {block for _, block in marks} | ({0} if begun else set())

    blocks = [
        BlockActual(
            index=index,
            title=block.title,
            planned_minutes=block.minutes,
            actual_minutes=seconds[index] / 60 if index in started else None,
            gap_minutes=gap_seconds[index] / 60,
        )
        for index, block in enumerate(plan.agenda)
    ]
    objectives = [ObjectiveOutcome(text=o.text, result=o.result, evidence=o.evidence) for o in plan.objectives]

    planned = set(plan.planned_roles) | {role for block in plan.agenda for role in block.roles}
    acts = session.acts()
    used = Counter(act.role for act in acts if act.role)
    by_facilitator = Counter(act.role for act in acts if act.role and act.from_ == FACILITATOR)
    roles = [
        RoleUse(role=role, planned=role in planned, used=used[role], used_by_facilitator=by_facilitator[role])
        for role in MEZZO_ROLE_IDS
        if role in planned or used[role]
    ]

    return PlanVsActual(
        blocks=blocks,
        objectives=objectives,
        roles=roles,
        planned_minutes=plan.agenda_minutes(),
        recorded_minutes=max(0.0, end - overlap(gaps, 0.0, end)) / 60,
        unassigned_minutes=unassigned / 60,
        gap_minutes=overlap(gaps, 0.0, end) / 60,
    )
