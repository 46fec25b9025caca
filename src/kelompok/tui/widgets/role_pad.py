"""The role pad of the live screen: the facilitator's 13 mezzo roles, each with its key.

It lights up when the facilitator has spoken and the act waits for a role (any other key, Enter or
Esc skips it). With interaction coding on, the same pad shows the codes (three valences or the 12
Bales categories) while an act waits for its code. Under the keys, a running tally of the roles
tagged so far: task against maintenance. Lines are drawn once and reused (`CachedLines`).

The pad lays its items out in as many columns as its width allows. A click on an item posts
`RolePad.KeyClicked` with the item's key, as if it had been typed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from kelompok.i18n import t
from kelompok.tui.widgets.live_lines import CachedLines

MIN_COLUMN = 18


@dataclass(frozen=True)
class PadItem:
    """One key on the pad: the key, its label in the current language, and its category."""

    key: str
    label: str
    category: str = ""
    """task or maintenance for roles; the valence or IPA area for codes."""


class RolePad(CachedLines):
    """Keys for the roles (or codes) and the task/maintenance tally."""

    COMPONENT_CLASSES = {
        "role-pad--key",
        "role-pad--task",
        "role-pad--maintenance",
        "role-pad--tally",
        "role-pad--active",
    }

    # Active is a component style painted in `render` rather than a CSS class: restyling the widget
    # on every facilitator turn would cost more than drawing it.
    DEFAULT_CSS = """
    RolePad {
        height: auto;
        padding: 0 1;
        color: $text-muted;
    }
    RolePad > .role-pad--active { background: $accent 25%; color: $text; }
    RolePad > .role-pad--key { color: $accent; text-style: bold; }
    RolePad > .role-pad--task { color: $text-primary; }
    RolePad > .role-pad--maintenance { color: $text-success; }
    RolePad > .role-pad--tally { color: $text; }
    """

    class KeyClicked(Message):
        """An item was clicked: treat it as its key being pressed."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[PadItem] = []
        self.tally: dict[str, int] = {"task": 0, "maintenance": 0}
        self.show_tally = True
        self.active = False

    def show(self, items: list[PadItem], *, active: bool, tally: bool = True) -> None:
        """Show these items; `active` when the next key picks one of them."""
        changed_size = len(items) != len(self.items) or tally != self.show_tally
        self.items = items
        self.show_tally = tally
        self.active = active
        self.refresh(layout=changed_size)

    def set_tally(self, task: int, maintenance: int) -> None:
        self.tally = {"task": task, "maintenance": maintenance}
        if self.show_tally:
            self.refresh()

    def _layout(self, width: int) -> tuple[int, int]:
        columns = max(1, min(3, width // MIN_COLUMN))
        rows = math.ceil(len(self.items) / columns) if self.items else 0
        return columns, rows

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._layout(width)[1] + (1 if self.show_tally else 0)

    def tally_text(self) -> str:
        return t("live.roles.tally", task=self.tally["task"], maintenance=self.tally["maintenance"])

    def render_line(self, y: int) -> Strip:
        width = self.line_width
        columns, rows = self._layout(width)
        if y < rows:
            cells = tuple(
                self.items[column * rows + y] for column in range(columns) if column * rows + y < len(self.items)
            )
            return self.line(("items", cells, columns, self.active), lambda: self._items_line(cells, width // columns))
        if y == rows and self.show_tally:
            task, maintenance = self.tally["task"], self.tally["maintenance"]
            return self.line(
                ("tally", task, maintenance, self.tally_text()), lambda: self._tally_line(task, maintenance, width)
            )
        return self.blank()

    def _items_line(self, cells: tuple[PadItem, ...], column_width: int) -> Content:
        # Down the columns, so that the order reads naturally.
        key_style = self.get_visual_style("role-pad--key")
        parts = []
        for item in cells:
            label_style = (
                self.get_visual_style(f"role-pad--{item.category}")
                if item.category in ("task", "maintenance")
                else None
            )
            label = Content.assemble(
                (item.key, key_style), " ", (item.label, label_style) if label_style else item.label
            )
            parts.append(label.truncate(column_width - 1, ellipsis=True, pad=True).pad_right(1))
        line = Content.assemble(*parts).truncate(self.line_width, pad=True)
        return line.stylize_before(self.get_visual_style("role-pad--active")) if self.active else line

    def _tally_line(self, task: int, maintenance: int, width: int) -> Content:
        tally = Content.styled(self.tally_text(), self.get_visual_style("role-pad--tally"))
        room = width - tally.cell_length - 1
        if room < 4:
            return tally
        total = task + maintenance
        filled = round(room * task / total) if total else 0
        return Content.assemble(
            tally,
            " ",
            ("▮" * filled, self.get_visual_style("role-pad--task")),
            ("▮" * (room - filled) if total else "·" * room, self.get_visual_style("role-pad--maintenance")),
        )

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        width = self.line_width
        columns, rows = self._layout(width)
        row, column = offset.y, offset.x // max(1, width // columns)
        index = column * rows + row
        if 0 <= row < rows and 0 <= index < len(self.items):
            self.post_message(self.KeyClicked(self.items[index].key))
