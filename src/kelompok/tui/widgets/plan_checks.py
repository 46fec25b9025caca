"""The live checks panel of the plan editor (and of the new-group screen).

Shows what `planning.check_plan` finds as the facilitator types — warnings first, then notes —
and, below, the advice for the session's stage. It never blocks anything: it is a second pair of
eyes, not a gate. When nothing is found it says so, so an empty panel is never ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from kelompok.i18n import t
from kelompok.sessions.planning import PlanCheck

WARNING_MARK = "⚠"
INFO_MARK = "ℹ"
OK_MARK = "✓"


def show_text(widget: Static, text: str) -> None:
    """Put plain text (never markup) in a Static, only when it changes: each update costs a layout pass."""
    current = widget.content
    if (current.plain if isinstance(current, Content) else str(current)) != text:
        widget.update(Content(text))


class PlanChecks(VerticalScroll):
    """Findings about the plan, updated by the screen with `show()`."""

    DEFAULT_CSS = """
    PlanChecks {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        padding: 0 1;
    }
    PlanChecks:focus {
        border: round $accent;
    }
    PlanChecks.-warnings {
        border: round $warning;
    }
    PlanChecks > #checks-body {
        height: auto;
    }
    PlanChecks > #suggestions-body {
        height: auto;
        margin-top: 1;
    }
    """

    def __init__(self, *, none_key: str = "plan.checks.none", id: str | None = None) -> None:
        super().__init__(id=id)
        self.none_key = none_key
        self.checks: list[PlanCheck] = []
        self.suggestions: list[str] = []
        self.suggestions_title = ""

    def compose(self) -> ComposeResult:
        yield Static(id="checks-body")
        yield Static(id="suggestions-body")

    def on_mount(self) -> None:
        self._render_all()

    @property
    def ids(self) -> list[str]:
        """The ids of the findings shown, in order (tests and help read them)."""
        return [check.id for check in self.checks]

    def show(
        self, checks: Sequence[PlanCheck], suggestions: Sequence[str] | None = None, suggestions_title: str = ""
    ) -> None:
        """Show new findings (and, when given, the stage's suggestions)."""
        ordered = [c for c in checks if c.level == "warning"] + [c for c in checks if c.level != "warning"]
        changed = ordered != self.checks
        self.checks = ordered
        if suggestions is not None and (
            list(suggestions) != self.suggestions or suggestions_title != self.suggestions_title
        ):
            self.suggestions = list(suggestions)
            self.suggestions_title = suggestions_title
            changed = True
        if changed and self.is_mounted:
            self._render_all()

    def relabel(self) -> None:
        self._render_all()

    def _render_all(self) -> None:
        warnings = sum(1 for c in self.checks if c.level == "warning")
        notes = len(self.checks) - warnings
        self.border_title = t("plan.checks.title", warnings=warnings, notes=notes)
        self.set_class(warnings > 0, "-warnings")
        if self.checks:
            lines = [
                Content.assemble(
                    (f"{WARNING_MARK} ", "bold $warning")
                    if check.level == "warning"
                    else (f"{INFO_MARK} ", "$primary"),
                    check.message,
                )
                for check in self.checks
            ]
            body = Content("\n").join(lines)
        else:
            body = Content.assemble((f"{OK_MARK} ", "bold $success"), t(self.none_key))
        self.query_one("#checks-body", Static).update(body)
        suggestions = self.query_one("#suggestions-body", Static)
        if self.suggestions:
            lines = [Content.styled(self.suggestions_title, "bold $accent")]
            lines += [Content(f"• {line}") for line in self.suggestions]
            suggestions.update(Content("\n").join(lines))
            suggestions.display = True
        else:
            suggestions.display = False

    def text(self) -> str:
        """Everything the panel shows, as plain text (tests read it)."""
        parts = []
        for static in self.query(Static):
            content = static.content
            parts.append(content.plain if isinstance(content, Content) else str(content))
        return "\n".join(parts)
