"""A checkbox that only Space ticks: Enter moves on in kelompok's forms (issue 16 §7), so one Enter
too many never changes a consent."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Checkbox


class SpaceCheckbox(Checkbox, inherit_bindings=False):
    BINDINGS = [Binding("space", "toggle_button", "group_editor.keys.tick", show=False)]
