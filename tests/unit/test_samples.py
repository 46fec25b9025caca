"""The sample groups in `sample_groups/`: valid files, one group per Zastrow type, reproducible from
`scripts/make_samples.py`, and showing in their events the stories the script claims (`STORIES`).

The story checks compute their numbers here with plain Python, independently of the sociogram code,
so a change in the generator that loses a story is caught even if the analysis code has the same bug.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from kelompok.sessions import store
from kelompok.sessions.fileio import dump_model
from kelompok.sessions.models import FACILITATOR, GROUP_TYPE_IDS, Group, Session

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "sample_groups"
SCRIPT = ROOT / "scripts" / "make_samples.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look up their module while the class is built
    spec.loader.exec_module(module)
    return module


STORIES: dict[str, dict] = _load_script().STORIES

GROUP_FILES = sorted(SAMPLES.glob("*/group.toml"))
SESSION_FILES = sorted(SAMPLES.glob("*/sessions/*.toml"))


def _file_id(path: Path) -> str:
    group_dir = path.parent if path.name == "group.toml" else path.parent.parent
    return f"{group_dir.name}/{path.stem}"


def _sessions(folder: str) -> list[Session]:
    return store.load_sessions(SAMPLES / folder)


# ── every file is valid ───────────────────────────────────────────────────────────────────────


def test_sample_files_exist() -> None:
    """Guards the parametrized tests below from silently running on nothing."""
    assert len(GROUP_FILES) == 10
    assert len(SESSION_FILES) >= 40


@pytest.mark.parametrize("path", GROUP_FILES + SESSION_FILES, ids=_file_id)
def test_sample_file_loads_round_trips_and_names_only_members(path: Path) -> None:
    if path.name == "group.toml":
        group = store.load_group(path.parent)
        assert Group.model_validate(tomllib.loads(dump_model(group).decode("utf-8"))) == group
        return
    group = store.load_group(path.parent.parent)
    session = store.load_session_file(path)
    assert Session.model_validate(tomllib.loads(dump_model(session).decode("utf-8"))) == session
    store.check_group_for_member_codes(group, session, path)


@pytest.mark.parametrize("path", SESSION_FILES, ids=_file_id)
def test_sample_session_events_are_plausible(path: Path) -> None:
    """What a live recording could have produced: time runs forward, members act only while in
    the room, undo withdraws the act just recorded, agenda blocks start in order."""
    group = store.load_group(path.parent.parent)
    session = store.load_session_file(path)
    assert session.state == "ended" and session.start and session.end and session.start < session.end

    expected = [
        m.code
        for m in group.members
        if (m.joined or 1) <= session.number and (m.left is None or session.number <= m.left)
    ]
    assert sorted(a.member for a in session.attendance) == sorted(expected)
    in_room = {a.member for a in session.attendance if a.status == "present"}
    late = {a.member for a in session.attendance if a.status == "late"}

    last_at = 0.0
    previous = None
    blocks = []
    for event in session.events:
        assert event.at >= last_at, f"seq {event.seq} goes back in time"
        last_at = event.at
        if event.kind == "arrive":
            assert event.from_ in late
            in_room.add(event.from_)
        elif event.kind == "leave":
            in_room.discard(event.from_)
        elif event.kind == "agenda":
            blocks.append(event.block)
        elif event.kind == "undo":
            assert previous is not None and previous.kind == "speak" and event.undoes == previous.seq
        elif event.kind == "speak":
            for code in (event.from_, event.to):
                if code not in (FACILITATOR, "group"):
                    assert code in in_room, f"seq {event.seq}: {code} is not in the room"
        previous = event
    assert blocks == list(range(len(session.plan.agenda)))
    assert last_at <= (session.plan.minutes or 0) * 60 * 1.2


# ── ten groups, one per type, each a full series ──────────────────────────────────────────────


def test_ten_groups_one_per_zastrow_type() -> None:
    entries = store.list_groups(SAMPLES)
    assert all(entry.error is None for entry in entries)
    types = [entry.group.type for entry in entries if entry.group]
    assert len(types) == 10
    assert set(types) == set(GROUP_TYPE_IDS)
    assert {entry.path.name for entry in entries} == set(STORIES)


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_each_group_is_a_full_series(folder: str) -> None:
    group = store.load_group(SAMPLES / folder)
    sessions = _sessions(folder)
    assert 6 <= len(group.members) <= 10
    assert group.facilitators and group.purpose and group.agency and group.planned_sessions
    assert set(group.seating) == {m.code for m in group.members}
    # Every member consented to take part (a minor: the guardian, and the child's assent); a
    # member who declined to be noted has no act in any session.
    assert all(
        m.consent.date and not m.consent.covers(m.minor) or not m.consent.may_be_noted(m.minor) for m in group.members
    )
    unnoted = {m.code for m in group.members if not m.consent.may_be_noted(m.minor)}
    assert {"gender", "usia"} <= set(group.members[0].attributes)
    if group.type == "therapy":
        assert group.professional_lead

    assert len(sessions) >= 4
    for session in sessions:
        assert len(session.acts()) >= 40, f"session {session.number}"
        assert not any({a.from_, a.to} & unnoted for a in session.acts())
        plan = session.plan
        assert 1 <= len(plan.objectives) <= 3
        assert all(o.result and o.evidence for o in plan.objectives)
        assert plan.agenda and plan.agenda_minutes() <= (group.session_minutes or 0)
        assert plan.planned_roles
    assert "confidentiality_agreement" in sessions[0].plan.ethics

    dates = [s.date for s in sessions]
    assert all(d.year == 2026 for d in dates)
    # P2K2 meets monthly, as the programme does; the other groups weekly.
    interval = dt.timedelta(days=28 if folder == "p2k2-pkh-dahlia" else 7)
    assert all(b - a == interval for a, b in zip(dates, dates[1:]))

    assert sessions[-1].review.status in ("draft", "submitted")
    assert any(s.review.status == "reviewed" and s.review.signoff for s in sessions)


def test_samples_include_absences_safety_notes_undo_and_valence() -> None:
    everything = [s for folder in STORIES for s in _sessions(folder)]
    assert any(a.status == "absent" for s in everything for a in s.attendance)
    assert any(a.status == "excused" and a.reason for s in everything for a in s.attendance)
    assert any(e.kind == "undo" for s in everything for e in s.events)
    safety = {folder for folder in STORIES for s in _sessions(folder) for e in s.events if e.safety}
    assert safety & {f for f, story in STORIES.items() if story["type"] in ("therapy", "self_help")}
    valence_groups = {f for f in STORIES if any(s.coding == "valence" for s in _sessions(f))}
    assert valence_groups == {f for f, story in STORIES.items() if story["coding"] == "valence"}
    assert 2 <= len(valence_groups) <= 3


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_facilitator_acts_are_mostly_role_tagged(folder: str) -> None:
    for session in _sessions(folder):
        facilitator = [a for a in session.acts() if a.from_ == FACILITATOR]
        assert sum(a.role is not None for a in facilitator) >= 0.7 * len(facilitator)


# ── reproducible ──────────────────────────────────────────────────────────────────────────────


def _files(root: Path, folders: list[str]) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for folder in folders
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def test_regeneration_is_byte_identical_to_the_committed_samples(tmp_path: Path) -> None:
    """A stale commit (script changed, samples not regenerated) fails here."""
    bystander = tmp_path / "someone-elses-group" / "group.toml"
    bystander.parent.mkdir()
    bystander.write_text("left alone\n")
    result = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    folders = sorted(STORIES)
    assert _files(tmp_path, folders) == _files(SAMPLES, folders)
    assert bystander.read_text() == "left alone\n"


# ── the stories hold in the data ──────────────────────────────────────────────────────────────


def _facilitator_share(session: Session) -> float:
    acts = session.acts()
    return sum(a.from_ == FACILITATOR for a in acts) / len(acts)


def _member_share(session: Session, code: str) -> float:
    member_acts = [a for a in session.acts() if a.from_ != FACILITATOR]
    return sum(a.from_ == code for a in member_acts) / len(member_acts)


def _crossing_share(session: Session, subgroups: tuple[tuple[str, ...], ...]) -> float:
    side = {code: k for k, codes in enumerate(subgroups) for code in codes}
    pairs = [a for a in session.acts() if a.from_ in side and a.to in side]
    return sum(side[a.from_] != side[a.to] for a in pairs) / len(pairs)


def test_stories_cover_a_healing_and_a_hardening_split() -> None:
    splits = [story["split"] for story in STORIES.values()]
    assert "heals" in splits and "hardens" in splits


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_facilitator_share_falls_where_the_story_says(folder: str) -> None:
    story = STORIES[folder]
    sessions = _sessions(folder)
    first, last = _facilitator_share(sessions[0]), _facilitator_share(sessions[-1])
    if story["facilitator_share"] == "falling":
        assert last < first - 0.1, (first, last)
    else:
        assert story["facilitator_share"] == "steady"
        assert abs(last - first) < 0.1, (first, last)


@pytest.mark.parametrize("folder", sorted(STORIES))
def test_quiet_member_is_drawn_in(folder: str) -> None:
    story = STORIES[folder]
    quiet = story["quiet_member"]
    group = store.load_group(SAMPLES / folder)
    assert group.member(quiet) is not None
    sessions = _sessions(folder)
    for session in (sessions[0], sessions[-1]):
        assert session.attendance_of(quiet).status == "present"
    first, last = _member_share(sessions[0], quiet), _member_share(sessions[-1], quiet)
    assert first < last, (first, last)
    assert first <= 0.07


@pytest.mark.parametrize("folder", sorted(f for f, s in STORIES.items() if s["split"]))
def test_split_heals_or_hardens(folder: str) -> None:
    story = STORIES[folder]
    subgroups = story["subgroups"]
    group = store.load_group(SAMPLES / folder)
    codes = [c for sub in subgroups for c in sub]
    assert len(codes) == len(set(codes)) and all(group.member(c) for c in codes)
    sessions = _sessions(folder)
    first, last = _crossing_share(sessions[0], subgroups), _crossing_share(sessions[-1], subgroups)
    if story["split"] == "heals":
        assert first < 0.2 and last > first + 0.2, (first, last)
    else:
        assert story["split"] == "hardens"
        assert last < first or last <= 0.15, (first, last)


@pytest.mark.parametrize("folder", sorted(f for f, s in STORIES.items() if s["coding"] == "valence"))
def test_valence_coded_storming_sessions_show_negative_acts(folder: str) -> None:
    coded = [s for s in _sessions(folder) if s.coding == "valence"]
    assert coded
    assert all(a.valence for s in coded for a in s.acts())
    storming = [s for s in coded if s.stage_observed == "storming"]
    assert storming
    assert max(sum(a.valence == "negative" for a in s.acts()) for s in storming) >= 5
