"""Screen CSS lives in .tcss files (docs/ARCHITECTURE.md, "Where things go"); widgets keep DEFAULT_CSS.

Screen CSS is not scoped, so every rule of a screen's file must start with the screen's class:
a bare `#title` there would style every screen's `#title`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.screen import Screen

import kelompok.tui.dialogs
import kelompok.tui.screens


def _screens() -> list[type[Screen]]:
    found = []
    for package in (kelompok.tui.screens, kelompok.tui.dialogs):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            found += [
                c
                for _, c in inspect.getmembers(module, inspect.isclass)
                if issubclass(c, Screen) and c.__module__ == module.__name__
            ]
    return found


def test_no_screen_or_dialog_keeps_inline_css_and_each_file_names_its_screen():
    screens = _screens()
    assert len(screens) >= 15, "the check is real: the screens and dialogs were found"
    inline = [
        c.__name__ for c in screens if c.__dict__.get("DEFAULT_CSS", "").strip() or c.__dict__.get("CSS", "").strip()
    ]
    assert inline == []
    styled = [c for c in screens if "CSS_PATH" in c.__dict__]
    assert len(styled) >= 14
    for screen in styled:
        path = Path(inspect.getfile(screen)).with_name(screen.CSS_PATH)
        text = re.sub(r"/\*.*?\*/", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
        selectors = [line for line in text.splitlines() if line and not line[0].isspace() and line[0] != "}"]
        assert selectors, path
        parts = [part.strip() for line in selectors for part in line.split("{")[0].split(",") if part.strip()]
        strays = [part for part in parts if not part.startswith(screen.__name__)]
        assert strays == [], f"{path.name}: rules must start with {screen.__name__}"
