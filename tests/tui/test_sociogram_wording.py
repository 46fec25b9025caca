"""What the sociogram says, in both languages: every metric, pattern, position and signal has words,
and the words about people are soft — observations to check, never labels.

(Pure tests of `kelompok.sociogram.wording`; they sit with the screen that shows the words.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kelompok.i18n import LANGUAGES, strings, t
from kelompok.sessions.store import load_group, session_numbers, session_path
from kelompok.sociogram import wording
from kelompok.sociogram.analysis import analyse
from kelompok.sociogram.dynamics import SERIES_METRICS, SIGNAL_STAGES, Signal
from kelompok.sociogram.patterns import PATTERN_IDS
from kelompok.sociogram.positions import POSITION_IDS, Sociometry
from kelompok.sociogram.acts import read_session_acts
from kelompok.sociogram.signals import session_signals
from kelompok.outputs.stats_table import format_stats_table, label

SAMPLES = Path(__file__).resolve().parents[2] / "sample_groups"

LABEL_WORDS = {
    "id": ("bintang", "terisolasi", "isolat", "terabaikan", "tertolak", "ditolak", "klik"),
    "en": ("star", "isolate", "neglect", "reject", "clique", "outcast", "loner"),
}
"""The technical sociometric labels: right for a textbook, wrong as words about a person."""


def _keys() -> list[str]:
    keys = [f"sociogram.metric.{m}" for m in SERIES_METRICS]
    keys += [f"sociogram.pattern.{p}" for p in PATTERN_IDS] + [f"sociogram.pattern_definition.{p}" for p in PATTERN_IDS]
    keys += [f"sociogram.position.{p}" for p in POSITION_IDS]
    keys += [f"sociogram.signal.{s}" for s in SIGNAL_STAGES] + ["sociogram.stage.member", "sociogram.may_indicate"]
    keys += ["sociogram.signal.few_member_exchanges"]
    return keys


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_metric_pattern_position_and_signal_has_words(lang: str) -> None:
    catalogue = strings(lang)
    missing = [key for key in _keys() if not catalogue.get(key, "").strip()]
    assert missing == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_positions_and_signals_are_worded_softly(lang: str) -> None:
    catalogue = strings(lang)
    texts = {
        key: catalogue[key]
        for key in catalogue
        if key.startswith(("sociogram.position.", "sociogram.signal.", "sociogram.relation."))
    }
    assert texts
    harsh = {
        key: text for key, text in texts.items() for word in LABEL_WORDS[lang] if re.search(rf"\b{word}", text, re.I)
    }
    assert harsh == {}


def test_the_neglectee_is_someone_not_yet_addressed_much() -> None:
    assert wording.position_phrase("neglectee", "id") == "belum banyak diajak bicara"
    assert wording.position_phrase("neglectee", "en") == "not yet addressed much"
    assert "bukan diagnosis" in t("sociogram.caution", "id") and "not a diagnosis" in t("sociogram.caution", "en")


def _sample_signals() -> list[Signal]:
    found = []
    for group_dir in sorted(SAMPLES.iterdir()):
        group = load_group(group_dir)
        analyses = [
            analyse(read_session_acts(session_path(group_dir, n)), group.seat_order())
            for n in session_numbers(group_dir)
        ]
        shown = session_signals(analyses, planned_sessions=group.planned_sessions, group_type=group.type)
        found += [signal for signals in shown.values() for signal in signals]
    return found


SIGNALS = _sample_signals()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_signal_of_the_samples_reads_as_a_whole_sentence(lang: str) -> None:
    assert {s.id for s in SIGNALS} >= {
        "leader_centred",
        "cohesion_rising",
        "balanced_participation",
        "cleavage",
        "withdrawal",
    }
    for signal in SIGNALS:
        text = wording.describe_signal(signal, lang=lang)
        assert "{" not in text and "sociogram." not in text, text
        if signal.stage not in ("member", None):
            assert wording.stage_label(signal.stage, lang) in text, text
            assert text.endswith(t("sociogram.may_indicate", lang, stage=wording.stage_label(signal.stage, lang))), text


def test_signal_numbers_are_written_for_the_language() -> None:
    signal = Signal("leader_centred", 1, (), {"facilitator_share": 0.556, "centralization": 0.63})
    assert "56%" in wording.describe_signal(signal, lang="id") and "tahap pembentukan" in wording.describe_signal(
        signal, lang="id"
    )
    inequality = Signal("inequality_rising", 2, (), {"gini": 0.385, "previous": 0.259})
    assert "0,26 → 0,39" in wording.describe_signal(inequality, lang="id")
    assert "0.26 → 0.39" in wording.describe_signal(inequality, lang="en")
    tie = Signal("one_way_tie", 4, ("A2", "A5"), {"sessions": 3})
    named = wording.describe_signal(tie, who=lambda code: f"{code} Siti", lang="en")
    assert named.startswith("A2 Siti keeps addressing A5 Siti") and "3 sessions" in named
    drop = Signal("participation_drop", 5, (), {"metric": "present", "value": 4, "earlier_mean": 7.25})
    assert wording.describe_signal(drop, lang="id").startswith("Hadir turun ke 4, dari rata-rata 7,2")


def test_positions_and_relations_are_listed_with_those_needing_attention_first() -> None:
    positions = {"A1": ("neglectee",), "A2": ("star",), "A3": ("neglectee",), "A4": ()}
    assert wording.describe_positions(positions, lang="id") == [
        "A1, A3: belum banyak diajak bicara",
        "A2: banyak diajak bicara anggota lain",
    ]
    sociometry = Sociometry(positions, (("A1", "A2"),), (("A1", "A2", "A3"),), (("A1", "A2"), ("A3", "A4")))
    assert wording.describe_relations(sociometry, lang="en") == [
        "A1 ⇄ A2 talk with each other",
        "A1, A2, A3 talk closely with each other",
        "may be splitting: A1, A2 | A3, A4",
    ]


@pytest.mark.parametrize(
    "metric, value, lang, shown",
    [
        ("facilitator_share", 0.456, "id", "46%"),
        ("gini", 0.384, "id", "0,38"),
        ("gini", 0.384, "en", "0.38"),
        ("acts", 1234, "id", "1.234"),
        ("density", None, "en", "–"),
    ],
)
def test_metric_values_follow_the_language(metric: str, value: float | None, lang: str, shown: str) -> None:
    assert wording.format_metric(metric, value, lang) == shown


def test_the_stats_table_takes_its_words_from_the_catalogue() -> None:
    assert label("facilitator_share", "id") == t("sociogram.table.facilitator_share", "id") == "Porsi fasil."
    assert label("maypole", "id") == "terpusat" and label("maypole", "en") == "maypole"
    assert label("session", "fr") == "Session"  # an unknown language reads English
    table = format_stats_table({"name": "X", "type": "task", "sessions": [], "series": {}}, "en")
    assert "No sessions yet." in table
