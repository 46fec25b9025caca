"""The end-of-session summary: what a facilitator looks at right after F10 (no Textual here).

Counts come from the session's standing acts; "who spoke least" and "who did not speak" are among
the members present (`Session.presence`: a late member from her arrival), so an absent member is
never shown as silent. Then roles used against planned, the agenda's minutes planned against
actual (`planning.plan_vs_actual`: block 1 from the start), and the safety flags to follow up.
See docs/ARCHITECTURE.md ("The data flow": the summary after F10).
"""

from __future__ import annotations

from dataclasses import dataclass

from kelompok.sessions.models import FACILITATOR, Session
from kelompok.sessions.planning import plan_vs_actual


@dataclass(frozen=True)
class SessionSummary:
    acts: int
    """Standing speaking acts, the facilitator's included."""
    facilitator_acts: int
    silent: list[str]
    """Present members with no act, in seat order as given."""
    least: list[tuple[str, int]]
    """Present members who spoke, fewest acts first (at most three; ties in seat order)."""
    roles_used: list[str]
    """Mezzo roles acts were tagged with, in the catalogue's order."""
    planned_unused: list[str]
    used_unplanned: list[str]
    objectives: int
    """Objectives of the plan, to evaluate now."""
    evaluated: int = 0
    """Objectives that already have a result (met / partly / not met)."""
    blocks: tuple[tuple[str, int, float | None], ...] = ()
    """Agenda blocks as (title, planned minutes, actual minutes or None when never reached)."""
    outside_minutes: float = 0.0
    """Minutes after the plan's blocks had ended ("outside the agenda")."""
    safety: int = 0
    """Safety flags (notes and attendance reasons) raised in this session."""
    safety_open: int = 0
    """Of them, not yet followed up."""

    @property
    def facilitator_share(self) -> float | None:
        return self.facilitator_acts / self.acts if self.acts else None


def summarise(session: Session, seat_order: list[str]) -> SessionSummary:
    acts = session.acts()
    counts: dict[str, int] = {}
    for act in acts:
        if act.from_ is not None:
            counts[act.from_] = counts.get(act.from_, 0) + 1
    present = set(session.present_codes())
    order = [code for code in seat_order if code in present] + sorted(present - set(seat_order))
    silent = [code for code in order if not counts.get(code)]
    spoke = sorted(
        (code for code in order if counts.get(code)), key=lambda code: counts[code]
    )  # stable: seat order on ties
    comparison = plan_vs_actual(session)
    from kelompok.sessions.safety import safety_items

    flags = safety_items(session)
    return SessionSummary(
        acts=len(acts),
        facilitator_acts=counts.get(FACILITATOR, 0),
        silent=silent,
        least=[(code, counts[code]) for code in spoke[:3]],
        roles_used=[use.role for use in comparison.roles if use.used],
        planned_unused=comparison.planned_unused,
        used_unplanned=comparison.used_unplanned,
        objectives=len(session.plan.objectives),
        evaluated=sum(1 for objective in session.plan.objectives if objective.result),
        blocks=tuple((block.title, block.planned_minutes, block.actual_minutes) for block in comparison.blocks),
        outside_minutes=comparison.unassigned_minutes,
        safety=len(flags),
        safety_open=sum(1 for flag in flags if flag.open),
    )
