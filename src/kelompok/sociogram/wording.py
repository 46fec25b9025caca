"""The words for what the sociogram finds: metric labels and values, patterns, positions, signals.

Every sentence comes from the language catalogue (`locales/<lang>/sociogram.toml`), so the screen,
the plain stats table and the supervisor's report say the same thing in the same soft words.
Positions and stage signals are *signals to check*, never a diagnosis (docs/ARCHITECTURE.md, "Confidentiality and care"): the catalogue
words them as observations ("not yet addressed much"), never as labels for a person ("isolate").

Imports only `kelompok.i18n` (no Textual, no networkx), so any layer may use it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kelompok.i18n import format_number, format_percent, t

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sociogram.dynamics import Signal
    from kelompok.sociogram.positions import Sociometry
    from kelompok.sociogram.pshifts import PShifts

Who = Callable[[str], str]
"""Turns a member code into what is shown for it (the code, or code and name)."""

SHARE_METRICS = frozenset(
    {
        "facilitator_share",
        "facilitator_involvement",
        "member_to_member_share",
        "to_group_share",
        "negative_share",
        "positive_share",
    }
)
"""Metrics that are a share of acts (0–1), shown as a percentage."""
COUNT_METRICS = frozenset(
    {"acts", "present", "components", "components_members", "communities", "mutual_pairs", "cliques", "subgroups"}
)
"""Metrics that count something, shown as whole numbers; every other metric gets two decimals."""

# How each value of a signal is written: "percent", "decimal" (0,45), "count" (12) or "mean" (12,5).
_VALUE_KINDS = {
    "facilitator_share": "percent", "facilitator_share_previous": "percent", "quiet_share": "percent",
    "negative_share": "percent", "share": "percent", "member_to_member_share": "percent",
    "gini": "decimal", "centralization": "decimal", "sessions": "count", "subgroups": "count",
    "sent": "count", "value": "count", "earlier_mean": "mean",
}  # fmt: skip
_SIGNAL_VALUE_KINDS = {
    "conflict_rising": {"earlier_mean": "percent"},
    "cohesion_rising": {"previous": "percent"},
    "inequality_rising": {"previous": "decimal"},
}
"""Values whose kind depends on the signal (`previous` is a Gini in one, a share in another)."""


def _code(code: str) -> str:
    return code


def metric_label(metric: str, lang: str | None = None) -> str:
    """The short label of a series metric (`dynamics.SERIES_METRICS`), e.g. "Porsi fasil."."""
    return t(f"sociogram.metric.{metric}", lang)


def format_metric(metric: str, value: float | int | None, lang: str | None = None) -> str:
    """A metric value as the language writes it: 45%, 0,38, 12; a dash when undefined."""
    if value is None:
        return t("sociogram.panel.no_value", lang)
    if metric in SHARE_METRICS:
        return format_percent(value, lang)
    if metric in COUNT_METRICS:
        return format_number(value, 0, lang)
    return format_number(value, 2, lang)


def pattern_label(pattern: str, lang: str | None = None) -> str:
    """The short name of a communication pattern (`patterns.PATTERN_IDS`)."""
    return t(f"sociogram.pattern.{pattern}", lang)


def pattern_definition(pattern: str, lang: str | None = None) -> str:
    """A one-line definition of a communication pattern."""
    return t(f"sociogram.pattern_definition.{pattern}", lang)


def position_phrase(position: str, lang: str | None = None) -> str:
    """The soft phrase for a sociometric position (`positions.POSITION_IDS`), e.g. "belum banyak
    diajak bicara" for a neglectee."""
    return t(f"sociogram.position.{position}", lang)


def stage_label(stage: str, lang: str | None = None, model: str = "tuckman") -> str:
    """The name of a development stage, in lower case for use inside a sentence: a Tuckman id,
    shown in `model`'s words; `member` for member signals. One vocabulary per language: the
    names come from the catalogue (`stages.toml`), the only place a stage name is written."""
    from kelompok.i18n import get_language
    from kelompok.sessions.catalog import load_catalog
    from kelompok.sociogram.stage_models import stage_in

    if stage == "member":
        return t("sociogram.stage.member", lang)
    wanted = stage_in(stage, model)
    stages = load_catalog().stages
    for entry in (*stages.tuckman, *stages.boston):
        if entry.id == wanted:
            return entry.label.get(lang or get_language()).lower()
    raise KeyError(stage)


def window_mode_label(mode: str, minutes: float | None = None, lang: str | None = None) -> str:
    """How the session is cut: `whole`, `thirds`, or `minutes` (every N minutes)."""
    if mode == "minutes":
        return t("sociogram.mode.minutes", lang, minutes=format_number(minutes or 0, 0, lang))
    return t(f"sociogram.mode.{mode}", lang)


def _listing(items: Iterable[str], lang: str | None) -> str:
    return t("sociogram.listing_separator", lang).join(items)


def describe_positions(
    positions: Mapping[str, Sequence[str]],
    who: Who = _code,
    order: Sequence[str] = ("neglectee", "isolate", "rejectee", "star"),
    lang: str | None = None,
) -> list[str]:
    """One line per position that someone holds: "A1, A3: belum banyak diajak bicara".

    Members who may need the facilitator's attention come first (`order`).
    """
    lines = []
    for position in order:
        codes = [code for code, held in positions.items() if position in held]
        if codes:
            lines.append(f"{_listing(map(who, codes), lang)}: {position_phrase(position, lang)}")
    return lines


