"""The content catalogue: complete, in order, bilingual, and strict about bad data."""

from __future__ import annotations

import importlib.resources
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from kelompok.sessions import planning
from kelompok.sessions.catalog import (
    CATALOG_DIR,
    FILES,
    Catalog,
    Text,
    load_catalog,
    load_catalog_from,
)
from kelompok.sessions.fileio import DataError
from kelompok.sessions.models import GROUP_TYPE_IDS, MEZZO_ROLE_IDS


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


# ── group types ───────────────────────────────────────────────────────────────────────────────


def test_ten_types_in_zastrow_order(catalog: Catalog) -> None:
    assert len(catalog.types) == 10
    assert tuple(t.id for t in catalog.types) == GROUP_TYPE_IDS
    assert catalog.types[0].id == "social_conversation"
    assert catalog.types[-1].id == "sensitivity"


def test_professional_lead_and_caution(catalog: Catalog) -> None:
    professional = {t.id: t.professional for t in catalog.types}
    assert professional["therapy"] == "required"
    assert professional["sensitivity"] == "required"  # seed 001: "harus dipandu"
    assert professional["education"] == "advised"
    assert [t.id for t in catalog.types if t.professional_required] == ["therapy", "sensitivity"]
    assert {t.id for t in catalog.types if t.caution_level == "high"} == {"therapy", "sensitivity"}
    assert {t.id for t in catalog.types if t.caution_level == "medium"} == {"self_help", "socialization"}
    assert catalog.group_type("self_help").leader == "member"
    assert catalog.group_type("recreation_skill").leader == "coach"
    assert catalog.group_type("sensitivity").voluntary_disclosure


@pytest.mark.parametrize("type_id", GROUP_TYPE_IDS)
def test_skeleton_fits_length_guidance(catalog: Catalog, type_id: str) -> None:
    gtype = catalog.group_type(type_id)
    total = sum(block.minutes for block in gtype.skeleton)
    assert total == gtype.skeleton_minutes
    assert gtype.length.min <= total <= gtype.length.max
    assert len(gtype.skeleton) >= 3
    for block in gtype.skeleton:
        assert block.minutes >= 5
        assert block.roles, f"{type_id}: block {block.title.en} suggests no role"
        assert set(block.roles) <= set(MEZZO_ROLE_IDS)


@pytest.mark.parametrize("type_id", GROUP_TYPE_IDS)
def test_type_card_is_complete(catalog: Catalog, type_id: str) -> None:
    gtype = catalog.group_type(type_id)
    assert 1 <= gtype.size.min <= gtype.size.max
    # Size is guidance the facilitator may change; the note must say so in both languages.
    assert "bukan aturan" in gtype.size.note.id
    assert "not a rule" in gtype.size.note.en
    assert len(gtype.activities) >= 3
    assert len(gtype.cautions) >= 3
    assert len(gtype.plans) >= 3
    assert gtype.examples, f"{type_id} has no Indonesian example"


def test_indonesian_examples(catalog: Catalog) -> None:
    def examples(type_id: str) -> str:
        return " ".join(e.id for e in catalog.group_type(type_id).examples)

    assert "P2K2" in examples("education")
    assert "KUBE" in examples("task")
    assert "KDS" in examples("self_help") and "ODHIV" in examples("self_help")
    assert "posyandu lansia" in examples("socialization")
    assert any("karang taruna" in examples(t) for t in GROUP_TYPE_IDS)


# ── roles ─────────────────────────────────────────────────────────────────────────────────────


def test_thirteen_roles_in_seed_order(catalog: Catalog) -> None:
    assert tuple(r.id for r in catalog.roles) == MEZZO_ROLE_IDS
    assert len(catalog.roles) == 13


def test_eight_task_five_maintenance(catalog: Catalog) -> None:
    task = [r.id for r in catalog.roles if r.category == "task"]
    maintenance = [r.id for r in catalog.roles if r.category == "maintenance"]
    assert len(task) == 8 and len(maintenance) == 5
    assert set(maintenance) == {
        "pemberi_semangat",
        "pendengar",
        "pengikut",
        "pengatur_kompromi",
        "pereda_ketegangan",
    }


def test_role_keys_distinct_letters(catalog: Catalog) -> None:
    keys = [r.key for r in catalog.roles]
    assert len(set(keys)) == 13
    assert all(len(k) == 1 and k.isalpha() and k.islower() for k in keys)
    for role in catalog.roles:
        assert catalog.role_for_key(role.key) is role
    assert catalog.role_for_key("?") is None


def test_roles_map_to_benne_and_sheats(catalog: Catalog) -> None:
    assert catalog.role("pencatat").benne_sheats == "recorder"
    assert catalog.role("pereda_ketegangan").benne_sheats == "harmonizer"
    assert catalog.role("pendorong").benne_sheats == "energizer"
    for role in catalog.roles:
        assert all(1 <= code <= 12 for code in role.ipa)


