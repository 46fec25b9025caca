"""The list of sections on the left of the review screen (safety flags first when there are any)."""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist


class ReviewSections(OptionList):
    """One option per section, id = section id; the screen shows the highlighted one."""

    DEFAULT_CSS = """
    ReviewSections { width: 26; height: 1fr; border: none; border-right: solid $primary-darken-2; padding: 0; }
    ReviewSections:focus { border: none; border-right: solid $accent; }
    """

    def show(self, items: list[tuple[str, str]]) -> None:
        """Replace the options with `(section id, label)` pairs, keeping the highlighted section."""
        current = self.current
        self.set_options([Option(f"{index} {label}", id=section) for index, (section, label) in enumerate(items, 1)])
        self.choose(current or (items[0][0] if items else None))

    @property
    def current(self) -> str | None:
        """The highlighted section's id."""
        option = self.highlighted_option
        return option.id if option is not None else None

    def choose(self, section: str | None) -> None:
        """Highlight a section by id (an id not in the list is ignored: e.g. no safety flags)."""
        if section is None:
            return
        try:
            self.highlighted = self.get_option_index(section)
        except OptionDoesNotExist:
            pass
