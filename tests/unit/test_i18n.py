"""Both languages say everything: same keys, nothing empty, placeholders that match."""

from __future__ import annotations

import re
from pathlib import Path
import string

import pytest

from kelompok import i18n


def test_both_catalogues_have_exactly_the_same_keys():
    indonesian, english = i18n.strings("id"), i18n.strings("en")
    assert sorted(set(indonesian) - set(english)) == []
    assert sorted(set(english) - set(indonesian)) == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_no_empty_values(lang):
    empty = [key for key, value in i18n.strings(lang).items() if not value.strip()]
    assert empty == []


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_placeholders_match_between_languages():
    english = i18n.strings("en")
    mismatched = [key for key, text in i18n.strings("id").items() if _fields(text) != _fields(english[key])]
    assert mismatched == []


@pytest.mark.parametrize(
    "env, expected",
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "C.UTF-8"}, "id"),
        ({}, "id"),
        ({"KELOMPOK_LANG": "en", "LANG": "id_ID"}, "en"),
    ],
)
def test_language_from_environment(env, expected):
    assert i18n.language_from_environment(env) == expected


def test_switch_tells_listeners_and_changes_text():
    heard = []
    unsubscribe = i18n.on_language_change(heard.append)
    try:
        i18n.set_language("en")
        assert i18n.t("keys.quit") == "Quit"
        i18n.set_language("id")
        assert i18n.t("keys.quit") == "Keluar"
    finally:
        unsubscribe()
    assert heard == ["en", "id"]
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_missing_key_shows_itself_instead_of_crashing():
    assert i18n.t("no.such.key") == "no.such.key"
    assert re.fullmatch(r".*5.*", i18n.t("home.samples_copied", count=5))


def test_dates_times_and_numbers_follow_the_language():
    import datetime as dt

    assert i18n.format_date(dt.date(2026, 3, 2), "id") == "2 Maret 2026"
    assert i18n.format_date(dt.date(2026, 3, 2), "en") == "2 March 2026"
    assert i18n.format_time(dt.time(14, 5), "id") == "14.05"
    assert i18n.format_time(dt.time(14, 5), "en") == "14:05"
    assert i18n.format_number(12345.678, 2, "id") == "12.345,68"
    assert i18n.format_number(12345.678, 2, "en") == "12,345.68"
    assert i18n.format_percent(0.456, "id") == "46%"
    assert i18n.format_duration(3725) == "1:02:05" and i18n.format_duration(65) == "01:05"


SOURCE = Path(i18n.__file__).resolve().parent
# A key built at run time: the literal part before a placeholder (f"report.status_{x}",
# f"{area}.discard" has none), or a literal joined with +.
_BUILT_KEY = re.compile(
    r"""["']([a-z_]+(?:\.[a-z0-9_]+)*\.?[a-z0-9_]*)\{|["']([a-z_]+(?:\.[a-z0-9_]+)*[._])["']\s*\+"""
)


AREA_KEYS = ("discard_question", "discard", "keep_editing")
"""`KelompokScreen.close_or_ask(area=…)` builds these under the area it is given (or its default)."""


def unused_keys(keys: set[str], sources: str) -> list[str]:
    """Keys that no source names, neither whole nor by the fixed start of a key it builds."""
    built = {prefix for match in _BUILT_KEY.finditer(sources) for prefix in match.groups() if prefix and "." in prefix}
    built |= {
        f"{area}.{key}"
        for area in re.findall(r"""area(?:: str)? ?= ?["']([a-z_]+)["']""", sources)
        for key in AREA_KEYS
    }
    quoted = set(re.findall(r"""["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""", sources))
    return sorted(k for k in keys if k not in quoted and not any(k.startswith(prefix) for prefix in built))


def test_every_key_is_used_somewhere():
    # A key nothing shows is a sentence a translator keeps up for nobody.
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in sorted(SOURCE.rglob("*"))
        if path.suffix in (".py", ".j2", ".html") and "__pycache__" not in path.parts
    )
    assert unused_keys(set(i18n.strings("en")), sources) == []


def test_the_unused_key_check_sees_whole_and_built_keys():
    keys = {"home.title", "report.status_draft", "report.status_signed", "live.gone", "plan.discard", "plan.keep"}
    sources = 't("home.title")\nt(f"report.status_{state}")\nself.close_or_ask(dirty, area="plan")\n'
    assert unused_keys(keys, sources) == ["live.gone", "plan.keep"]
