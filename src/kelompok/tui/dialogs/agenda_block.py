"""Edit one agenda block: title, minutes, activity, method, planned roles, materials, output.

Returns the edited `AgendaBlock`, or None when cancelled. Enter in any field saves; Escape cancels.
A title and 1–1440 minutes are required; the dialog says what is missing and stays open.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from kelompok.i18n import get_language, t
from kelompok.sessions.catalog import load_catalog
from kelompok.sessions.models import AgendaBlock
from kelompok.tui.widgets.form_controls import FormSelectionList

TEXT_FIELDS = ("title", "activity", "method", "materials", "output")


def role_selections(selected: list[str] | tuple[str, ...]) -> list[Selection[str]]:
    """The 13 mezzo roles as selection-list entries in the current language."""
    lang = get_language()
    return [Selection(role.label.get(lang), role.id, role.id in selected) for role in load_catalog().roles]


class AgendaBlockDialog(ModalScreen[AgendaBlock | None]):
    CSS_PATH = "agenda_block.tcss"

    BINDINGS = [Binding("escape", "cancel", "keys.close", show=False)]

    def __init__(self, block: AgendaBlock | None = None, *, title: str = "") -> None:
        super().__init__()
        self.block = block
        self.heading = title or t("plan.block.title_edit" if block else "plan.block.title_new")

    def compose(self) -> ComposeResult:
        block = self.block
        with Vertical(id="block-dialog"):
            yield Static(f"[b]{self.heading}[/b]", id="block-heading")
            with Horizontal(id="block-body"):
                with VerticalScroll(id="block-form", can_focus=False):
                    yield Label(t("plan.block.field_title"))
                    yield Input(block.title if block else "", id="block-title", compact=True)
                    yield Label(t("plan.block.field_minutes"))
                    yield Input(str(block.minutes) if block else "", id="block-minutes", type="integer", compact=True)
                    for name in TEXT_FIELDS[1:]:
                        yield Label(t(f"plan.block.field_{name}"))
                        yield Input(getattr(block, name) if block else "", id=f"block-{name}", compact=True)
                roles = FormSelectionList[str](
                    *role_selections(block.roles if block else []), id="block-roles"
                )  # Space ticks
                roles.border_title = t("plan.block.field_roles")
                yield roles
            yield Static(id="block-error")
            with Horizontal(classes="buttons"):
                yield Button(t("plan.block.ok"), variant="primary", id="ok")
                yield Button(t("plan.block.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#block-title", Input).focus()

    def result(self) -> AgendaBlock | None:
        """The block as entered, or None (and the reason shown) when something is missing."""
        values = {name: self.query_one(f"#block-{name}", Input).value.strip() for name in TEXT_FIELDS}
        error = self.query_one("#block-error", Static)
        if not values["title"]:
            error.update(t("plan.block.need_title"))
            self.query_one("#block-title", Input).focus()
            return None
        minutes_text = self.query_one("#block-minutes", Input).value.strip()
        if not minutes_text.isdigit() or not 1 <= int(minutes_text) <= 24 * 60:
            error.update(t("plan.block.need_minutes"))
            self.query_one("#block-minutes", Input).focus()
            return None
        roles = self.query_one("#block-roles", SelectionList).selected
        order = [role.id for role in load_catalog().roles]
        return AgendaBlock(minutes=int(minutes_text), roles=sorted(roles, key=order.index), **values)  # type: ignore[arg-type]

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _ok(self) -> None:
        block = self.result()
        if block is not None:
            self.dismiss(block)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