# ── IPA ───────────────────────────────────────────────────────────────────────────────────────


def test_twelve_ipa_categories_in_four_areas(catalog: Catalog) -> None:
    categories = catalog.ipa.categories
    assert [c.code for c in categories] == list(range(1, 13))
    by_area: dict[str, list[int]] = {}
    for cat in categories:
        by_area.setdefault(cat.area, []).append(cat.code)
    assert by_area == {
        "se_positive": [1, 2, 3],
        "task_answer": [4, 5, 6],
        "task_question": [7, 8, 9],
        "se_negative": [10, 11, 12],
    }


def test_ipa_pairs_are_symmetric(catalog: Catalog) -> None:
    for cat in catalog.ipa.categories:
        other = catalog.ipa_category(cat.pair)
        assert other.pair == cat.code
        assert cat.code + cat.pair == 13  # Bales' mirror: 1↔12, 2↔11 … 6↔7
        assert other.problem == cat.problem
    assert len({c.problem for c in catalog.ipa.categories}) == 6


def test_valences_collapse_areas(catalog: Catalog) -> None:
    assert [catalog.valence_of(code) for code in range(1, 13)] == (["positive"] * 3 + ["task"] * 6 + ["negative"] * 3)


# ── stages, ethics, checks ────────────────────────────────────────────────────────────────────


def test_stage_vocabulary(catalog: Catalog) -> None:
    assert [s.id for s in catalog.stages.practice] == ["planning", "beginning", "middle", "ending"]
    assert [s.id for s in catalog.stages.tuckman] == [
        "forming",
        "storming",
        "norming",
        "performing",
        "adjourning",
    ]
    assert len(catalog.stages.boston) == 5
    assert catalog.practice_stage("ending").label.en == "Ending"
    assert catalog.practice_stage("beginning").block is not None
    assert catalog.practice_stage("middle").block is None


def test_ethics_items_match_planning_constants(catalog: Catalog) -> None:
    assert tuple(item.id for item in catalog.planning.ethics) == planning.ETHICS_ITEM_IDS


def test_every_check_has_a_message_and_no_message_is_orphaned(catalog: Catalog) -> None:
    assert set(catalog.checks) == set(planning.CHECK_IDS)
    for check_id, text in catalog.checks.items():
        assert text.placeholders("id") == text.placeholders("en"), check_id


# ── bilingual texts ───────────────────────────────────────────────────────────────────────────


