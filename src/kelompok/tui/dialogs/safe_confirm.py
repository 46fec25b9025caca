"""A confirmation whose focused button is the safe answer ("keep editing", "cancel"): Enter on a
question that could lose work never loses it. Escape and `n` answer the safe way too."""

from __future__ import annotations

from textual.widgets import Button

from kelompok.tui.dialogs.confirm import ConfirmDialog


class SafeConfirmDialog(ConfirmDialog):
    """`yes` is the risky answer (discard, erase); the dialog opens on `no`."""

    def on_mount(self) -> None:
        # ConfirmDialog's own on_mount runs after this one (Textual calls both): focus once it has.
        self.call_after_refresh(self.query_one("#no", Button).focus)
