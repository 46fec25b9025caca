"""The turn line of the live screen: the turn being typed, and under it what the next key does.

3 Ani → ?
kepada: anggota · f · g/Enter: kelompok · Esc
"""

from __future__ import annotations

from textual.content import Content
from textual.strip import Strip

from kelompok.i18n import t
from kelompok.tui.widgets.live_lines import CachedLines


class TurnLine(CachedLines):
    """Two lines: the open turn, and the hint for the next key."""

    COMPONENT_CLASSES = {"turn-line--turn", "turn-line--hint", "turn-line--open", "turn-line--blocked"}

    # The open/blocked look is a component style painted in `render`, not a CSS class: changing a
    # class restyles the widget, which costs more than the whole repaint on every key.
    DEFAULT_CSS = """
    TurnLine {
        height: 2;
        background: $panel;
    }
    TurnLine > .turn-line--turn { text-style: bold; }
    TurnLine > .turn-line--hint { color: $text-muted; }
    TurnLine > .turn-line--open { background: $accent 40%; }
    TurnLine > .turn-line--blocked { background: $warning 30%; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.turn = ""
        self.hint = ""
        self.state = ""

    def show(self, turn: str, hint: str, *, open_: bool, blocked: bool = False) -> None:
        state = "blocked" if blocked else "open" if open_ else ""
        if (turn, hint, state) != (self.turn, self.hint, self.state):
            self.turn, self.hint, self.state = turn, hint, state
            self.refresh()

    def render_line(self, y: int) -> Strip:
        if y == 0:
            text, component = self.turn or t("live.turn.speaker"), "turn-line--turn"
        elif y == 1:
            text, component = self.hint, "turn-line--hint"
        else:
            return self.blank()
        state = self.state
        return self.line((y, text, state), lambda: self._line(text, component, state))

    def _line(self, text: str, component: str, state: str) -> Content:
        line = Content.assemble(" ", (text, self.get_visual_style(component))).truncate(
            self.line_width, ellipsis=True, pad=True
        )
        return line.stylize(self.get_visual_style(f"turn-line--{state}")) if state else line
