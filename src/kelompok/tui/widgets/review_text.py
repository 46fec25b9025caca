"""A scrolling block of text: one section of the review screen (attendance, plan, notes …)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static


class ReviewText(VerticalScroll, can_focus=True):
    """Shows a section's `Content`; focusable so that arrow keys scroll it and `c` knows the section."""

    DEFAULT_CSS = """
    ReviewText { height: 1fr; padding: 0 1; }
    ReviewText > Static { width: 1fr; height: auto; }
    ReviewText:focus { background-tint: $foreground 4%; }
    """

    def __init__(self, section: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.section = section

    def compose(self) -> ComposeResult:
        yield Static(id=f"{self.id or self.section}-body", markup=False)

    def show(self, content: Content) -> None:
        """Replace the text (the scroll position stays where the reader left it)."""
        self.query_one(Static).update(content)

    @property
    def text(self) -> str:
        """The plain text shown (tests read it)."""
        return str(self.query_one(Static).content)
