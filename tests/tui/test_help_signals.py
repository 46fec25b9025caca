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
        row = next(line for line in text.splitlines() if line.startswith(f"| `{role.key}` | **{role.label.get(lang)}** |"))
        assert role.description.get(lang) in row
        assert role.benne_sheats_name in row
        if role.note is not None:
            assert role.note.get(lang) in row
    assert "information giver" in text and "opinion seeker" in text
