"""Issue 12's rules for the UI glue, checked over the source: screens reach the app through typed
properties and signals, never by walking the screen stack or by `getattr`, and the garbage
collector has one policy, in `sessions/bulk.py` (docs/ARCHITECTURE.md)."""

from __future__ import annotations

import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "kelompok"
FORBIDDEN = {
    "walks the screen stack": re.compile(r"\bscreen_stack\b"),
    "reaches the app by getattr": re.compile(r"getattr\(\s*self\.app\b"),
    "touches the garbage collector": re.compile(r"\bgc\.(freeze|collect|disable|enable|set_threshold)\b"),
}
GC_POLICY = SRC / "sessions" / "bulk.py"


def offences(text: str, path: Path) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for what, pattern in FORBIDDEN.items():
            if pattern.search(line) and not (what.startswith("touches") and path == GC_POLICY):
                found.append(f"{path.relative_to(SRC)}:{number}: {what}")
    return found


def test_no_module_breaks_the_app_layer_rules():
    found = [hit for path in sorted(SRC.rglob("*.py")) for hit in offences(path.read_text(encoding="utf-8"), path)]
    assert found == []


def test_the_scan_would_catch_each_of_them():
    screen = SRC / "tui" / "screens" / "example.py"
    text = "for s in self.app.screen_stack: pass\nnow = getattr(self.app, 'now')\ngc.freeze()\n"
    assert len(offences(text, screen)) == 3
    assert offences("gc.disable()\n", GC_POLICY) == []
