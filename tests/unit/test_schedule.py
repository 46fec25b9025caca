"""The next session's proposed date from the group's free-text frequency (sessions/schedule.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from kelompok.sessions.schedule import interval_days, proposed_date, weekday

THURSDAY = dt.date(2026, 11, 19)  # a Thursday
TODAY = dt.date(2026, 11, 23)  # a Monday


@pytest.mark.parametrize(
    "frequency, days",
    [
        ("mingguan (Kamis malam)", 7),
        ("seminggu sekali", 7),
        ("weekly (Friday afternoon)", 7),
        ("dua minggu sekali", 14),
        ("2 minggu sekali", 14),
        ("fortnightly", 14),
        ("dua kali seminggu", 3),
        ("bulanan (Selasa pagi pekan kedua), seperti pertemuan P2K2 PKH", 28),
        ("monthly", 28),
        ("setiap hari selama pelatihan", 1),
        ("", None),
        ("sesuai kesepakatan", None),
    ],
)
def test_interval_from_the_words_people_use(frequency: str, days: int | None):
    assert interval_days(frequency) == days


@pytest.mark.parametrize(
    "frequency, day",
    [
        ("mingguan (Kamis malam)", 3),
        ("mingguan (Minggu pagi)", 6),
        ("setiap hari Minggu", 6),
        ("mingguan", None),
        ("weekly, Friday", 4),
        ("Jumat sore", 4),
    ],
)
def test_weekday_and_sunday_is_not_the_week(frequency: str, day: int | None):
    assert weekday(frequency) == day


def test_weekly_on_thursday_after_a_thursday_session_is_the_next_thursday_from_today():
    # Last session Thursday 19 Nov; a week later is Thursday 26 Nov (after today, Monday 23 Nov).
    assert proposed_date("mingguan (Kamis malam)", THURSDAY, TODAY) == dt.date(2026, 11, 26)


def test_never_before_today_and_on_the_named_day():
    long_ago = dt.date(2026, 3, 5)
    proposed = proposed_date("mingguan (Kamis malam)", long_ago, TODAY)
    assert proposed >= TODAY and proposed.weekday() == 3 and proposed == dt.date(2026, 11, 26)


def test_fortnightly_and_monthly_count_from_the_last_session():
    assert proposed_date("dua minggu sekali", dt.date(2026, 11, 20), TODAY) == dt.date(2026, 12, 4)
    assert proposed_date("bulanan", dt.date(2026, 11, 10), TODAY) == dt.date(2026, 12, 8)


def test_unknown_words_or_no_history_propose_today_or_the_next_named_day():
    assert proposed_date("sesuai kesepakatan", THURSDAY, TODAY) == TODAY
    assert proposed_date("mingguan", None, TODAY) == TODAY
    assert proposed_date("mingguan (Kamis malam)", None, TODAY) == dt.date(2026, 11, 26)
