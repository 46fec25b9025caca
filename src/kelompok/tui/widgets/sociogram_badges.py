"""Badges under the sociogram: the communication pattern (with its one-line definition) and the
things to check — positions, pairs, subgroups and development-stage signals — in soft words.

The screen words everything (`kelompok.sociogram.wording`); this widget only lays it out: the
pattern badge first, then the caution ("to check, not a diagnosis") and the items. On a small
screen the pattern's definition is cut to one line and the items run together; when there is
room, the definition is whole and the items go one per line. What does not fit is cut: the
height stays the same from view to view.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

SEPARATOR = "  ·  "
BULLET = "• "


class SociogramBadges(Widget):
    """Pattern badge and the signals to check for the view on screen."""

    COMPONENT_CLASSES = {"sociogram-badges--pattern", "sociogram-badges--caution", "sociogram-badges--muted"}

    DEFAULT_CSS = """
    SociogramBadges { height: 4; padding: 0 1; }
    SociogramBadges > .sociogram-badges--pattern { background: $secondary 40%; text-style: bold; }
    SociogramBadges > .sociogram-badges--caution { color: $warning; text-style: bold; }
    SociogramBadges > .sociogram-badges--muted { color: $text-muted; text-style: italic; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pattern: str | None = None
        self.definition = ""
        self.caution = ""
        self.items: Sequence[str] = ()
        self.note = ""
        self.roomy = False

    def show(
        self,
        pattern: str | None,
        definition: str,
        caution: str,
        items: Sequence[str],
        note: str = "",
        *,
        roomy: bool = False,
    ) -> None:
        """`pattern` is the badge text (None: nothing to name, `definition` says why); `items` the
        things to check after `caution`; `note` is shown, muted, when there are no items."""
        self.pattern, self.definition, self.caution = pattern, definition, caution
        self.items, self.note, self.roomy = tuple(items), note, roomy
        # The height is fixed (CSS), so that the sociogram above keeps its size from one session
        # to the next, and a step costs a repaint, not a layout pass.
        self.refresh()

    def lines(self) -> list[str]:
        """What the widget says, as plain text (tests read it)."""
        return self.render().plain.splitlines()

    def render(self) -> Content:
        muted = self.get_visual_style("sociogram-badges--muted")
        if self.pattern is None:
            head = Content.styled(self.definition, muted)
        else:
            badge = Content.styled(f" {self.pattern} ", self.get_visual_style("sociogram-badges--pattern"))
            head = Content.assemble(badge, " ", self.definition)
            if not self.roomy:
                head = head.truncate(max(self.content_region.width, 1), ellipsis=True)
        if not self.items:
            return Content("\n").join([head, Content.styled(self.note, muted)]) if self.note else head
        caution = Content.styled(self.caution, self.get_visual_style("sociogram-badges--caution"))
        if self.roomy:
            body = [caution, *(Content(BULLET + item) for item in self.items)]
            return Content("\n").join([head, *body])
        return Content("\n").join([head, Content.assemble(caution, " ", SEPARATOR.join(self.items))])
