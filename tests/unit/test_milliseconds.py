"""Time offsets are kept to the millisecond: in memory, in the journal and in the session file.

A monotonic clock yields offsets such as `9.150262054999985`; the files used to keep every digit.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from kelompok.sessions import store
from kelompok.sessions.journal import read_journal
from kelompok.sessions.models import Attendance, Event, Group, Member, Session
from kelompok.sessions.recording import Recorder
from kelompok.sociogram.acts import from_session
from kelompok.sociogram.acts import read_session_acts
from tests.conftest import FakeClock

WALL = dt.datetime(2026, 11, 23, 9, 30, 0)
NUMBER = re.compile(r"\d+\.(\d+)")


def make_group(folder: Path) -> None:
    members = [Member(code=f"A{i}", name=f"Ibu {i}") for i in range(1, 4)]
    store.save_group(folder, Group(name="KUBE Mawar", type="self_help", members=members))
    attendance = [Attendance(member=f"A{i}", status="present") for i in range(1, 4)]
    store.save_session(folder, Session(number=1, date=WALL.date(), attendance=attendance))


def decimals(values: list[str]) -> int:
    """The most decimals among number texts."""
    return max((len(match.group(1)) for value in values if (match := NUMBER.fullmatch(value))), default=0)


def test_journal_and_session_file_hold_at_most_three_decimals_and_replay_the_same_at(tmp_path: Path) -> None:
    folder = tmp_path / "kube"
    make_group(folder)
    clock = FakeClock(start=1234.567891234)
    rec = Recorder.open(folder, 1, clock=clock, now=lambda: WALL)
    rec.start()
    recorded = []
    for step in (9.150262054999985, 0.0004, 1.23456789, 0.0015, 61.999999):
        clock.advance(step)
        recorded.append(rec.speak("A1", "A2"))
    rec.pause()  # a checkpoint: the session file now holds these
    clock.advance(2.7182818)
    resumed = rec.resume()
    clock.advance(0.333333333)
    recorded.append(rec.speak("A2", "A3"))
    assert recorded[0].at == 9.15
    assert all(event.at == round(event.at, 3) for event in recorded)

    journal = store.journal_path(folder, 1)
    lines = journal.read_text().splitlines()
    assert lines, "the acts after the pause are only in the journal"
    assert decimals([str(json.loads(line)["at"]) for line in lines]) <= 3
    rec.close(checkpoint=False)  # a crash: the journal stays

    replay = read_journal(journal)
    assert replay.events == [resumed, recorded[-1]]  # identical, `at` included

    with Recorder.open(folder, 1, clock=clock, now=lambda: WALL) as again:
        assert [e.at for e in again.session.acts()] == [e.at for e in recorded]
    text = store.session_path(folder, 1).read_text()
    ats = re.findall(r"^at = (\S+)$", text, re.MULTILINE) or re.findall(r"\bat = ([0-9.eE+-]+)", text)
    assert len(ats) >= len(recorded)
    assert decimals(ats) <= 3
    assert "9.15\n" in text or "at = 9.15," in text
    loaded = store.load_session(folder, 1)
    assert [e.at for e in loaded.acts()] == [e.at for e in recorded]
    # The acts read for the sociogram give the same times.
    assert [a.at for a in read_session_acts(store.session_path(folder, 1)).acts] == [e.at for e in recorded]


def test_an_old_file_with_full_floats_is_read_to_the_millisecond_and_written_so(tmp_path: Path) -> None:
    folder = tmp_path / "kube"
    make_group(folder)
    path = store.session_path(folder, 1)
    text = path.read_text().replace("event_count = 0\n", "")
    text += '\n[[events]]\nseq = 1\nat = 9.150262054999985\nfrom = "A1"\nto = "A2"\n'
    path.write_text(text)
    session = store.load_session(folder, 1)
    assert session.events[0].at == 9.15
    assert read_session_acts(path).acts[0].at == from_session(session).acts[0].at == 9.15
    store.save_session(folder, session)
    assert re.search(r"\bat = 9\.15\b", path.read_text())
    assert "9.150262" not in path.read_text()


def test_rounding_is_stable_across_round_trips() -> None:
    for raw in (0.0005, 1.0015, 2.675, 9.150262054999985, 604799.9996, 123.4565):
        event = Event(seq=1, at=raw, **{"from": "A1"}, to="A2")
        again = Event.model_validate_json(event.model_dump_json(by_alias=True))
        assert again.at == event.at == round(raw, 3)
        gap = Event(seq=2, at=0.0, kind="gap", until=raw)
        assert gap.until == round(raw, 3)


def test_wall_stamps_on_pause_and_resume_are_kept_and_written_to_the_millisecond(tmp_path: Path) -> None:
    folder = tmp_path / "kube"
    make_group(folder)
    clock = FakeClock()
    moments = iter([WALL, WALL.replace(second=5, microsecond=123456), WALL.replace(second=9, microsecond=987654)])
    rec = Recorder.open(folder, 1, clock=clock, now=lambda: next(moments))
    rec.start()
    pause = rec.pause()
    resume = rec.resume()
    assert pause.wall == WALL.replace(second=5, microsecond=123000)
    line = store.journal_path(folder, 1).read_text().splitlines()[-1]
    assert json.loads(line)["wall"] == "2026-11-23T09:30:09.987"
    rec.close(checkpoint=False)
    assert read_journal(store.journal_path(folder, 1)).events == [resume]
    with Recorder.open(folder, 1, clock=clock, now=lambda: WALL) as again:
        assert again.session.events == [pause, resume]
    text = store.session_path(folder, 1).read_text()
    assert '"2026-11-23T09:30:05.123"' in text and '"2026-11-23T09:30:09.987"' in text
