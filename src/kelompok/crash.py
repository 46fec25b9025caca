"""The top-level crash handler: one line for the user, the details in a private log file.

Textual's own crash screen prints the traceback *with every local variable* of every frame. In a
kelompok crash those locals are members' names, absence reasons ("sidang cerai …") and the text of
`group.toml`: confidential data on the terminal, in a screenshot, or in a bug report pasted into a
chat. So an unexpected error is written, without locals, to a crash log only the user can read
(0600 in a 0700 folder), and the terminal gets one line in the user's language with its path.

The exception's own message is left out of the terminal line too, because it can quote user data
(a markup error quotes the name that caused it). No Textual here: the CLI uses it as well.
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

from kelompok import __version__
from kelompok.i18n import t
from kelompok.sessions.fileio import FILE_MODE, make_private_dir

EXIT_CRASH = 70
"""Exit code of a crash (EX_SOFTWARE)."""


def crash_dir() -> Path:
    """Where crash logs go: beside the user's data (`KELOMPOK_HOME`), else the platform's log folder."""
    override = os.environ.get("KELOMPOK_HOME")
    if override:
        return Path(override).expanduser() / ".crash"
    from platformdirs import user_log_path

    return user_log_path("kelompok", appauthor=False)


def write_crash_log(error: BaseException, *, now: dt.datetime | None = None) -> Path | None:
    """Write the traceback (no local variables) to a new private file; None if even that fails."""
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    text = (
        f"kelompok {__version__} crash at {stamp}\n"
        # format_exception never prints locals, only the lines of code and the exception itself.
        + "".join(traceback.format_exception(type(error), error, error.__traceback__))
    )
    try:
        folder = crash_dir()
        make_private_dir(folder)
        for attempt in range(100):
            path = folder / (f"crash-{stamp}.log" if attempt == 0 else f"crash-{stamp}-{attempt}.log")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                os.fchmod(handle.fileno(), FILE_MODE)  # the umask cannot widen it, but may narrow it oddly
                handle.write(text)
            return path
    except OSError:
        pass
    return None


def crash_line(log: Path | None) -> str:
    """The one line the user sees, in their language."""
    if log is None:
        return t("crash.message_no_log")
    return t("crash.message", path=log)


def report_crash(error: BaseException) -> str:
    """Log the crash privately and return the line to show."""
    return crash_line(write_crash_log(error))
