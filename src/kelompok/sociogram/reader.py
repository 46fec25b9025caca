"""Read a session file straight into `SessionActs`, fast, without lowering the bar of validation.

Why this exists: statistics over a whole series read every session file. Through the general path
(`tomllib` + pydantic) a 1,000-event file costs about 30 ms — 3 s for 100 sessions, three times
the budget of `kelompok stats`. Nearly all of that is the pure-Python TOML parser and the per-event
model validators, so this module reads the `events` array itself and checks each event by hand.

How it stays honest — three tiers, each as strict as the one after it:

1. **Fast.** The events array, in exactly the layout `fileio.dump_model` writes (`[[events]]`
   tables or an inline array, keys in model order, plain scalars), is cut out of the text and read
   with one regular expression. Everything else in the file (attendance, plan, review …) is parsed
   with `tomllib` and validated by the real `Session` model. A cut is only made where the text
   before it is valid TOML on its own, so a line inside a multi-line string is never mistaken for
   an events header.
2. **Middle.** When the events are laid out any other way (hand edits, multi-line notes), the
   whole file goes through `tomllib` and the events are checked by the same hand-written checker.
3. **Full.** When the checker meets anything it does not accept — a wrong type, an unknown key,
   a rule of `Event` or `Session` broken — the file is loaded with `store.load_session_file`, so
   the user gets exactly the error (or the lenient coercion) of the normal loader.

The checker only ever *accepts less* than pydantic: it never lets through a file that the models
would refuse. It mirrors rules of `Event` and `Session` by hand, so a change to those rules must
be made here too; `tests/unit/test_sociogram_reader.py` compares both paths on generated and on
damaged files and fails when they disagree.
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from itertools import compress, islice, repeat
from operator import eq, lt, not_
from pathlib import Path
from typing import Any

from kelompok.sessions.models import MAX_SEQ, MAX_SESSION_SECONDS, MEZZO_ROLE_IDS
from kelompok.sociogram.acts import Act, SessionActs

_KINDS = frozenset({"speak", "arrive", "leave", "note", "agenda", "undo", "pause", "resume"})
_VALENCES = ("positive", "task", "negative")
_ROLES = frozenset(MEZZO_ROLE_IDS)
_RESERVED = frozenset({"facilitator", "group"})
_EVENT_KEYS = ("seq", "at", "kind", "from", "to", "role", "ipa", "valence", "note", "safety", "block", "undoes")
"""Event keys in the order `dump_model` writes them (the model's field order, by alias)."""
_KEY_SET = frozenset(_EVENT_KEYS)

# TOML scalars, restricted to what tomli_w writes for these fields and, where the model has a
# closed set (kind, role, valence, ipa), to that set, so the fast path need not check them again.
# Strings are captured without their quotes. An empty capture then means "absent" or "empty
# string", and the rules never tell those apart: kind/role/valence cannot be empty (their
# patterns refuse ""), and an empty `from`, `to` or `note` breaks the same rule an absent one does.
_INT = r"(0|[1-9][0-9]*)"
_FLOAT = r"((?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)"
_PLAIN = r'[^"\\\x00-\x08\x0a-\x1f\x7f]*'
_STR = f'"({_PLAIN}(?:\\\\["\\\\btnfr]{_PLAIN})*)"'  # unrolled loop: much faster than an alternation


def _one_of(words: Any) -> str:
    return '"(' + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ')"'


_VALUE = {
    "seq": _INT, "at": _FLOAT, "kind": _one_of(_KINDS - {"speak"}), "from": _STR, "to": _STR,
    "role": _one_of(_ROLES), "ipa": r"(1[0-2]|[1-9])", "valence": _one_of(_VALENCES),
    "note": _STR, "safety": r"(true|false)", "block": _INT, "undoes": _INT,
}  # fmt: skip
# `kind = "speak"` is the default and never written; a file that spells it out takes tier 2.
_REQUIRED = frozenset({"seq", "at"})


def _table_block() -> str:
    # Anchored at a line start and required to end where the next `[[events]]` begins (or at the
    # end of the region): a block followed by any line we do not know cannot match at all.
    parts = [r"^\[\[events\]\]\n"]
    for key in _EVENT_KEYS:
        line = f"{key} = {_VALUE[key]}\\n"
        parts.append(line if key in _REQUIRED else f"(?:{line})?")
    parts.append(r"\n*(?=\[\[events\]\]\n|\Z)")
    return "".join(parts)


def _inline_item() -> str:
    # One whole line per event, anchored at the line start.
    parts = [r"^    \{ "]
    for key in _EVENT_KEYS:
        if key == "seq":
            parts.append(f"seq = {_VALUE[key]}")
        elif key in _REQUIRED:
            parts.append(f", {key} = {_VALUE[key]}")
        else:
            parts.append(f"(?:, {key} = {_VALUE[key]})?")
    parts.append(r" \},\n")
    return "".join(parts)


_TABLE_BLOCK = re.compile(_table_block(), re.MULTILINE)
_INLINE_ITEM = re.compile(_inline_item(), re.MULTILINE)
_TABLES_START = re.compile(r"(?m)^\[\[events\]\]\n")
_LAST_TABLE = "\n[[events]]\n"
_NEXT_HEADER = re.compile(r"(?m)^\[")
_INLINE_START = re.compile(r"(?m)^events = \[\n")
_INLINE_END = re.compile(r"(?m)^\](?:\n|\Z)")


class _Refused(Exception):
    """The fast checker does not vouch for this file; let the next tier decide."""


Row = tuple  # (seq, at, kind, from, to, role, ipa, valence, note, safety, block, undoes), typed


def read_session_acts(path: Path) -> SessionActs:
    """Read one session file into `SessionActs` (undos applied, presence worked out).

    Raises `kelompok.sessions.fileio.DataError` exactly when `store.load_session_file` would.
    """
    from kelompok.sessions.fileio import DataError, read_toml

    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return _full(path)  # the normal loader words the error
    try:
        fast = _tier_one(text)
        if fast is None:
            header = read_toml(path)
            events = header.pop("events", [])
            if isinstance(events, list) and header.get("event_count") == len(events):
                del header["event_count"]  # checked here; a mismatch stays for the model to word
            rows = _rows_from_dicts(events)
            fast = header, *_acts_and_arrivals(rows)
        return _assemble(path, *fast)
    except (_Refused, tomllib.TOMLDecodeError, DataError):
        return _full(path)


def _full(path: Path) -> SessionActs:
    """Tier 3: the normal loader, with its exact errors."""
    from kelompok.sessions.store import load_session_file
    from kelompok.sociogram.acts import from_session

    return from_session(load_session_file(path))


# ── tier 1: cut the events out of the text ──────────────────────────────────────────────────


def _cut_tables(text: str) -> tuple[int, int, list[tuple[str, ...]]] | None:
    """Where the `[[events]]` tables start and end, and their captures; None if not our layout."""
    match = _TABLES_START.search(text)
    if match is None:
        return None
    start = match.start()
    # Event tables are written together; the region ends at the first other header after the
    # last of them. Another header *between* them makes the coverage check below fail.
    last = text.rfind(_LAST_TABLE)
    following = _NEXT_HEADER.search(text, max(last + len(_LAST_TABLE), match.end()))
    end = following.start() if following else len(text)
    region = text[start:end]
    raw_rows = _TABLE_BLOCK.findall(region)
    # Every block must end where the next header starts, so as many matches as headers means
    # every line of the region was read; any line we do not understand makes a block fail.
    if len(raw_rows) != 1 + region.count(_LAST_TABLE):
        return None
    return start, end, raw_rows


def _cut_inline(text: str) -> tuple[int, int, list[tuple[str, ...]]] | None:
    """Where an inline `events = [ … ]` array starts and ends, and its captures; or None."""
    match = _INLINE_START.search(text)
    if match is None:
        return None
    start = match.start()
    if _NEXT_HEADER.search(text, 0, start):
        return None  # an inline `events` inside some table is not the session's events
    close = _INLINE_END.search(text, match.end())
    if close is None:
        return None
    region = text[match.end() : close.start()]
    raw_rows = _INLINE_ITEM.findall(region)
    if len(raw_rows) != region.count("\n"):  # one whole line per match, so all lines read
        return None
    return start, close.end(), raw_rows


def _tier_one(text: str) -> tuple[dict[str, Any], list[Act], list[tuple[int, float, str, str]], list[int]] | None:
    """Header, acts, arrivals and undos — or None when the file is not in our layout."""
    for cut in (_cut_tables, _cut_inline):
        found = cut(text)
        if found is None:
            continue
        start, end, raw_rows = found
        try:
            # Parsing the text before the cut on its own proves the cut is not inside a
            # multi-line string. The text after it starts at a header (or, for the inline form,
            # at a top-level key) so it parses on its own too; with no top-level key in common
            # the two halves mean exactly what the whole file means without its events.
            before = tomllib.loads(text[:start])
            after = tomllib.loads(text[end:])
        except tomllib.TOMLDecodeError:
            continue
        if "events" in before or "events" in after or not before.keys().isdisjoint(after):
            return None
        header = {**before, **after}
        if header.get("event_count", len(raw_rows)) != len(raw_rows):
            return None  # a file cut short (issue 13): the loader words the error
        header.pop("event_count", None)
        try:
            acts, arrivals, undos = _fast_events(raw_rows)
        except _Refused:
            return None
        return header, acts, arrivals, undos
    return None


def _unescape(content: str) -> str:
    # Only the escapes JSON shares with TOML get past the pattern, so json decodes them alike.
    return json.loads(f'"{content}"', strict=False) if "\\" in content else content


_NONE_IF_EMPTY = {"": None}
_IPA = {"": None, **{str(i): i for i in range(1, 13)}}
_MAKE_ACT = tuple.__new__


def _fast_events(raw_rows: list[tuple[str, ...]]) -> tuple[list[Act], list[tuple[int, float, str, str]], list[int]]:
    """Tier-1 captures → acts, arrivals and undos.

    Works column by column with C-level `map`/`zip` (this runs for 100,000 events in a series):
    kind, role, ipa and valence were already held to their closed sets by the pattern, so what
    is left to check is the order of seqs and the shape of each event.
    """
    if not raw_rows:
        return [], [], []
    seqs, ats, kinds, frms, tos, roles, ipas, valences, notes, _safety, _blocks, undoes = zip(*raw_rows)
    numbers = list(map(int, seqs))
    times = list(map(float, ats))
    if numbers[0] < 1 or not all(map(lt, numbers, islice(numbers, 1, None))) or math.inf in times:
        raise _Refused
    # The models' bounds (issue 13): anything past them goes to the loader, which words the error.
    if numbers[-1] > MAX_SEQ or max(times) > MAX_SESSION_SECONDS:
        raise _Refused
    if "\\" in "".join(frms) or "\\" in "".join(tos):
        frms, tos = tuple(map(_unescape, frms)), tuple(map(_unescape, tos))
    arrivals: list[tuple[int, float, str, str]] = []
    undos: list[int] = []
    other = list(compress(range(len(kinds)), kinds))  # indices of non-speak events
    if other:
        # Seqs an undo may withdraw: events that are not undos themselves (each one only once,
        # which `_other_event` enforces by discarding it; order is enforced by `undoes < seq`).
        undoable = set(numbers).difference(numbers[i] for i in other if kinds[i] == "undo")
        for i in other:
            number = numbers[i]
            _other_event(number, times[i], kinds[i], frms[i] or None, _unescape(notes[i]) or None,
                         int(undoes[i]) if undoes[i] else None, undoable, arrivals, undos)  # fmt: skip
        speak = list(map(not_, kinds))
        columns = [list(compress(column, speak)) for column in (numbers, times, frms, tos, roles, ipas, valences)]
        numbers, times, frms, tos, roles, ipas, valences = columns
    # Speak events: someone speaks, to someone else, and "group" only listens.
    if "" in frms or "" in tos or "group" in frms or any(map(eq, frms, tos)):
        raise _Refused
    rows = zip(numbers, times, frms, tos, map(_NONE_IF_EMPTY.get, roles, roles), map(_IPA.__getitem__, ipas),
               map(_NONE_IF_EMPTY.get, valences, valences))  # fmt: skip
    return list(map(_MAKE_ACT, repeat(Act), rows)), arrivals, undos


# ── tier 2: events parsed by tomllib ────────────────────────────────────────────────────────


def _is_int(value: Any) -> bool:
    return type(value) is int  # bool is an int subclass, and `seq = true` is not a seq


def _opt_str(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _Refused


def _rows_from_dicts(events: Any) -> list[Row]:
    """tomllib's event tables → typed rows; anything not plainly right is refused."""
    if not isinstance(events, list):
        raise _Refused
    rows = []
    for event in events:
        if not isinstance(event, dict) or not _KEY_SET.issuperset(event):
            raise _Refused
        seq, at = event.get("seq"), event.get("at")
        if not _is_int(seq) or not (_is_int(at) or type(at) is float):
            raise _Refused
        ipa, block, undoes = event.get("ipa"), event.get("block"), event.get("undoes")
        for number in (ipa, block, undoes):
            if number is not None and not _is_int(number):
                raise _Refused
        safety = event.get("safety", False)
        kind = event.get("kind", "speak")
        if type(safety) is not bool or type(kind) is not str:
            raise _Refused
        rows.append(
            (
                seq, float(at), kind, _opt_str(event.get("from")), _opt_str(event.get("to")),
                _opt_str(event.get("role")), ipa, _opt_str(event.get("valence")),
                _opt_str(event.get("note")), safety, block, undoes,
            )
        )  # fmt: skip
    return rows


def _acts_and_arrivals(rows: list[Row]) -> tuple[list[Act], list[tuple[int, float, str, str]], list[int]]:
    """Check typed rows against the `Event` and `Session` rules; return acts, arrivals, undos.

    Mirrors the `Event` field constraints, `Event._shape_fits_kind` and
    `Session._events_consistent`.
    """
    last = 0
    undoable: set[int] = set()
    acts: list[Act] = []
    arrivals: list[tuple[int, float, str, str]] = []
    undos: list[int] = []
    for seq, at, kind, frm, to, role, ipa, valence, note, _safety, block, undoes in rows:
        if seq <= last or seq > MAX_SEQ or not 0 <= at <= MAX_SESSION_SECONDS:  # `not <=` also refuses NaN
            raise _Refused
        if undoes is not None and not 1 <= undoes <= MAX_SEQ:
            raise _Refused
        if (role is not None and role not in _ROLES) or (ipa is not None and not 1 <= ipa <= 12):
            raise _Refused
        if valence is not None and valence not in _VALENCES:
            raise _Refused
        if block is not None and not 0 <= block <= 999:
            raise _Refused
        if kind == "speak":
            if not frm or not to or frm == to or frm == "group":
                raise _Refused
            acts.append(Act(seq, at, frm, to, role, ipa, valence))
        else:
            _other_event(seq, at, kind, frm, note, undoes, undoable, arrivals, undos)
        last = seq
        if kind != "undo":
            undoable.add(seq)
    return acts, arrivals, undos


# ── shared by both tiers ────────────────────────────────────────────────────────────────────


def _other_event(
    seq: int, at: float, kind: str, frm: str | None, note: str | None, undoes: int | None,
    undoable: set[int], arrivals: list[tuple[int, float, str, str]], undos: list[int],
) -> None:  # fmt: skip
    """Check a non-speak event (as `Event._shape_fits_kind` and `Session._events_consistent`
    do) and note arrivals, departures and undos. `undoable` holds the seqs an undo may still withdraw."""
    if kind not in _KINDS or (undoes is not None and undoes < 1):
        raise _Refused
    if kind in ("arrive", "leave"):
        if not frm or frm in _RESERVED:
            raise _Refused
        arrivals.append((seq, at, kind, frm))
    elif kind == "undo":
        if undoes is None or undoes >= seq or undoes not in undoable:
            raise _Refused
        undoable.discard(undoes)  # an event can be withdrawn once; an undo cannot be undone
        undos.append(undoes)
    elif kind == "note" and not note:
        raise _Refused


def _assemble(
    path: Path, header: dict[str, Any], acts: list[Act], movements: list[tuple[int, float, str, str]], undos: list[int]
) -> SessionActs:
    """Validate the rest of the file with the real model, apply undos, work out presence."""
    from kelompok.sessions.fileio import validate
    from kelompok.sessions.models import Session
    from kelompok.sessions.presence import presence_spans
    from kelompok.sessions.store import check_number_matches_name

    session = validate(Session, header, path)  # everything but the events, by the real model
    check_number_matches_name(path, session)
    if undos:
        undone = set(undos)  # as Session.undone_seqs(): every undo withdraws its event
        acts = [a for a in acts if a.seq not in undone]
        movements = [x for x in movements if x[0] not in undone]
    # The same rule as Session.presence(): a late member from her arrival.
    presence = presence_spans(
        ((a.member, a.status) for a in session.attendance),
        ((at, kind, code) for _, at, kind, code in movements),
        ((a.at, a.speaker, a.to) for a in acts),
    )
    absent = tuple(a.member for a in session.attendance if a.member not in presence)
    from kelompok.sociogram.acts import flat_spans, planned_roles_of

    return SessionActs(
        session.number, session.date, tuple(presence), tuple(acts), session.coding, absent=absent,
        plan_stage=session.plan.stage, planned_roles=planned_roles_of(session), spans=flat_spans(presence),
    )  # fmt: skip
