"""The live Recorder: record acts, attendance, notes and agenda steps of a running session.

Every recording method follows the same order, which is what makes the screen trustworthy:

    validate  →  journal.append (write + fsync)  →  session.events.append  →  return the Event

so an event the UI shows as recorded is already on disk, and an event that failed to reach the disk
is not in memory either. The session file itself is rewritten only at checkpoints (start, pause,
end, on request, and right after recovering a journal); between checkpoints the journal is the
durable copy. See `checkpoint()` for why a crash at any point loses nothing acknowledged.

Time: `at` is seconds since the session started with pauses left out, to the millisecond,
measured on an injected monotonic clock (tests pass a fake one). Wall-clock dates and times (the
session's date, start and end, and the stamps on pauses and resumes) come from a separately
injected `now`. When a running session is reopened — after a crash, or after the live screen was
closed without pausing — the time since the last recorded moment was session time in which nothing
was recorded: `open` measures it on the wall clock and records it as a `gap` event, so offsets
after it stay true (see `_record_gap`).

A member who declined to be noted (`Consent.declined_noting`) may attend; every act from or to
them is refused with a message that says so, so the record holds nothing about them.

Nothing here imports Textual; the live screen calls these methods and shows what they return.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kelompok.i18n import t
from kelompok.sessions.fileio import DataError, line_place, validation_message
from kelompok.sessions.journal import Journal, read_journal
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import (
    FACILITATOR,
    GROUP,
    MAX_SESSION_SECONDS,
    MEZZO_ROLE_IDS,
    Attendance,
    Event,
    Group,
    Session,
)
from kelompok.sessions.presence import here_at_end
from kelompok.sessions.store import SESSIONS_DIR, journal_path, load_group, load_session, save_session

GAP_MIN_SECONDS = 2.0
"""A reopen this soon after the last recorded moment records no gap: the session's start is kept
to the second, so the wall clock's measure can be up to a second long; a shorter gap is noise."""

GAP_MAX_SECONDS = 6 * 3600
"""A reopen later than this after the last recorded moment is not the same meeting going on (no
group session runs six hours; the catalogue's longest are about three): the session was left open
and is reopened another day, most likely to be ended. No gap is recorded then, and the clock goes
on from the last recorded moment as after a pause, rather than stretching the session over days."""

UNDOABLE_KINDS = frozenset({"speak", "note", "arrive", "leave", "agenda"})
"""What `undo()` can withdraw. Pause/resume are facts about the clock, and undo events are
withdrawn by recording the original again, not by undoing the undo."""


# ── errors ────────────────────────────────────────────────────────────────────────────────────


class RecordingError(Exception):
    """Something the facilitator asked for cannot be recorded. Nothing was written.

    `str(error)` is a sentence in the current language, ready to show; `key` and `params` say
    what went wrong for code that needs to react to it.
    """

    key = "error"

    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.params = params


class InvalidEvent(RecordingError, ValueError):
    """The event does not fit the group or the session (unknown member, not present, bad role …)."""

    key = "invalid"


class NotRecording(RecordingError):
    """The session is not in a state that allows this (not started yet, paused, ended)."""

    key = "not_recording"


class SessionLocked(RecordingError):
    """The session was signed off by the supervisor; changes are amendments, not recordings."""

    key = "locked"


class GroupBusy(RecordingError):
    """Another kelompok process holds the group's lock; this one may only read."""

    key = "busy"


class LockLost(RecordingError):
    """The group's lock file was deleted or replaced while recording (a sync or clean-up tool).

    Another window may now be writing the group, so this Recorder stops: it writes nothing more,
    not even a checkpoint. Everything acknowledged is in the journal; reopening recovers it.
    """

    key = "lock_lost"


class CheckpointFailed(OSError):
    """Rewriting the session file failed (disk full, I/O error). Nothing acknowledged is lost:
    every event is still in the journal, which is only emptied after a successful write."""


_recording: set[Path] = set()
"""Group folders with an open Recorder in this process."""


def _local_now() -> dt.datetime:
    return dt.datetime.now()


def _naive(moment: dt.datetime) -> dt.datetime:
    """Local wall-clock time without a zone: the session's date and start are stored that way."""
    return moment.replace(tzinfo=None)


# ── the recorder ──────────────────────────────────────────────────────────────────────────────


