"""The signals a session shows, from one function: the sociogram screen, the supervisor's report
and `kelompok stats --json` all call `session_signals`, so what a test checks is what a
supervisor reads.

A signal is a `dynamics.Signal`: an id, the session, the members it names and the numbers behind
it. Three families, in this order per session:

* positions (`position_star`, `position_neglectee`, `position_rejectee`, `position_isolate`), one
  per member, and `few_member_exchanges` once when members hardly addressed each other so that no
  member was judged (`positions.is_leader_centred`);
* relations (`mutual_pair`, `clique`); a split into subgroups is the stage signal `cleavage`;
* development-stage and member signals (`dynamics.stage_signals`).

Each signal's stage is a Tuckman id, or the Boston id when `model="boston"`, or None for a
signal that points to no stage (positions, relations, member signals, a mid-series dip).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from kelompok.sociogram.dynamics import Signal, stage_signals
from kelompok.sociogram.stage_models import stage_in

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sociogram.analysis import Analysis

POSITION_ORDER = ("neglectee", "isolate", "rejectee", "star")
"""Members who may need the facilitator's attention come first."""

NO_STAGE_IDS = frozenset({"few_member_exchanges", "mutual_pair", "clique"} | {f"position_{p}" for p in POSITION_ORDER})


def sociometry_signals(analysis: Analysis) -> list[Signal]:
    """Positions and relations of one session or window, as signals (none below MIN_ACTS acts)."""
    n = analysis.number
    found = analysis.sociometry
    signals: list[Signal] = []
    for position in POSITION_ORDER:
        for code, held in found.positions.items():
            if position in held:
                signals.append(Signal(f"position_{position}", n, (code,)))
    if found.leader_centred:
        signals.append(Signal("few_member_exchanges", n, ()))
    signals += [Signal("mutual_pair", n, pair) for pair in found.mutual_pairs]
    signals += [Signal("clique", n, clique) for clique in found.cliques]
    return signals


def _with_groups(signal: Signal, analysis: Analysis) -> Signal:
    """The cleavage signal names its subgroups (as the relation line did before)."""
    if signal.id != "cleavage":
        return signal
    groups = analysis.sociometry.subgroups
    members = tuple(code for group in groups for code in group)
    return Signal(signal.id, signal.session, members, {**signal.values, "groups": [list(g) for g in groups]})


def session_signals(
    analyses: Sequence[Analysis],
    *,
    planned_sessions: int | None = None,
    group_type: str | None = None,
) -> dict[int, list[Signal]]:
    """Session number → every signal it shows, in display order (see the module doc)."""
    by_number = {a.number: a for a in analyses}
    result: dict[int, list[Signal]] = {a.number: sociometry_signals(a) for a in analyses}
    for signal in stage_signals(analyses, planned_sessions=planned_sessions, group_type=group_type):
        result[signal.session].append(_with_groups(signal, by_number[signal.session]))
    return result


def signal_stage(signal: Signal, model: str = "tuckman") -> str | None:
    """The development stage a signal may indicate, in the chosen model; None for none."""
    stage = signal.stage
    if stage is None or stage == "member" or signal.id in NO_STAGE_IDS:
        return None
    return stage_in(stage, model)


def as_json(signals: Iterable[Signal], model: str = "tuckman") -> list[dict[str, Any]]:
    """Signals as `stats --json` carries them: id, members, stage and model (null without a stage)."""
    out = []
    for signal in signals:
        stage = signal_stage(signal, model)
        out.append(
            {"id": signal.id, "members": list(signal.members), "stage": stage, "model": model if stage else None}
        )
    return out


__all__ = ["POSITION_ORDER", "sociometry_signals", "session_signals", "signal_stage", "as_json"]
