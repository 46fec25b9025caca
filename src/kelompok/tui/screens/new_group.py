"""New group: choose one of the ten types, describe the group, add its members, save.

Three parts (tabs): the type (a list of Zastrow's ten with what each asks for), the group (name,
purpose, agency, facilitators, professional lead, series length, session length, frequency) and
the members (typed in or imported from a roster CSV, in seating order). Checks that concern the
group as a whole (professional lead, size, session length) show below as the facilitator works;
they never block saving.

Ctrl+S writes `group.toml` into a new folder of the workspace (named after the group); saving
again rewrites the same folder. Leaving with unsaved changes asks first.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Header, Input, Label, Static, TabbedContent, TabPane

from kelompok.i18n import get_language, t
from kelompok.sessions.catalog import load_catalog
from kelompok.sessions.fileio import DataError
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import Group, Member, SessionPlan
from kelompok.sessions.planning import check_plan
from kelompok.sessions.store import save_group
from kelompok.tui.dialogs.roster_import import RosterImportDialog
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.section_keys import section_bindings
from kelompok.tui.widgets.footer import TranslatedFooter
from kelompok.tui.widgets.form_controls import FormCheckbox
from kelompok.tui.widgets.group_members import GroupMembersEditor
from kelompok.tui.widgets.plan_checks import PlanChecks, show_text
from kelompok.tui.widgets.type_picker import TypePicker

TABS = ("tab-type", "tab-details", "tab-members")
GROUP_CHECK_IDS = frozenset(
    {
        "professional_lead_required",
        "professional_lead_advised",
        "size_below_guidance",
        "size_above_guidance",
        "session_length_outside_guidance",
    }
)
"""The plan checks that concern the group itself rather than one session."""

LABELS = {
    "lbl-name": "new_group.name",
    "lbl-purpose": "new_group.purpose",
    "lbl-agency": "new_group.agency",
    "lbl-facilitators": "new_group.facilitators",
    "lbl-planned-sessions": "new_group.planned_sessions",
    "lbl-session-minutes": "new_group.session_minutes",
    "lbl-frequency": "new_group.frequency",
}
PLACEHOLDERS = {
    "name": "new_group.name_placeholder",
    "purpose": "new_group.purpose_placeholder",
    "agency": "new_group.agency_placeholder",
    "facilitators": "new_group.facilitators_placeholder",
    "planned-sessions": "new_group.planned_sessions_placeholder",
    "frequency": "new_group.frequency_placeholder",
}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def folder_name(name: str) -> str:
    """A folder name for a group: `KUBE Mawar Sejahtera` → `kube-mawar-sejahtera`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")[:48].strip("-")
    return slug or "kelompok"


def new_group_folder(workspace: Path, name: str) -> Path:
    """A folder in the workspace that does not exist yet: `slug`, `slug-2`, `slug-3` …"""
    base = folder_name(name)
    candidate, number = workspace / base, 1
    while candidate.exists():
        number += 1
        candidate = workspace / f"{base}-{number}"
    return candidate


def _int_or_none(text: str, low: int, high: int) -> tuple[int | None, bool]:
    """(value, ok): empty is (None, True); a number outside low–high or not a number is not ok."""
    text = text.strip()
    if not text:
        return None, True
    if not text.isdigit() or not low <= int(text) <= high:
        return None, False
    return int(text), True


