"""True conflicts waiting for the user: both versions kept, one picked later.

The merge driver keeps the local value in the file (which stays valid) and records the other
version here, in the workspace's git folder (`.git/kelompok/conflicts.json`). It is machine-local on
purpose: the machine that merged is the one whose user must choose, and the other version is also
in git history, so nothing is lost even if this file were deleted.
"""

from __future__ import annotations

import datetime as dt
import json
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from kelompok.i18n import t
from kelompok.sessions.fileio import atomic_write_bytes, dump_model, validate
from kelompok.sessions.locking import GroupLock
from kelompok.sync.merge import Conflict, apply_choice

CONFLICTS_FILE = Path(".git") / "kelompok" / "conflicts.json"


class ConflictBusy(Exception):
    """The group is being written by another kelompok (or recorded live): pick again later."""


@dataclass
class PendingConflict:
    """One recorded conflict: the file (relative to the workspace), the field, both versions."""

    id: int
    path: str
    field: list[str]
    ours: Any
    theirs: Any
    base: Any
    at: str

    @property
    def where(self) -> str:
        return ".".join(self.field) or "*"


def _file(workspace: Path) -> Path:
    return Path(workspace) / CONFLICTS_FILE


def load_conflicts(workspace: Path) -> list[PendingConflict]:
    path = _file(workspace)
    if not path.is_file():
        return []
    return [PendingConflict(**item) for item in json.loads(path.read_text(encoding="utf-8"))]


def _save(workspace: Path, items: list[PendingConflict]) -> None:
    text = json.dumps([asdict(item) for item in items], ensure_ascii=False, indent=1)
    atomic_write_bytes(_file(workspace), text.encode("utf-8"))


def record_conflicts(workspace: Path, path: str, conflicts: list[Conflict]) -> None:
    """Add conflicts of one merged file; a conflict already waiting on the same field is replaced
    by the newer one (its `ours` is what the file now holds)."""
    if not conflicts:
        return
    items = load_conflicts(workspace)
    fields = {(path, tuple(c.field)) for c in conflicts}
    items = [item for item in items if (item.path, tuple(item.field)) not in fields]
    next_id = max((item.id for item in items), default=0) + 1
    now = dt.datetime.now().replace(microsecond=0).isoformat()
    for offset, conflict in enumerate(conflicts):
        items.append(
            PendingConflict(next_id + offset, path, conflict.field, conflict.ours, conflict.theirs, conflict.base, now)
        )
    _save(workspace, items)


def resolve(workspace: Path, conflict_id: int, choice: str) -> PendingConflict:
    """Keep `ours` (the file is already right) or put `theirs` into the file; the conflict is done.

    The file is written through the model, so the choice must still make a valid file.
    Raises KeyError for an unknown id, ConflictBusy when another process holds the group, DataError
    when the chosen version does not fit any more.
    """
    from kelompok.sessions.models import Group, Session

    items = load_conflicts(workspace)
    item = next((c for c in items if c.id == conflict_id), None)
    if item is None:
        raise KeyError(conflict_id)
    if choice == "theirs":
        target = Path(workspace) / item.path
        group_dir = Path(workspace) / item.path.split("/", 1)[0]
        with GroupLock(group_dir) as lock:  # the group's one writer, as for every other save
            if not lock.held:
                raise ConflictBusy(t("sync.busy", groups=group_dir.name))
            with open(target, "rb") as handle:
                data = tomllib.load(handle)
            data = apply_choice(data, list(item.field), item.theirs)
            model = Group if target.name == "group.toml" else Session
            atomic_write_bytes(target, dump_model(validate(model, data, target)))
    _save(workspace, [c for c in items if c.id != conflict_id])
    return item
