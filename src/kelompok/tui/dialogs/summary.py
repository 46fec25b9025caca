"""After F10: a short summary of the session just ended, and an invitation to reflect on it.

Dismisses with "plan" (evaluate the objectives: the plan's "actual" tab), "review" (write the
process note and submit the log) or None (close). The figures come from `sessions.summary`.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from kelompok.i18n import format_percent, get_language, t
from kelompok.sessions.summary import SessionSummary


def summary_lines(summary: SessionSummary, number: int) -> list[str]:
    """The summary as plain lines in the current language (shown as text, never as markup)."""
    from kelompok.sessions.catalog import load_catalog

    roles = load_catalog()
    lang = get_language()

    def names(ids: list[str]) -> str:
        return ", ".join(roles.role(role).label.get(lang) for role in ids) or "—"

    share = format_percent(summary.facilitator_share) if summary.facilitator_share is not None else "—"
    lines = [
        t("summary.title", number=number),
        t("summary.acts", acts=summary.acts, share=share),
        t("summary.silent", codes=", ".join(summary.silent)) if summary.silent else t("summary.nobody_silent"),
    ]
    if summary.least:
        lines.append(t("summary.least", members=", ".join(f"{code} ({count})" for code, count in summary.least)))
    lines.append(t("summary.roles_used", roles=names(summary.roles_used)))
    if summary.planned_unused:
        lines.append(t("summary.planned_unused", roles=names(summary.planned_unused)))
    if summary.used_unplanned:
        lines.append(t("summary.used_unplanned", roles=names(summary.used_unplanned)))
    lines.append("")
    lines.append(t("summary.invitation", count=summary.objectives))
    return lines


class SessionSummaryDialog(ModalScreen[str | None]):
    BINDINGS = [
        Binding("escape,enter", "choose('')", "keys.close", show=False),
        Binding("p", "choose('plan')", "summary.keys.plan", show=False),
        Binding("v", "choose('review')", "summary.keys.review", show=False),
    ]

    def __init__(self, summary: SessionSummary, number: int) -> None:
        super().__init__()
        self.summary = summary
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical(id="summary", classes="dialog"):
            yield Static(Content("\n".join(summary_lines(self.summary, self.number))), id="summary-text")
            with Horizontal(classes="buttons"):
                yield Button(t("summary.evaluate"), variant="primary", id="plan")
                yield Button(t("summary.note"), id="review")
                yield Button(t("summary.close"), id="close")

    def on_mount(self) -> None:
        self.query_one("#plan", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose("" if event.button.id == "close" else str(event.button.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
