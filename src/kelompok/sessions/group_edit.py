"""Editing a group after it was created: what changed, the audit line, and the rules that keep
history true (see docs/ARCHITECTURE.md, "The group service").

The group editor screen changes a copy of the group; `record_edit` then compares the copy with the
group as saved, refuses what would rewrite history, and writes one audit entry. The rules:

* member codes never change and no member is removed: every act, sociogram and report names
  members by code, so a changed or reused code would pin old acts on someone else. A member who
  leaves is *retired* (`Member.left`: the last session they belonged to); erasure is `forget`;
* a new member gets a code that no member of the group ever had (`propose_code`);
* the audit detail names member codes and the ids of what changed (`P4: consent`), never the
  values: names, nicknames and consent givers stay out of the trail, like in the other entries.

No Textual here.
"""

from __future__ import annotations

import datetime as dt
import re

from kelompok.i18n import t
from kelompok.sessions.models import AuditEntry, Group, Member, is_member_code

EDIT_ACTION = "group_edited"
"""The audit action of a saved group edit."""

MEMBER_FIELDS = ("name", "nicknames", "consent", "minor", "mandated", "joined", "left", "attributes")
"""What the audit line names when it changed for one member (ids, not values)."""
GROUP_FIELDS = ("name", "purpose", "frequency", "planned_sessions", "session_minutes", "next_date", "seating")
"""What the audit line names when it changed for the group."""

_CODE = re.compile(r"^(.*?)(\d+)$")


class GroupEditError(ValueError):
    """An edit that would rewrite the group's history; the message is ready to show."""


def propose_code(group: Group) -> str:
    """A code for a new member that no member of the group ever had.

    Follows the group's own scheme: the prefix of the last numbered code and the next number
    after the highest with that prefix (P1…P8 → P9); `A1` for a group with no numbered codes.
    Retired and forgotten members keep their codes, so theirs are never offered again.
    """
    taken = {m.code.casefold() for m in group.members}
    prefix = "A"
    for member in reversed(group.members):
        match = _CODE.match(member.code)
        if match and match.group(1):
            prefix = match.group(1)
            break
    numbers = [int(m.group(2)) for code in taken if (m := _CODE.match(code)) and m.group(1) == prefix.casefold()]
    number = max(numbers, default=0) + 1
    while f"{prefix}{number}".casefold() in taken or not is_member_code(f"{prefix}{number}"):
        number += 1
    return f"{prefix}{number}"


def add_member(group: Group, member: Member) -> None:
    """Add a new member at the end of the roster and of the seating."""
    if member.code.casefold() in {m.code.casefold() for m in group.members}:
        raise GroupEditError(t("group_editor.code_taken", code=member.code))
    seats = group.seat_order()
    group.members.append(member)
    group.seating = [*seats, member.code]


def retire(group: Group, code: str, last_session: int) -> None:
    """The member left the group after `last_session` (they stay in the roster and the history)."""
    member = _member(group, code)
    if member.joined is not None and last_session < member.joined:
        raise GroupEditError(t("group_editor.left_before_joined", code=code, joined=member.joined))
    member.left = last_session


def return_member(group: Group, code: str) -> None:
    """Undo a retirement: the member belongs to the group again."""
    _member(group, code).left = None


def move_seat(group: Group, code: str, step: int) -> None:
    """Move a member `step` places along the circle (negative: earlier); the ends stay the ends."""
    order = group.seat_order()
    index = order.index(code)
    target = max(0, min(len(order) - 1, index + step))
    order.insert(target, order.pop(index))
    group.seating = order


def _member(group: Group, code: str) -> Member:
    member = group.member(code)
    if member is None:
        raise GroupEditError(t("group_editor.no_member", code=code))
    return member


def changes(before: Group, after: Group) -> list[str]:
    """What an edit changed, as ids: `purpose`, `seating`, `P4: consent, name`, `P9: new`."""
    found = [name for name in GROUP_FIELDS if getattr(before, name) != getattr(after, name)]
    old = {m.code: m for m in before.members}
    for member in after.members:
        previous = old.get(member.code)
        if previous is None:
            found.append(f"{member.code}: new")
            continue
        fields = [name for name in MEMBER_FIELDS if getattr(previous, name) != getattr(member, name)]
        if fields:
            found.append(f"{member.code}: {', '.join(fields)}")
    return found


def check_history_kept(before: Group, after: Group) -> None:
    """Refuse an edit that removes a member or changes a code (the history would stop being true)."""
    kept = [m.code for m in after.members[: len(before.members)]]
    if kept != [m.code for m in before.members]:
        raise GroupEditError(t("group_editor.codes_fixed"))
    for old, new in zip(before.members, after.members, strict=False):
        if old.forgotten and new.model_dump() != old.model_dump():
            raise GroupEditError(t("group_editor.forgotten_fixed", code=old.code))


def record_edit(before: Group, after: Group, who: str, at: dt.datetime) -> list[str]:
    """Check an edit against `before` and write its audit entry into `after`; returns what changed."""
    check_history_kept(before, after)
    found = changes(before, after)
    if found:
        after.audit.append(
            AuditEntry(at=at.replace(microsecond=0), who=who, action=EDIT_ACTION, detail="; ".join(found))
        )
    return found
