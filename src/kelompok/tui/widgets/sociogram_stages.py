"""The series at a glance: for each session, the development stages its signals point to.

One row per session — "3  gesekan · pembentukan norma" — from `dynamics.stage_signals` (member
signals are left out: they are about one person, and the badges name them for the session on
screen). The session on screen is highlighted. Shown when the terminal is large; the words are
the stage names of the catalogue, so the list reads as signals to check, like everything else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from kelompok.i18n import t
from kelompok.sociogram.wording import stage_label

SEPARATOR = " · "


class SociogramStages(Widget):
    """Stage signals per session over the whole series."""

    COMPONENT_CLASSES = {
        "sociogram-stages--title",
        "sociogram-stages--number",
        "sociogram-stages--current",
        "sociogram-stages--none",
    }

    DEFAULT_CSS = """
    SociogramStages { height: auto; padding: 0 1; margin-top: 1; }
    SociogramStages > .sociogram-stages--title { color: $text-accent; text-style: bold; }
    SociogramStages > .sociogram-stages--number { color: $text-muted; }
    SociogramStages > .sociogram-stages--current { background: $accent 30%; text-style: bold; }
    SociogramStages > .sociogram-stages--none { color: $text-muted; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.numbers: Sequence[int] = ()
        self.stages: Mapping[int, Sequence[str]] = {}
        self.current: int | None = None

    def show(self, numbers: Sequence[int], stages: Mapping[int, Sequence[str]], current: int | None) -> None:
        """`stages[n]` are the stage ids the signals of session `n` point to, in order."""
        resized = len(numbers) != len(self.numbers)
        self.numbers, self.stages, self.current = tuple(numbers), stages, current
        self.refresh(layout=resized)

    def show_current(self, current: int | None) -> None:
        if current != self.current:
            self.current = current
            self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._build(width).wrap(max(width, 1)))

    def lines(self) -> list[str]:
        """What the widget shows, as plain text (tests read it)."""
        return self._build(200).plain.splitlines()

    def render(self) -> Content:
        return self._build(max(self.content_region.width, 1))

    def _build(self, width: int) -> Content:
        title = Content.styled(t("sociogram.stages.title"), self.get_visual_style("sociogram-stages--title"))
        if not self.numbers:
            return title
        digits = max(len(str(n)) for n in self.numbers)
        number_style = self.get_visual_style("sociogram-stages--number")
        none = self.get_visual_style("sociogram-stages--none")
        current = self.get_visual_style("sociogram-stages--current")
        lines = [title]
        for number in self.numbers:
            stages = self.stages.get(number, ())
            words = (
                Content(SEPARATOR.join(stage_label(s) for s in stages))
                if stages
                else Content.styled(t("sociogram.stages.none"), none)
            )
            line = Content.assemble(Content.styled(str(number).rjust(digits) + "  ", number_style), words)
            if number == self.current:
                line = line.stylize(current)
            lines.append(line.truncate(width, ellipsis=True))
        return Content("\n").join(lines)
