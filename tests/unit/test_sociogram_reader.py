"""The fast stats reader must agree with the normal loader: same acts, same errors."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kelompok.sessions import fileio
from kelompok.sessions.fileio import DataError, dump_model
from kelompok.sessions.models import Attendance, Comment, Event, Review, Session
from kelompok.sessions.store import load_session_file
from kelompok.sociogram import reader
from kelompok.sociogram.acts import from_session
from kelompok.sociogram.reader import read_session_acts


def slow(path: Path):
    return from_session(load_session_file(path))


def outcome(read, path: Path):
    try:
        return ("ok", read(path))
    except DataError as error:
        return ("error", str(error))


def write(folder: Path, session: Session, name: str | None = None) -> Path:
    path = folder / (name or f"{session.number:03d}.toml")
    path.write_bytes(dump_model(session))
    return path


def speak(seq, frm, to, **more):
    return Event(seq=seq, at=seq * 2.5, **{"from": frm}, to=to, **more)


def rich_session(number=3, notes="Baris satu\nBaris dua") -> Session:
    events = [
        speak(1, "A", "B", role="pendengar", ipa=5, valence="task"),
        speak(2, "facilitator", "group"),
        Event(seq=3, at=9, kind="arrive", **{"from": "D"}),
        speak(4, "D", "A", note='kata "kutip" \\ garis miring\tdan tab'),
        Event(seq=5, at=11, kind="undo", undoes=1),
        Event(seq=6, at=12, kind="pause"),
        speak(7, "B", "facilitator", valence="negative"),
        Event(seq=8, at=13, kind="undo", undoes=7),
        Event(seq=9, at=14, kind="note", note="catatan panjang " * 8, safety=True),  # long: [[events]] tables
        Event(seq=10, at=15, kind="agenda", block=0),
        Event(seq=11, at=16, kind="arrive", **{"from": "E"}),
        Event(seq=12, at=17, kind="undo", undoes=11),  # E's arrival withdrawn
        Event(seq=13, at=18, kind="leave", **{"from": "A"}),
        speak(14, "Ünal", "A", ipa=12),
    ]
    attendance = [Attendance(member=m, status=s) for m, s in [("A", "present"), ("B", "late"), ("C", "absent"), ("E", "excused")]]
    review = Review(status="submitted", comments=[Comment(at=dt.datetime(2026, 2, 1, 9), author="S", text="[[events]]")])
    return Session(number=number, date=dt.date(2026, 2, 1), coding="ipa", attendance=attendance, events=events,
                   notes=notes, review=review)  # fmt: skip


@pytest.fixture
def no_fallback(monkeypatch):
    """Fail the test if the reader leaves the fast tier (tier 1)."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("fell back from the fast tier")

    monkeypatch.setattr(reader, "_full", refuse)
    monkeypatch.setattr(fileio, "read_toml", refuse)


def test_rich_session_is_read_by_the_fast_tier_and_matches_the_loader(tmp_path, no_fallback):
    path = write(tmp_path, rich_session())
    assert "\n[[events]]\nseq = 1\n" in path.read_text()
    expected = from_session(rich_session())
    fast = read_session_acts(path)
    assert fast == expected
    assert [a.seq for a in fast.acts] == [2, 4, 14]
    assert fast.acts[1].speaker == "D"
    # B was marked late and neither her arrival nor any standing act of hers is recorded: she is
    # not counted present (sessions/presence.py); D arrived.
    assert fast.present == ("A", "D")
    assert fast.absent == ("B", "C", "E")


def test_an_events_header_inside_a_string_is_not_taken_for_one(tmp_path):
    # A multi-line note whose lines look like event tables: the cut would land inside the
    # string, so the reader must see through it (here by falling back to tomllib).
    session = rich_session(notes="Baris satu\n[[events]]\nseq = 99\nat = 1.0\nfrom = \"X\"\nto = \"Y\"\n")
    path = write(tmp_path, session)
    assert read_session_acts(path) == from_session(session)
    assert all(a.speaker != "X" for a in read_session_acts(path).acts)


def test_short_events_written_inline_take_the_fast_tier(tmp_path, no_fallback):
    events = [speak(i, "A", "B") for i in range(1, 4)] + [Event(seq=4, at=9, kind="undo", undoes=2)]
    session = Session(number=1, date=dt.date(2026, 1, 1), events=events)
    path = write(tmp_path, session)
    assert "events = [\n" in path.read_text()
    assert read_session_acts(path) == from_session(session)


def test_multiline_note_takes_the_toml_tier(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "_full", lambda _path: pytest.fail("fell back to pydantic"))
    events = [speak(1, "A", "B"), Event(seq=2, at=3, kind="note", note="dua\nbaris")]
    session = Session(number=1, date=dt.date(2026, 1, 1), events=events)
    path = write(tmp_path, session)
    assert read_session_acts(path) == from_session(session)


def test_number_must_match_the_file_name(tmp_path):
    path = write(tmp_path, rich_session(number=3), name="004.toml")
    with pytest.raises(DataError) as fast:
        read_session_acts(path)
    with pytest.raises(DataError) as normal:
        load_session_file(path)
    assert str(fast.value) == str(normal.value)


