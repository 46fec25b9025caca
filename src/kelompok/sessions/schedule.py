"""The date proposed for a group's next session, read from its free-text frequency (docs/ARCHITECTURE.md).

Groups write their frequency as people say it: "mingguan (Kamis malam)", "dua minggu sekali",
"bulanan (Selasa pagi pekan kedua)", "weekly (Friday afternoon)". What can be read from it is the
interval (a day, a week, two weeks, a month) and, for weekly and fortnightly groups, a weekday.
When nothing can be read the proposal is today: the facilitator types the date anyway, and a
guess from words we do not understand would only mislead.
"""

from __future__ import annotations

import datetime as dt
import re

_INTERVALS: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(pattern), days)
    for pattern, days in (
        # Two weeks before one week: "dua minggu sekali" also contains "minggu".
        (r"\b(dua|2)\s*(minggu|pekan)|dwimingguan|fortnight|biweekly|every\s+(two|2)\s+weeks", 14),
        (r"\b(dua|2)\s*(kali|x)\s*(se)?(minggu|pekan)|twice\s+a\s+week", 3),
        (r"bulan|month", 28),
        (r"mingguan|seminggu|setiap\s+(minggu|pekan)|per\s*(minggu|pekan)|\bpekanan|weekly|every\s+week|a\s+week", 7),
        (r"harian|setiap\s+hari|tiap\s+hari|daily|every\s+day", 1),
    )
)
# Weekday names; "Minggu" (Sunday) also means "week", so it counts as a day only inside brackets
# or after "hari", as in "mingguan (Minggu pagi)" or "setiap hari Minggu".
_WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_SUNDAY_ID = re.compile(r"(\(\s*|\bhari\s+)minggu\b")


def interval_days(frequency: str) -> int | None:
    """Days between sessions that `frequency` names, or None when it names none we know."""
    text = frequency.lower()
    for pattern, days in _INTERVALS:
        if pattern.search(text):
            return days
    return None


def weekday(frequency: str) -> int | None:
    """The weekday (Monday = 0) that `frequency` names, or None."""
    text = frequency.lower()
    found = [
        (match.start(), day)
        for name, day in _WEEKDAYS.items()
        for match in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    found += [(match.start(), 6) for match in _SUNDAY_ID.finditer(text)]
    return min(found)[1] if found else None


def proposed_date(frequency: str, last: dt.date | None, today: dt.date) -> dt.date:
    """The next session's date: one interval after the last session, on the named weekday, never before today."""
    days = interval_days(frequency)
    day = weekday(frequency)
    if days is None and day is None:
        return today
    start = last + dt.timedelta(days=days or 7) if last is not None else today
    start = max(start, today)
    if day is not None and (days is None or days <= 14):
        start += dt.timedelta(days=(day - start.weekday()) % 7)
    return start
