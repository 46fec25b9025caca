"""After F10: the session just ended on one screen, then the next steps as keys.

The figures come from `sessions.summary` (acts and the facilitator's share, who spoke least and
who did not speak, roles used against planned, agenda minutes planned against actual, safety
flags). The next steps are a list with one key each; the dialog dismisses with the chosen step:

    p  "plan"       evaluate each objective (met / partly / not, with evidence): the plan's last tab
    v  "review"     write the process note (the review screen)
    u  "submit"     submit the log to the supervisor (the review screen's own submit step)
    s  "sociogram"  the sociogram of this session
    r  "report"     the report of this session, written in a worker
    Esc            close (None)

The live screen carries the step out. See docs/ARCHITECTURE.md ("Where things go").
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kelompok.i18n import format_number, format_percent, get_language, t
from kelompok.sessions.summary import SessionSummary

STEPS = (("p", "plan"), ("v", "review"), ("u", "submit"), ("s", "sociogram"), ("r", "report"))
"""(key, step) of the next steps, in the order a facilitator takes them."""


def _minutes(value: float | None) -> str:
    return "—" if value is None else format_number(value, 0, get_language())


def summary_lines(summary: SessionSummary, number: int) -> list[str]:
    """The summary as plain lines in the current language (shown as text, never as markup)."""
    from kelompok.sessions.catalog import load_catalog

    roles = load_catalog()
    lang = get_language()

    def names(ids: list[str]) -> str:
        return ", ".join(roles.role(role).label.get(lang) for role in ids) or "—"

    share = format_percent(summary.facilitator_share) if summary.facilitator_share is not None else "—"
    lines = [
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
    if summary.blocks:
        # One line for the whole agenda (it wraps): at 80×24 the next steps must stay in view.
        blocks = [
            t(
                "summary.agenda_block",
                number=index,
                title=" ".join(title.split()),
                planned=planned,
                actual=_minutes(actual),
            )
            for index, (title, planned, actual) in enumerate(summary.blocks, start=1)
        ]
        if summary.outside_minutes >= 0.5:
            blocks.append(t("summary.agenda_outside", minutes=_minutes(summary.outside_minutes)))
        lines.append(t("summary.agenda", blocks=" · ".join(blocks)))
    if summary.safety:
        lines.append(t("summary.safety", count=summary.safety, open=summary.safety_open))
    else:
        lines.append(t("summary.safety_none"))
    return lines


def step_label(step: str, summary: SessionSummary) -> str:
    if step == "plan":
        return t("summary.step_plan", count=summary.objectives, done=summary.evaluated)
    if step == "close":
        return t("summary.close")
    return t(f"summary.step_{step}")


class SessionSummaryDialog(ModalScreen[str | None]):
    # Its look (width, a compact padding so that the steps fit at 80×24) is in kelompok.tcss.
    BINDINGS = [
        Binding("escape", "choose('')", "keys.close", show=False),
        *(Binding(key, f"choose('{step}')", f"summary.keys.{step}", show=False) for key, step in STEPS),
    ]

    def __init__(self, summary: SessionSummary, number: int) -> None:
        super().__init__()
        self.summary = summary
        self.number = number

    def compose(self) -> ComposeResult:
        with Vertical(id="summary", classes="dialog"):
            with VerticalScroll(id="summary-scroll"):
                yield Static(Content("\n".join(summary_lines(self.summary, self.number))), id="summary-text")
            yield Static(t("summary.next"), id="summary-next")
            steps = [*STEPS, (t("summary.esc"), "close")]
            options = [Option(Content(f"{key}  {step_label(step, self.summary)}"), id=step) for key, step in steps]
            yield OptionList(*options, id="summary-steps")

    def on_mount(self) -> None:
        self.query_one("#summary").border_title = t("summary.title", number=self.number)
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#summary-steps")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_choose("" if event.option.id == "close" else str(event.option.id))

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
