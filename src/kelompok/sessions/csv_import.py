"""Rosters and coded events from CSV files (observers often code on paper or in a spreadsheet).

Every bad row refuses the whole file with its line number: a half-imported session would be worse
than none, because the facilitator could not tell what is missing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

from pydantic import ValidationError

from kelompok.sessions.fileio import DataError
from kelompok.sessions.models import (
    FACILITATOR,
    GROUP,
    MEZZO_ROLE_IDS,
    Attendance,
    Event,
    Group,
    Member,
    Session,
    is_member_code,
)

ROSTER_REQUIRED = ("code", "name")
EVENT_HEADER = ("at", "from", "to", "kind", "role", "ipa", "note")
EVENT_KINDS = ("speak", "arrive", "leave", "note")
_MMSS = re.compile(r"^(\d{1,3}):([0-5]\d)$")


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of a CSV file; blank lines are skipped."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(path, "", f"cannot be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")  # spreadsheets like to add a byte-order mark
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(path, f"line {line}", "is not UTF-8 text (save the CSV as UTF-8)") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if "\x00" in "".join(cells):
                raise DataError(path, f"line {reader.line_num}", "contains a NUL character")
            if header is None:
                header = [cell.strip().lower() for cell in cells]
            else:
                rows.append((reader.line_num, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise DataError(path, f"line {reader.line_num}", f"not valid CSV ({error})") from None
    if header is None:
        raise DataError(path, "line 1", "the file is empty; expected a header row")
    return header, rows


def read_roster(path: Path) -> list[Member]:
    """Members from a roster CSV: header `code,name`, further columns become attributes.

    Refuses empty or duplicate codes, reserved words and rows whose cell count is off.
    """
    header, rows = _read_rows(path)
    if tuple(header[:2]) != ROSTER_REQUIRED:
        raise DataError(path, "line 1", f"header must start with 'code,name', found '{','.join(header)}'")
    extra = header[2:]
    if len(set(header)) != len(header) or any(not name for name in extra):
        raise DataError(path, "line 1", "column names must be unique and non-empty")
    members: list[Member] = []
    seen: set[str] = set()
    for line, cells in rows:
        if len(cells) != len(header):
            raise DataError(path, f"line {line}", f"has {len(cells)} cells, the header has {len(header)}")
        code, name = cells[0], cells[1]
        if not code:
            raise DataError(path, f"line {line}", "the member code is empty")
        if not is_member_code(code):
            raise DataError(
                path,
                f"line {line}",
                f"'{code}' is not a usable code (letters, digits, - or _, at most 16; not 'facilitator'/'group')",
            )
        if code in seen:
            raise DataError(path, f"line {line}", f"member code '{code}' is used twice")
        if not name:
            raise DataError(path, f"line {line}", "the name is empty")
        seen.add(code)
        attributes = {key: value for key, value in zip(extra, cells[2:]) if value}
        members.append(Member(code=code, name=name, attributes=attributes))
    if not members:
        raise DataError(path, "", "the roster has no members")
    return members


def parse_offset(text: str) -> float:
    """Seconds from `12.5` or `mm:ss`; raises ValueError with a readable message."""
    match = _MMSS.match(text)
    if match:
        return int(match.group(1)) * 60 + int(match.group(2))
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"'{text}' is not seconds or mm:ss") from None
    if not seconds >= 0 or seconds == float("inf"):
        raise ValueError(f"'{text}' is not a time from the start of the session")
    return seconds


def read_events(path: Path, group: Group) -> list[Event]:
    """Events from a coded CSV with the header `at,from,to,kind,role,ipa,note`.

    `at` seconds from start or `mm:ss` (not decreasing); `from` a member code or `facilitator`;
    `to` a member code, `facilitator` or `group`; `kind` speak (default) / arrive / leave / note;
    `role` a mezzo role id; `ipa` 1–12.
    """
    header, rows = _read_rows(path)
    if tuple(header) != EVENT_HEADER:
        raise DataError(path, "line 1", f"header must be exactly '{','.join(EVENT_HEADER)}'")
    codes = {m.code for m in group.members}
    speakers = codes | {FACILITATOR}
    addressees = speakers | {GROUP}
    events: list[Event] = []
    last_at = 0.0
    for line, cells in rows:
        place = f"line {line}"
        if len(cells) != len(EVENT_HEADER):
            raise DataError(path, place, f"has {len(cells)} cells, expected {len(EVENT_HEADER)}")
        at_text, source, target, kind, role, ipa_text, note = cells
        kind = kind.lower() or "speak"
        if kind not in EVENT_KINDS:
            raise DataError(path, place, f"kind '{kind}' is not one of {', '.join(EVENT_KINDS)}")
        try:
            at = parse_offset(at_text)
        except ValueError as error:
            raise DataError(path, place, f"at: {error}") from None
        if at < last_at:
            raise DataError(path, place, f"at {at_text} is earlier than the row before")
        last_at = at
        if kind in ("speak", "arrive", "leave") and source not in (speakers if kind == "speak" else codes):
            raise DataError(path, place, f"from: '{source}' is not a member code of this group" + (" or 'facilitator'" if kind == "speak" else ""))
        if kind == "speak" and target not in addressees:
            raise DataError(path, place, f"to: '{target}' is not a member code, 'facilitator' or 'group'")
        if role and role not in MEZZO_ROLE_IDS:
            raise DataError(path, place, f"role: '{role}' is not a mezzo role id (see `kelompok roles`)")
        ipa = None
        if ipa_text:
            if not ipa_text.isdigit() or not 1 <= int(ipa_text) <= 12:
                raise DataError(path, place, f"ipa: '{ipa_text}' is not a Bales category 1–12")
            ipa = int(ipa_text)
        fields: dict[str, object] = {"seq": len(events) + 1, "at": at, "kind": kind}
        if kind == "speak":
            fields.update({"from": source, "to": target, "role": role or None, "ipa": ipa, "note": note or None})
        elif kind in ("arrive", "leave"):
            fields.update({"from": source, "note": note or None})
        else:
            if not note:
                raise DataError(path, place, "a note row needs text in the note column")
            fields.update({"from": source or None, "note": note})
        try:
            events.append(Event.model_validate(fields))
        except ValidationError as error:
            message = error.errors()[0]["msg"].removeprefix("Value error, ")
            raise DataError(path, place, message) from None
    if not events:
        raise DataError(path, "", "the file has no events")
    return events


def session_from_events(number: int, date: dt.date, group: Group, events: list[Event]) -> Session:
    """A finished session built from imported events.

    Present: everyone who speaks, is spoken to, or arrives (a member who arrives is present even
    if silent); everyone else in the roster is recorded as absent, which the facilitator can
    correct later.
    """
    present: list[str] = []
    for event in events:
        for code in (event.from_, event.to):
            if code and code not in (FACILITATOR, GROUP) and code not in present:
                present.append(code)
    arrived_late = {e.from_ for e in events if e.kind == "arrive" and e.at > 0}
    attendance = [
        Attendance(member=m.code, status=("late" if m.code in arrived_late else "present") if m.code in present else "absent")
        for m in group.members
        if m.left is None or m.left >= number
    ]
    return Session(number=number, date=date, state="ended", attendance=attendance, events=events)
