"""The crash-safe journal of a session being recorded live: `sessions/NNN.journal`.

One JSON object per line, one line per event, appended and fsynced before the event is
acknowledged. The session file (`NNN.toml`) is rewritten only at checkpoints; between two
checkpoints the journal is the only durable copy of what was recorded.

Why a torn *last* line is dropped but a bad *middle* line is an error: each line is written with a
single `os.write` and fsynced before the caller returns, so every acknowledged line is complete,
newline included, on disk. Only the line being written when the process died or the power went can
be incomplete — and that one was never acknowledged. A bad line with good lines after it cannot
come from a crash; it means the file was damaged or edited, and we refuse to guess.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kelompok.i18n import t
from kelompok.sessions.fileio import (
    FILE_MODE,
    DataError,
    field_path,
    field_place,
    fsync_dir,
    line_place,
    make_private_dir,
    validation_message,
)
from kelompok.sessions.models import Event


@dataclass
class Replay:
    """What a journal file held: the events of its complete lines, and whether a torn tail was dropped."""

    events: list[Event] = field(default_factory=list)
    """Events of the good lines, in file order."""
    torn: bool = False
    """The last line was incomplete or undecodable and was left out."""
    good_bytes: int = 0
    """Length of the file up to the end of the last good line (where appending may continue)."""


def encode_event(event: Event) -> bytes:
    """One journal line for an event: compact JSON, newline-terminated, defaults left out.

    JSON escapes newlines inside strings, so a note with line breaks still takes one line.
    """
    text = event.model_dump_json(exclude_none=True, exclude_defaults=True, by_alias=True)
    return text.encode("utf-8") + b"\n"


def _decode(raw: bytes) -> object:
    """Parse one line's bytes as JSON; raises ValueError (incl. UnicodeDecodeError) when undecodable."""
    return json.loads(raw.decode("utf-8"))


def _event_from(data: object, path: Path, line: int) -> Event:
    if not isinstance(data, dict):
        raise DataError(path, line_place(line), t("errors.journal_not_object"))
    try:
        return Event.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        place = field_path(tuple(first["loc"]))
        where = f"{line_place(line)}, {field_place(place)}" if place else line_place(line)
        raise DataError(path, where, validation_message(first)) from None


def read_journal(path: Path) -> Replay:
    """Read a journal file. A missing file is an empty journal.

    Raises DataError (naming the file and line) for a bad line that is not the last one, or for a
    line that decodes but is not a valid event.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Replay()
    except OSError as error:
        raise DataError(path, "", t("errors.cannot_read", reason=error.strerror)) from None
    replay = Replay()
    lines = raw.split(b"\n")
    # `split` leaves the text after the last newline as the final item: empty when the file ends
    # with a newline (the normal case), a fragment when the last write was torn.
    complete, tail = lines[:-1], lines[-1]
    offset = 0
    for index, line_bytes in enumerate(complete):
        number = index + 1
        is_last = index == len(complete) - 1 and not tail
        try:
            data = _decode(line_bytes)
        except ValueError:
            if is_last:
                # A complete-looking but undecodable last line: garbage a power loss left where
                # the unacknowledged write was going (e.g. zeros). It was never acknowledged.
                replay.torn = True
                return replay
            raise DataError(path, line_place(number), t("errors.journal_bad_line")) from None
        replay.events.append(_event_from(data, path, number))
        offset += len(line_bytes) + 1
        replay.good_bytes = offset
    if tail:
        replay.torn = True  # no newline: the write in progress at the crash; never acknowledged
    return replay


class Journal:
    """An open journal file that events are appended to, durably, one line at a time.

    The file descriptor stays open between appends (opening per event would cost a syscall and a
    path lookup each time). `append` returns only after the line is fsynced.
    """

    def __init__(self, path: Path) -> None:
        """Open (creating if needed, 0600) the journal at `path` for appending.

        A torn tail left by a crash is cut off first: appending after it would glue the next line
        onto the fragment and turn it into a bad *middle* line. Raises DataError if the journal
        holds a bad middle line (see `read_journal`).
        """
        self.path = path
        make_private_dir(path.parent)
        existed = path.exists()
        replay = read_journal(path)
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, FILE_MODE)
        try:
            os.fchmod(fd, FILE_MODE)  # the umask may not reach, and an old file may be wider
            size = os.fstat(fd).st_size
            if replay.torn or size != replay.good_bytes:
                os.ftruncate(fd, replay.good_bytes)
                os.fsync(fd)
                size = replay.good_bytes
            if not existed:
                # A new file's directory entry is not durable until the folder is fsynced: without
                # this, a power loss could lose the whole journal even though its lines were synced.
                fsync_dir(path.parent)
        except BaseException:
            os.close(fd)
            raise
        self._fd: int | None = fd
        self._size = size
        self._broken: str | None = None

    @property
    def closed(self) -> bool:
        return self._fd is None

    @property
    def size(self) -> int:
        """Bytes in the journal (all complete lines)."""
        return self._size

    def _require_fd(self) -> int:
        if self._fd is None:
            raise ValueError(f"journal {self.path} is closed")
        if self._broken:
            raise OSError(f"journal {self.path} cannot be written any more: {self._broken}")
        return self._fd

    def append(self, event: Event) -> None:
        """Append one event and fsync; when this returns the event survives kill -9 and power loss.

        On failure (disk full, I/O error) the file is cut back to its previous length so that no
        half line is left for the next append to collide with, and the error is raised: the caller
        must not treat the event as recorded.
        """
        fd = self._require_fd()
        line = encode_event(event)
        try:
            # One write call for the whole line: with O_APPEND it lands at the end in one piece,
            # so a kill can leave at most this one line incomplete (see read_journal).
            written = os.write(fd, line)
            if written != len(line):
                raise OSError(f"short write to {self.path} ({written} of {len(line)} bytes; disk full?)")
            os.fsync(fd)
        except BaseException:
            self._roll_back()
            raise
        self._size += len(line)

    def _roll_back(self) -> None:
        """Cut the file back to the last acknowledged line after a failed append."""
        assert self._fd is not None
        try:
            os.ftruncate(self._fd, self._size)
            os.fsync(self._fd)
        except OSError as error:
            # We can no longer tell what is on disk after the last good line; a further append
            # could write a second event with the same seq. Refuse instead of corrupting.
            self._broken = f"rolling back a failed write failed ({error})"

    def truncate(self) -> None:
        """Empty the journal (after a checkpoint has made its events durable in the session file)."""
        fd = self._require_fd()
        os.ftruncate(fd, 0)
        os.fsync(fd)
        self._size = 0

    def close(self) -> None:
        """Close the file; the journal stays on disk as it is."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """Close and delete the journal (at the end of a session, once everything is in the session file)."""
        self.close()
        try:
            os.unlink(self.path)
        except FileNotFoundError:
            return
        fsync_dir(self.path.parent)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
