"""Shared fixtures: every test runs with its own workspace, Indonesian as the start language, and colour on."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kelompok import i18n
from kelompok.sessions.models import Attendance, Event, Group, Member, Session
from kelompok.sessions.store import save_group, save_session

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "sample_groups"


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("KELOMPOK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("KELOMPOK_LANG", raising=False)
    i18n.set_language("id")
    yield
    i18n.set_language("id")


class FakeClock:
    """A monotonic clock the test moves by hand (`advance`)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def make_group(members: int = 5, type_: str = "task") -> Group:
    people = [
        Member(code=f"A{i}", name=f"Anggota {i}", attributes={"gender": "P" if i % 2 else "L"})
        for i in range(1, members + 1)
    ]
    return Group(
        name="KUBE Mawar",
        type=type_,
        purpose="Usaha bersama",
        members=people,
        seating=[m.code for m in people],
        facilitators=["Bu Sari"],
    )


def make_session(number: int = 1, acts: int = 10) -> Session:
    events = []
    codes = ["A1", "A2", "A3", "facilitator"]
    for i in range(acts):
        speaker = codes[i % 4]
        target = "group" if i % 3 == 0 else codes[(i + 1) % 4]
        events.append(Event(seq=i + 1, at=float(10 * i), **{"from": speaker}, to=target))
    attendance = [Attendance(member=c, status="present") for c in ("A1", "A2", "A3")] + [
        Attendance(member="A4", status="absent", reason="sakit")
    ]
    return Session(number=number, date=dt.date(2026, 3, 2), state="ended", attendance=attendance, events=events)


@pytest.fixture
def group_dir(tmp_path: Path) -> Path:
    """A group folder on disk with two recorded sessions."""
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group())
    save_session(folder, make_session(1))
    save_session(folder, make_session(2, acts=20))
    return folder


def other_process_can_lock(folder: Path) -> bool:
    """Whether another kelompok process could take the group's lock right now."""
    code = f"from pathlib import Path; from kelompok.sessions.locking import GroupLock; print(GroupLock(Path({str(folder)!r})).acquire())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip() == "True"


@contextmanager
def held_by_another_process(folder: Path) -> Iterator[None]:
    """Another kelompok process holds the group's lock for the duration (the lock is shared within
    one process, so only a real second process can stand for another kelompok window)."""
    code = (
        "import sys; from pathlib import Path; from kelompok.sessions.locking import GroupLock; "
        f"assert GroupLock(Path({str(folder)!r})).acquire(); print('held', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.kill()
        holder.wait()
