"""The group service: the one way the app reads and changes groups and sessions (no Textual here).

The app owns one `GroupService`; screens call it (the slow reads from thread workers) and
re-render from what it publishes. Every edit is a *unit of work*: the service copies the object,
applies the change to the copy, saves it atomically, and only then hands the new object back and
publishes a `Change`. When the change or the save fails, the caller's object is untouched and the
error is raised, so a screen never shows an unsaved step as saved. See docs/ARCHITECTURE.md.

The domain modules are imported inside the methods: importing this module must stay cheap, as the
app builds its service before the first frame and the models take long to build.
"""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # the store and the pydantic models are imported on first use (start-up time)
    from kelompok.sessions.fileio import DataError
    from kelompok.sessions.models import Attendance, Group, Session
    from kelompok.sessions.store import GroupEntry
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")
"""A file-level model (Group or Session) edited as one unit of work."""


@dataclass(frozen=True)
class Change:
    """What an edit changed: a group's file (`number` None) or one of its sessions; `what` names the edit."""

    group_dir: Path
    number: int | None
    what: str


@dataclass(frozen=True)
class SessionRow:
    """One line of a group's session list, read without holding the event loop.

    `session` is None when the file cannot be read (`error` says why). `journal_acts` counts the
    acts of a leftover journal: a session interrupted by a crash has them there, not in the file.
    """

    number: int
    session: Session | None
    error: DataError | None
    journal_acts: int | None = None


@dataclass(frozen=True)
class GroupOverview:
    """What a facilitator wants to see of a group on the home screen, from its session files."""

    last_held: dt.date | None = None
    """Date of the latest session that was recorded (ended, running or paused)."""
    next_planned: dt.date | None = None
    """Date of the first session still only planned."""
    awaiting_review: int = 0
    """Sessions submitted to the supervisor and not yet answered."""
    returned: int = 0
    """Sessions the supervisor returned to the facilitator."""
    safety_flags: int = 0
    """Open safety flags (notes and attendance reasons whose follow-up is not closed), in any session."""
    unreadable: int = 0
    """Session files that cannot be read."""
    problem: str = ""
    """Why `group.toml` itself cannot be read (then nothing else is filled in)."""


@dataclass(frozen=True)
class InboxItem:
    """One session log waiting for someone: submitted (for the supervisor) or returned (for the facilitator)."""

    group_dir: Path
    group_name: str
    number: int
    date: dt.date
    """The date of the meeting."""
    since: dt.datetime | None
    """When it was submitted or returned (the review trail), None for a file without a trail."""
    by: str
    """Who submitted or returned it."""
    open_flags: int
    """Safety flags of the session still open."""


INBOX_STEP = {"submitted": "submitted", "returned": "returned"}
"""The trail action that put a log in each inbox."""


Listener = Callable[[Change], None]


