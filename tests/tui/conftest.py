"""Fixtures for the Pilot tests: a golden-SVG `snapshot`, a fixed `now` (the hand-moved `clock` lives in tests/conftest.py).

`snapshot(app, name)` compares `app.export_screenshot()` with `tests/tui/snapshots/<name>.svg`.
To accept a change on purpose, rerun with `UPDATE_SNAPSHOTS=1` (or `--update-snapshots` when this
folder is on the command line) and look at the new SVG before committing it.

Screenshots are deterministic when the test fixes what changes between runs: the terminal size
(`run_test(size=...)`), the clock (`clock` fixture, passed to `make_app`), the date (`app.now =
FIXED_NOW`), no toasts (`app.clear_notifications()`), and nothing focused that blinks a cursor.
The shared autouse fixture in `tests/conftest.py` already removes `NO_COLOR` and fixes the language.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import os
import re
import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.app import App

SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
FIXED_NOW = dt.datetime(2026, 11, 23, 9, 30, 0)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-snapshots",
        action="store_true",
        default=False,
        help="rewrite the golden SVG snapshots in tests/tui/snapshots",
    )


_SVG_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>'
)


_SVG_ID = re.compile(r"terminal-\d+")


def normalise_svg(svg: str) -> str:
    """The SVG without Rich's `terminal-<hash>` ids: the hash follows how the text was split into
    segments, which can change while every pixel stays the same."""
    return _SVG_ID.sub("terminal", svg)


def svg_text(svg: str) -> list[str]:
    """The characters of a Rich SVG screenshot, line by line, without colours (for readable diffs)."""
    lines: dict[int, list[tuple[float, str]]] = {}
    for match in _SVG_TEXT.finditer(svg):
        lines.setdefault(int(match.group(2)), []).append((float(match.group(1)), html.unescape(match.group(3))))
    rows = []
    for number in sorted(lines):
        row = ""
        for x, text in sorted(lines[number]):
            row = row.ljust(round(x / 12.2)) + text  # Rich lays out cells 12.2 px apart
        rows.append(row.replace("\xa0", " ").rstrip())
    return rows


def _updating(config: pytest.Config) -> bool:
    return os.environ.get("UPDATE_SNAPSHOTS", "") not in ("", "0") or bool(
        config.getoption("--update-snapshots", default=False)
    )


@pytest.fixture
def snapshot(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[App, str], None]:
    """`snapshot(app, "live_80x24")`: the app's screen must match the golden SVG of that name."""

    def check(app: App, name: str) -> None:
        # The title is fixed so that the file does not depend on what the app calls itself today.
        svg = app.export_screenshot(title=name)
        golden = SNAPSHOTS / f"{name}.svg"
        if _updating(request.config):
            SNAPSHOTS.mkdir(parents=True, exist_ok=True)
            golden.write_text(svg, encoding="utf-8")
            return
        if not golden.exists():
            actual = tmp_path / f"{name}.svg"
            actual.write_text(svg, encoding="utf-8")
            pytest.fail(
                f"no snapshot {golden.name} yet; look at {actual}, then run with UPDATE_SNAPSHOTS=1 to accept it"
            )
        expected = golden.read_text(encoding="utf-8")
        if normalise_svg(svg) != normalise_svg(expected):
            actual = tmp_path / f"{name}.actual.svg"
            actual.write_text(svg, encoding="utf-8")
            text_diff = list(
                difflib.unified_diff(svg_text(expected), svg_text(svg), "golden", "actual", n=1, lineterm="")
            )
            diff = "\n".join(text_diff[:60]) if text_diff else "(the same characters; colours or styles differ)"
            pytest.fail(
                f"the screen differs from {golden.name}; compare {actual} with {golden} "
                f"(UPDATE_SNAPSHOTS=1 accepts the change):\n{diff}"
            )

    return check


# ── Pilot helpers shared by every TUI test ──


async def settle(pilot) -> None:
    """Let the app finish what a key started: messages, then the thread workers (loading, copying), then their results."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_text(pilot, text: str) -> None:
    """Type `text` key by key into whatever has focus (a space is the `space` key)."""
    for char in text:
        await pilot.press("space" if char == " " else char)


async def open_group_screen(pilot, *, row: int | None = None):
    """Home → the group under the cursor, its sessions read; `row` puts the cursor on that session row (0 = first)."""
    from kelompok.tui.screens.group import GroupScreen

    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, GroupScreen), screen
    if row is not None:
        await pilot.press("ctrl+home")  # the list opens on the latest session
        for _ in range(row):
            await pilot.press("down")
    return screen


async def push(pilot, screen):
    """Push `screen` directly (no walking home → group → key) and wait until it and its workers are ready."""
    await pilot.pause()
    pilot.app.push_screen(screen)
    await settle(pilot)
    return screen


_NOTIFIED: weakref.WeakKeyDictionary[App, list[str]] = weakref.WeakKeyDictionary()


def record_notifications(app: App) -> App:
    """Keep every message the app shows as a toast, for `notified(app)` (Textual has no public list of them).

    The real `notify` still runs: this only listens."""
    seen = _NOTIFIED.setdefault(app, [])
    shown = app.notify

    def notify(message, *args, **kwargs):
        seen.append(str(message))
        return shown(message, *args, **kwargs)

    app.notify = notify  # type: ignore[method-assign]
    return app


def notified(app: App) -> list[str]:
    """The messages shown since `record_notifications(app)`, oldest first."""
    return _NOTIFIED.get(app, [])
