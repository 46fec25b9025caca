"""The workspace on disk: a folder of group folders, each `group.toml` + `sessions/NNN.toml`.

    workspace/
      kube-mawar/
        group.toml
        sessions/001.toml
        sessions/002.toml
        sessions/003.journal     ← only while a session is being recorded live
        .lock                    ← held by the one process that may write this group

Listing a workspace reads only the `group.toml` files; sessions are loaded on demand.
Nothing is ever written over a file that could not be read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from kelompok.i18n import t
from kelompok.sessions.fileio import (
    DataError,
    atomic_write_bytes,
    dump_model,
    field_place,
    make_private_dir,
    read_model,
)
from kelompok.sessions.models import Group, Session

GROUP_FILE = "group.toml"
SESSIONS_DIR = "sessions"
_SESSION_NAME = re.compile(r"^(\d{3})\.toml$")


def session_path(group_dir: Path, number: int) -> Path:
    """Where session `number` of a group lives."""
    return group_dir / SESSIONS_DIR / f"{number:03d}.toml"


def journal_path(group_dir: Path, number: int) -> Path:
    """Where the live-recording journal of session `number` lives."""
    return group_dir / SESSIONS_DIR / f"{number:03d}.journal"


def is_group_dir(path: Path) -> bool:
    """True when the folder holds a `group.toml`."""
    return (path / GROUP_FILE).is_file()


# ── reading ───────────────────────────────────────────────────────────────────────────────────


def load_group(group_dir: Path) -> Group:
    """Read and validate a group's `group.toml`. Raises DataError."""
    return read_model(Group, group_dir / GROUP_FILE)


def session_number_of(name: str) -> int | None:
    """The session number a file name stands for (`007.toml` → 7), None for any other file."""
    match = _SESSION_NAME.match(name)
    return int(match.group(1)) if match else None


def check_number_matches_name(path: Path, session: Session) -> None:
    """Refuse a session whose `number` disagrees with its file name (a copied file left unedited)."""
    named = session_number_of(path.name)
    if named is not None and named != session.number:
        raise DataError(path, field_place("number"), t("errors.number_mismatch", number=session.number, name=named))


def load_session_file(path: Path) -> Session:
    """Read and validate one session file. Raises DataError."""
    session = read_model(Session, path)
    check_number_matches_name(path, session)
    return session


def load_session(group_dir: Path, number: int) -> Session:
    """Read and validate session `number` of a group. Raises DataError."""
    return load_session_file(session_path(group_dir, number))


def session_numbers(group_dir: Path) -> list[int]:
    """The numbers of the sessions a group has on disk, in order (no file is read)."""
    folder = group_dir / SESSIONS_DIR
    if not folder.is_dir():
        return []
    numbers = []
    for entry in os.scandir(folder):
        number = session_number_of(entry.name)
        if number is not None:
            numbers.append(number)
    return sorted(numbers)


def load_sessions(group_dir: Path) -> list[Session]:
    """Every session of a group, in order. Raises DataError on the first bad file."""
    return [load_session(group_dir, n) for n in session_numbers(group_dir)]


def check_group_for_member_codes(group: Group, session: Session, path: Path) -> None:
    """Refuse a session that names people the group does not know."""
    known = {m.code for m in group.members}
    for entry in session.attendance:
        if entry.member not in known:
            raise DataError(path, field_place("attendance"), t("errors.not_member", code=entry.member))
    allowed_speakers = known | {"facilitator"}
    allowed_addressees = allowed_speakers | {"group"}
    for index, event in enumerate(session.events):
        if event.from_ is not None and event.from_ not in allowed_speakers:
            raise DataError(path, field_place(f"events[{index}].from"), t("errors.not_member", code=event.from_))
        if event.to is not None and event.to not in allowed_addressees:
            raise DataError(path, field_place(f"events[{index}].to"), t("errors.not_member", code=event.to))


@dataclass(frozen=True)
class GroupEntry:
    """One line of a workspace listing: a group folder and what its `group.toml` says."""

    path: Path
    group: Group | None
    error: DataError | None
    sessions: int

    @property
    def name(self) -> str:
        return self.group.name if self.group else self.path.name


def list_groups(workspace: Path) -> list[GroupEntry]:
    """The groups of a workspace, by folder name. Reads only `group.toml` files.

    A group whose file cannot be read is listed with its error, so the user sees it and
    nothing is hidden or overwritten.
    """
    if not workspace.is_dir():
        return []
    entries = []
    for entry in sorted(os.scandir(workspace), key=lambda e: e.name):
        if not entry.is_dir() or entry.name.startswith("."):
            continue
        folder = Path(entry.path)
        if not is_group_dir(folder):
            continue
        try:
            group, error = load_group(folder), None
        except DataError as problem:
            group, error = None, problem
        except Exception as problem:  # one bad file must never stop the listing (or the app)
            group, error = (
                None,
                DataError(folder / GROUP_FILE, "", t("errors.unusable", reason=f"{type(problem).__name__}: {problem}")),
            )
        entries.append(GroupEntry(folder, group, error, len(session_numbers(folder))))
    return entries


# ── where exports may go ───────────────────────────────────────────────────────────────────────


def output_refusal(out: Path) -> str | None:
    """Why an export or report must not be written to `out`, or None when it may.

    Nothing kelompok exports may land inside a group folder: `--out G/group.toml` would replace
    the roster, consent and audit trail, `--out G/sessions/005.toml` a session, and any other
    file there would sit among confidential data a sync tool then copies around. The settings file
    is refused too. Symlinks are followed, so a link pointing into a group is caught as well.
    """
    from kelompok.paths import config_file

    target = Path(os.path.abspath(out))
    for candidate in dict.fromkeys((target, target.resolve())):
        for folder in (candidate, *candidate.parents):
            if folder.is_dir() and is_group_dir(folder):
                return t("errors.out_in_group", path=out, group=folder)
    try:
        settings = config_file().resolve()
    except OSError:
        settings = None
    if settings is not None and target.resolve() == settings:
        return t("errors.out_settings", path=out)
    return None


# ── writing ───────────────────────────────────────────────────────────────────────────────────


def _refuse_unreadable(path: Path, model: type) -> None:
    """Never write over a file we could not read: the user may have data in it we would lose.

    The file is read again on every save (~10 ms for 5,000 events with the fast parser), so a
    file changed behind our back since we read it is checked as it is now.
    """
    if not path.exists():
        return
    try:
        read_model(model, path)
    except DataError as error:
        raise DataError(path, "", t("errors.not_saved", place=error.place, problem=error.problem)) from None


def save_group(group_dir: Path, group: Group) -> Path:
    """Write `group.toml` atomically (0600 in a 0700 folder)."""
    path = group_dir / GROUP_FILE
    _refuse_unreadable(path, Group)
    make_private_dir(group_dir)
    atomic_write_bytes(path, dump_model(group))
    return path


def save_session(group_dir: Path, session: Session) -> Path:
    """Write `sessions/NNN.toml` atomically."""
    path = session_path(group_dir, session.number)
    _refuse_unreadable(path, Session)
    make_private_dir(path.parent)
    # The count lets a load notice a file cut short; the session in memory is left as it is. The
    # format goes up only when the record needs it (a gap, a wall-clock stamp), so every other
    # file stays readable by older versions.
    update = {"event_count": len(session.events), "format": session.file_format()}
    atomic_write_bytes(path, dump_model(session.model_copy(update=update)))
    return path


def next_session_number(group_dir: Path) -> int:
    """The number a new session of this group gets."""
    numbers = session_numbers(group_dir)
    return numbers[-1] + 1 if numbers else 1