def _all_texts(value: object) -> list[Text]:
    """Every Text reachable from a catalogue value."""
    if isinstance(value, Text):
        return [value]
    if isinstance(value, BaseModel):
        return [t for name in type(value).model_fields for t in _all_texts(getattr(value, name))]
    if isinstance(value, (list, tuple)):
        return [t for item in value for t in _all_texts(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in _all_texts(item)]
    return []


def test_every_text_is_filled_in_both_languages(catalog: Catalog) -> None:
    texts = _all_texts([catalog.types, catalog.roles, catalog.ipa, catalog.stages, catalog.planning, catalog.checks])
    assert len(texts) > 400  # the walk really reached the content
    for text in texts:
        assert text.id.strip() and text.en.strip()
        assert text.get("id") == text.id and text.get("en") == text.en
        # A long text that is identical in both languages is an untranslated copy.
        if len(text.en) > 25:
            assert text.id != text.en, text.en


def test_text_rejects_unknown_language() -> None:
    with pytest.raises(ValueError):
        Text(id="Halo", en="Hello").get("fr")


def test_text_needs_both_languages() -> None:
    with pytest.raises(ValueError):
        Text(id="Halo", en="  ")


# ── loading ───────────────────────────────────────────────────────────────────────────────────


def test_summary_rows_for_listings(catalog: Catalog) -> None:
    rows = [t.summary("en") for t in catalog.types]
    assert [r["id"] for r in rows] == list(GROUP_TYPE_IDS)
    assert rows[8]["name"] == "Therapy group" and rows[8]["professional"] == "required"
    assert catalog.type("therapy") is catalog.group_type("therapy")
    role = catalog.role("pencatat").summary("id")
    assert (role["name"], role["category"], role["key"]) == ("Pencatat", "task", "t")
    assert role["summary"] == catalog.role("pencatat").description.id


def test_load_catalog_is_cached() -> None:
    assert load_catalog() is load_catalog()


def test_files_ship_as_package_data() -> None:
    package = importlib.resources.files("kelompok.sessions.catalog")
    for name in FILES:
        assert (package / name).is_file(), name


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "catalog"
    folder.mkdir()
    for name in FILES:
        shutil.copy(CATALOG_DIR / name, folder / name)
    return folder


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test fixture out of date: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_copy_of_catalogue_loads(tmp_path: Path) -> None:
    catalog = load_catalog_from(_copy(tmp_path))
    assert tuple(t.id for t in catalog.types) == GROUP_TYPE_IDS


@pytest.mark.parametrize(
    ("file", "old", "new", "place", "problem"),
    [
        # a missing translation
        ("types.toml", 'en = "Social conversation group"', 'en = ""', "types[0].name.en", ""),
        # a blank translation
        ("types.toml", 'en = "Social conversation group"', 'en = "  "', "types[0].name.en", "blank"),
        # a typo in a key
        (
            "types.toml",
            "voluntary_disclosure = false",
            "voluntary_disclosur = false",
            "types[0].voluntary_disclosur",
            "",
        ),
        # a skeleton that no longer fits the session length
        ("types.toml", "minutes = 25", "minutes = 90", "types[0]", "skeleton adds up to 110"),
        # types out of Zastrow's order
        ("types.toml", 'id = "task"', 'id = "education"', "types", "Zastrow"),
        # a role id that is not one of the 13
        ("types.toml", 'roles = ["pemberi_semangat"]', 'roles = ["penyemangat"]', "types[0].skeleton[0].roles[0]", ""),
        # two roles on one key
        ("roles.toml", 'key = "r"', 'key = "i"', "roles", "key 'i'"),
        ("roles.toml", 'key = "i"', 'key = "ii"', "roles[0].key", ""),
        # a broken IPA pair
        ("ipa.toml", "pair = 12", "pair = 11", "categories", "does not pair back"),
        # a stage without its prefill
        ("stages.toml", 'follow_up = { id = "Hubungi', 'follow_upp = { id = "Hubungi', "practice[1].follow_upp", ""),
        # placeholders that differ between the languages
        (
            "checks.toml",
            'en = "There are {count} objectives',
            'en = "There are {n} objectives',
            "checks",
            "placeholders",
        ),
        # an uppercase word in an objective word list
        (
            "planning.toml",
            '"menyebutkan", "menyebut"',
            '"Menyebutkan", "menyebut"',
            "objectives.observable.id",
            "lowercase",
        ),
    ],
)
def test_bad_catalogue_raises_data_error_with_place(
    tmp_path: Path, file: str, old: str, new: str, place: str, problem: str
) -> None:
    folder = _copy(tmp_path)
    _edit(folder / file, old, new)
    with pytest.raises(DataError) as caught:
        load_catalog_from(folder)
    error = caught.value
    assert error.path == folder / file
    # The place reads "field …" or "isian …" depending on the UI language; the path is the same.
    assert place in error.place
    assert problem in error.problem
    assert file in str(error)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "ipa.toml", "[[areas]]", "[[areas]", 1)
    with pytest.raises(DataError) as caught:
        load_catalog_from(folder)
    assert caught.value.path == folder / "ipa.toml"
    assert any(ch.isdigit() for ch in caught.value.place)  # "line 16, column 8" in either language


def test_missing_format_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "roles.toml", "format = 1\n", "")
    with pytest.raises(DataError) as caught:
        load_catalog_from(folder)
    assert caught.value.path == folder / "roles.toml"
    assert caught.value.place.endswith(" format")


def test_newer_format_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder / "checks.toml", "format = 1\n", "format = 2\n")
    with pytest.raises(DataError) as caught:
        load_catalog_from(folder)
    assert caught.value.path == folder / "checks.toml"
    assert caught.value.place.endswith(" format")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "stages.toml").unlink()
    with pytest.raises(DataError) as caught:
        load_catalog_from(folder)
    assert caught.value.path == folder / "stages.toml"
    assert caught.value.place == ""


def test_catalogue_facts_follow_the_seeds_and_the_literature(catalog: Catalog) -> None:
    # Seed 001: sensitivity groups "harus dipandu oleh fasilitator yang berpengalaman".
    assert catalog.group_type("sensitivity").professional == "required"
    assert catalog.group_type("education").professional == "advised"
    sensitivity = catalog.group_type("sensitivity")
    assert (sensitivity.size.min, sensitivity.size.max) == (8, 15)
    assert "8–15" in sensitivity.size.note.get("id") and "8–15" in sensitivity.size.note.get("en")
    assert any("Lieberman, Yalom & Miles" in c.get("en") and "1973" in c.get("id") for c in sensitivity.cautions)
    # Frequency is a field of its own, never hidden in the length note.
    assert catalog.group_type("therapy").frequency is not None
    for gtype in catalog.types:
        note = gtype.length.note.get("en").lower() if gtype.length.note else ""
        assert "once a" not in note and "a week" not in note, gtype.id
    assert not any("ODHA" in e.get("id") for gtype in catalog.types for e in gtype.examples)