class NewGroupScreen(KelompokScreen):
    HELP_TOPIC = "new_group"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("ctrl+s", "save", "plan.keys.save", priority=True),
        Binding("escape", "back", "keys.back"),
        Binding("ctrl+o", "import_roster", "new_group.keys.import_roster"),
        # Priority: a text area would otherwise take F6 (select line) while the facilitator types.
        Binding("f6", "next_tab(1)", "plan.keys.next_part", priority=True),
        Binding("shift+f6", "next_tab(-1)", "plan.keys.previous_part", show=False, priority=True),
        *section_bindings(len(TABS)),  # Alt+1…3: priority, so that no field types the digit (tui/section_keys.py)
    ]
    CSS_PATH = "new_group.tcss"

    def __init__(self, workspace: Path) -> None:
        super().__init__()
        self.workspace = workspace
        self.group_dir: Path | None = None
        self.group_lock: GroupLock | None = None
        self._baseline: object = None
        self._saved_once = False

    # ── layout ───────────────────────────────────────────────────────────────────────────────

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="new-group-status")
        with TabbedContent(id="new-group-tabs"):
            with TabPane("", id="tab-type"):
                yield TypePicker(id="type-picker")
            with TabPane("", id="tab-details"), VerticalScroll(id="details-form"):
                yield Label(id="lbl-name")
                yield Input(id="name")
                yield Label(id="lbl-purpose")
                yield Input(id="purpose")
                yield Label(id="lbl-agency")
                yield Input(id="agency")
                yield Label(id="lbl-facilitators")
                yield Input(id="facilitators")
                yield FormCheckbox(id="professional")
                yield Static(id="professional-hint")
                with Horizontal(id="series-row"):
                    with Vertical():
                        yield Label(id="lbl-planned-sessions")
                        yield Input(id="planned-sessions", type="integer", max_length=3)
                    with Vertical():
                        yield Label(id="lbl-session-minutes")
                        yield Input(id="session-minutes", type="integer", max_length=4)
                yield Label(id="lbl-frequency")
                yield Input(id="frequency")
                yield Static(id="details-error")
            with TabPane("", id="tab-members"):
                yield GroupMembersEditor(id="members-editor")
        yield PlanChecks(none_key="new_group.checks_none", id="group-checks")
        yield TranslatedFooter()

    def on_mount(self) -> None:
        self.relabel()
        self._baseline = self._snapshot()
        self._update()
        self.query_one(TypePicker).focus_list()

    def relabel(self) -> None:
        super().relabel()
        self.sub_title = t("new_group.subtitle")
        tabs = self.query_one(TabbedContent)
        for number, pane in enumerate(TABS, start=1):
            tabs.get_tab(pane).label = f"{number} {t(f'new_group.{pane}')}"
        for widget_id, key in LABELS.items():
            self.query_one(f"#{widget_id}", Label).update(t(key))
        for widget_id, key in PLACEHOLDERS.items():
            self.query_one(f"#{widget_id}", Input).placeholder = t(key)
        self.query_one("#professional", Checkbox).label = t("new_group.professional_lead")
        self.query_one(TypePicker).relabel()
        self.query_one(GroupMembersEditor).relabel()
        if self._baseline is not None:
            self._update()

    # ── reading the form ─────────────────────────────────────────────────────────────────────

    @property
    def type_id(self) -> str:
        return self.query_one(TypePicker).type_id

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _snapshot(self) -> object:
        """Everything entered, for telling whether anything changed since the last save."""
        fields = ("name", "purpose", "agency", "facilitators", "planned-sessions", "session-minutes", "frequency")
        members = self.query_one(GroupMembersEditor).members
        return (
            self.type_id,
            tuple(self._value(name) for name in fields),
            self.query_one("#professional", Checkbox).value,
            tuple(member.model_dump_json() for member in members),
        )

    @property
    def dirty(self) -> bool:
        return self._snapshot() != self._baseline

    def problems(self) -> list[tuple[str, str]]:
        """What keeps the group from being saved: (widget id to focus, message)."""
        found = []
        if not self._value("name").strip():
            found.append(("name", t("new_group.need_name")))
        if not _int_or_none(self._value("planned-sessions"), 1, 999)[1]:
            found.append(("planned-sessions", t("new_group.bad_planned_sessions")))
        if not _int_or_none(self._value("session-minutes"), 5, 24 * 60)[1]:
            found.append(("session-minutes", t("new_group.bad_session_minutes")))
        return found

    def build_group(self) -> Group:
        """The group as entered (numbers that are not valid are left empty)."""
        members: list[Member] = list(self.query_one(GroupMembersEditor).members)
        facilitators = [name.strip() for name in self._value("facilitators").split(",") if name.strip()]
        return Group(
            name=self._value("name").strip() or "-",
            type=self.type_id,  # type: ignore[arg-type]  # the picker only offers catalogue ids
            purpose=self._value("purpose").strip(),
            agency=self._value("agency").strip(),
            facilitators=facilitators,
            professional_lead=self.query_one("#professional", Checkbox).value,
            members=members,
            seating=[m.code for m in members],
            planned_sessions=_int_or_none(self._value("planned-sessions"), 1, 999)[0],
            frequency=self._value("frequency").strip(),
            session_minutes=_int_or_none(self._value("session-minutes"), 5, 24 * 60)[0],
        )

    # ── live feedback ────────────────────────────────────────────────────────────────────────

    def _update(self) -> None:
        lang = get_language()
        gtype = load_catalog().group_type(self.type_id)
        hint = self.query_one("#professional-hint", Static)
        show_text(hint, t(f"new_group.professional_hint_{gtype.professional}", type=gtype.name.get(lang).lower()))
        hint.set_class(gtype.professional != "optional", "-required")
        self.query_one("#session-minutes", Input).placeholder = t(
            "new_group.session_minutes_placeholder",
            usual=gtype.skeleton_minutes,
            min=gtype.length.min,
            max=gtype.length.max,
        )
        self.query_one(GroupMembersEditor).set_guidance(gtype.size.min, gtype.size.max)
        group = self.build_group()
        findings = [c for c in check_plan(group, 1, SessionPlan(), lang) if c.id in GROUP_CHECK_IDS]
        self.query_one(PlanChecks).show(findings)
        show_text(self.query_one("#details-error", Static), "\n".join(message for _, message in self.problems()))
        self._show_status()

    def _show_status(self) -> None:
        status = self.query_one("#new-group-status", Static)
        type_name = load_catalog().group_type(self.type_id).name.get(get_language())
        dirty = self.dirty
        if not self._saved_once:
            state = t("new_group.state_new")
        elif dirty:
            state = t("plan.state_dirty")
        else:
            state = t("new_group.state_saved", path=self.group_dir)
        show_text(status, t("new_group.status", type=type_name, state=state))
        status.set_class(dirty or not self._saved_once, "-dirty")
        status.set_class(self._saved_once and not dirty, "-saved")

    def status_text(self) -> str:
        content = self.query_one("#new-group-status", Static).content
        return content.plain if isinstance(content, Content) else str(content)

    @on(Input.Changed)
    @on(Checkbox.Changed)
    @on(GroupMembersEditor.MembersChanged)
    @on(TypePicker.TypeHighlighted)
    def _changed(self) -> None:
        self._update()

    @on(TypePicker.TypeChosen)
    def _type_chosen(self) -> None:
        self._update()
        self.action_show_tab(1)

    @on(Input.Submitted, "#details-form Input")
    def _next_field(self) -> None:
        self.focus_next()

    # ── actions ──────────────────────────────────────────────────────────────────────────────

    def action_show_tab(self, index: int) -> None:
        pane = TABS[index % len(TABS)]
        self.query_one(TabbedContent).active = pane
        target = {"tab-type": "#type-list", "tab-details": "#name", "tab-members": "#member-code"}[pane]
        self.query_one(target).focus()  # the switcher shows the pane synchronously

    def action_next_tab(self, step: int) -> None:
        self.action_show_tab(TABS.index(self.query_one(TabbedContent).active or TABS[0]) + step)

    def action_import_roster(self) -> None:
        def imported(members: list[Member] | None) -> None:
            if not members:
                return
            taken = self.query_one(GroupMembersEditor).add_members(members)
            if taken:
                self.notify(t("new_group.roster.codes_taken", codes=", ".join(taken)), severity="error", timeout=10)
                return
            self.notify(t("new_group.roster.imported", count=len(members)))
            self.action_show_tab(2)

        self.app.push_screen(RosterImportDialog(), imported)

    def action_save(self) -> bool:
        if self.group_lock is not None and not self.group_lock.held:
            self.notify(t("plan.read_only_group"), title=t("plan.not_saved"), severity="warning")
            return False
        problems = self.problems()
        if problems:
            widget_id = problems[0][0]
            self.notify("\n".join(message for _, message in problems), title=t("plan.not_saved"), severity="error")
            self.action_show_tab(1)
            self.call_after_refresh(self.query_one(f"#{widget_id}").focus)
            return False
        group = self.build_group()
        folder = self.group_dir or new_group_folder(self.workspace, group.name)
        try:
            save_group(folder, group)
        except (DataError, OSError) as error:
            self.notify(str(error), title=t("plan.not_saved"), severity="error", timeout=10)
            return False
        if self.group_lock is None:
            # The folder is ours from now on: later saves must not race another window.
            self.group_lock = GroupLock(folder)
            self.group_lock.acquire()
        self.group_dir = folder
        self._saved_once = True
        self._baseline = self._snapshot()
        self._show_status()
        self.notify(t("new_group.saved", name=group.name, path=folder))
        return True

    def action_back(self) -> None:
        self.close_or_ask(self.dirty)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save" and self.group_lock is not None and not self.group_lock.held:
            return None
        return True

    def screen_commands(self) -> list[SystemCommand]:
        """This screen's verbs for the command palette (the app lists them after its own)."""
        return [
            SystemCommand(t("plan.cmd.save"), t("new_group.cmd.save_help"), self.action_save),
            SystemCommand(t("new_group.cmd.import"), t("new_group.cmd.import_help"), self.action_import_roster),
            SystemCommand(t("new_group.cmd.type"), t("new_group.cmd.type_help"), lambda: self.action_show_tab(0)),
            SystemCommand(t("new_group.cmd.details"), t("new_group.cmd.details_help"), lambda: self.action_show_tab(1)),
            SystemCommand(t("new_group.cmd.members"), t("new_group.cmd.members_help"), lambda: self.action_show_tab(2)),
        ]

    def on_unmount(self) -> None:
        if self.group_lock is not None:
            self.group_lock.release()