class GroupService:
    """Loads groups and sessions of one workspace and applies every edit as a unit of work."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace
        self._listeners: list[Listener] = []
        # Workers may save from threads; listeners are told one change at a time.
        self._lock = threading.RLock()

    # ── publishing ──

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(change)` after every saved edit; returns the function that unsubscribes."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener) if listener in self._listeners else None

    def _publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # ── reading ──

    def groups(self) -> list[GroupEntry]:
        from kelompok.sessions.store import list_groups

        return list_groups(self.workspace)

    def group(self, group_dir: Path) -> Group:
        from kelompok.sessions.store import load_group

        return load_group(group_dir)

    def session(self, group_dir: Path, number: int) -> Session:
        from kelompok.sessions.store import load_session

        return load_session(group_dir, number)

    def numbers(self, group_dir: Path) -> list[int]:
        from kelompok.sessions.store import session_numbers

        return session_numbers(group_dir)

    def session_rows(self, group_dir: Path) -> list[SessionRow]:
        """Every session of a group for its list, unreadable ones with their error (slow: use a worker)."""
        from kelompok.sessions.fileio import DataError
        from kelompok.sessions.journal import read_journal
        from kelompok.sessions.store import journal_path, load_session, session_numbers

        rows = []
        for number in session_numbers(group_dir):
            try:
                session = load_session(group_dir, number)
            except DataError as error:
                rows.append(SessionRow(number, None, error))
                continue
            journal_acts = None
            journal = journal_path(group_dir, number)
            if session.state in ("running", "paused", "planned") and journal.exists():
                try:
                    replay = read_journal(journal)
                except (DataError, OSError):
                    replay = None
                if replay is not None:
                    journal_acts = len(_with_journal(session, replay.events).acts())
            rows.append(SessionRow(number, session, None, journal_acts))
        return rows

    def overview(self, group_dir: Path) -> GroupOverview:
        """Read every session of one group for the home screen's details (slow: use a worker)."""
        from kelompok.sessions.fileio import DataError
        from kelompok.sessions.safety import safety_items
        from kelompok.sessions.store import load_group, load_session, session_numbers

        try:
            group = load_group(group_dir)
        except DataError as error:
            return GroupOverview(problem=error.problem)
        last_held = next_planned = None
        awaiting = returned = flags = unreadable = 0
        for number in session_numbers(group_dir):
            try:
                session = load_session(group_dir, number)
            except DataError:
                unreadable += 1
                continue
            if session.state == "planned":
                if next_planned is None:
                    next_planned = session.date
            else:
                last_held = session.date
            awaiting += session.review.status == "submitted"
            returned += session.review.status == "returned"
            # A flag is a duty until its follow-up is closed, whatever the log's review status.
            flags += sum(item.open for item in safety_items(session))
        if next_planned is None and group.next_date is not None and (last_held is None or group.next_date > last_held):
            next_planned = group.next_date  # agreed in the group editor, not planned yet
        return GroupOverview(last_held, next_planned, awaiting, returned, flags, unreadable)

    def inbox(self, status: str = "submitted") -> list[InboxItem]:
        """Every session log of the workspace with this review status, oldest first (slow: use a worker).

        `submitted`: the supervisor's inbox; `returned`: the facilitator's list of logs to change.
        Unreadable groups and sessions are left out here; the home screen lists them.
        """
        from kelompok.sessions.fileio import DataError
        from kelompok.sessions.safety import safety_items
        from kelompok.sessions.store import list_groups, load_session, session_numbers

        items = []
        for entry in list_groups(self.workspace):
            if entry.group is None:
                continue
            for number in session_numbers(entry.path):
                try:
                    session = load_session(entry.path, number)
                except DataError:
                    continue
                if session.review.status != status:
                    continue
                steps = [e for e in session.review.trail if e.action == INBOX_STEP.get(status)]
                last = steps[-1] if steps else None
                items.append(InboxItem(
                    entry.path, entry.group.name, number, session.date,
                    last.at if last else None, last.who if last else "",
                    sum(item.open for item in safety_items(session)),
                ))  # fmt: skip
        return sorted(
            items,
            key=lambda item: (item.since or dt.datetime.combine(item.date, dt.time()), item.group_name, item.number),
        )

    # ── units of work ──

    def edit_session(
        self, group_dir: Path, session: Session, change: Callable[[Session], object], what: str = "session"
    ) -> Session:
        """Copy → change → save: the saved copy is returned; on any failure `session` is as it was and the error propagates."""
        from kelompok.sessions.store import save_session

        draft = self._unit_of_work(session, change, lambda saved: save_session(group_dir, saved))
        self._publish(Change(group_dir, draft.number, what))
        return draft

    def save_plan(self, group_dir: Path, session: Session, *, new: bool, taken_message: str = "") -> Session:
        """Save a session's plan; a new session never overwrites a file that appeared meanwhile."""
        from kelompok.sessions.fileio import DataError
        from kelompok.sessions.store import session_path

        path = session_path(group_dir, session.number)
        if new and path.exists():
            raise DataError(path, "", taken_message or str(path))
        return self.edit_session(group_dir, session, lambda _s: None, "plan")

    def record_attendance(
        self, group_dir: Path, session: Session, coding: str, attendance: list[Attendance]
    ) -> Session:
        def take(draft: Session) -> None:
            draft.coding = coding  # type: ignore[assignment]
            draft.attendance = list(attendance)

        return self.edit_session(group_dir, session, take, "attendance")

    def review_step(self, group_dir: Path, session: Session, step: Callable[[Session], object]) -> Session:
        """One supervision step (`kelompok.sessions.review`: submit, comment, return, sign off, amend)."""
        return self.edit_session(group_dir, session, step, "review")

    def amend(
        self, group_dir: Path, session: Session, by: str, field: str, text: str, now: Callable | None = None
    ) -> Session:
        from kelompok.sessions import review

        kwargs = {"now": now} if now is not None else {}
        return self.review_step(group_dir, session, lambda draft: review.amend(draft, by, field, text, **kwargs))

    def edit_group(
        self,
        group_dir: Path,
        group: Group,
        change: Callable[[Group], object],
        what: str = "roster",
        *,
        who: str = "",
        now: dt.datetime | None = None,
    ) -> Group:
        """Copy → change → save for `group.toml` (roster, seating, consent, purpose, schedule).

        With `who`, the edit is audited in the same unit of work: it is checked against `group`
        (member codes never change, no member disappears) and one `group_edited` entry naming
        what changed (codes and field ids, no values) goes into the group's audit trail.
        """
        from kelompok.sessions.group_edit import record_edit
        from kelompok.sessions.store import save_group

        def audited(draft: Group) -> None:
            change(draft)
            if who:
                record_edit(group, draft, who, now or dt.datetime.now())

        draft = self._unit_of_work(group, audited, lambda saved: save_group(group_dir, saved))
        self._publish(Change(group_dir, None, what))
        return draft

    def replace_group(
        self, group_dir: Path, group: Group, edited: Group, who: str, now: dt.datetime | None = None
    ) -> Group:
        """Save the group editor's copy `edited` of `group` as one audited unit of work."""

        def take(draft: Group) -> None:
            fresh = edited.model_copy(deep=True)
            for name in type(edited).model_fields:
                if name != "audit":  # the trail is the file's, plus this edit's own entry
                    setattr(draft, name, getattr(fresh, name))

        return self.edit_group(group_dir, group, take, "group", who=who, now=now)

    def forget(self, group_dir: Path, plan: object, who: str, now: dt.datetime | None = None) -> list[Path]:
        """Erase a member as `plan` (sessions.forget.plan_forget) says, then tell the screens."""
        from kelompok.sessions.forget import apply_forget

        with self._lock:
            written = apply_forget(plan, who, now)  # type: ignore[arg-type]
        self._publish(Change(group_dir, None, "forget"))
        return written

    def _unit_of_work(self, original: M, change: Callable[[M], object], save: Callable[[M], object]) -> M:
        """Copy → change → validate → save; `original` is untouched whatever fails."""
        with self._lock:
            draft = original.model_copy(deep=True)
            change(draft)
            # Validate the whole copy again: a change made by assignment is not checked by pydantic.
            draft = type(original).model_validate(draft.model_dump(by_alias=True))
            save(draft)
        return draft

    def copy_samples(self, samples: Path) -> int:
        """Copy the bundled sample groups not yet in the workspace (private like our own files); returns how many."""
        from kelompok.sessions.fileio import make_private_dir

        make_private_dir(self.workspace)
        copied = 0
        for source in sorted(samples.iterdir()):
            target = self.workspace / source.name
            if source.is_dir() and (source / "group.toml").is_file() and not target.exists():
                shutil.copytree(source, target, ignore=shutil.ignore_patterns(".lock", ".cache", "*.journal"))
                _make_private_tree(target)
                copied += 1
        if copied:
            self._publish(Change(self.workspace, None, "workspace"))
        return copied


def _with_journal(session: Session, events: list) -> Session:
    """The session as the Recorder will recover it: the file's events, then the journal's newer ones
    (undos included, so `acts()` counts what stands)."""
    last = max((e.seq for e in session.events), default=0)
    return session.model_copy(update={"events": [*session.events, *(e for e in events if e.seq > last)]})


def _make_private_tree(root: Path) -> None:
    """Copied sample data gets the same privacy as data the app writes itself."""
    from kelompok.sessions.fileio import DIR_MODE, FILE_MODE

    root.chmod(DIR_MODE)
    for path in root.rglob("*"):
        path.chmod(DIR_MODE if path.is_dir() else FILE_MODE)
