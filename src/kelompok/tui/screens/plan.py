"""The session plan editor, with live plan checks and, after the session, plan against actual.

`PlanScreen(group_dir, number)` opens session `number`'s plan; `PlanScreen(group_dir, None)` plans
the next session from the group type's template for its stage (written only when saved).

Parts (tabs): goals (date, stage, length, mode, venue, purpose, 1–3 measurable objectives with a
hint under each), agenda (timed blocks, running total), roles and materials, ethics and risks,
evaluation and follow-up, and — for an ended session — plan against actual (block times, objectives
met / partly / not met with evidence, planned against used mezzo roles). On the side, the checks
`planning.check_plan` finds as the facilitator types and the advice for the session's stage.

Saving is explicit (Ctrl+S) and atomic (one unit of work of `kelompok.service`); the status line always says whether
what is on screen is on disk. Ctrl+Z undoes the last edit (a whole field, or one agenda change);
leaving with unsaved changes asks first and leaves the file as it was. A signed-off (locked) or
running session, or a group another window holds, opens read-only and says why.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import (
    DataTable,
    Header,
    Input,
    Label,
    Select,
    SelectionList,
    Static,
    TabbedContent,
    TabPane,
    TextArea,
)
from textual.widgets.selection_list import Selection

from kelompok.i18n import format_date, format_number, get_language, t
from kelompok.sessions.catalog import load_catalog
from kelompok.sessions.fileio import DataError, validation_message
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import Group, Objective, Risk, Session, SessionPlan
from kelompok.sessions.planning import (
    ETHICS_ITEM_IDS,
    check_plan,
    ethics_items_for,
    objective_issue,
    plan_template,
    plan_vs_actual,
    stage_for,
    stage_suggestions,
)
from kelompok.sessions.store import load_group, load_session, next_session_number, session_numbers, session_path
from kelompok.tui.safe_text import clean
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.section_keys import section_bindings
from kelompok.tui.widgets.agenda_editor import AgendaEditor
from kelompok.tui.widgets.footer import TranslatedFooter
from kelompok.tui.widgets.form_controls import FormSelectionList, relabel_select
from kelompok.tui.widgets.plan_checks import OK_MARK, PlanChecks, show_text

TABS = ("tab-goals", "tab-agenda", "tab-roles", "tab-ethics", "tab-evaluation", "tab-actual")
FIRST_FIELD = {
    "tab-goals": "#purpose",
    "tab-agenda": "#agenda-table",
    "tab-roles": "#planned-roles",
    "tab-ethics": "#ethics",
    "tab-evaluation": "#evaluation",
    "tab-actual": "#actual-blocks",
}
STAGES = ("beginning", "middle", "ending")
MODES = ("tatap_muka", "daring", "hibrid")
RESULTS = ("met", "partly", "not_met")
MIN_OBJECTIVE_SLOTS = 3
MIN_RISK_SLOTS = 3
HISTORY_LIMIT = 100
LABELS = {
    "lbl-date": "plan.date",
    "lbl-stage": "plan.stage",
    "lbl-minutes": "plan.minutes",
    "lbl-mode": "plan.mode",
    "lbl-venue": "plan.venue",
    "lbl-purpose": "plan.purpose",
    "lbl-objectives": "plan.objectives",
    "lbl-materials": "plan.materials",
    "lbl-risks": "plan.risks",
    "lbl-evaluation": "plan.evaluation",
    "lbl-follow-up": "plan.follow_up",
    "lbl-actual-blocks": "plan.actual.blocks",
    "lbl-actual-objectives": "plan.actual.objectives",
    "lbl-actual-roles": "plan.actual.roles",
}


def stage_name(stage: str) -> str:
    """A session stage as it reads mid-sentence: `tahap awal`, `ending stage`."""
    return t(f"plan.stage_name.{stage}")


def _plain(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def _ordered(selected: list[str], before: list[str], order: tuple[str, ...]) -> list[str]:
    """Selected ids keeping the order they had in the file, new ones in checklist order.

    So that opening and saving an untouched plan does not reorder (and so change) it.
    """
    chosen = set(selected)
    kept = [item for item in before if item in chosen]
    added = [item for item in order if item in chosen and item not in kept]
    return kept + added + sorted(chosen - set(kept) - set(added))


class PlanScreen(KelompokScreen):
    HELP_TOPIC = "plan"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save", "plan.keys.save", priority=True),
        Binding("escape", "back", "keys.back"),
        Binding("ctrl+z", "undo", "plan.keys.undo"),
        # Priority: a text area would otherwise take F6 (select line) while the facilitator types.
        Binding("f6", "next_tab(1)", "plan.keys.next_part", priority=True),
        Binding("shift+f6", "next_tab(-1)", "plan.keys.previous_part", show=False, priority=True),
        *section_bindings(len(TABS)),  # Alt+1…6: priority, so that no field types the digit (tui/section_keys.py)
    ]
    CSS_PATH = "plan.tcss"

    def __init__(self, group_dir: Path, number: int | None) -> None:
        super().__init__()
        self.group_dir = group_dir
        self.group: Group = load_group(group_dir)
        self.is_new = number is None
        if number is None:
            number = next_session_number(group_dir)
            self.session = Session(
                number=number,
                date=self._proposed_date(),
                state="planned",
                plan=plan_template(self.group, number, get_language()),
            )
        else:
            self.session = load_session(group_dir, number)
        self.number = number
        self.group_lock: GroupLock | None = None
        self.read_only_key = ""
        """Why the plan cannot be changed here (an i18n key), or empty."""
        if self.session.locked:
            self.read_only_key = "plan.read_only_locked"
        elif self.session.state in ("running", "paused"):
            self.read_only_key = "plan.read_only_running"
        plan = self.session.plan
        self.objective_slots = max(MIN_OBJECTIVE_SLOTS, len(plan.objectives))
        self.risk_slots = max(MIN_RISK_SLOTS, len(plan.risks))
        self._saved: Session = self.session
        """What is on disk (for a new session: the template, which leaving loses nothing of)."""
        self._last: Session = self.session
        self._last_source: str | None = None
        self._history: list[Session] = []
        self._ready = False
        self._ethics_applies: set[str] = set()
        self._actual_shown: object = None

    def _proposed_date(self) -> dt.date:
        """A new session's date from the group's frequency: one interval after the latest session."""
        from kelompok.sessions.schedule import proposed_date

        last = None
        for earlier in reversed(session_numbers(self.group_dir)):
            try:
                last = load_session(self.group_dir, earlier).date
                break
            except DataError:
                continue  # an unreadable session is shown as such on the group screen; look further back
        return proposed_date(self.group.frequency, last, self._today())

    def _today(self) -> dt.date:
        """Today, from the app's wall clock when it has one (tests fix it with `app.now`)."""
        try:
            now = self.kelompok.now
        except RuntimeError:  # built outside a running app (Textual: no active app): the real clock
            now = dt.datetime.now
        return now().date()

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_key)

    @property
    def read_only_reason(self) -> str:
        return t(self.read_only_key) if self.read_only_key else ""

    @property
    def shows_actual(self) -> bool:
        return self.session.state == "ended"

    # ── layout ───────────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        plan = self.session.plan
        yield Header()
        yield Static(id="plan-status")
        with Horizontal(id="plan-body"):
            with TabbedContent(id="plan-tabs"):
                with TabPane("", id="tab-goals"), VerticalScroll(classes="form"):
                    with Horizontal(id="meta-row"):
                        with Vertical():
                            yield Label(id="lbl-date")
                            yield Input(self.session.date.isoformat(), id="date", max_length=10)
                        with Vertical():
                            yield Label(id="lbl-stage")
                            yield Select[str](
                                self._stage_options(),
                                id="stage",
                                value=plan.stage or Select.NULL,
                                prompt=self._stage_prompt(),
                            )
                        with Vertical():
                            yield Label(id="lbl-minutes")
                            yield Input(str(plan.minutes or ""), id="minutes", type="integer", max_length=4)
                        with Vertical():
                            yield Label(id="lbl-mode")
                            yield Select[str](self._mode_options(), id="mode", value=plan.mode, allow_blank=False)
                    yield Static(id="meta-error", classes="error")
                    yield Label(id="lbl-venue")
                    yield Input(clean(plan.venue), id="venue")
                    yield Label(id="lbl-purpose")
                    yield TextArea(clean(plan.purpose), id="purpose", soft_wrap=True)
                    yield Label(id="lbl-objectives")
                    for slot in range(self.objective_slots):
                        text = plan.objectives[slot].text if slot < len(plan.objectives) else ""
                        yield Input(clean(text), id=f"objective-{slot}")
                        yield Static(id=f"objective-hint-{slot}", classes="hint")
                with TabPane("", id="tab-agenda"):
                    yield AgendaEditor(plan.agenda, plan.minutes or self.group.session_minutes, id="agenda")
                with TabPane("", id="tab-roles"), VerticalScroll(classes="form"):
                    yield FormSelectionList[str](id="planned-roles")
                    yield Label(id="lbl-materials")
                    yield TextArea(clean("\n".join(plan.materials)), id="materials", soft_wrap=True)
                with TabPane("", id="tab-ethics"), VerticalScroll(classes="form"):
                    yield FormSelectionList[str](id="ethics")
                    yield Static(id="ethics-hint", classes="hint")
                    yield Label(id="lbl-risks")
                    yield Static(id="risk-hint", classes="hint")
                    for slot in range(self.risk_slots):
                        risk = plan.risks[slot] if slot < len(plan.risks) else None
                        with Horizontal(classes="risk-row"):
                            yield Input(clean(risk.risk) if risk else "", id=f"risk-{slot}")
                            yield Input(clean(risk.mitigation) if risk else "", id=f"mitigation-{slot}")
                with TabPane("", id="tab-evaluation"), VerticalScroll(classes="form"):
                    yield Label(id="lbl-evaluation")
                    yield TextArea(clean(plan.evaluation), id="evaluation", soft_wrap=True)
                    yield Label(id="lbl-follow-up")
                    yield TextArea(clean(plan.follow_up), id="follow-up", soft_wrap=True)
                with TabPane("", id="tab-actual"), VerticalScroll(classes="form"):
                    yield Static(id="actual-summary")
                    yield Label(id="lbl-actual-blocks")
                    yield DataTable(id="actual-blocks", cursor_type="row", zebra_stripes=True)
                    yield Label(id="lbl-actual-objectives")
                    for slot in range(self.objective_slots):
                        objective = plan.objectives[slot] if slot < len(plan.objectives) else None
                        with Vertical(id=f"outcome-{slot}", classes="outcome"):
                            yield Static(id=f"outcome-text-{slot}")
                            with Horizontal(classes="outcome-row"):
                                result = objective.result if objective and objective.result else Select.NULL
                                yield Select[str](
                                    self._result_options(),
                                    id=f"result-{slot}",
                                    value=result,
                                    prompt=t("plan.result.none"),
                                )
                                yield Input(clean(objective.evidence) if objective else "", id=f"evidence-{slot}")
                    yield Label(id="lbl-actual-roles")
                    yield DataTable(id="actual-roles", cursor_type="row", zebra_stripes=True)
            yield PlanChecks(id="plan-checks")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self._take_lock()
        tabs = self.query_one(TabbedContent)
        if not self.shows_actual:
            tabs.hide_tab("tab-actual")
        self.relabel()
        if self.read_only:
            self._apply_read_only()
            self.notify(self.read_only_reason, severity="warning", timeout=10)
        self._ready = True
        self._refresh_feedback()
        self.call_after_refresh(self._focus_purpose)

    def _focus_purpose(self) -> None:
        """The first field, unless a key (Alt+2, F6) already went to another part: focusing a
        field in a hidden part would switch the tabs back to it."""
        if self.query_one(TabbedContent).active == "tab-goals":
            self.query_one("#purpose").focus()

    def _take_lock(self) -> None:
        """Write only while this process is the group's one writer (the lock is shared with the
        group screen below); another kelompok process holding it makes this screen read-only."""
        self.group_lock = GroupLock(self.group_dir)
        if not self.group_lock.acquire() and not self.read_only:
            self.read_only_key = "plan.read_only_group"

    def _apply_read_only(self) -> None:
        for widget in self.query("#plan-tabs Input, #plan-tabs TextArea, #plan-tabs Select, #plan-tabs SelectionList"):
            widget.disabled = True
        self.query_one(AgendaEditor).read_only = True

    def relabel(self) -> None:
        super().relabel()
        lang = get_language()
        catalog = load_catalog()
        self.sub_title = t("plan.subtitle", group=self.group.name, number=self.number)
        tabs = self.query_one(TabbedContent)
        for number, pane in enumerate(TABS, start=1):
            tabs.get_tab(pane).label = f"{number} {t(f'plan.{pane}')}"
        for widget_id, key in LABELS.items():
            self.query_one(f"#{widget_id}", Label).update(t(key))
        self.query_one("#date", Input).placeholder = t("plan.date_placeholder")
        self.query_one("#venue", Input).placeholder = t("plan.venue_placeholder")
        self.query_one("#minutes", Input).placeholder = t("plan.minutes_placeholder", usual=self._default_minutes())
        for slot in range(self.objective_slots):
            self.query_one(f"#objective-{slot}", Input).placeholder = t("plan.objective_placeholder", number=slot + 1)
        for slot in range(self.risk_slots):
            self.query_one(f"#risk-{slot}", Input).placeholder = t("plan.risk_placeholder")
            self.query_one(f"#mitigation-{slot}", Input).placeholder = t("plan.mitigation_placeholder")
        for slot in range(self.objective_slots):
            result = self.query_one(f"#result-{slot}", Select)
            result.prompt = t("plan.result.none")
            relabel_select(result, self._result_options())
            self.query_one(f"#evidence-{slot}", Input).placeholder = t("plan.evidence_placeholder")
        relabel_select(self.query_one("#mode", Select), self._mode_options())
        self._relabel_stage()
        roles = self.query_one("#planned-roles", SelectionList)
        selected = roles.selected if roles.option_count else list(self.session.plan.planned_roles)
        roles.clear_options()
        roles.add_options(
            [
                Selection(
                    Content(f"{role.label.get(lang)} — {role.description.get(lang)}"), role.id, role.id in selected
                )
                for role in catalog.roles
            ]
        )
        roles.border_title = t("plan.planned_roles")
        self._relabel_ethics()
        gtype = catalog.group_type(self.group.type)
        risk_hint = self.query_one("#risk-hint", Static)
        show_text(risk_hint, t(f"plan.risk_hint_{gtype.caution_level}", type=gtype.name.get(lang).lower()))
        risk_hint.set_class(gtype.caution_level == "high", "-issue")
        agenda = self.query_one(AgendaEditor)
        if agenda.is_mounted:
            agenda.relabel()
        self.query_one(PlanChecks).relabel()
        if self._ready:
            self._refresh_feedback()

    def _default_minutes(self) -> int:
        return self.group.session_minutes or load_catalog().group_type(self.group.type).skeleton_minutes

    def _derived_stage(self) -> str:
        return stage_for(self.number, self.group.planned_sessions)

    def _stage_options(self) -> list[tuple[str, str]]:
        return [(stage_name(name).capitalize(), name) for name in STAGES]

    def _stage_prompt(self) -> str:
        return t("plan.stage_auto", stage=stage_name(self._derived_stage()))

    def _mode_options(self) -> list[tuple[str, str]]:
        modes, lang = load_catalog().planning.modes, get_language()
        return [(getattr(modes, name).get(lang), name) for name in MODES]

    def _result_options(self) -> list[tuple[str, str]]:
        return [(t(f"plan.result.{name}"), name) for name in RESULTS]

    def _relabel_stage(self) -> None:
        stage = self.query_one("#stage", Select)
        stage.prompt = self._stage_prompt()
        relabel_select(stage, self._stage_options())

    def _relabel_ethics(self) -> None:
        catalog, lang = load_catalog(), get_language()
        ethics = self.query_one("#ethics", SelectionList)
        selected = ethics.selected if ethics.option_count else list(self.session.plan.ethics)
        applies = set(ethics_items_for(self.group, self.number, self._stage()))
        ethics.clear_options()
        for item in ETHICS_ITEM_IDS:
            label = catalog.ethics_item(item).label.get(lang)
            if item in applies:
                prompt = Content.assemble(label, ("  · " + t("plan.ethics_applies"), "$warning"))
            else:
                prompt = Content(label)
            ethics.add_option(Selection(prompt, item, item in selected))
        ethics.border_title = t("plan.ethics")
        self._ethics_applies = applies

    # ── reading the form ─────────────────────────────────────────────────────────────────────

    def _text(self, selector: str) -> str:
        widget = self.query_one(selector)
        value = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        return value.strip()

    def _date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self._text("#date"))
        except ValueError:
            return None

    def _minutes(self) -> tuple[int | None, bool]:
        text = self._text("#minutes")
        if not text:
            return None, True
        if not text.isdigit() or not 5 <= int(text) <= 24 * 60:
            return None, False
        return int(text), True

    def _stage(self) -> str:
        if not self.is_mounted:
            return self.session.plan.stage or self._derived_stage()
        value = self.query_one("#stage", Select).value
        return value if isinstance(value, str) else self._derived_stage()

    def collect_plan(self) -> SessionPlan:
        """The plan as it stands on screen (fields that are not valid keep their last value)."""
        before = self.session.plan
        stage = self.query_one("#stage", Select).value
        mode = self.query_one("#mode", Select).value
        minutes, ok = self._minutes()
        objectives = []
        for slot in range(self.objective_slots):
            text = self._text(f"#objective-{slot}")
            if not text:
                continue
            result = self.query_one(f"#result-{slot}", Select).value
            objectives.append(
                Objective(
                    text=text,
                    result=result if isinstance(result, str) else None,  # type: ignore[arg-type]
                    evidence=self._text(f"#evidence-{slot}"),
                )
            )
        risks = [
            Risk(risk=self._text(f"#risk-{slot}"), mitigation=self._text(f"#mitigation-{slot}"))
            for slot in range(self.risk_slots)
            if self._text(f"#risk-{slot}")
        ]
        role_order = tuple(role.id for role in load_catalog().roles)
        return SessionPlan(
            purpose=self._text("#purpose"),
            objectives=objectives,
            stage=stage if isinstance(stage, str) else None,  # type: ignore[arg-type]
            minutes=minutes if ok else before.minutes,
            venue=self._text("#venue"),
            mode=mode if isinstance(mode, str) else before.mode,  # type: ignore[arg-type]
            agenda=[block.model_copy(deep=True) for block in self.query_one(AgendaEditor).blocks],
            planned_roles=_ordered(
                self.query_one("#planned-roles", SelectionList).selected, before.planned_roles, role_order
            ),  # type: ignore[arg-type]
            materials=[
                line.strip() for line in self.query_one("#materials", TextArea).text.splitlines() if line.strip()
            ],
            # Ids this version does not know cannot be shown as boxes; they are kept as they were.
            ethics=_ordered(self.query_one("#ethics", SelectionList).selected, before.ethics, ETHICS_ITEM_IDS)
            + [item for item in before.ethics if item not in ETHICS_ITEM_IDS],
            risks=risks,
            evaluation=self._text("#evaluation"),
            follow_up=self._text("#follow-up"),
        )

    def current_session(self) -> Session:
        return self.session.model_copy(update={"plan": self.collect_plan(), "date": self._date() or self.session.date})

    @property
    def dirty(self) -> bool:
        return self.current_session() != self._saved

    def problems(self) -> list[str]:
        found = []
        if self._date() is None:
            found.append(t("plan.bad_date", text=self._text("#date")))
        if not self._minutes()[1]:
            found.append(t("plan.bad_minutes"))
        return found

    # ── live feedback ────────────────────────────────────────────────────────────────────────

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _field_changed(
        self, event: Input.Changed | TextArea.Changed | Select.Changed | SelectionList.SelectedChanged
    ) -> None:
        if event.control is not None and event.control.id == "stage" and self._ready:
            self._relabel_ethics()
        self._edited(event.control.id if event.control is not None else None)

    @on(Input.Submitted, "#plan-tabs Input")
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter in a one-line field goes to the next field (one objective per field, never run together)."""
        event.stop()
        self.focus_next()

    @on(AgendaEditor.AgendaChanged)
    def _agenda_changed(self) -> None:
        self._edited(None)

    @on(AgendaEditor.TemplateRequested)
    def _agenda_template(self) -> None:
        if self.read_only:
            self.notify(self.read_only_reason, severity="warning")
            return
        template = plan_template(self.group, self.number, get_language())
        self.query_one(AgendaEditor).replace_blocks(template.agenda)
        self.notify(t("plan.agenda.template_used"), timeout=4)

    def _edited(self, source: str | None) -> None:
        """Something on screen changed: keep an undo step per field, refresh checks and status."""
        if not self._ready:
            return
        current = self.current_session()
        if current != self._last:
            # One undo step per field edited in a row (typing a word is one edit); every agenda
            # change is a step of its own.
            if source is None or source != self._last_source:
                self._history.append(self._last)
                del self._history[:-HISTORY_LIMIT]
            self._last_source = source
            self._last = current
        self._refresh_feedback(current)

    def _refresh_feedback(self, current: Session | None = None) -> None:
        current = current or self.current_session()
        plan, lang = current.plan, get_language()
        catalog = load_catalog()
        stage = plan.stage or self._derived_stage()
        findings = check_plan(self.group, self.number, plan, lang)
        title = t("plan.suggestions_title", stage=stage_name(stage))
        self.query_one(PlanChecks).show(findings, stage_suggestions(self.group.type, stage, lang), title)
        self.query_one(AgendaEditor).set_session_minutes(plan.minutes or self.group.session_minutes)
        self._show_objective_hints()
        missing = [item for item in sorted(self._ethics_applies, key=ETHICS_ITEM_IDS.index) if item not in plan.ethics]
        hint = self.query_one("#ethics-hint", Static)
        if missing:
            show_text(
                hint,
                t(
                    "plan.ethics_missing",
                    items=", ".join(catalog.ethics_item(item).label.get(lang) for item in missing),
                ),
            )
        else:
            show_text(hint, f"{OK_MARK} {t('plan.ethics_done')}")
        hint.set_class(bool(missing), "-issue")
        hint.set_class(not missing, "-ok")
        show_text(self.query_one("#meta-error", Static), "\n".join(self.problems()))
        if self.shows_actual:
            shown = (
                get_language(),
                current.plan.agenda,
                [o.text for o in current.plan.objectives],
                current.plan.planned_roles,
            )
            if shown != self._actual_shown:  # the tables are redrawn only when what they show changed
                self._actual_shown = shown
                self._show_actual(current)
        self._show_status(current)

    def _show_objective_hints(self) -> None:
        any_text = False
        for slot in range(self.objective_slots):
            text = self._text(f"#objective-{slot}")
            hint = self.query_one(f"#objective-hint-{slot}", Static)
            ok = False
            if not text:
                message = t("plan.objective_need") if slot == 0 and not any_text and not self._any_objective() else ""
            else:
                any_text = True
                issue = objective_issue(text)
                if issue is None:
                    message, ok = f"{OK_MARK} {t('plan.objective_ok')}", True
                elif issue[0] == "objective_vague":
                    message = t("plan.objective_vague", word=issue[1])
                else:
                    message = t("plan.objective_not_measurable")
            show_text(hint, message)
            hint.display = bool(message)
            hint.set_class(bool(message) and not ok, "-issue")
            hint.set_class(ok, "-ok")

    def _any_objective(self) -> bool:
        return any(self._text(f"#objective-{slot}") for slot in range(self.objective_slots))

    def _show_status(self, current: Session) -> None:
        status = self.query_one("#plan-status", Static)
        stage = current.plan.stage or self._derived_stage()
        head = t(
            "plan.status_head",
            number=self.number,
            date=format_date(current.date),
            stage=stage_name(stage),
            state=t(f"state.{self.session.state}"),
        )
        dirty = current != self._saved
        if self.read_only:
            state = self.read_only_reason
        elif self.is_new:
            state = t("plan.state_new")
        elif dirty:
            state = t("plan.state_dirty")
        else:
            state = t("plan.state_saved")
        # The save state comes first so that it shows even in a narrow terminal.
        show_text(status, f"● {state} · {head}")
        status.set_class(self.read_only, "-read-only")
        status.set_class(not self.read_only and (dirty or self.is_new), "-dirty")
        status.set_class(not self.read_only and not dirty and not self.is_new, "-saved")

    def status_text(self) -> str:
        return _plain(self.query_one("#plan-status", Static))

    def _show_actual(self, current: Session) -> None:
        lang = get_language()
        catalog = load_catalog()
        comparison = plan_vs_actual(current)
        self.query_one("#actual-summary", Static).update(
            Content(
                t(
                    "plan.actual.summary",
                    planned=comparison.planned_minutes,
                    recorded=format_number(comparison.recorded_minutes, 0),
                    unassigned=format_number(comparison.unassigned_minutes, 0),
                )
            )
        )
        blocks = self.query_one("#actual-blocks", DataTable)
        blocks.clear(columns=True)
        for key in ("number", "block", "planned", "recorded", "difference"):
            blocks.add_column(t(f"plan.actual.col_{key}"), key=key)
        for block in comparison.blocks:
            if block.actual_minutes is None:
                recorded, difference = t("plan.actual.not_started"), ""
            else:
                recorded = format_number(block.actual_minutes, 0)
                whole = round(block.actual_minutes) - block.planned_minutes  # as shown: no "-0"
                difference = f"+{whole}" if whole > 0 else str(whole)
            blocks.add_row(str(block.index + 1), Text(block.title), str(block.planned_minutes), recorded, difference)
        roles = self.query_one("#actual-roles", DataTable)
        roles.clear(columns=True)
        for key in ("role", "planned", "used", "by_facilitator"):
            roles.add_column(t(f"plan.actual.col_{key}"), key=key)
        for use in comparison.roles:
            roles.add_row(
                catalog.role(use.role).label.get(lang),
                t("plan.actual.yes") if use.planned else t("plan.actual.no"),
                str(use.used),
                str(use.used_by_facilitator),
            )
        for slot in range(self.objective_slots):
            text = self._text(f"#objective-{slot}")
            self.query_one(f"#outcome-{slot}").display = bool(text)
            self.query_one(f"#outcome-text-{slot}", Static).update(Content(f"{slot + 1}. {text}"))

    # ── actions ──────────────────────────────────────────────────────────────────────────────

    def action_save(self) -> bool:
        if self.read_only:
            self.notify(self.read_only_reason, title=t("plan.not_saved"), severity="warning")
            return False
        problems = self.problems()
        if problems:
            self.notify("\n".join(problems), title=t("plan.not_saved"), severity="error")
            self.action_show_tab(0)
            return False
        session = self.current_session()
        path = session_path(self.group_dir, session.number)
        try:
            # One unit of work: validated whole, never over a session that appeared meanwhile.
            session = self.service.save_plan(
                self.group_dir, session, new=self.is_new, taken_message=t("plan.number_taken", number=session.number)
            )
        except ValidationError as error:
            self.notify(validation_message(error.errors()[0]), title=t("plan.not_saved"), severity="error", timeout=10)
            return False
        except (DataError, OSError) as error:
            self.notify(str(error), title=t("plan.not_saved"), severity="error", timeout=10)
            return False
        self.session = session
        self.is_new = False
        self._saved = self._last = session
        self._show_status(session)
        self.notify(t("plan.saved", number=session.number, path=path))
        return True

    def action_undo(self) -> None:
        if self.read_only or not self._history:
            self.notify(t("plan.nothing_to_undo"), timeout=3)
            return
        previous = self._history.pop()
        self._ready = False
        self.load_into_form(previous)
        self._last = previous
        self._last_source = None
        self._ready = True
        self._refresh_feedback(previous)

    def load_into_form(self, session: Session) -> None:
        """Show a session's plan in every field (undo)."""
        plan = session.plan
        self.query_one("#date", Input).value = session.date.isoformat()
        self.query_one("#minutes", Input).value = str(plan.minutes or "")
        self.query_one("#venue", Input).value = plan.venue
        self.query_one("#stage", Select).value = plan.stage or Select.NULL
        self.query_one("#mode", Select).value = plan.mode
        for area, text in (
            ("#purpose", plan.purpose),
            ("#evaluation", plan.evaluation),
            ("#follow-up", plan.follow_up),
        ):
            widget = self.query_one(area, TextArea)
            if widget.text.strip() != text:
                widget.text = text
        materials = self.query_one("#materials", TextArea)
        if [line.strip() for line in materials.text.splitlines() if line.strip()] != plan.materials:
            materials.text = "\n".join(plan.materials)
        for slot in range(self.objective_slots):
            objective = plan.objectives[slot] if slot < len(plan.objectives) else None
            self.query_one(f"#objective-{slot}", Input).value = objective.text if objective else ""
            self.query_one(f"#result-{slot}", Select).value = (
                objective.result if objective and objective.result else Select.NULL
            )
            self.query_one(f"#evidence-{slot}", Input).value = objective.evidence if objective else ""
        for slot in range(self.risk_slots):
            risk = plan.risks[slot] if slot < len(plan.risks) else None
            self.query_one(f"#risk-{slot}", Input).value = risk.risk if risk else ""
            self.query_one(f"#mitigation-{slot}", Input).value = risk.mitigation if risk else ""
        roles = self.query_one("#planned-roles", SelectionList)
        roles.deselect_all()
        for role in plan.planned_roles:
            roles.select(role)
        ethics = self.query_one("#ethics", SelectionList)
        ethics.deselect_all()
        for item in plan.ethics:
            if item in ETHICS_ITEM_IDS:
                ethics.select(item)
        self.query_one(AgendaEditor).load(plan.agenda)

    def action_show_tab(self, index: int) -> None:
        if not 0 <= index < len(self.visible_tabs):
            return
        pane = self.visible_tabs[index]
        self.query_one(TabbedContent).active = pane
        target: Widget = self.query_one(FIRST_FIELD[pane])
        if isinstance(target, SelectionList) and target.highlighted is None and target.option_count:
            target.highlighted = 0  # so that Space ticks the first item straight away
        target.focus()  # the switcher shows the pane synchronously, so it can take focus now

    @property
    def visible_tabs(self) -> list[str]:
        return [pane for pane in TABS if pane != "tab-actual" or self.shows_actual]

    def action_next_tab(self, step: int) -> None:
        visible = self.visible_tabs
        current = self.query_one(TabbedContent).active or TABS[0]
        index = visible.index(current) if current in visible else 0
        self.action_show_tab((index + step) % len(visible))

    def action_back(self) -> None:
        self.close_or_ask(self.dirty and not self.read_only)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("save", "undo") and self.read_only:
            return None  # shown dimmed: the key exists but does nothing here
        return True

    def screen_commands(self) -> list[SystemCommand]:
        """This screen's verbs for the command palette (the app lists them after its own)."""
        agenda = self.query_one(AgendaEditor)
        commands = [
            SystemCommand(t("plan.cmd.save"), t("plan.cmd.save_help"), self.action_save),
            SystemCommand(t("plan.cmd.undo"), t("plan.cmd.undo_help"), self.action_undo),
            SystemCommand(
                t("plan.cmd.add_block"),
                t("plan.cmd.add_block_help"),
                lambda: (self.action_show_tab(1), agenda.add_block()),
            ),
            SystemCommand(t("plan.cmd.template"), t("plan.cmd.template_help"), self._agenda_template),
        ]
        for index, pane in enumerate(self.visible_tabs):
            go = t("plan.cmd.go", part=t(f"plan.{pane}"))
            commands.append(SystemCommand(go, t("plan.cmd.go_help"), lambda index=index: self.action_show_tab(index)))
        return commands

    def on_unmount(self) -> None:
        if self.group_lock is not None:
            self.group_lock.release()
