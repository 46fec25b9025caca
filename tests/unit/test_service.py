"""The group service on its own, headless: units of work save or leave everything as it was, and publish what changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydantic import ValidationError

from kelompok.service import Change, GroupService
from kelompok.sessions import review
from kelompok.sessions.fileio import DataError
from kelompok.sessions.journal import Journal
from kelompok.sessions.models import Attendance, Event
from kelompok.sessions.store import journal_path, load_group, load_session, save_session, session_path
from tests.conftest import make_group, make_session

WHEN = dt.datetime(2026, 3, 9, 10, 0)


@pytest.fixture
def service(group_dir: Path) -> GroupService:
    return GroupService(group_dir.parent)


def changes_of(service: GroupService) -> list[Change]:
    seen: list[Change] = []
    service.subscribe(seen.append)
    return seen


def test_a_review_step_is_saved_and_published(service: GroupService, group_dir: Path) -> None:
    seen = changes_of(service)
    session = load_session(group_dir, 1)
    saved = service.review_step(group_dir, session, lambda s: review.submit(s, "Bu Sari", now=lambda: WHEN))
    assert saved.review.status == "submitted"
    assert session.review.status == "draft"  # the caller's object is not the one changed
    assert load_session(group_dir, 1).review.status == "submitted"
    assert seen == [Change(group_dir, 1, "review")]


def test_a_refused_step_changes_nothing_and_publishes_nothing(service: GroupService, group_dir: Path) -> None:
    seen = changes_of(service)
    session = load_session(group_dir, 1)
    before = session_path(group_dir, 1).read_bytes()
    with pytest.raises(review.ReviewError):
        service.review_step(group_dir, session, lambda s: review.sign_off(s, "Pak Budi"))  # not submitted
    assert session.review.status == "draft" and session.review.trail == []
    assert session_path(group_dir, 1).read_bytes() == before
    assert seen == []


def test_a_failed_save_rolls_back(service: GroupService, group_dir: Path) -> None:
    seen = changes_of(service)
    session = load_session(group_dir, 2)
    session_path(group_dir, 2).write_text("format = 1\nnot valid toml [[[", encoding="utf-8")  # someone broke the file
    with pytest.raises(DataError):
        service.amend(group_dir, session, "Bu Sari", "notes", "Catatan baru", now=lambda: WHEN)
    assert session.notes == ""
    assert "not valid toml" in session_path(group_dir, 2).read_text(encoding="utf-8")  # never written over
    assert seen == []


def test_an_invalid_change_is_refused_before_saving(service: GroupService, group_dir: Path) -> None:
    session = load_session(group_dir, 1)

    def bad(draft) -> None:
        draft.attendance = [Attendance(member="A1", status="present"), Attendance(member="A1", status="absent")]

    with pytest.raises(ValidationError):
        service.edit_session(group_dir, session, bad)
    assert [a.member for a in load_session(group_dir, 1).attendance] == ["A1", "A2", "A3", "A4"]


def test_attendance_is_one_unit(service: GroupService, group_dir: Path) -> None:
    seen = changes_of(service)
    planned = make_session(3, acts=0).model_copy(update={"state": "planned", "attendance": []})
    save_session(group_dir, planned)
    taken = [Attendance(member="A1", status="present"), Attendance(member="A2", status="late")]
    saved = service.record_attendance(group_dir, planned, "valence", taken)
    on_disk = load_session(group_dir, 3)
    assert [(a.member, a.status) for a in on_disk.attendance] == [("A1", "present"), ("A2", "late")]
    assert on_disk.coding == saved.coding == "valence"
    assert planned.attendance == []
    assert seen == [Change(group_dir, 3, "attendance")]


def test_a_new_plan_never_overwrites_a_session_that_appeared(service: GroupService, group_dir: Path) -> None:
    before = session_path(group_dir, 2).read_bytes()
    with pytest.raises(DataError, match="sudah ada"):
        service.save_plan(group_dir, make_session(2, acts=0), new=True, taken_message="sesi 2 sudah ada")
    assert session_path(group_dir, 2).read_bytes() == before
    saved = service.save_plan(group_dir, make_session(4, acts=0), new=True)
    assert load_session(group_dir, 4) == saved


def test_roster_change(service: GroupService, group_dir: Path) -> None:
    seen = changes_of(service)
    group = load_group(group_dir)
    saved = service.edit_group(group_dir, group, lambda g: setattr(g, "name", "KUBE Melati"))
    assert load_group(group_dir).name == saved.name == "KUBE Melati"
    assert group.name == "KUBE Mawar"
    assert seen == [Change(group_dir, None, "roster")]


def test_unsubscribe_stops_the_news(service: GroupService, group_dir: Path) -> None:
    seen: list[Change] = []
    unsubscribe = service.subscribe(seen.append)
    unsubscribe()
    service.edit_group(group_dir, load_group(group_dir), lambda g: setattr(g, "purpose", "Lain"))
    assert seen == []


def test_session_rows_count_a_leftover_journal(service: GroupService, group_dir: Path) -> None:
    # Session 3 was interrupted: the file says running with 2 acts, the journal holds 3 more and one undo.
    running = make_session(3, acts=2).model_copy(update={"state": "running"})
    save_session(group_dir, running)
    journal = Journal(journal_path(group_dir, 3))
    for seq, kind in ((3, "speak"), (4, "speak"), (5, "speak"), (6, "undo")):
        extra = {"undoes": 5} if kind == "undo" else {"to": "group"}
        journal.append(Event(seq=seq, at=float(seq), kind=kind, **{"from": "A1" if kind == "speak" else None}, **extra))
    journal.close()
    rows = {row.number: row for row in service.session_rows(group_dir)}
    assert rows[1].journal_acts is None and rows[1].session is not None and len(rows[1].session.acts()) == 10
    assert rows[3].journal_acts == 2 + 3 - 1


def test_session_rows_list_an_unreadable_file(service: GroupService, group_dir: Path) -> None:
    session_path(group_dir, 2).write_text("nonsense = [", encoding="utf-8")
    rows = service.session_rows(group_dir)
    assert [r.number for r in rows] == [1, 2]
    assert rows[1].session is None and rows[1].error is not None


def test_copy_samples_copies_new_groups_privately(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    from kelompok.sessions.store import save_group

    save_group(samples / "kube-a", make_group())
    save_group(samples / "kube-b", make_group())
    (samples / "kube-a" / "sessions").mkdir()
    (samples / "kube-a" / "sessions" / "001.journal").write_text("x", encoding="utf-8")
    workspace = tmp_path / "ws"
    service = GroupService(workspace)
    seen = changes_of(service)
    assert service.copy_samples(samples) == 2
    assert not (workspace / "kube-a" / "sessions" / "001.journal").exists()
    assert (workspace / "kube-b" / "group.toml").stat().st_mode & 0o777 == 0o600
    assert service.copy_samples(samples) == 0  # already there: nothing copied, nothing overwritten
    assert seen == [Change(workspace, None, "workspace")]


def test_overview_of_a_group(service: GroupService, group_dir: Path) -> None:
    # Session 1 (2 March) ended and submitted; 2 ended, returned, with a safety note; 3 only planned.
    first = load_session(group_dir, 1)
    service.review_step(group_dir, first, lambda s: review.submit(s, "Bu Sari", now=lambda: WHEN))
    second = load_session(group_dir, 2).model_copy(update={"date": dt.date(2026, 3, 9)})
    second.events.append(Event(seq=99, at=500.0, kind="note", note="A2 cerita kekerasan di rumah", safety=True))
    save_session(group_dir, second)
    service.review_step(group_dir, second, lambda s: review.submit(s, "Bu Sari", now=lambda: WHEN))
    service.review_step(
        group_dir,
        load_session(group_dir, 2),
        lambda s: review.return_to_facilitator(s, "Pak Budi", "lengkapi", now=lambda: WHEN),
    )
    planned = make_session(3, acts=0).model_copy(
        update={"state": "planned", "attendance": [], "date": dt.date(2026, 3, 16)}
    )
    save_session(group_dir, planned)
    overview = service.overview(group_dir)
    assert overview.last_held == dt.date(2026, 3, 9)
    assert overview.next_planned == dt.date(2026, 3, 16)
    assert (overview.awaiting_review, overview.returned, overview.safety_flags, overview.unreadable) == (1, 1, 1, 0)


def test_overview_counts_only_open_safety_flags_and_shows_the_agreed_next_date(
    service: GroupService, group_dir: Path
) -> None:
    from kelompok.sessions.safety import close_follow_up, safety_items

    session = load_session(group_dir, 2)
    session.events.append(Event(seq=99, at=500.0, kind="note", note="A2 cerita kekerasan di rumah", safety=True))
    save_session(group_dir, session)
    assert service.overview(group_dir).safety_flags == 1
    [item] = safety_items(session)
    service.review_step(
        group_dir, session, lambda s: close_follow_up(s, item.key, "Pak Budi", "dirujuk ke UPTD PPA", WHEN)
    )
    assert service.overview(group_dir).safety_flags == 0, "a flag followed up is no longer a duty"
    group = load_group(group_dir)
    assert service.overview(group_dir).next_planned is None
    service.edit_group(
        group_dir, group, lambda g: setattr(g, "next_date", dt.date(2026, 3, 16)), who="Bu Sari", now=WHEN
    )
    assert service.overview(group_dir).next_planned == dt.date(2026, 3, 16)
    assert load_group(group_dir).audit[-1].detail == "next_date"


def test_inbox_lists_submitted_logs_of_every_group_oldest_first(service: GroupService, group_dir: Path) -> None:
    from kelompok.sessions.store import save_group

    other = group_dir.parent / "kube-melati"
    save_group(other, make_group().model_copy(update={"name": "KUBE Melati"}))
    save_session(other, make_session(1))
    later, earlier = WHEN, WHEN - dt.timedelta(days=3)
    service.review_step(group_dir, load_session(group_dir, 2), lambda s: review.submit(s, "Bu Sari", now=lambda: later))
    service.review_step(other, load_session(other, 1), lambda s: review.submit(s, "Bu Rina", now=lambda: earlier))
    inbox = service.inbox("submitted")
    assert [(i.group_name, i.number, i.since, i.by) for i in inbox] == [
        ("KUBE Melati", 1, earlier, "Bu Rina"),
        ("KUBE Mawar", 2, later, "Bu Sari"),
    ]
    service.review_step(
        group_dir,
        load_session(group_dir, 2),
        lambda s: review.return_to_facilitator(s, "Pak Budi", "lengkapi", now=lambda: WHEN),
    )
    assert [(i.group_name, i.number, i.by) for i in service.inbox("returned")] == [("KUBE Mawar", 2, "Pak Budi")]
    assert [i.group_name for i in service.inbox("submitted")] == ["KUBE Melati"]
