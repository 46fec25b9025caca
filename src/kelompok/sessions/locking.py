"""One writer per group: an OS lock on `GROUP/.lock`.

The lock is held by an open file handle, so the operating system releases it when the process
ends, even on kill -9 or power loss: a crash never leaves a group locked for good.
A second process that cannot take the lock opens the group read-only and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

from kelompok.sessions.fileio import FILE_MODE

LOCK_FILE = ".lock"

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class GroupLock:
    """Try to become the one writer of a group folder.

    `GroupLock(folder).acquire()` returns True when this process may write; False means another
    kelompok has the group open and this one must stay read-only. Release with `release()` or by
    using the lock as a context manager.
    """

    def __init__(self, group_dir: Path) -> None:
        self.path = group_dir / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return False  # a read-only folder (e.g. a supervisor's copy): read-only it is
        if not _try_lock(fd):
            os.close(fd)
            return False
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is a courtesy for humans; the lock itself is what counts
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the handle releases the OS lock
            self._fd = None

    def __enter__(self) -> GroupLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
