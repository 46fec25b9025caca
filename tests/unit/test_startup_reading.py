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


def test_every_locale_file_reads_the_same_with_rtoml_as_with_tomllib():
    # The catalogue is read with rtoml (start-up); tomllib is the reference reading of TOML 1.0.
    for lang in i18n.LANGUAGES:
        files = sorted((i18n.LOCALES_DIR / lang).glob("*.toml"))
        assert len(files) > 10
        for path in files:
            assert i18n._loads(path.read_text(encoding="utf-8")) == tomllib.loads(path.read_text(encoding="utf-8")), (
                path
            )
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
