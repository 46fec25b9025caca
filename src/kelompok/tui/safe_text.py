"""User text made safe to show: never read as markup, no control characters reaching the terminal.

Names, reasons, notes and purposes are typed by people (or come from a file anyone can edit).
Rich/Textual read `[b]`, `[/]` and `[link=…]` in a plain `str` as markup: `[/]` crashes the app,
`[link=file:///…]` becomes a clickable link. ESC and other control characters would reach the
terminal raw, and bidi overrides (U+202E) reorder what the user sees. So user text goes to widgets
as `Text`/`Content` (never parsed), with control characters shown as visible symbols: the user sees
that something odd is in the name instead of having it silently removed.
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

# C0 controls except tab and newline, DEL, C1 controls; bidi embeddings, overrides and isolates;
# the XML non-characters U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # Unicode "control pictures": ␛ for ESC, ␇ for BEL …
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def clean(text: str) -> str:
    """The text with every control character replaced by a visible symbol."""
    return _CONTROL.sub(_visible, text)


def plain(text: str) -> Text:
    """A Rich `Text` of user text (DataTable cells, Static.update): literal, controls visible."""
    return Text(clean(text))


def content(text: str) -> Content:
    """A Textual `Content` of user text: literal, controls visible."""
    return Content(clean(text))


def clean_content(value: Content) -> Content:
    """Styled content with its control characters made visible (one character for one: spans stay put)."""
    text = value.plain
    cleaned = clean(text)
    if cleaned == text:
        return value
    return Content(cleaned, spans=list(value.spans))
