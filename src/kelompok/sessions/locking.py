"""One writer per group: an OS lock on `GROUP/.lock`, shared by everything in this process.

The lock is held by an open file handle, so the operating system releases it when the process
ends, even on kill -9 or power loss: a crash never leaves a group locked for good.
A second process that cannot take the lock opens the group read-only and says so.

Inside one process the lock is shared: the group screen, the plan editor and the live recorder
of the same kelompok window are one writer, not rivals. (flock belongs to the open file, so two
opens in one process would otherwise refuse each other, and every screen would have to pass the
lock around by hand.) The OS lock is taken by the first `acquire` and given back by the last
`release`.
"""

from __future__ import annotations

import os
import threading
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


# lock file → [open fd holding the OS lock, number of GroupLock objects sharing it]
_held: dict[Path, list[int]] = {}
_registry = threading.Lock()


class GroupLock:
    """Try to become the writer of a group folder (shared with the rest of this process).

    `GroupLock(folder).acquire()` returns True when this process may write; False means another
    kelompok process has the group open and this one must stay read-only. Release with
    `release()` or by using the lock as a context manager.
    """

    def __init__(self, group_dir: Path) -> None:
        self.path = Path(group_dir) / LOCK_FILE
        self._key = Path(os.path.abspath(self.path))
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def acquire(self) -> bool:
        if self._held:
            return True
        with _registry:
            entry = _held.get(self._key)
            if entry is None:
                fd = self._lock_file()
                if fd is None:
                    return False
                entry = _held[self._key] = [fd, 0]
            entry[1] += 1
        self._held = True
        return True

    def _lock_file(self) -> int | None:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        except OSError:
            return None  # a read-only folder (e.g. a supervisor's copy): read-only it is
        if not _try_lock(fd):
            os.close(fd)
            return None
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass  # the pid is a courtesy for humans; the lock itself is what counts
        return fd

    def still_held(self) -> bool:
        """True while `GROUP/.lock` on disk is still the file our OS lock is held on.

        A sync tool or a "clean hidden files" step can delete the lock file during a session; the
        lock we hold then sits on a file nobody else can see, and a second window that creates a
        new `.lock` gets write access. Comparing the identity (device, inode) of the file we hold
        with the one at the path is how a writer notices it has lost the lock and must stop.
        """
        if not self._held:
            return False
        with _registry:
            entry = _held.get(self._key)
            if entry is None:
                return False
            try:
                mine = os.fstat(entry[0])
                there = os.stat(self.path)
            except OSError:
                return False
        return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)

    def release(self) -> None:
        if not self._held:
            return
        with _registry:
            entry = _held[self._key]
            entry[1] -= 1
            if entry[1] == 0:
                os.close(entry[0])  # closing the handle releases the OS lock
                del _held[self._key]
        self._held = False

    def __enter__(self) -> GroupLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
