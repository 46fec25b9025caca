"""The save-state line of the live screen: is what the screen shows safe on disk?

One line, always visible: "● tersimpan · 42 tindak" while every recorded event is durable,
"menyimpan…" during a full-file checkpoint, the error in red when a write failed.
"""

from __future__ import annotations

from typing import Literal

from textual.content import Content
from textual.widget import Widget

from kelompok.i18n import t

SaveStatus = Literal["idle", "saved", "saving", "error", "ended"]


class SaveState(Widget):
    """Shows whether the session is saved; the screen sets it after every recording call."""

    DEFAULT_CSS = """
    SaveState {
        height: 1;
        padding: 0 1;
        background: $boost;
        color: $success;
    }
    SaveState.-saving { color: $warning; }
    SaveState.-error { background: $error; color: $text; text-style: bold; }
    SaveState.-idle { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status: SaveStatus = "idle"
        self.acts = 0
        self.detail = ""
        self.set_class(True, "-idle")

    def show(self, status: SaveStatus, *, acts: int | None = None, detail: str = "") -> None:
        """Change what the line says. `detail` is the error text, or the file written at the end."""
        if status != self.status:
            self.set_class(False, f"-{self.status}")
            self.set_class(True, f"-{status}")
            self.status = status
        if acts is not None:
            self.acts = acts
        self.detail = detail
        self.refresh()

    def text(self) -> str:
        """The left part of the line, as it is shown (tests read it)."""
        if self.status == "saved":
            return t("live.save.saved", acts=self.acts)
        if self.status == "saving":
            return t("live.save.saving")
        if self.status == "error":
            # The count stays: what was shown as saved before the failure is still safe on disk.
            return t("live.save.error_kept", error=self.detail, acts=self.acts)
        if self.status == "ended":
            return t("live.save.ended", acts=self.acts, path=self.detail)
        return t("live.save.idle")

    def render(self) -> Content:
        return Content(self.text()).truncate(max(self.content_region.width, 1), ellipsis=True)
