"""The git merge driver kelompok installs: `python -m kelompok.sync.driver %O %A %B %P`.

git calls it for `group.toml` and `sessions/NNN.toml` when both sides changed the file. It merges
the three parsed versions at the model level (`sync.merge`), writes the result over %A, records
true conflicts for the user, and exits 0. It exits 1 (git then counts the file as conflicted, and
sync aborts the whole merge, leaving the workspace as it was) only when a version cannot be read.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from kelompok.sessions.fileio import atomic_write_bytes, dump_model
from kelompok.sessions.models import Group, Session
from kelompok.sync.conflicts import record_conflicts
from kelompok.sync.merge import merge_group, merge_session


def _read(path: str) -> dict:
    raw = Path(path).read_bytes()
    return tomllib.loads(raw.decode("utf-8")) if raw.strip() else {}


def merge_files(base: str, ours: str, theirs: str, name: str, workspace: Path) -> None:
    """Merge the three versions of `name` (repo-relative) into the file `ours`."""
    is_group = Path(name).name == "group.toml"
    result = (merge_group if is_group else merge_session)(_read(base), _read(ours), _read(theirs))
    model = (Group if is_group else Session).model_validate(result.data)
    atomic_write_bytes(Path(ours), dump_model(model))
    record_conflicts(workspace, name, result.conflicts)


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        sys.stderr.write("usage: python -m kelompok.sync.driver BASE OURS THEIRS PATH\n")
        return 2
    try:
        merge_files(*argv, workspace=Path.cwd())  # git runs drivers at the top of the work tree
    except Exception as error:  # any unreadable version: let git count it as a conflict
        sys.stderr.write(f"kelompok merge driver: {argv[3]}: {error}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
