"""The group-type picker of the new-group screen: Zastrow's ten types and what each one asks for.

A list of the ten types on the left; on the right, for the highlighted type, its purpose, who
typically leads it, whether a trained professional must lead, size and session-length guidance,
the caution level and its cautions, all from the content catalogue in the current language.
The highlighted type is the chosen one; Enter says the facilitator is done choosing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kelompok.i18n import get_language, t
from kelompok.sessions.catalog import GroupType, load_catalog
from kelompok.sessions.models import GROUP_TYPE_IDS


def type_detail(gtype: GroupType, lang: str | None = None) -> Content:
    """What a facilitator should know about a type before choosing it, as styled text."""
    lang = lang or get_language()
    catalog_texts = load_catalog().texts

    def heading(key: str) -> Content:
        return Content.styled(t(key, lang), "bold $accent")

    lines: list[Content] = [
        Content.styled(gtype.name.get(lang), "bold"),
        Content(gtype.purpose.get(lang)),
        Content(""),
        Content.assemble(heading("new_group.leader"), " ", t(f"new_group.leader_{gtype.leader}", lang)),
        Content.assemble(
            heading("new_group.professional"), " ", t(f"new_group.professional_{gtype.professional}", lang)
        ),
        Content.assemble(
            heading("new_group.size"), " ", t("new_group.size_range", lang, min=gtype.size.min, max=gtype.size.max)
        ),
        Content.styled(gtype.size.note.get(lang), "$text-muted"),
        Content.assemble(
            heading("new_group.length"),
            " ",
            t("new_group.length_range", lang, min=gtype.length.min, max=gtype.length.max, usual=gtype.skeleton_minutes),
        ),
    ]
    if gtype.length.note is not None:
        lines.append(Content.styled(gtype.length.note.get(lang), "$text-muted"))
    if gtype.frequency is not None:
        lines.append(Content.styled(gtype.frequency.get(lang), "$text-muted"))
    level_style = {"low": "$success", "medium": "$warning", "high": "bold $error"}[gtype.caution_level]
    lines += [
        Content(""),
        Content.assemble(
            heading("new_group.cautions"), " ", (t(f"new_group.caution_{gtype.caution_level}", lang), level_style)
        ),
    ]
    lines += [Content(f"• {caution}") for caution in catalog_texts(gtype.cautions, lang)]
    if gtype.examples:
        lines += [Content(""), heading("new_group.examples")]
        lines += [Content(f"• {example}") for example in catalog_texts(gtype.examples, lang)]
    return Content("\n").join(lines)


class TypePicker(Widget):
    """The ten group types with a detail pane for the highlighted one."""

    DEFAULT_CSS = """
    TypePicker {
        height: 1fr;
    }
    TypePicker > Horizontal {
        height: 1fr;
    }
    TypePicker #type-list {
        width: 34;
        height: 1fr;
    }
    TypePicker #type-detail-scroll {
        width: 1fr;
        height: 1fr;
        padding: 0 1;
    }
    TypePicker.-narrow #type-list {
        width: 28;
    }
    """

    class TypeHighlighted(Message):
        """The cursor moved to another type (the detail pane already shows it)."""

        def __init__(self, picker: TypePicker, type_id: str) -> None:
            super().__init__()
            self.picker = picker
            self.type_id = type_id

        @property
        def control(self) -> TypePicker:
            return self.picker

    class TypeChosen(Message):
        """The facilitator pressed Enter on a type: done choosing."""

        def __init__(self, picker: TypePicker, type_id: str) -> None:
            super().__init__()
            self.picker = picker
            self.type_id = type_id

        @property
        def control(self) -> TypePicker:
            return self.picker

    def __init__(self, selected: str | None = None, *, id: str | None = None, disabled: bool = False) -> None:
        super().__init__(id=id, disabled=disabled)
        self._type_id = selected if selected in GROUP_TYPE_IDS else GROUP_TYPE_IDS[0]

    @property
    def type_id(self) -> str:
        """The highlighted (= chosen) type id."""
        return self._type_id

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield OptionList(id="type-list")
            with VerticalScroll(id="type-detail-scroll", can_focus=False):
                yield Static(id="type-detail")

    def on_mount(self) -> None:
        self.relabel()

    def relabel(self) -> None:
        """Re-read type names and the detail pane in the current language, keeping the cursor."""
        lang = get_language()
        options = self.query_one("#type-list", OptionList)
        options.clear_options()
        for number, gtype in enumerate(load_catalog().types, start=1):
            options.add_option(Option(f"{number:>2}. {gtype.name.get(lang)}", id=gtype.id))
        options.highlighted = GROUP_TYPE_IDS.index(self._type_id)
        # Refilling the list scrolls it to the top; once the (wrapped) names are laid out, bring the
        # highlighted type back into view, or a small screen hides the type being described.
        self.call_after_refresh(options.scroll_to_highlight)
        self._show_detail()

    def select(self, type_id: str) -> None:
        """Move the cursor to a type (the detail pane follows)."""
        options = self.query_one("#type-list", OptionList)
        options.highlighted = GROUP_TYPE_IDS.index(type_id)
        self.call_after_refresh(options.scroll_to_highlight)

    def focus_list(self) -> None:
        self.query_one("#type-list", OptionList).focus()

    def detail_text(self) -> str:
        """The detail pane as plain text (tests read it)."""
        content = self.query_one("#type-detail", Static).content
        return content.plain if isinstance(content, Content) else str(content)

    def _show_detail(self) -> None:
        self.query_one("#type-detail", Static).update(type_detail(load_catalog().group_type(self._type_id)))
        self.query_one("#type-detail-scroll", VerticalScroll).scroll_home(animate=False)

    @on(OptionList.OptionHighlighted, "#type-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        type_id = event.option.id or GROUP_TYPE_IDS[0]
        if type_id == self._type_id:
            return
        self._type_id = type_id
        self._show_detail()
        self.post_message(self.TypeHighlighted(self, type_id))

    @on(OptionList.OptionSelected, "#type-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._type_id = event.option.id or self._type_id
        self.post_message(self.TypeChosen(self, self._type_id))
