"""Alt+1…6: jump to a part (tab) of a form, from any field (docs/ARCHITECTURE.md, "Forms and keys").

What a terminal sends for Alt+2 is ESC then `2`, and Textual (8.x) reads ESC+digit as the character
macOS types for Option+digit: Alt+1…6 arrive as the keys `¡ ™ £ ¢ ∞ §`, with that character. An
Input or TextArea takes any printable character before the screen's bindings are looked at, so
the plan got `¡ ™ §` typed into its fields and was marked unsaved, and the part never changed.

So the app turns those characters back into `alt+1`…`alt+0` (without a character) when the screen
on top binds that Alt key (`as_alt_digit`, called from `KelompokApp.on_event`); on other screens
they stay characters. The screens bind Alt+digit as *priority* bindings, so that a terminal that
does send `alt+2` with the character `2` (kitty's protocol) does not type the digit either.
F6 / Shift+F6 (next / previous part) work in every terminal.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.screen import Screen

ALT_DIGIT_CHARACTERS = {
    "¡": "1",
    "™": "2",
    "£": "3",
    "¢": "4",
    "∞": "5",
    "§": "6",
    "¶": "7",
    "•": "8",
    "ª": "9",
    "º": "0",
}
"""What Textual makes of ESC+digit (and what macOS Option+digit types): Alt+1 is `¡`, Alt+2 `™` …"""


def section_bindings(count: int, action: str = "show_tab") -> list[Binding]:
    """Priority bindings Alt+n → `action(n - 1)` for parts 1…count; the footer shows one entry, `Alt+1…n`."""
    return [
        Binding(
            f"alt+{number}",
            f"{action}({number - 1})",
            "plan.keys.part",
            show=number == 1,
            key_display=f"Alt+1…{count}" if number == 1 else None,  # i18n: same in every language
            priority=True,
        )
        for number in range(1, count + 1)
    ]


def as_alt_digit(event: events.Key, screen: Screen) -> None:
    """Read `™` (ESC+2) as `alt+2` when `screen` binds Alt+2; otherwise leave the key as it came."""
    digit = ALT_DIGIT_CHARACTERS.get(event.character or "")
    if digit is None or event.key == f"alt+{digit}":
        return
    key = f"alt+{digit}"
    if key in screen.active_bindings:
        event.key = key
        event.character = None  # so that no field takes it as a character
