"""A footer whose key descriptions follow the current language and that never cuts a label.

Bindings carry an i18n key as their description (e.g. `keys.quit`); the footer translates it when
it draws, so switching language only needs a recompose, not new Binding objects. When the keys do
not all fit the terminal's width, the last ones are left out whole (the screen's own keys come
first; the app-wide ones — language, role, quit — are always in the command palette and F1).

Only Textual's public `Footer` is used: the keys it composes are recognised by their public
`key_display` / `description` attributes, not by importing the private `textual.widgets._footer`.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

from kelompok.i18n import get_language, t

_PALETTE_WIDTH = 13
"""Room kept on the right for the docked command-palette key (`^p Perintah`, `^p Commands`)."""


def _is_key(widget: Widget) -> bool:
    return isinstance(getattr(widget, "key_display", None), str) and isinstance(
        getattr(widget, "description", None), str
    )


class TranslatedFooter(Footer):
    _shown: tuple[object, ...] | None = None
    """What the keys were last composed for (width, language, bindings): see `recompose`."""

    def _what_it_shows(self) -> tuple[object, ...]:
        bindings = tuple(
            (key, binding.action, binding.description, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in self.screen.active_bindings.items()
            if binding.show
        )
        return (self.app.size.width, get_language(), self.compact, self.show_command_palette, bindings)

    async def recompose(self) -> None:
        # Textual recomposes a footer at every bindings update (focus moving, a key press, a
        # resize): eight times in the home screen's first frame, each mounting every key again,
        # which cost as much as the rest of that frame. Compose only when what it shows changed.
        if not self.is_attached:  # a recompose scheduled before its screen closed
            return
        shown = self._what_it_shows()
        if shown == self._shown:
            return
        await super().recompose()
        self._shown = shown

    def compose(self) -> ComposeResult:
        room = (self.app.size.width or 80) - (_PALETTE_WIDTH if self.show_command_palette else 0)
        used = 0
        full = False
        for widget in super().compose():
            if not _is_key(widget):
                yield widget
                continue
            description: str = widget.description  # type: ignore[attr-defined]
            if "." in description:
                description = t(description)
                widget.description = description  # type: ignore[attr-defined]
                widget.tooltip = description
            if widget.has_class("-command-palette"):
                yield widget
                continue
            # key, its padding, the description and the gap after it (compact: one cell less)
            width = cell_len(widget.key_display) + cell_len(description) + (2 if self.compact else 3)  # type: ignore[attr-defined]
            if full or used + width > room:
                full = True  # a later, shorter key must not jump ahead of a longer, more important one
                continue
            used += width
            yield widget

    def on_resize(self) -> None:
        self.refresh(recompose=True)  # a new width may fit more or fewer keys
