"""A checkbox that only Space ticks, and that reads the same without colour.

Enter moves on in kelompok's forms (issue 16 §7), so one Enter too many never changes a consent;
and an unticked box is empty (`▐ ▌`), a ticked one holds an X (`▐X▌`), on a monochrome terminal
too, where Textual's own box shows an X either way and only its colour changes.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox


class SpaceCheckbox(Checkbox, inherit_bindings=False):
    BINDINGS = [Binding("space", "toggle_button", "group_editor.keys.tick", show=False)]

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]  # ToggleButton reads it when it draws
        return "X" if self.value else " "