BROKEN = {
    "speaks to self": ('to = "B"', 'to = "A"'),
    "unknown key": ('role = "pendengar"', 'rol = "pendengar"'),
    "seq goes back": ("seq = 2\n", "seq = 1\n"),
    "ipa out of range": ("ipa = 5", "ipa = 13"),
    "bad valence": ('valence = "task"', 'valence = "netral"'),
    "leading zero": ("seq = 2\n", "seq = 02\n"),
    "undo of the future": ("undoes = 7", "undoes = 40"),
    "undo of an undo": ("undoes = 7", "undoes = 5"),
    "undo twice": ("undoes = 7", "undoes = 1"),
    "group speaks": ('from = "facilitator"\nto = "group"', 'from = "group"\nto = "A"'),
    "attendance twice": ('{ member = "C", status = "absent" }', '{ member = "A", status = "absent" }'),
    "not toml": ("seq = 7\n", "seq = = 7\n"),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_broken_files_give_the_loaders_error(tmp_path, change):
    path = write(tmp_path, rich_session())
    text = path.read_text()
    old, new = change
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert outcome(read_session_acts, path)[0] == "error"
    assert outcome(read_session_acts, path) == outcome(slow, path)


def test_lenient_values_the_loader_accepts_are_accepted(tmp_path):
    # The strict models take `at = 5` as 5.0 (an integer is a number) but refuse `seq = 2.0`
    # (issue 13: no lax coercion); the fast tiers refuse both spellings, so the loader decides — and agrees.
    path = write(tmp_path, rich_session())
    text = path.read_text()
    path.write_text(text.replace("seq = 2\nat = 5.0", "seq = 2\nat = 5", 1))
    assert outcome(read_session_acts, path) == outcome(slow, path)
    assert outcome(read_session_acts, path)[0] == "ok"
    path.write_text(text.replace("seq = 2\nat = 5.0", "seq = 2.0\nat = 5.0", 1))
    assert outcome(read_session_acts, path) == outcome(slow, path)
    assert outcome(read_session_acts, path)[0] == "error"


# ── properties ──────────────────────────────────────────────────────────────────────────────

NAMES = st.sampled_from(["A", "B", "A10", "facilitator", "group", 'Q"uote', "back\\slash", "Ünï", "tab\tx", ""])
TEXT = st.sampled_from(["", "ok", "dua\nbaris", 'kutip " ', "\\n", "é", "[[events]]", "x\u0007"])


@st.composite
def sessions(draw):
    events: list[Event] = []
    seq = 0
    for _ in range(draw(st.integers(0, 12))):
        seq += draw(st.integers(1, 3))
        kind = draw(st.sampled_from(["speak"] * 4 + ["arrive", "leave", "note", "undo", "agenda", "pause"]))
        data = {"seq": seq, "at": draw(st.sampled_from([0, 0.5, 1e-05, 12.25, 3600.0])), "kind": kind}
        if kind != "undo" or events:
            data["from"] = draw(NAMES)
            data["to"] = draw(NAMES)
        if kind == "undo" and events:
            data["undoes"] = draw(st.sampled_from([e.seq for e in events]))
        for key, values in (
            ("role", st.sampled_from(["pendengar", "evaluator"])),
            ("ipa", st.integers(1, 12)),
            ("valence", st.sampled_from(["positive", "task", "negative"])),
            ("note", TEXT),
            ("block", st.integers(0, 3)),
        ):
            if draw(st.booleans()):
                data[key] = draw(values)
        try:
            events.append(Event.model_validate(data))
        except ValidationError:
            continue
    attendance = [Attendance(member=m, status=draw(st.sampled_from(["present", "late", "absent"]))) for m in ("A", "B")]
    try:
        return Session(number=1, date=dt.date(2026, 1, 1), coding=draw(st.sampled_from(["off", "ipa"])),
                       attendance=attendance, events=events, notes=draw(TEXT))  # fmt: skip
    except ValidationError:
        return Session(number=1, date=dt.date(2026, 1, 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_fast_reader_equals_loader_on_generated_sessions(session):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), session)
        assert read_session_acts(path) == from_session(session) == slow(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.floats(0, 1, exclude_max=True),
    replacement=st.sampled_from(['"', "\\", "=", "\n", "1", "x", " ", "[", "]", "#", "-", "", "\n\n", ".", "e5", "{", "}", ","]),
    inline=st.booleans(),
)
def test_a_damaged_file_gets_the_same_verdict_from_both_readers(position, replacement, inline):
    """Whatever one character does to a file, the fast reader never accepts what the loader
    refuses, never reads it differently, and words an error exactly as the loader does."""
    if inline:
        events = [speak(i, "A", "B" if i % 2 else "group") for i in range(1, 6)]
        session = Session(number=1, date=dt.date(2026, 1, 1), attendance=[Attendance(member="A", status="present")], events=events)
    else:
        session = rich_session(number=1)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), session)
        text = path.read_text()
        cut = int(position * len(text))
        path.write_text(text[:cut] + replacement + text[cut + 1 :])
        assert outcome(read_session_acts, path) == outcome(slow, path)
