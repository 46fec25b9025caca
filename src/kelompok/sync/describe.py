"""What changed between two versions of a workspace, in the user's words.

Used twice: for the commit message of local changes ("Sesi 7 KUBE Mawar dicatat") and for what
arrived at a sync ("2 sesi dikembalikan supervisor"). It compares parsed files, not text lines, so
a new comment and a return are told apart from an edit of the notes.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import PurePosixPath
from typing import Any

from kelompok.i18n import t
from kelompok.sessions.fileio import parse_toml
from kelompok.sessions.store import GROUP_FILE, SESSIONS_DIR, session_number_of

Reader = Callable[[str], bytes | None]
"""Gives a repo-relative file's bytes in one version, or None when it is not there."""

# Kinds of change, in the order a message lists them.
KINDS = (
    "group_created",
    "group_updated",
    "recorded",
    "planned",
    "submitted",
    "commented",
    "returned",
    "signed_off",
    "amended",
    "updated",
    "removed",
    "other",
)


BODY_LINES = 50
"""At most this many changes are listed in a commit message's body."""


@dataclass(frozen=True)
class Change:
    """One thing that changed: its kind, the group folder, and for sessions the number."""

    kind: str
    group: str
    """The group folder name (first path part)."""
    group_name: str
    number: int | None = None
    author: str = ""

    def phrase(self) -> str:
        """One line in the current language, e.g. `Sesi 7 KUBE Mawar dicatat`."""
        return t(f"sync.change.{self.kind}", number=self.number or 0, group=self.group_name, author=self.author)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _parse(raw: bytes | None) -> dict | None:
    """A file's content for describing it; {} when it cannot be read (it is then only "updated").

    A first sync describes thousands of files, so they are parsed with the fast parser."""
    if raw is None:
        return None
    try:
        return parse_toml(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return {}


def _session_changes(old: dict | None, new: dict | None, differs: bool = True) -> list[tuple[str, str]]:
    """(kind, author) pairs for one session file."""
    if new is None:
        return [("removed", "")]
    kinds: list[tuple[str, str]] = []
    if old is None:
        kinds.append(
            ("planned" if new.get("state", "planned") == "planned" and not new.get("events") else "recorded", "")
        )
        old = {}
    elif len(new.get("events", [])) > len(old.get("events", [])) or (
        new.get("state") == "ended" and old.get("state") != "ended"
    ):
        kinds.append(("recorded", ""))
    old_review, new_review = old.get("review", {}), new.get("review", {})
    old_comments, new_comments = old_review.get("comments", []), new_review.get("comments", [])
    if len(new_comments) > len(old_comments):
        kinds.append(("commented", str(new_comments[-1].get("author", ""))))
    status = new_review.get("status", "draft")
    if status != old_review.get("status", "draft"):
        if status == "submitted":
            kinds.append(("submitted", ""))
        elif status == "returned":
            kinds.append(("returned", ""))
        elif status == "reviewed":
            kinds.append(("signed_off", str(new_review.get("signoff", {}).get("by", ""))))
    if len(new_review.get("amendments", [])) > len(old_review.get("amendments", [])):
        kinds.append(("amended", ""))
    if not kinds and differs:
        kinds.append(("updated", ""))
    return kinds


def describe(paths: list[str], before: Reader, after: Reader) -> list[Change]:
    """The changes to `paths` (repo-relative, `/`-separated) from `before` to `after`."""
    names: dict[str, str] = {}

    def group_name(folder: str) -> str:
        if folder not in names:
            data = _parse(after(f"{folder}/{GROUP_FILE}")) or _parse(before(f"{folder}/{GROUP_FILE}")) or {}
            names[folder] = str(data.get("name") or folder)
        return names[folder]

    changes: list[Change] = []
    for path in paths:
        parts = PurePosixPath(path).parts
        if len(parts) == 1 and path.startswith("."):
            continue  # kelompok's own .gitignore
        if len(parts) == 2 and parts[1] == GROUP_FILE:
            old, new = before(path), after(path)
            kind = "group_created" if old is None else ("removed" if new is None else "group_updated")
            changes.append(Change(kind, parts[0], group_name(parts[0])))
            continue
        number = session_number_of(parts[-1]) if len(parts) == 3 and parts[1] == SESSIONS_DIR else None
        if number is None:
            changes.append(Change("other", parts[0] if len(parts) > 1 else "", ""))
            continue
        old_raw, new_raw = before(path), after(path)
        for kind, author in _session_changes(_parse(old_raw), _parse(new_raw), old_raw != new_raw):
            changes.append(Change(kind, parts[0], group_name(parts[0]), number, author))
    order = {kind: index for index, kind in enumerate(KINDS)}
    return sorted(changes, key=lambda c: (order[c.kind], c.group, c.number or 0))


def commit_message(changes: list[Change]) -> str:
    """A subject line naming the first changes, and a body with every change, one a line."""
    phrases = [c.phrase() for c in changes if c.kind != "other"]
    others = sum(1 for c in changes if c.kind == "other")
    if others:
        phrases.append(t("sync.change.other", count=others))
    if not phrases:
        return t("sync.change.nothing")
    subject = "; ".join(phrases[:2])
    if len(phrases) > 2:
        subject += " " + t("sync.change.and_more", count=len(phrases) - 2)
    body = "\n".join(f"- {p}" for p in phrases[:BODY_LINES])
    if len(phrases) > BODY_LINES:  # a first sync of a whole workspace: the log stays readable
        body += "\n" + t("sync.change.and_more", count=len(phrases) - BODY_LINES)
    return subject if len(phrases) == 1 else f"{subject}\n\n{body}"


def arrival_summary(changes: list[Change]) -> list[str]:
    """What arrived, counted by kind: `2 sesi dikembalikan supervisor`, `1 sesi baru dicatat`."""
    counts = Counter(c.kind for c in changes if c.kind != "other")
    return [t(f"sync.arrived.{kind}", count=counts[kind]) for kind in KINDS if counts.get(kind)]
