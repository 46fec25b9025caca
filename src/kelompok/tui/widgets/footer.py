"""A footer whose key descriptions follow the current language.

Bindings carry an i18n key as their description (e.g. `keys.quit`); the footer translates it when
it draws, so switching language only needs a recompose, not new Binding objects.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from kelompok.i18n import t


class TranslatedFooter(Footer):
    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "." in widget.description:
                widget.description = t(widget.description)
            yield widget