class Recorder:
    """Records one session of one group, live, crash-safely. Holds the group's lock while open.

    Create with `Recorder.open(...)`; use as a context manager or call `close()`.
    """

    def __init__(
        self,
        group_dir: Path,
        group: Group,
        session: Session,
        lock: GroupLock,
        journal: Journal,
        *,
        clock: Callable[[], float],
        now: Callable[[], dt.datetime],
        recovered: int,
        torn: bool,
    ) -> None:
        """Internal: use `Recorder.open`, which takes the lock and recovers the journal first."""
        self.group_dir = group_dir
        self.group = group
        self.session = session
        self.recovered = recovered
        """How many events came back from a leftover journal at open (the UI should say so)."""
        self.torn = torn
        """A leftover journal ended in an incomplete line (an unacknowledged event), which was dropped."""
        self.renumbered = 0
        """Events of a second writer found in the leftover journal (same seq, other content),
        kept under new numbers (the UI should say so)."""
        self.lock_lost = False
        """The lock file was deleted or replaced under us; nothing more is written."""
        self._lock = lock
        self._journal = journal
        self._clock = clock
        self._now = now
        self._codes = {m.code for m in group.members}
        self._pending = 0
        self._closed = False
        # Derived state kept up to date event by event, so that recording stays O(1) however long
        # the session gets (recomputing from all events on every key press would not).
        self._undone: set[int] = set()
        self._present: list[str] = []
        self._block = 0
        self._rebuild()
        # Elapsed session time = _offset + (clock() - _anchor) while running, _offset otherwise.
        # After a reopen the monotonic clock of the old process means nothing, so elapsed time
        # starts again from the last recorded moment; `open` then moves it on by the gap the wall
        # clock measured (`_record_gap`).
        self._offset = max((e.end_at for e in session.events), default=0.0)
        self._anchor = clock()
        self.gap: Event | None = None
        """The `gap` event recorded at open (the time recording was interrupted), or None."""

    # ── opening and closing ──

    @classmethod
    def open(
        cls,
        group_dir: Path,
        number: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = _local_now,
        group: Group | None = None,
    ) -> Recorder:
        """Open session `number` of the group in `group_dir` for live recording.

        The session file must exist (state planned, running or paused; an ended session opens too,
        but then only recovers and tidies, and every recording call raises NotRecording). A journal
        left by a crash is replayed into the session (events whose seq is already in the file are
        skipped), `recovered` says how many events came back, and the result is checkpointed at
        once. `clock` is monotonic seconds (for `at`); `now` gives the local wall-clock time (for
        the session's date, start and end).

        Raises GroupBusy when another process holds the group's lock, SessionLocked for a
        signed-off session, DataError for a file or journal that cannot be read (nothing is
        written then), OSError when the folder cannot be written.
        """
        group_dir = Path(group_dir)
        key = Path(os.path.abspath(group_dir))
        if key in _recording:
            # The process-wide lock lets the window's screens share a group; two live recordings
            # of it at once would both append to its journal, so the second one is refused.
            raise GroupBusy(t("recording.busy_here", group=group_dir.name), group=group_dir.name)
        lock = GroupLock(group_dir)
        if not lock.acquire():
            raise GroupBusy(
                t("recording.busy", group=group_dir.name),
                group=group_dir.name,
            )
        _recording.add(key)
        try:
            if group is None:
                group = load_group(group_dir)
            session = load_session(group_dir, number)
            if session.locked:
                raise SessionLocked(
                    t("recording.locked", number=number),
                    number=number,
                )
            _sweep_temp_files(group_dir, number)
            jpath = journal_path(group_dir, number)
            replay = read_journal(jpath)
            recovered, renumbered = _merge(session, replay.events, jpath)
            journal = Journal(jpath)
        except BaseException:
            _recording.discard(key)
            lock.release()
            raise
        recorder = cls(
            group_dir,
            group,
            session,
            lock,
            journal,
            clock=clock,
            now=now,
            recovered=recovered,
            torn=replay.torn,
        )
        recorder.renumbered = renumbered
        try:
            recorder.gap = recorder._record_gap()
            if replay.events or replay.torn or journal.size:
                # Fold what came back into the session file now: the journal is emptied and the
                # next crash has only new events to replay.
                recorder.checkpoint()
        except BaseException:
            recorder.close(checkpoint=False)
            raise
        return recorder

    def close(self, *, checkpoint: bool = True) -> None:
        """Save what is pending, remove the (then empty) journal and release the group's lock.

        `checkpoint=False` leaves the journal exactly as it is for the next `open` to replay —
        what a crash leaves behind (tests use it to simulate one). Idempotent.
        """
        if self._closed:
            return
        try:
            # After losing the lock another window may own the session file and the journal:
            # leave both exactly as they are (the journal holds every acknowledged event).
            if checkpoint and not self._journal.closed and not self._lost_lock():
                if self._pending or self._journal.size:
                    self.checkpoint()
                self._journal.remove()
        finally:
            self._closed = True
            self._journal.close()
            _recording.discard(Path(os.path.abspath(self.group_dir)))
            self._lock.release()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ── what the screen shows ──

    @property
    def state(self) -> str:
        """planned, running, paused or ended."""
        return self.session.state

    @property
    def pending(self) -> int:
        """Events safe in the journal but not yet folded into the session file."""
        return self._pending

    @property
    def closed(self) -> bool:
        """The recorder was closed; it records nothing more and the group's lock is released."""
        return self._closed

    def elapsed(self) -> float:
        """Session time in seconds so far, pauses excluded (0 before the start)."""
        if self.session.state == "running":
            return self._offset + max(0.0, self._clock() - self._anchor)
        return self._offset

    def present(self) -> list[str]:
        """Member codes present now: present at the start, plus arrivals (late ones too), minus departures."""
        return list(self._present)

    def current_block(self) -> int | None:
        """Index of the agenda block under way, None when the plan has no agenda.

        Block 0 starts with the session; each standing `agenda` event starts the block it names.
        """
        return self._block if self.session.plan.agenda else None

    # ── session state ──

    def start(self, attendance: Mapping[str, str] | Iterable[Attendance] | None = None) -> None:
        """Start the session: state running, date and start time from the wall clock, checkpoint.

        `attendance` (member code → present/late/absent/excused, or Attendance entries) replaces
        the attendance taken before the start, when given.
        """
        self._require_open()
        if self.session.state != "planned":
            raise NotRecording(t("recording.already", state=t(f"state.{self.session.state}")), state=self.session.state)
        entries = self.session.attendance if attendance is None else self._attendance(attendance)
        before = self.session.model_copy()
        wall = self._now()
        self.session.attendance = entries
        self.session.date = wall.date()
        self.session.start = wall.time().replace(microsecond=0)
        self.session.state = "running"
        self._offset = 0.0
        self._anchor = self._clock()
        try:
            self.checkpoint()
        except BaseException:
            # Not on disk, so not started: the screen must not show a session that a crash would
            # bring back as still planned.
            for name in ("attendance", "date", "start", "state"):
                setattr(self.session, name, getattr(before, name))
            self._rebuild()
            raise
        self._rebuild()  # attendance may have changed

    def pause(self) -> Event:
        """Pause the clock (time until `resume` is not counted) and checkpoint."""
        self._require_state("running")
        event = self._record(kind="pause", wall=self._wall_stamp())
        self._offset = event.at
        self.session.state = "paused"
        # The event is already durable in the journal; the checkpoint only folds it in. A pause is
        # a quiet moment, so it is a good time for the (slower) full-file write.
        self.checkpoint()
        return event

    def resume(self) -> Event:
        """Restart the clock after a pause."""
        self._require_state("paused")
        event = self._record(kind="resume", wall=self._wall_stamp())
        self.session.state = "running"
        self._anchor = self._clock()
        return event

    def end(self) -> None:
        """End the session: state ended, end time, checkpoint, remove the journal.

        The recorder stays open (and the group locked) until `close()`, but records nothing more.
        """
        self._require_open()
        self._require_not_locked()
        if self.session.state not in ("running", "paused"):
            raise NotRecording(
                t("recording.not_running", state=t(f"state.{self.session.state}")), state=self.session.state
            )
        self._offset = self.elapsed()
        before = (self.session.state, self.session.end)
        self.session.state = "ended"
        self.session.end = self._now().time().replace(microsecond=0)
        try:
            self.checkpoint()
        except BaseException:
            self.session.state, self.session.end = before
            self._anchor = self._clock()
            raise
        # Everything is in the session file and the journal is empty: nothing left to replay.
        self._journal.remove()

    # ── recording ──

    def speak(
        self,
        from_: str,
        to: str,
        role: str | None = None,
        ipa: int | None = None,
        valence: str | None = None,
        at: float | None = None,
    ) -> Event:
        """Record that `from_` (member code or `facilitator`) addressed `to` (member, `facilitator` or `group`).

        Both must be present; `role` is a mezzo role id, `ipa` a Bales category 1–12, `valence`
        positive/task/negative. `at` is when the act began (the speaker key, while its code was
        still being typed); see `_record`. Returns the recorded event once it is durable.
        """
        self._require_state("running")
        self._require_party(from_, speaking=True)
        self._require_party(to, speaking=False)
        if from_ == to:
            raise InvalidEvent(t("recording.self_speak", member=from_), member=from_)
        if role is not None and role not in MEZZO_ROLE_IDS:
            raise InvalidEvent(t("recording.bad_role", role=role), role=role)
        if ipa is not None and (isinstance(ipa, bool) or not isinstance(ipa, int) or not 1 <= ipa <= 12):
            raise InvalidEvent(t("recording.bad_ipa", ipa=ipa), ipa=ipa)
        return self._record(kind="speak", at=at, **{"from": from_}, to=to, role=role, ipa=ipa, valence=valence)

    def arrive(self, code: str) -> Event:
        """Record that a member arrived during the session (one marked late, or absent/excused who came anyway)."""
        self._require_state("running", "paused")
        self._require_member(code)
        if code in self.present():
            raise InvalidEvent(t("recording.already_present", member=code), member=code)
        return self._record(kind="arrive", **{"from": code})

    def leave(self, code: str) -> Event:
        """Record that a member left during the session."""
        self._require_state("running", "paused")
        self._require_member(code)
        if code not in self.present():
            raise InvalidEvent(t("recording.not_present", member=code), member=code)
        return self._record(kind="leave", **{"from": code})

    def note(self, text: str, safety: bool = False, at: float | None = None) -> Event:
        """Record a note; `safety=True` flags a disclosure or risk the supervisor must follow up.

        `at`: the moment the note is about (when its dialog opened), see `_record`."""
        self._require_state("running", "paused")
        if not text or not text.strip():
            raise InvalidEvent(t("recording.note_empty"))
        # One newline convention, so the journal and the TOML file (whose parser turns CR LF
        # into LF) hold the same text.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return self._record(kind="note", at=at, note=text, safety=bool(safety))

    def next_block(self) -> Event:
        """Record that the next agenda block of the plan starts now."""
        self._require_state("running")
        current = self.current_block()
        blocks = len(self.session.plan.agenda)
        if current is None or current + 1 >= blocks:
            raise InvalidEvent(t("recording.no_next_block"), blocks=blocks)
        return self._record(kind="agenda", block=current + 1)

    def undo(self) -> Event | None:
        """Withdraw the last standing act, note, arrival, departure or agenda step.

        The withdrawn event stays in `session.events` (the record keeps its history); an `undo`
        event pointing at it is recorded. Calling again walks further back. Returns the undo
        event, or None when there is nothing left to undo.
        """
        self._require_state("running", "paused")
        target = self.last_undoable()
        if target is None:
            return None
        return self._record(kind="undo", undoes=target.seq)

    def last_undoable(self) -> Event | None:
        """The event `undo()` would withdraw, or None (for the UI's "undo: …" hint)."""
        for event in reversed(self.session.events):
            if event.kind in UNDOABLE_KINDS and event.seq not in self._undone:
                return event
        return None

    # ── saving ──

    def checkpoint(self) -> Path:
        """Fold the journal into the session file: atomic write of the file, then empty the journal.

        The order is what makes a crash at any moment harmless:
        - crash during the atomic write → the old session file is intact and the journal still
          holds every event since the last checkpoint: the next open replays them all;
        - crash after the write, before the journal is emptied → the file already has the events
          and the journal still has them too: the next open skips every journal event whose seq
          is already in the file, so nothing is doubled;
        - emptying the journal first would open a window where an event is in neither.
        """
        self._require_open()
        self._require_lock()
        try:
            path = save_session(self.group_dir, self.session)
        except OSError as error:
            raise CheckpointFailed(error.errno, error.strerror or str(error), error.filename) from error
        if not self._journal.closed:  # closed only after end(), when it is already empty
            self._journal.truncate()
        self._pending = 0
        return path

    # ── the clock across a reopen ──

    def _wall_stamp(self) -> dt.datetime:
        """The wall-clock time for a pause or resume event (the model keeps it to the millisecond)."""
        return self._now()

    def _wall_offset(self) -> float | None:
        """Session time now by the wall clock: seconds since the start, less the pauses.

        None when it cannot be known: the session is not running, its start was not recorded, or a
        pause or resume lacks its wall-clock stamp (recorded by a version before stamps). Gaps
        need no subtracting: they are session time.
        """
        session = self.session
        if session.state != "running" or session.start is None:
            return None
        paused = 0.0
        paused_at: dt.datetime | None = None
        for event in session.events:
            if event.kind == "pause":
                if event.wall is None:
                    return None
                paused_at = event.wall
            elif event.kind == "resume":
                if event.wall is None or paused_at is None:
                    return None
                paused += max(0.0, (_naive(event.wall) - _naive(paused_at)).total_seconds())
                paused_at = None
        started = dt.datetime.combine(session.date, session.start)
        return (_naive(self._now()) - started).total_seconds() - paused

    def _record_gap(self) -> Event | None:
        """At open: record the time since the last recorded moment as a `gap`, and go on from it.

        A running session that is reopened lost the time between the last recorded moment and
        now: the group met on, but nothing was recorded. Treating it like a pause would pull
        every later act earlier and squeeze the timeline, the sociogram's time windows and the
        agenda's actual minutes. The wall clock measures it instead, and the gap runs from the
        last recorded moment (the idle time before a crash cannot be told apart from the outage,
        so it is in the gap too) to now. Less than GAP_MIN_SECONDS is the start's rounding, not
        a gap; more than GAP_MAX_SECONDS is another day, not an interruption; a clock that went
        backwards gives no gap either (the app says less when unsure).
        """
        now = self._wall_offset()
        if now is None:
            return None
        since = self._offset
        if not GAP_MIN_SECONDS <= now - since <= GAP_MAX_SECONDS:
            return None
        event = self._record(kind="gap", until=min(now, MAX_SESSION_SECONDS))
        self._offset = event.end_at
        self._anchor = self._clock()
        return event

    # ── internals ──

    def _record(self, at: float | None = None, **fields: Any) -> Event:
        """Build the next event, make it durable, then add it to the session.

        `at`, when given, is an earlier moment the event belongs to (an act whose code was typed
        later, a note written after its dialog opened); never later than now, and never before
        the last event, so the record stays in time order."""
        elapsed = self.elapsed() if at is None else min(max(at, 0.0), self.elapsed())
        last_at = self.session.events[-1].at if self.session.events else 0.0
        try:
            event = Event(seq=self.session.next_seq(), at=max(elapsed, last_at), **fields)
        except ValidationError as error:
            raise InvalidEvent(validation_message(error.errors()[0])) from None
        self._require_lock()
        self._journal.append(event)  # fsynced: from here on the event survives a crash
        self.session.events.append(event)
        self._pending += 1
        self._apply(event)
        return event

    def _rebuild(self) -> None:
        """Recompute presence, undone seqs and the current block from the whole record."""
        self._undone = self.session.undone_seqs()
        # A late member is expected, not here, until her arrival (sessions/presence.py).
        self._present = here_at_end(self.session.presence())
        self._block = 0
        for event in self.session.events:
            if event.kind == "agenda" and event.block is not None and event.seq not in self._undone:
                self._block = event.block

    def _apply(self, event: Event) -> None:
        """Update the derived state for one newly recorded (standing) event."""
        kind = event.kind
        if kind == "arrive" and event.from_ not in self._present:
            self._present.append(event.from_)  # type: ignore[arg-type]
        elif kind == "leave" and event.from_ in self._present:
            self._present.remove(event.from_)  # type: ignore[arg-type]
        elif kind == "agenda" and event.block is not None:
            self._block = event.block
        elif kind == "undo":
            # Rare, and it can change presence or the block in ways only a replay gets right.
            self._rebuild()

    def _require_open(self) -> None:
        if self._closed:
            raise NotRecording(t("recording.closed"), state="closed")

    def _lost_lock(self) -> bool:
        if not self.lock_lost and not self._lock.still_held():
            self.lock_lost = True
        return self.lock_lost

    def _require_lock(self) -> None:
        """Refuse to write once the lock file is gone or replaced (checked before every write)."""
        if self._lost_lock():
            raise LockLost(t("recording.lock_lost", group=self.group_dir.name), group=self.group_dir.name)

    def _require_not_locked(self) -> None:
        if self.session.locked:
            raise SessionLocked(t("recording.locked", number=self.session.number), number=self.session.number)

    def _require_state(self, *states: str) -> None:
        self._require_open()
        self._require_not_locked()
        state = self.session.state
        if state not in states:
            raise NotRecording(t(f"recording.hint_{state}"), state=state)

    def _require_member(self, code: str) -> None:
        if code not in self._codes:
            raise InvalidEvent(t("recording.not_member", member=code, group=self.group.name), member=code)

    def _require_party(self, code: str, *, speaking: bool) -> None:
        if code == FACILITATOR:
            return
        if code == GROUP:
            if speaking:
                raise InvalidEvent(t("recording.group_speaks"), member=code)
            return
        self._require_member(code)
        if code not in self.present():
            raise InvalidEvent(t("recording.absent_party", member=code), member=code)
        member = self.group.member(code)
        if member is not None and member.consent.declined_noting:
            # They attend, but said no to being noted: no act from or to them is recorded (not
            # even as an anonymous "member", which would still note what they did).
            raise InvalidEvent(t("privacy.declined_noting", member=code), member=code)

    def _attendance(self, attendance: Mapping[str, str] | Iterable[Attendance]) -> list[Attendance]:
        items = attendance.items() if isinstance(attendance, Mapping) else ((a.member, a) for a in attendance)
        entries: list[Attendance] = []
        for code, value in items:
            self._require_member(code)
            try:
                entry = value if isinstance(value, Attendance) else Attendance(member=code, status=value)
            except ValidationError:
                raise InvalidEvent(t("recording.bad_status", status=value), member=code) from None
            entries.append(entry)
        if len({e.member for e in entries}) != len(entries):
            raise InvalidEvent(t("recording.attendance_twice"))
        return entries


