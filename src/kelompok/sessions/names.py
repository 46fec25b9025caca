"""One rule for names in free text: full names, name parts and nicknames become member codes.

Notes and plan evidence name people ("Bu Painem tampak kesal"). Everything that lets free text
leave the group folder (the report, exports, printed plans) and `forget` (which erases a member)
uses `name_rules` + `substitute`, so a name that one output would catch is caught by all.

What is replaced, for each member whose name must not show:

* the full name and every recorded nickname, case-insensitive, whatever the spacing;
* each capitalised part of the (full) name of three letters or more ("Painem", "PAINEM"), when the part
  belongs to that member only. A part two members share, or a member shares with a facilitator
  or supervisor ("Dewi"), becomes the placeholder instead: a code would pin the text on the wrong
  person, and leaving it would name them.

Longer names are replaced first, so "Siti Aminah" wins over "Siti".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kelompok.sessions.models import Member

Rules = tuple[tuple[re.Pattern[str], str], ...]

_PART = re.compile(r"\w{3,}")


def _phrase(text: str) -> re.Pattern[str] | None:
    words = text.split()
    if not words or len(" ".join(words)) < 3:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)


def name_rules(
    hidden: Iterable[Member], shown: Iterable[Member] = (), staff: Sequence[str] = (), placeholder: str = "[nama]"
) -> Rules:
    """Substitution rules hiding the names of `hidden` members.

    `shown` are members whose names may stay (their name parts are never replaced by another
    member's code); `staff` are facilitator and supervisor names.
    """
    hidden = list(hidden)
    shown = list(shown)
    phrases: dict[str, set[str]] = {}
    for member in hidden:
        for text in [member.name, *member.nicknames]:
            key = " ".join(text.split()).lower()
            if len(key) >= 3:
                phrases.setdefault(key, set()).add(member.code)
    rules: list[tuple[re.Pattern[str], str]] = []
    for key, codes in sorted(phrases.items(), key=lambda item: -len(item[0])):
        pattern = _phrase(key)
        if pattern is not None:
            rules.append((pattern, next(iter(codes)) if len(codes) == 1 else placeholder))
    # Parts come from the name only: a nickname often carries an honorific ("Bang Yos", "Mbok
    # Ayu") that is not a name, so nicknames are replaced as whole phrases.
    owners: dict[str, set[str]] = {}
    for member in hidden:
        for part in _PART.findall(member.name):
            owners.setdefault(part.capitalize(), set()).add(member.code)
    others = {part.capitalize() for m in shown for part in _PART.findall(m.name)}
    staff_parts = {part.capitalize() for name in staff for part in _PART.findall(name)}
    for part, codes in sorted(owners.items(), key=lambda item: -len(item[0])):
        ambiguous = len(codes) > 1 or part in staff_parts or part in others
        replacement = placeholder if ambiguous else next(iter(codes))
        rules.append(
            (re.compile(r"(?<!\w)(?:" + re.escape(part) + "|" + re.escape(part.upper()) + r")(?!\w)"), replacement)
        )
    return tuple(rules)


def substitute(text: str, rules: Rules) -> str:
    """`text` with every rule applied in order."""
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def names_of(member: Member) -> list[str]:
    """Everything that names a member in text: the full name, its parts of 3+ letters, nicknames."""
    found = [" ".join(member.name.split()), *(" ".join(n.split()) for n in member.nicknames)]
    found += _PART.findall(member.name)
    return [n for n in dict.fromkeys(found) if len(n) >= 3]
