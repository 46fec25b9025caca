"""Arrivals and departures during a live session.

Lists the members with whether they are here now; choosing a member who is not here records an
arrival, choosing one who is here records a departure. Returns a `Movement` or None (Esc).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kelompok.tui.safe_text import plain
from kelompok.i18n import t


@dataclass(frozen=True)
class Movement:
    kind: Literal["arrive", "leave"]
    member: str


@dataclass(frozen=True)
class MemberChoice:
    """One member as the dialog lists it."""

    key: str
    code: str
    name: str
    here: bool
    expected: bool = False
    """Marked late and not here yet: her arrival is the one the facilitator is waiting for."""


class ArrivalsDialog(ModalScreen[Movement | None]):
    CSS_PATH = "arrivals.tcss"
    BINDINGS = [Binding("escape", "cancel", "keys.close", show=False)]

    def __init__(self, members: list[MemberChoice]) -> None:
        super().__init__()
        self.members = members

    def compose(self) -> ComposeResult:
        with Vertical(id="arrivals-dialog", classes="dialog"):
            yield Static(t("live.arrivals.title"))
            options = []
            for member in self.members:
                action = t("live.arrivals.leave") if member.here else t("live.arrivals.arrive")
                state = (
                    t("live.arrivals.here")
                    if member.here
                    else t("live.status.expected")
                    if member.expected
                    else t("live.arrivals.away")
                )
                options.append(
                    Option(plain(f"{member.key}  {member.name} ({member.code}) · {state} → {action}"), id=member.code)
                )
            yield OptionList(*options, id="arrivals-list")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#arrivals-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        code = event.option.id
        member = next(m for m in self.members if m.code == code)
        self.dismiss(Movement("leave" if member.here else "arrive", member.code))

    def action_cancel(self) -> None:
        self.dismiss(None)