def _sweep_temp_files(group_dir: Path, number: int) -> None:
    """Remove temp files a crash left inside an atomic write of this session's file.

    They are never read (the session file is intact beside them), but they would pile up. Safe
    only because we hold the group's lock: no other process can be writing one right now.
    """
    for stale in (group_dir / SESSIONS_DIR).glob(f".{number:03d}.toml.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            pass  # tidying only; never a reason to refuse recording


def _same_event(a: Event, b: Event) -> bool:
    """The same event, field by field (a note's line endings may differ after a trip through TOML)."""
    if a.note is not None and b.note is not None:
        a = a.model_copy(update={"note": a.note.replace("\r\n", "\n")})
        b = b.model_copy(update={"note": b.note.replace("\r\n", "\n")})
    return a.model_dump() == b.model_dump()


class _Writer:
    """One writer's run of journal lines: increasing seqs, and where each of its seqs went."""

    def __init__(self, last: int) -> None:
        self.last = last
        self.moved: dict[int, int] = {}


def _merge(session: Session, events: list[Event], path: Path) -> tuple[int, int]:
    """Append journal events to the session in place; returns (events recovered, of them renumbered).

    A journal line whose seq is already in the session file and equals that event field by field
    was folded in by a checkpoint that crashed before it could empty the journal: it is skipped.

    A line with a seq already taken by *different* content comes from a second writer (two
    windows appended to one journal after the lock file was deleted). Each writer numbers its own
    events 1, 2, 3 … on from the same base, so the lines are split into runs of increasing seq,
    one per writer, and every event is kept: in journal order (which is time order, the file is
    appended to), numbered on from the last one kept, with each run's undos pointing at that run's
    renumbered events.
    """
    by_seq = {e.seq: e for e in session.events}
    base = session.events[-1].seq if session.events else 0
    last = base
    # Same rule as the Session model: an undo withdraws a standing, non-undo event, once.
    standing = {e.seq for e in session.events if e.kind != "undo"} - session.undone_seqs()
    writers = [_Writer(base)]
    recovered = renumbered = 0
    for line, event in enumerate(events, start=1):
        known = by_seq.get(event.seq)
        if known is not None and _same_event(known, event):
            continue  # checkpointed already (or a writer's line repeated)
        writer = _writer_for(writers, event.seq)
        if writer is None:
            writer = _Writer(0)
            writers.append(writer)
        writer.last = event.seq
        seq = event.seq if event.seq > last and writer is writers[0] and not writers[0].moved else last + 1
        update: dict[str, object] = {"seq": seq}
        if event.kind == "undo":
            target = writer.moved.get(event.undoes, event.undoes)  # type: ignore[arg-type]
            if target not in standing:
                raise DataError(path, line_place(line), t("recording.journal_bad_undo", undoes=event.undoes))
            standing.discard(target)
            update["undoes"] = target
        else:
            standing.add(seq)
        if seq != event.seq:
            writer.moved[event.seq] = seq
            if writer is not writers[0]:
                renumbered += 1
        kept = event.model_copy(update=update)
        session.events.append(kept)
        if seq == event.seq:
            by_seq[seq] = kept
        last = seq
        recovered += 1
        if session.state == "ended":
            continue
        if event.kind == "pause":
            session.state = "paused"
        elif event.kind == "resume" or session.state == "planned":
            # Events exist, so the session was running even if its start never reached the file.
            session.state = "running"
    return recovered, renumbered


def _writer_for(writers: list[_Writer], seq: int) -> _Writer | None:
    """The writer whose run this seq continues: the one it follows directly, else the first it fits after."""
    for writer in writers:
        if writer.last == seq - 1:
            return writer
    for writer in writers:
        if writer.last < seq:
            return writer
    return None


def tidy_ended_journals(group_dir: Path, lock: GroupLock) -> list[int]:
    """Remove journals left beside *ended* sessions whose every event is already in the session file.

    A kill between the end checkpoint and the journal's removal leaves one behind; it holds nothing
    the file lacks. Only with the group's lock held (no Recorder can be writing it), and a journal
    with anything new is left alone for `Recorder.open` to recover. Returns the session numbers tidied.
    """
    if not lock.held or not lock.still_held():
        return []
    tidied = []
    for path in sorted((Path(group_dir) / SESSIONS_DIR).glob("[0-9][0-9][0-9].journal")):
        number = int(path.stem)
        if Path(os.path.abspath(group_dir)) in _recording:
            break  # a live recording in this window owns its journal
        try:
            session = load_session(group_dir, number)
            replay = read_journal(path)
            if session.state != "ended" or replay.torn:
                continue
            recovered, _ = _merge(session.model_copy(deep=True), replay.events, path)
        except DataError:
            continue
        if recovered == 0:
            try:
                path.unlink()
            except OSError:
                continue
            tidied.append(number)
    return tidied


def unrecovered_journals(group_dir: Path) -> list[tuple[int, int]]:
    """(session number, events) for each journal holding events its session file does not have yet.

    Read-only (nothing is merged or written): what `export`, `report`, `stats` and `check` use to
    say that a session being recorded, or interrupted, has acts their output would leave out. A
    journal whose events are all in the file already (a kill after the end checkpoint) counts 0.
    A journal or session that cannot be read is left to `check` and the loaders to report.
    """
    from kelompok.sessions.store import session_number_of

    folder = Path(group_dir) / SESSIONS_DIR
    found: list[tuple[int, int]] = []
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("[0-9][0-9][0-9].journal")):
        number = session_number_of(path.stem + ".toml")
        if number is None:
            continue
        try:
            replay = read_journal(path)
            if not replay.events:
                continue
            session = load_session(group_dir, number).model_copy(deep=True)
            recovered, _ = _merge(session, replay.events, path)
        except DataError:
            continue
        if recovered:
            found.append((number, recovered))
    return found


__all__ = [
    "CheckpointFailed",
    "GroupBusy",
    "InvalidEvent",
    "LockLost",
    "NotRecording",
    "Recorder",
    "RecordingError",
    "SessionLocked",
    "UNDOABLE_KINDS",
    "tidy_ended_journals",
    "unrecovered_journals",
]
