"""The series of each sample group shows the development it was generated with.

`scripts/make_samples.py` writes every sample group to a story (`STORIES`): the facilitator's share
falls (or stays steady where a mediator must keep stepping in), a quiet member is drawn in, a
split between two subgroups heals or hardens, a storming session brings negative acts. These tests
read the group through `stats.group_stats` — the same figures `kelompok stats` prints and the
sociogram screen plots — and check that the series tell each story, and that the development-stage
signals point the same way. (tests/unit/test_samples.py checks the raw events independently.)
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from kelompok.sessions.store import load_group, load_sessions, session_numbers, session_path
from kelompok.sociogram.analysis import analyse
from kelompok.sociogram.dynamics import stage_signals
from kelompok.sociogram.acts import read_session_acts
from kelompok.sociogram.stats import group_stats

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_groups"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "scripts" / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look up their module while the class is built
    spec.loader.exec_module(module)
    return module


STORIES: dict[str, dict[str, Any]] = _load_script().STORIES


@pytest.fixture(scope="module")
def stats(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """`group_stats` of every sample group, computed on copies (the cache is written beside the
    group, and the committed samples must stay as they are)."""
    root = tmp_path_factory.mktemp("samples")
    result = {}
    for folder in STORIES:
        shutil.copytree(SAMPLES / folder, root / folder)
        result[folder] = group_stats(root / folder)
    return result


def _member_series(stats: dict[str, Any], code: str, key: str) -> list[int | None]:
    """One member's count per session (`out`, `in`, `to_group`), None where they were not there."""
    return [entry["members"][code][key] if code in entry["members"] else None for entry in stats["sessions"]]


def test_every_story_is_checked() -> None:
    """Guards the parametrized tests from silently running on nothing."""
    assert len(STORIES) == 10
    assert {story["facilitator_share"] for story in STORIES.values()} == {"falling", "steady"}
    assert {story["split"] for story in STORIES.values()} == {None, "heals", "hardens"}


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_facilitator_share_series_follows_the_story(stats: dict, folder: str) -> None:
    series = stats[folder]["series"]["facilitator_share"]
    assert None not in series and len(series) >= 5
    if STORIES[folder]["facilitator_share"] == "falling":
        # Leader-centred → group-centred: down at every session, and by a clear margin overall.
        assert all(later < earlier for earlier, later in zip(series, series[1:])), series
        assert series[-1] < series[0] - 0.15, series
    else:
        assert max(series) - min(series) < 0.1, series


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_members_talk_more_with_each_other_by_the_end(stats: dict, folder: str) -> None:
    series = stats[folder]["series"]["member_to_member_share"]
    assert series[-1] > series[0], series


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_the_quiet_member_is_drawn_in(stats: dict, folder: str) -> None:
    quiet = STORIES[folder]["quiet_member"]
    out = _member_series(stats[folder], quiet, "out")
    to_group = _member_series(stats[folder], quiet, "to_group")
    received = _member_series(stats[folder], quiet, "in")
    assert None not in out, "the quiet member is at every session of the samples"
    said = [o + g for o, g in zip(out, to_group, strict=True)]  # type: ignore[operator]
    # They say more as the series goes on (never less than before) …
    assert all(later >= earlier for earlier, later in zip(said, said[1:])), said
    assert said[-1] >= said[0] + 4, said
    # … and others turn to them more (not every session: attention comes and goes).
    assert received[-1] > received[0], received


@pytest.mark.parametrize("folder", sorted(f for f, story in STORIES.items() if story["split"]))
def test_a_split_shows_as_subgroups_that_heal_or_harden(stats: dict, folder: str) -> None:
    sessions = stats[folder]["sessions"]
    split = [bool(entry["subgroups"]) for entry in sessions]
    assert any(split), "the split is visible as subgroups in at least one session"
    if STORIES[folder]["split"] == "heals":
        assert not split[-1], split
    else:
        assert split[-1] and split[-2], split
        story_groups = {frozenset(group) for group in STORIES[folder]["subgroups"]}
        assert {frozenset(group) for group in sessions[-1]["subgroups"]} == story_groups


@pytest.mark.parametrize("folder", sorted(f for f, story in STORIES.items() if story["coding"] == "valence"))
def test_negative_acts_peak_in_a_storming_session(stats: dict, folder: str) -> None:
    negative = stats[folder]["series"]["negative_share"]
    sessions = load_sessions(SAMPLES / folder)
    peak = max(range(len(negative)), key=lambda i: negative[i])
    assert sessions[peak].stage_observed == "storming", (negative, [s.stage_observed for s in sessions])


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_stage_signals_point_the_same_way(folder: str) -> None:
    group_dir = SAMPLES / folder
    seating = load_group(group_dir).seat_order()
    analyses = [analyse(read_session_acts(session_path(group_dir, n)), seating) for n in session_numbers(group_dir)]
    signals = stage_signals(analyses)
    first, last = analyses[0].number, analyses[-1].number
    ids_at = {n: {s.id for s in signals if s.session == n} for n in (first, last)}
    assert "leader_centred" in ids_at[first], "every sample group starts leader-centred"
    if STORIES[folder]["facilitator_share"] == "falling":
        assert "leader_centred" not in ids_at[last]
        later = {s.id for s in signals if s.session != first}
        assert later & {"cohesion_rising", "balanced_participation"}, later
    if STORIES[folder]["split"]:
        assert any(s.id == "cleavage" for s in signals)