def describe_relations(sociometry: Sociometry, who: Who = _code, lang: str | None = None) -> list[str]:
    """Mutual pairs, close circles (cliques) and a possible split into subgroups, in words."""
    lines = [t("sociogram.relation.mutual_pair", lang, first=who(a), second=who(b)) for a, b in sociometry.mutual_pairs]
    lines += [t("sociogram.relation.clique", lang, members=_listing(map(who, c), lang)) for c in sociometry.cliques]
    if sociometry.subgroups:
        separator = t("sociogram.relation.group_separator", lang)
        groups = separator.join(_listing(map(who, g), lang) for g in sociometry.subgroups)
        lines.append(t("sociogram.relation.subgroups", lang, groups=groups))
    return lines


def _format_value(kind: str, value: Any, lang: str | None) -> str:
    if value is None:
        return t("sociogram.panel.no_value", lang)
    if kind == "percent":
        return format_percent(value, lang)
    if kind == "decimal":
        return format_number(value, 2, lang)
    if kind == "mean":
        return format_number(value, 1, lang)
    return format_number(value, 0, lang)


def describe_signal(signal: Signal, who: Who = _code, lang: str | None = None, model: str = "tuckman") -> str:
    """A signal (`signals.session_signals`) as one soft sentence, with its numbers.

    A stage signal ends "… may indicate <stage>; compare with what you observed": stage models
    describe groups in general, the facilitator judges this one. `model` picks Tuckman or Boston.
    """
    from kelompok.sociogram.signals import signal_stage

    members = [who(code) for code in signal.members]
    if signal.id.startswith("position_"):
        return f"{_listing(members, lang)}: {position_phrase(signal.id.removeprefix('position_'), lang)}"
    if signal.id == "mutual_pair":
        return t("sociogram.relation.mutual_pair", lang, first=members[0], second=members[1])
    if signal.id == "clique":
        return t("sociogram.relation.clique", lang, members=_listing(members, lang))
    kinds = {**_VALUE_KINDS, **_SIGNAL_VALUE_KINDS.get(signal.id, {})}
    values: dict[str, str] = {}
    for key, value in signal.values.items():
        if key == "metric":
            values[key] = metric_label(str(value), lang)
        elif key == "groups":
            separator = t("sociogram.relation.group_separator", lang)
            values[key] = separator.join(_listing(map(who, g), lang) for g in value)
        else:
            values[key] = _format_value(kinds.get(key, "decimal"), value, lang)
    values["members"] = _listing(members, lang)
    values["first"] = members[0] if members else ""
    values["second"] = members[1] if len(members) > 1 else ""
    text = t(f"sociogram.signal.{signal.id}", lang, **values)
    stage = signal_stage(signal)
    if stage is not None:
        text += t("sociogram.may_indicate", lang, stage=stage_label(stage, lang, model))
    return text


def pshift_code(shift: str) -> str:
    """Gibson's notation for a shift id: "AB-BA" → "AB→BA"."""
    return shift.replace("-", "→")


def describe_pshifts(shifts: PShifts, who: Who = _code, lang: str | None = None) -> list[str]:
    """Participation shifts in plain words: the most frequent, then who often receives, claims or
    usurps the floor ("A1 often takes the floor right after being addressed")."""
    if not shifts.total:
        return [t("sociogram.pshifts.none", lang)]
    top = [
        t("sociogram.pshifts.item", lang, code=pshift_code(p), label=t(f"sociogram.pshift.{p}", lang),
          share=format_percent(count / shifts.total, lang))
        for p, count in shifts.top()
    ]  # fmt: skip
    lines = [t("sociogram.pshifts.summary", lang, count=format_number(shifts.total, 0, lang), top="; ".join(top))]
    for person, family, count in shifts.notable_people():
        shown = t("sociogram.facilitator_short", lang) if person == "facilitator" else who(person)
        lines.append(t(f"sociogram.pshifts.{family}", lang, who=shown, count=format_number(count, 0, lang)))
    return lines


def describe_equity(ratios: Mapping[str, Mapping[str, float | None]], lang: str | None = None) -> list[str]:
    """One line per analysable attribute: "gender: perempuan 0,62 · laki-laki 1,31"."""
    if not ratios:
        return [t("sociogram.equity.none", lang)]
    lines = []
    for attribute, values in ratios.items():
        items = [
            t("sociogram.equity.item", lang, value=value or t("sociogram.equity.unknown", lang),
              ratio=t("sociogram.panel.no_value", lang) if ratio is None else format_number(ratio, 2, lang))
            for value, ratio in values.items()
        ]  # fmt: skip
        lines.append(t("sociogram.equity.line", lang, attribute=attribute, values=" · ".join(items)))
    return lines


__all__ = [
    "SHARE_METRICS", "COUNT_METRICS", "metric_label", "format_metric", "pattern_label", "pattern_definition",
    "position_phrase", "stage_label", "window_mode_label", "describe_positions", "describe_relations",
    "describe_signal", "pshift_code", "describe_pshifts", "describe_equity",
]  # fmt: skip
