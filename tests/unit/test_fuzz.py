"""Random and mutated inputs are refused cleanly: never a crash, never a changed file."""

from __future__ import annotations

import hashlib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kelompok.sessions.checking import check_path
from kelompok.sessions.csv_import import read_events, read_roster
from kelompok.sessions.fileio import DataError
from kelompok.sessions.store import load_group, load_session_file
from tests.conftest import SAMPLES, make_group

SAMPLE_SESSION = next(iter(sorted(SAMPLES.glob("*/sessions/001.toml"))), None)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _digest(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def _mutations(original: bytes):
    return st.one_of(
        st.binary(max_size=400),
        st.tuples(st.integers(0, max(len(original) - 1, 0)), st.binary(min_size=1, max_size=8)).map(
            lambda cut: original[: cut[0]] + cut[1] + original[cut[0] + len(cut[1]) :]
        ),
        st.integers(0, len(original)).map(lambda n: original[:n]),
    )


GROUP_BYTES = (
    (SAMPLES / "kube-sejahtera-mawar" / "group.toml").read_bytes()
    if (SAMPLES / "kube-sejahtera-mawar").exists()
    else b'format = 1\nname = "x"\ntype = "task"\n'
)


@FUZZ
@given(data=_mutations(GROUP_BYTES))
def test_mutated_group_file_is_refused_cleanly(tmp_path_factory, data: bytes):
    folder = tmp_path_factory.mktemp("g")
    (folder / "group.toml").write_bytes(data)
    before = _digest(folder)
    try:
        load_group(folder)
    except DataError as error:
        assert str(folder / "group.toml") in str(error)
    problems, _ = check_path(folder)
    assert all(isinstance(p, DataError) for p in problems)
    assert _digest(folder) == before


SESSION_BYTES = SAMPLE_SESSION.read_bytes() if SAMPLE_SESSION else b"format = 1\nnumber = 1\ndate = 2026-01-01\n"


@FUZZ
@given(data=_mutations(SESSION_BYTES))
def test_mutated_session_file_is_refused_cleanly(tmp_path_factory, data: bytes):
    folder = tmp_path_factory.mktemp("s")
    path = folder / "001.toml"
    path.write_bytes(data)
    try:
        load_session_file(path)
    except DataError as error:
        assert str(path) in str(error)
    assert path.read_bytes() == data


CSV_CELL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@FUZZ
@given(rows=st.lists(st.lists(CSV_CELL, min_size=0, max_size=9), max_size=8), header=st.booleans())
def test_random_event_csv_is_imported_or_refused_with_a_line(tmp_path_factory, rows, header):
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header:
        writer.writerow(["at", "from", "to", "kind", "role", "ipa", "note"])
    writer.writerows(rows)
    path = tmp_path_factory.mktemp("csv") / "events.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    before = path.read_bytes()
    try:
        events = read_events(path, make_group())
    except DataError as error:
        assert str(path) in str(error)
    else:
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert path.read_bytes() == before


@FUZZ
@given(data=st.binary(max_size=300))
def test_random_roster_bytes_are_refused_or_give_valid_members(tmp_path_factory, data: bytes):
    path = tmp_path_factory.mktemp("r") / "roster.csv"
    path.write_bytes(data)
    try:
        members = read_roster(path)
    except DataError as error:
        assert str(path) in str(error)
    else:
        codes = [m.code for m in members]
        assert len(codes) == len(set(codes)) and all(codes)
