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

from kelompok.i18n import t
from kelompok.sessions.fileio import DataError, line_place, validation_message
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
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet cell a formula (OWASP CSV injection): refused in codes, neutralised on export."""
EVENT_HEADER = ("at", "from", "to", "kind", "role", "ipa", "note")
EVENT_KINDS = ("speak", "arrive", "leave", "note")
_MMSS = re.compile(r"^([0-9]{1,3}):([0-5][0-9])$", re.ASCII)
_IPA = re.compile(r"[0-9]{1,2}")


def _read_rows(path: Path, *, one_line_cells: bool = False) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line number, cells) of a CSV file; blank lines are skipped.

    The reader is strict about quotes: a stray `"` would otherwise swallow the rows after it into
    one cell (a roster lost A2 inside A1's name that way). `one_line_cells` also refuses a quoted
    cell that spans lines, which no roster cell has a reason to do.
    """
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(path, "", t("errors.cannot_read", reason=error.strerror or error)) from None
    try:
        text = raw.decode("utf-8-sig")  # spreadsheets like to add a byte-order mark
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(path, line_place(line), t("errors.csv_not_utf8")) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    start = 1  # the line the record being read starts on (a quoted cell can span lines)
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in cells):
                continue
            if "\x00" in "".join(cells):
                raise DataError(path, line_place(line), t("errors.nul"))
            if one_line_cells and any("\n" in cell or "\r" in cell for cell in cells):
                raise DataError(path, line_place(line), t("errors.csv_cell_lines"))
            if header is None:
                header = [cell.strip().lower() for cell in cells]
            else:
                rows.append((line, [cell.strip() for cell in cells]))
    except csv.Error as error:
        if "end of data" in str(error):
            raise DataError(path, line_place(start), t("errors.csv_open_quote")) from None
        raise DataError(path, line_place(reader.line_num), t("errors.bad_csv", reason=error)) from None
    if header is None:
        raise DataError(path, line_place(1), t("errors.csv_empty"))
    return header, rows


def _separator_hint(header: list[str]) -> str:
    """A hint when the file is separated by semicolons (Excel does that in an Indonesian locale)."""
    if len(header) == 1 and ";" in header[0]:
        return " " + t("errors.csv_semicolon")
    return ""


def read_roster(path: Path) -> list[Member]:
    """Members from a roster CSV: header `code,name`, further columns become attributes.

    Refuses empty or duplicate codes, reserved words and rows whose cell count is off.
    """
    header, rows = _read_rows(path, one_line_cells=True)
    if tuple(header[:2]) != ROSTER_REQUIRED:
        raise DataError(
            path, line_place(1), t("errors.roster_header", found=",".join(header)) + _separator_hint(header)
        )
    extra = header[2:]
    if len(set(header)) != len(header) or any(not name for name in extra):
        raise DataError(path, line_place(1), t("errors.columns"))
    members: list[Member] = []
    seen: set[str] = set()
    for line, cells in rows:
        if len(cells) != len(header):
            raise DataError(path, line_place(line), t("errors.cell_count", cells=len(cells), expected=len(header)))
        code, name = cells[0], cells[1]
        if not code:
            raise DataError(path, line_place(line), t("errors.code_empty"))
        if code.startswith(FORMULA_START):
            # A spreadsheet would run it as a formula (CSV injection, OWASP): refuse, say why.
            raise DataError(path, line_place(line), t("privacy.roster_formula_code", code=code))
        if not is_member_code(code):
            raise DataError(path, line_place(line), t("errors.bad_code", code=code))
        if code in seen:
            raise DataError(path, line_place(line), t("errors.code_twice", code=code))
        if not name:
            raise DataError(path, line_place(line), t("errors.name_empty"))
        seen.add(code)
        attributes = {key: value for key, value in zip(extra, cells[2:]) if value}
        members.append(Member(code=code, name=name, attributes=attributes))
    if not members:
        raise DataError(path, "", t("errors.roster_empty"))
    return members


def parse_offset(text: str) -> float:
    """Seconds from `12.5` or `mm:ss`; raises ValueError when it is neither."""
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
        raise DataError(
            path, line_place(1), t("errors.events_header", header=",".join(EVENT_HEADER)) + _separator_hint(header)
        )
    codes = {m.code for m in group.members}
    speakers = codes | {FACILITATOR}
    addressees = speakers | {GROUP}
    events: list[Event] = []
    last_at = 0.0
    for line, cells in rows:
        place = line_place(line)
        if len(cells) != len(EVENT_HEADER):
            raise DataError(path, place, t("errors.cell_count", cells=len(cells), expected=len(EVENT_HEADER)))
        at_text, source, target, kind, role, ipa_text, note = cells
        kind = kind.lower() or "speak"
        if kind not in EVENT_KINDS:
            raise DataError(path, place, t("errors.kind", kind=kind, kinds=", ".join(EVENT_KINDS)))
        try:
            at = parse_offset(at_text)
        except ValueError:
            raise DataError(path, place, t("errors.at", text=at_text)) from None
        if at < last_at:
            raise DataError(path, place, t("errors.at_earlier", text=at_text))
        last_at = at
        if kind in ("speak", "arrive", "leave") and source not in (speakers if kind == "speak" else codes):
            raise DataError(
                path, place, t("errors.from_speak" if kind == "speak" else "errors.from_member", code=source)
            )
        if kind == "note" and source and source not in speakers:
            # A note may say who it is about; a code the group does not know would make a session
            # file that `check` refuses.
            raise DataError(path, place, t("errors.from_speak", code=source))
        if kind == "speak" and target not in addressees:
            raise DataError(path, place, t("errors.to", code=target))
        if role and role not in MEZZO_ROLE_IDS:
            raise DataError(path, place, t("errors.role", role=role))
        ipa = None
        if ipa_text:
            # ASCII digits only: "²" or "③" pass str.isdigit() and then crash int().
            if not _IPA.fullmatch(ipa_text) or not 1 <= int(ipa_text) <= 12:
                raise DataError(path, place, t("errors.ipa", text=ipa_text))
            ipa = int(ipa_text)
        fields: dict[str, object] = {"seq": len(events) + 1, "at": at, "kind": kind}
        if kind == "speak":
            fields.update({"from": source, "to": target, "role": role or None, "ipa": ipa, "note": note or None})
        elif kind in ("arrive", "leave"):
            fields.update({"from": source, "note": note or None})
        else:
            if not note:
                raise DataError(path, place, t("errors.note_empty"))
            fields.update({"from": source or None, "note": note})
        try:
            events.append(Event.model_validate(fields))
        except ValidationError as error:
            raise DataError(path, place, validation_message(error.errors()[0])) from None
    if not events:
        raise DataError(path, "", t("errors.no_events"))
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
        Attendance(
            member=m.code, status=("late" if m.code in arrived_late else "present") if m.code in present else "absent"
        )
        for m in group.members
        if m.left is None or m.left >= number
    ]
    return Session(number=number, date=date, state="ended", attendance=attendance, events=events)
