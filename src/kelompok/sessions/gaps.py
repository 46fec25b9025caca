"""Interrupted recording: how much of a stretch of session time was not recorded (no Textual here).

A `gap` event (see `Recorder._record_gap` and docs/ARCHITECTURE.md, "Time in a session") marks
session time from `at` to `until` in which the group met but the app recorded nothing: after a
crash, or after the live screen was closed while the session ran. The gap stays *on* the session's
clock, so every later offset is true and time windows do not shrink; whatever divides by time —
acts per minute, an agenda block's actual minutes — divides by the *recorded* time, which leaves
the gaps out. These helpers do that arithmetic for every consumer, on plain (from, until) spans.
"""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[float, float]


def overlap(gaps: Iterable[Span], start: float, end: float) -> float:
    """Seconds of the gaps that fall inside [start, end]."""
    total = 0.0
    for low, high in gaps:
        total += max(0.0, min(high, end) - max(low, start))
    return total


def clip(gaps: Iterable[Span], start: float, end: float) -> tuple[Span, ...]:
    """The parts of the gaps inside [start, end] (a time window's own gaps)."""
    return tuple((max(low, start), min(high, end)) for low, high in gaps if min(high, end) > max(low, start))


def recorded_seconds(gaps: Iterable[Span], start: float, end: float) -> float:
    """Seconds of [start, end] that were recorded: the span less its gaps."""
    return max(0.0, (end - start) - overlap(gaps, start, end))


def gap_length_text(seconds: float, lang: str | None = None) -> str:
    """A gap's length in words: `12 menit`, or `40 detik` under a minute."""
    from kelompok.i18n import t

    if seconds < 60:
        return t("gaps.seconds", lang, seconds=round(seconds))
    return t("gaps.minutes", lang, minutes=round(seconds / 60))
