"""Side-panel summaries of the view on screen: equity by member attribute and how turns pass
(Gibson's participation shifts), in a few plain lines each.

Only attributes the group allows for analysis (`Group.analysable_attributes`) are shown; every
other member attribute is private and never reaches the screen. The words come from
`sociogram.wording`, so the panel says what the report says.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from textual.content import Content
from textual.widgets import Static

from kelompok.i18n import t
from kelompok.sociogram.pshifts import PShifts
from kelompok.sociogram.wording import describe_equity, describe_pshifts


class SociogramExtras(Static):
    """Equity and participation shifts of the view on screen."""

    DEFAULT_CSS = """
    SociogramExtras { height: auto; padding: 0 1; margin-top: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: list[str] = []

    def show(
        self,
        equity: Mapping[str, Mapping[str, float | None]] | None,
        shifts: PShifts | None,
        who: Callable[[str], str],
    ) -> None:
        """`equity` maps each analysable attribute to its ratios (None: no attribute allowed, and
        the equity block is left out); `shifts` of the view (None: nothing recorded)."""
        parts: list[Content] = []
        lines: list[str] = []
        if equity:
            lines.append(t("sociogram.equity.title"))
            lines += describe_equity(equity)
        if shifts is not None:
            lines.append(t("sociogram.pshifts.title"))
            lines += describe_pshifts(shifts, who)
        self._lines = lines
        for line in lines:
            heading = line in (t("sociogram.equity.title"), t("sociogram.pshifts.title"))
            parts.append(Content.styled(line, "bold $text-accent") if heading else Content(line))
        self.update(Content("\n").join(parts))

    def lines(self) -> list[str]:
        """What the widget shows, as plain text (tests read it)."""
        return list(self._lines)
