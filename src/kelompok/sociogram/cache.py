"""A small on-disk cache of derived data, inside the group folder: `GROUP/.cache/NAME.json`.

Keyed by a fingerprint of the source files — (name, size, mtime_ns, inode) of `group.toml` and of
every `sessions/NNN.toml`. kelompok writes files by atomic replace, which always gives a new
inode, so even a rewrite within one clock tick and with the same size changes the key.

A cache is only ever a shortcut: a missing, unreadable, corrupt or outdated cache is ignored and
rebuilt, never an error; failing to write one (read-only folder) is ignored too. This module
imports only the standard library so that a warm hit stays cheap.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

CACHE_DIR = ".cache"
CACHE_VERSION = 1
"""Bump whenever the shape or the meaning of cached data changes, so old caches are rebuilt."""

_SESSION_NAME = re.compile(r"^\d{3}\.toml$")  # same rule as kelompok.sessions.store


def cache_path(group_dir: Path, name: str) -> Path:
    """Where the cache `name` of a group lives."""
    return group_dir / CACHE_DIR / f"{name}.json"


def _stamp(stat: os.stat_result) -> list[int]:
    return [stat.st_size, stat.st_mtime_ns, stat.st_ino]


def fingerprint(group_dir: Path) -> dict[str, Any]:
    """The key of a group's derived data: stamps of `group.toml` and every session file."""
    try:
        group = _stamp(os.stat(group_dir / "group.toml"))
    except OSError:
        group = None
    sessions = []
    try:
        with os.scandir(group_dir / "sessions") as entries:
            for entry in entries:
                if _SESSION_NAME.match(entry.name):
                    try:
                        sessions.append([entry.name, *_stamp(entry.stat())])
                    except OSError:
                        continue
    except OSError:
        pass
    sessions.sort()
    return {"version": CACHE_VERSION, "group": group, "sessions": sessions}


def read(group_dir: Path, name: str, key: dict[str, Any]) -> Any | None:
    """The cached value if its key matches, else None (also for any damage to the file)."""
    try:
        with open(cache_path(group_dir, name), "rb") as handle:
            stored = json.loads(handle.read())
        if isinstance(stored, dict) and stored.get("key") == key and "value" in stored:
            return stored["value"]
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        pass
    return None


def write(group_dir: Path, name: str, key: dict[str, Any], value: Any) -> bool:
    """Store a value atomically (0600 file in a 0700 folder). Returns False if it could not."""
    from kelompok.sessions.fileio import atomic_write_bytes

    data = json.dumps({"key": key, "value": value}, ensure_ascii=False, separators=(",", ":"))
    try:
        atomic_write_bytes(cache_path(group_dir, name), data.encode("utf-8"))
    except OSError:
        return False
    return True
