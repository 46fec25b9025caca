"""The light readings start-up relies on give what the full readings give (docs/ARCHITECTURE.md, Start-up)."""

from __future__ import annotations

import tomllib

from kelompok import i18n, listing
from kelompok.app import saved_language
from kelompok.paths import config_file


def test_type_names_from_the_catalogue_heads_equal_the_whole_file():
    with open(listing.TYPES_FILE, "rb") as handle:
        whole = {entry["id"]: entry["name"] for entry in tomllib.load(handle)["types"]}
    assert listing._type_names() == whole and len(whole) == 10


def test_every_string_looked_up_by_section_equals_the_whole_catalogue():
    for lang in i18n.LANGUAGES:
        whole = i18n.strings(lang)
        assert whole, "the catalogue is not empty"
        assert {key: i18n._lookup(lang, key) for key in whole} == whole
    assert i18n.t("no_such_section.key") == "no_such_section.key"


def test_the_first_frame_language_comes_from_the_settings_file_and_nothing_odd_is_trusted():
    path = config_file()  # under the test's KELOMPOK_HOME
    path.parent.mkdir(parents=True, exist_ok=True)
    assert saved_language() is None or not path.exists()
    path.write_text('language = "en"\n', encoding="utf-8")
    assert saved_language() == "en"
    path.write_text('language = "fr"\n', encoding="utf-8")
    assert saved_language() is None
    path.write_text("language = [\n", encoding="utf-8")
    assert saved_language() is None
