"""The workspace list as the home screen shows it first: plain TOML reads, no pydantic, no catalogue models.

Start-up is measured (benchmarks/bench_startup.py): building the pydantic models of
`sessions.models` and the catalogue costs more than the rest of the first frame. So the home
screen lists groups from this light reading and then validates every group fully in a worker
(`GroupService.overview` and `store.load_group`), marking any group that does not validate.
See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kelompok.sessions.fileio import parse_toml

GROUP_FILE = "group.toml"
_SESSION_FILE = re.compile(r"^\d{3}\.toml$")
"""The same names as `sessions.store` counts (kept here so that this module stays light)."""
TYPES_FILE = Path(__file__).parent / "sessions" / "catalog" / "types.toml"


@dataclass(frozen=True)
class GroupLine:
    """One row of the home screen: what `group.toml` says at a glance; `problem` when it cannot be parsed."""

    path: Path
    name: str
    type: str
    members: int
    sessions: int
    problem: str = ""


def _sessions(folder: Path) -> int:
    try:
        return sum(1 for entry in os.scandir(folder / "sessions") if _SESSION_FILE.match(entry.name))
    except OSError:
        return 0


def list_group_lines(workspace: Path) -> list[GroupLine]:
    """The group folders of a workspace by folder name, each read as plain TOML."""
    if not workspace.is_dir():
        return []
    lines = []
    for entry in sorted(os.scandir(workspace), key=lambda e: e.name):
        folder = Path(entry.path)
        if not entry.is_dir() or entry.name.startswith(".") or not (folder / GROUP_FILE).is_file():
            continue
        try:
            data = parse_toml((folder / GROUP_FILE).read_bytes().decode("utf-8").removeprefix("\ufeff"))
            members = data.get("members", [])
            line = GroupLine(
                folder,
                str(data.get("name") or entry.name),
                str(data.get("type", "")),
                len(members) if isinstance(members, list) else 0,
                _sessions(folder),
            )
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            line = GroupLine(folder, entry.name, "", 0, _sessions(folder), str(error))
        lines.append(line)
    return lines


_TYPE_HEAD = re.compile(r"^\[\[types\]\]\n(id = .*\nname = .*)$", re.MULTILINE)
"""The two lines that open each `[[types]]` entry of the catalogue: its id and its name."""


@cache
def _type_names() -> dict[str, dict[str, str]]:
    # Only each type's first two lines are parsed: the whole catalogue file (descriptions, stage
    # notes, skeletons) took as long to parse as the rest of the home screen's list. Anything
    # unexpected (a type whose head reads otherwise): the whole file.
    text = TYPES_FILE.read_text(encoding="utf-8")
    heads = _TYPE_HEAD.findall(text)
    try:
        if len(heads) != text.count("\n[[types]]\n") + text.startswith("[[types]]\n"):
            raise ValueError("a type entry does not open with its id and name")
        parsed = [tomllib.loads(head) for head in heads]
        return {head["id"]: dict(head["name"]) for head in parsed}
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return {entry["id"]: entry["name"] for entry in tomllib.loads(text)["types"]}


def type_name(type_id: str, lang: str) -> str:
    """The group type's name in `lang`, from the catalogue file (the type id when unknown)."""
    return _type_names().get(type_id, {}).get(lang, type_id)
