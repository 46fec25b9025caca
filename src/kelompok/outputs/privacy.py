"""Pseudonyms: the one place that decides what identifies a member in an output, and the audit
entry written when real names are asked for. No Textual (see docs/ARCHITECTURE.md).

* A node is labelled with the member's **code** by default. With `names=True` a member's real
  name is used only when the member consented to it (`consent.names_in_reports`); everyone
  else keeps their code. The choice is written to the group's audit trail (`export_with_names`,
  `report_with_names`) before the file is written — a names output that cannot be audited is
  not made.
* Free text that may go out (a supervisor's comment, an objective) goes through `redact`, so a
  name typed into it does not leak.
* Member attributes are private unless the group declares them analysable *and* the user asks for
  them (`--attributes a,b`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kelompok.i18n import get_language, t
from kelompok.outputs import OutputError
from kelompok.outputs.text import clean_text
from kelompok.sessions.names import name_rules, substitute
from kelompok.sociogram.acts import FACILITATOR

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Group


@dataclass(frozen=True)
class Pseudonyms:
    """Labels for everything that leaves the app, and redaction of the free text that may.

    `label(code)` is the member code, or the real name for a member who consented when names
    were asked for. `redact(text)` replaces the real names of members shown by code (full names,
    and capitalised name parts of three letters or more) in text that is allowed out, such as a
    supervisor's comment or an objective, so a name typed into a comment does not leak.
    """

    names: bool
    """Names were asked for (`--names`)."""
    labels: dict[str, str]
    """Node id → label, for the facilitator and every member of the roster."""
    named: tuple[str, ...]
    """Codes of the members whose real name is used (asked for and consented)."""
    members: int
    """Members in the roster."""
    placeholder: str
    """What an ambiguous name part becomes (`[nama]` / `[name]`)."""
    _rules: tuple[tuple[re.Pattern[str], str], ...] = field(default=(), repr=False)
    attributes: tuple[str, ...] = ()
    """Member attributes that go out as node attributes: asked for, and declared analysable by
    the group. Empty by default: a private attribute never leaves the group folder."""

    def label(self, node: str) -> str:
        """The label of a node: code, `Fasilitator`/`Facilitator`, or a consented name."""
        return self.labels.get(node, node)

    def redact(self, text: str) -> str:
        """`text` with the real names of members shown by code replaced (and no control characters)."""
        return clean_text(substitute(text, self._rules))


def pseudonyms(
    group: Group,
    names: bool = False,
    lang: str | None = None,
    staff: Sequence[str] = (),
    attributes: Sequence[str] = (),
) -> Pseudonyms:
    """The labels and redaction rules for `group`.

    `staff` are further names that are not members (supervisors); a name part a member shares
    with a facilitator or supervisor becomes the placeholder rather than a code, so a comment about
    "Bu Dewi" the facilitator is not pinned on a member — and the member is not named either.

    `attributes` are the member attributes asked for (`--attributes a,b`); each must be declared
    analysable by the group, else OutputError (usage): a private attribute is never exported.
    """
    lang = lang or get_language()
    private = [a for a in attributes if not group.is_analysable(a)]
    if private:
        allowed = ", ".join(group.analysable_attributes) or t("privacy.no_analysable", lang)
        raise OutputError(t("privacy.attribute_private", lang, names=", ".join(private), allowed=allowed), usage=True)
    labels = {FACILITATOR: t("export.facilitator", lang)}
    named = []
    for member in group.members:
        if names and member.consent.may_be_named(member.minor):
            labels[member.code] = " ".join(clean_text(member.name).split())
            named.append(member.code)
        else:
            labels[member.code] = member.code
    placeholder = t("export.redacted", lang)
    hidden = [m for m in group.members if labels[m.code] == m.code]
    shown = [m for m in group.members if labels[m.code] != m.code]
    rules = name_rules(hidden, shown, [*group.facilitators, *staff], placeholder)
    return Pseudonyms(
        names, labels, tuple(named), len(group.members), placeholder, tuple(rules), tuple(dict.fromkeys(attributes))
    )


def current_user() -> str:
    """Who is exporting, for the audit trail: the operating-system account name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers)
        return "?"


def audit_detail(which: int | str, fmt: str, paths: Sequence[Path], named: Sequence[str], members: int) -> str:
    """The audit entry's detail for exports and reports alike: what, in which format, where, and
    whose names (codes only, never the names themselves)."""
    where = ", ".join(str(Path(p).resolve()) for p in paths)
    codes = ",".join(named) or "-"
    return f"session={which} format={fmt} names={len(named)}/{members} ({codes}) file={where}"


def record_audit(
    group_dir: Path,
    action: str,
    detail: str,
    who: str | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Append an entry to the group's audit trail and save `group.toml`.

    The group is re-read first so that nothing another screen changed is lost. The group's lock
    is taken for the write (shared with this process's screens); a group open in another
    kelompok raises OutputError (usage).
    """
    from kelompok.sessions.locking import GroupLock
    from kelompok.sessions.models import AuditEntry
    from kelompok.sessions.store import load_group, save_group

    entry = AuditEntry(
        at=(now or dt.datetime.now()).replace(microsecond=0), who=who or current_user(), action=action, detail=detail
    )
    with GroupLock(group_dir) as lock:
        if not lock.held:
            raise OutputError(t("export.locked", path=group_dir), usage=True)
        group = load_group(group_dir)
        group.audit.append(entry)
        save_group(group_dir, group)
