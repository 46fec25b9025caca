"""Form controls whose keys never surprise (docs/ARCHITECTURE.md, "Forms and keys").

Textual's checkbox and selection list toggle on Enter as well as Space. In a form, Enter means
"next field": one Enter once unticked "led by a professional" in the new-group form and switched
on real names in the export dialog. Here Space toggles and Enter moves on.

Textual also marks a ticked box only by colour (the same `X` in both states); here an unticked
box is empty, so the two read differently on a monochrome terminal or to a colour-blind eye.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.widgets import Checkbox, Select, SelectionList
from textual.widgets._toggle_button import ToggleButton
from textual.widgets.selection_list import SelectionType

UNTICKED_INNER = " "
"""What an unticked box shows inside its brackets (a ticked one shows Textual's `X`)."""


class FormCheckbox(Checkbox):
    """A checkbox: Space toggles, Enter goes to the next field, and an unticked box is empty."""

    BINDINGS = [
        Binding("space", "toggle_button", "flows.keys.toggle", show=False),
        Binding("enter", "next_field", "flows.keys.next_field", show=False),  # overrides Checkbox's enter → toggle
    ]

    def action_next_field(self) -> None:
        self.screen.focus_next()

    @property
    def _button(self) -> Content:
        """Textual's button (ToggleButton._button), with an empty inside while unticked."""
        button_style = self.get_visual_style("toggle--button")
        side_style = Style(foreground=button_style.background, background=self.background_colors[1])
        inner = self.BUTTON_INNER if self.value else UNTICKED_INNER * len(self.BUTTON_INNER)
        return Content.assemble((self.BUTTON_LEFT, side_style), (inner, button_style), (self.BUTTON_RIGHT, side_style))


class FormSelectionList(SelectionList[SelectionType]):
    """A list of ticks: Space toggles, Enter goes to the next field, an unticked item's box is empty."""

    BINDINGS = [
        Binding(
            "enter", "next_field", "flows.keys.next_field", show=False
        ),  # overrides OptionList's enter → select (toggle)
    ]

    def action_next_field(self) -> None:
        self.screen.focus_next()

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        segments = list(strip)
        _, scroll_y = self.scroll_offset
        index = scroll_y + y
        # Textual draws the box as its first three segments: left side, inner mark, right side.
        if len(segments) < 3 or index >= self.option_count or segments[1].text != ToggleButton.BUTTON_INNER:
            return strip
        if self.get_option_at_index(index).value in self._selected:
            return strip
        inner = segments[1]
        segments[1] = Segment(UNTICKED_INNER * len(inner.text), inner.style, inner.control)
        return Strip(segments, strip.cell_length)


def relabel_select(select: Select, options: Sequence[tuple[str, object]]) -> None:
    """Give `select` its options in the current language, keeping the chosen value.

    Textual redraws the chosen option's label only when the value *changes*; after F2 the value
    is the same, so without the nudge below the closed dropdown kept showing "Tatap muka" in English.
    """
    value = select.value
    select.set_options(options)
    if any(option_value == value for _, option_value in options):
        select.value = value
    select.mutate_reactive(Select.value)  # redraw the label of the (unchanged) value
