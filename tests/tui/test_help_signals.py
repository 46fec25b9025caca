"""F1 help that is built from, or must agree with, the catalogue and the signal rules (issue 10)."""

from __future__ import annotations

import pytest

from kelompok.i18n import LANGUAGES
from kelompok.sessions.catalog import load_catalog
from kelompok.tui.dialogs.help import ROLES_MARKER, help_text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_live_help_lists_all_thirteen_roles_with_benne_sheats_and_notes(lang: str) -> None:
    text = help_text("live", lang)
    assert ROLES_MARKER not in text
    for role in load_catalog().roles:
        row = next(
            line for line in text.splitlines() if line.startswith(f"| `{role.key}` | **{role.label.get(lang)}** |")
        )
        assert role.description.get(lang) in row
        assert role.benne_sheats_name in row
        if role.note is not None:
            assert role.note.get(lang) in row
    assert "information giver" in text and "opinion seeker" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sociogram_help_lists_every_pattern_and_position_with_its_rule(lang: str) -> None:
    from kelompok.i18n import t
    from kelompok.sociogram import patterns, positions

    text = help_text("sociogram", lang)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    for pattern in patterns.PATTERN_IDS:
        label = t(f"sociogram.pattern.{pattern}", lang)
        assert any(line.startswith(f"| {label} |") and line.count("|") == 4 for line in rows), label
    for position in positions.POSITION_IDS:
        assert f"*{t(f'sociogram.position.{position}', lang)}*" in text, position
    # The thresholds are written in plain words, as the modules define them.
    percent = "%"
    for value in (patterns.MAYPOLE_MIN_INVOLVEMENT, patterns.MAYPOLE_MAX_MEMBER_SHARE, positions.PEER_TALK_MIN_SHARE):
        assert f"{round(value * 100)}{percent}" in text
    assert str(positions.STAR_MIN_SENDERS) in text and str(positions.REJECTEE_MIN_HOSTILE) in text
    # Both stage models, named from the catalogue (one vocabulary).
    stages = load_catalog().stages
    for stage in (*stages.tuckman, *stages.boston):
        assert stage.label.get(lang).lower() in text.lower(), stage.id
