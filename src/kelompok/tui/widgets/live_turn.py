"""The turn line of the live screen: the turn being typed, and what the next key does.

    Pembicara?  1–9 0 a… anggota · f fasilitator
    3 Ani → ?   tombol anggota · g/Enter kelompok · Esc batal
    Fasilitator → Ani · peran?   tombol peran · Enter lewati
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from kelompok.i18n import t


class TurnLine(Widget):
    """One line: the open turn on the left, the hint for the next key on the right."""

    COMPONENT_CLASSES = {"turn-line--turn", "turn-line--hint"}

    DEFAULT_CSS = """
    TurnLine {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    TurnLine.-open { background: $accent 40%; }
    TurnLine.-blocked { background: $warning 30%; }
    TurnLine > .turn-line--turn { text-style: bold; }
    TurnLine > .turn-line--hint { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.turn = ""
        self.hint = ""

    def show(self, turn: str, hint: str, *, open_: bool, blocked: bool = False) -> None:
        if (turn, hint) != (self.turn, self.hint):
            self.turn, self.hint = turn, hint
            self.refresh()
        self.set_class(open_, "-open")
        self.set_class(blocked, "-blocked")

    def render(self) -> Content:
        width = max(self.content_region.width, 1)
        turn = Content.styled(self.turn or t("live.turn.speaker"), self.get_visual_style("turn-line--turn"))
        hint = Content.styled(self.hint, self.get_visual_style("turn-line--hint"))
        return Content.assemble(turn, "   ", hint).truncate(width, ellipsis=True)
