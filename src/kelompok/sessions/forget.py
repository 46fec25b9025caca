"""Erase a member from a group (UU 27/2022 Pelindungan Data Pribadi: the right to erasure).

    kelompok forget GROUP_DIR MEMBER_CODE [--dry-run]

What `forget` does, in every file of the group folder:

* the member's roster entry keeps only its code, seat and joined/left numbers (what the
  sociograms need); name, nicknames, attributes, consent and guardian record, and the under-18 and
  mandated marks are removed, and the entry is marked `forgotten`;
* every free text (notes, note events, absence reasons, plan fields and evidence, comments,
  amendments, audit details, follow-up notes …) has the member's full name, name parts and
  nicknames replaced by the code (`names.name_rules`: a part shared with someone else becomes the
  placeholder, so no one else's name is pinned on the code);
* the anonymous acts stay, so the group's sociograms and counts stay true;
* one audit entry (`forget`, the code and how many files changed) is added: it holds nothing
  that was erased. A signed-off session gets the same line in its review trail, because its
  text changed after sign-off.

Only the member's own attribute values are removed from the roster; another member's values, even
the same ones, stay. A leftover live journal refuses the erasure: it is folded in when the
session is opened next, and must be, before anything in the session is rewritten.
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kelompok.i18n import t
from kelompok.sessions.fileio import DataError
from kelompok.sessions.models import AuditEntry, Consent, Group, Session
from kelompok.sessions.names import Rules, name_rules, substitute
from kelompok.sessions.store import (
    GROUP_FILE,
    journal_path,
    load_group,
    load_session,
    save_group,
    save_session,
    session_numbers,
    session_path,
)

# Keys that hold codes, ids and numbers, or the names of other people (members, facilitators,
# supervisors, whose own names may share a part with the forgotten member's), never free text
# about the member: left as they are.
_STRUCTURAL = frozenset(
    {
        "name",
        "nicknames",
        "facilitators",
        "who",
        "author",
        "by",
        "code",
        "member",
        "from",
        "to",
        "seating",
        "kind",
        "role",
        "ipa",
        "valence",
        "status",
        "type",
        "relation",
        "format",
        "mode",
        "stage",
        "result",
        "action",
        "reported_to",
        "coding",
        "state",
        "secondary_types",
        "planned_roles",
        "roles",
        "ethics",
        "analysable_attributes",
        "population",
    }
)


class ForgetError(Exception):
    """The member cannot be forgotten as asked; the message is ready to show."""


@dataclass
class Change:
    """One free text (or the roster entry) that changes."""

    path: Path
    place: str
    """Where in the file (`events[3].note`, `members[2]`)."""
    before: str
    after: str


@dataclass
class ForgetPlan:
    """Everything `forget` changes; `apply_forget` writes it."""

    group_dir: Path
    code: str
    group: Group
    sessions: dict[int, Session] = field(default_factory=dict)
    """The sessions that change, already rewritten (in memory)."""
    changes: list[Change] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """The files that change, group file first."""
        return list(dict.fromkeys(c.path for c in self.changes))


def _walk(data: Any, rules: Rules, place: str, found: list[tuple[str, str, str]]) -> Any:
    if isinstance(data, dict):
        return {
            k: (v if k in _STRUCTURAL else _walk(v, rules, f"{place}.{k}" if place else k, found))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_walk(v, rules, f"{place}[{i}]", found) for i, v in enumerate(data)]
    if isinstance(data, str):
        after = substitute(data, rules)
        if after != data:
            found.append((place, data, after))
        return after
    return data


def _rewrite(model: Any, rules: Rules) -> tuple[Any, list[tuple[str, str, str]]]:
    found: list[tuple[str, str, str]] = []
    data = _walk(model.model_dump(mode="json", by_alias=True, exclude_none=True), rules, "", found)
    return type(model).model_validate(data), found


def plan_forget(group_dir: Path, code: str, placeholder: str | None = None) -> ForgetPlan:
    """What forgetting `code` changes, without writing anything. Raises ForgetError or DataError."""
    group = load_group(group_dir)
    member = group.member(code)
    if member is None:
        raise ForgetError(t("privacy.forget_no_member", code=code, path=group_dir))
    if member.forgotten:
        raise ForgetError(t("privacy.forget_already", code=code))
    for number in session_numbers(group_dir):
        if journal_path(group_dir, number).exists():
            raise ForgetError(t("privacy.forget_journal", number=number))
    others = [m for m in group.members if m.code != code]
    rules = name_rules([member], others, group.facilitators, placeholder or t("export.redacted"))
    plan = ForgetPlan(group_dir, code, group)
    group_file = group_dir / GROUP_FILE

    index = group.members.index(member)
    blank = member.model_copy(
        update={
            "name": code,
            "nicknames": [],
            "attributes": {},
            "consent": Consent(),
            "minor": False,
            "mandated": False,
            "forgotten": True,
        }
    )
    members = list(group.members)
    members[index] = blank
    rewritten, found = _rewrite(group.model_copy(update={"members": members}), rules)
    plan.changes.append(Change(group_file, f"members[{index}]", _describe(member), code))
    plan.changes += [Change(group_file, place, before, after) for place, before, after in found]
    plan.group = rewritten

    for number in session_numbers(group_dir):
        session = load_session(group_dir, number)
        new, found = _rewrite(session, rules)
        if found:
            plan.sessions[number] = new
            plan.changes += [
                Change(session_path(group_dir, number), place, before, after) for place, before, after in found
            ]
    return plan


def _describe(member: Any) -> str:
    parts = [member.name, *member.nicknames, *(f"{k}={v}" for k, v in member.attributes.items())]
    return "; ".join(parts)


def apply_forget(plan: ForgetPlan, who: str, now: dt.datetime | None = None) -> list[Path]:
    """Write the plan (sessions first, the group file with its audit entry last). Returns the files written."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    entry = AuditEntry(at=now, who=who, action="forget", detail=f"member={plan.code} files={len(plan.files)}")
    written = []
    for _number, session in sorted(plan.sessions.items()):  # in file order
        if session.locked:
            session.review.trail.append(entry)
        written.append(save_session(plan.group_dir, session))
    plan.group.audit.append(entry)
    written.insert(0, save_group(plan.group_dir, plan.group))
    # Derived caches (the stats cache) were computed from the erased data: drop them, they are
    # rebuilt from the files on the next read.
    shutil.rmtree(plan.group_dir / ".cache", ignore_errors=True)
    return written


def synced_workspace(group_dir: Path) -> Path | None:
    """The folder holding `.git` when the group (or its workspace) is under git, else None."""
    for folder in (group_dir, group_dir.parent):
        if (folder / ".git").exists():
            return folder
    return None


__all__ = ["Change", "DataError", "ForgetError", "ForgetPlan", "apply_forget", "plan_forget", "synced_workspace"]
