"""The top line of the review screen: which log, its status, who is acting, and whether it is saved.

    Sesi 5 · 12 Februari 2026 · status: diajukan · ⚑ 1        supervisor: Retno · ● tersimpan

The right side always says whether what the screen shows is what the file holds: `● saved` after
every step written, the error in red when a write failed, `read-only` when another kelompok window
holds the group.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget


class ReviewStatusLine(Widget):
    DEFAULT_CSS = """
    ReviewStatusLine { height: 1; padding: 0 1; background: $boost; }
    ReviewStatusLine.-error { background: $error; color: $text; text-style: bold; }
    ReviewStatusLine.-read-only { background: $warning-darken-3; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.left = Content("")
        self.right = Content("")

    def show(self, left: Content, right: Content, *, error: bool = False, read_only: bool = False) -> None:
        """Change both sides; `error` and `read_only` colour the whole line."""
        self.left, self.right = left, right
        self.set_class(error, "-error")
        self.set_class(read_only and not error, "-read-only")
        self.refresh()

    @property
    def text(self) -> str:
        """Both sides as plain text (tests read it)."""
        return f"{self.left.plain} | {self.right.plain}"

    def render(self) -> Content:
        width = max(self.content_region.width, 1)
        gap = width - cell_len(self.left.plain) - cell_len(self.right.plain)
        if gap < 1:
            # Too narrow for both: the save state (right) matters most, so it stays whole.
            room = max(width - cell_len(self.right.plain) - 1, 0)
            return Content.assemble(self.left.truncate(room, ellipsis=True), " ", self.right).truncate(
                width, ellipsis=True
            )
        return Content.assemble(self.left, " " * gap, self.right)
