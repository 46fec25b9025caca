"""Metrics over time: per window within a session, per session across the series; member
trajectories; development-stage signals (docs/ARCHITECTURE.md, "Domain signals").

Stage signals are *signals to check*, never a diagnosis: stage models describe groups in
general, and a group halfway through its sessions may well still be forming. Each signal is an
`id` plus the numbers it rests on; the UI words it (in Bahasa Indonesia or English) and the
facilitator judges. Thresholds are starting points (docs/ARCHITECTURE.md, "Domain signals"), named here so they can
be calibrated with facilitators.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kelompok.sociogram.acts import FACILITATOR, SessionActs, code_key
from kelompok.sociogram.analysis import Analysis, analyse, analyse_windows
from kelompok.sociogram.metrics import acts_per_node
from kelompok.sociogram.stage_models import BOSTON_STAGES, STAGE_MODELS, stage_in  # noqa: F401 (re-exported)

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Session

# ── series ──────────────────────────────────────────────────────────────────────────────────

SERIES_METRICS = (
    "acts", "present", "facilitator_share", "facilitator_involvement", "gini", "gini_with_facilitator",
    "density", "density_members", "reciprocity", "reciprocity_members", "centralization",
    "centralization_members", "components", "components_members", "communities", "modularity",
    "member_to_member_share", "to_group_share", "negative_share", "positive_share", "mutual_pairs",
    "cliques", "subgroups",
)  # fmt: skip
"""Metric ids of `metric_values`, in display order. `_members` = computed without the facilitator;
`gini` is over members, `gini_with_facilitator` counts the facilitator as a participant;
`communities` and `modularity` are of the member graph (see `metrics.communities`)."""


def analyse_series(
    items: Iterable[Session | SessionActs | Analysis], seating: Sequence[str] | None = None
) -> list[Analysis]:
    """Analyse every session (already analysed ones are passed through)."""
    return [item if isinstance(item, Analysis) else analyse(item, seating) for item in items]


def metric_values(analysis: Analysis) -> dict[str, float | int | None]:
    """Every series metric of one analysed session or window (keys: SERIES_METRICS)."""
    full, members = analysis.metrics.with_facilitator, analysis.metrics.without_facilitator
    total = full.acts
    to_group = sum(to for _, to in analysis.graph.nodes(data="to_group"))
    return {
        "acts": total,
        "present": len(analysis.acts.present),
        "facilitator_share": analysis.metrics.facilitator_share,
        "facilitator_involvement": analysis.metrics.facilitator_involvement,
        "gini": members.gini,
        "gini_with_facilitator": full.gini,
        "density": full.density,
        "density_members": members.density,
        "reciprocity": full.reciprocity,
        "reciprocity_members": members.reciprocity,
        "centralization": full.centralization,
        "centralization_members": members.centralization,
        "components": full.components,
        "components_members": members.components,
        "communities": len(analysis.metrics.communities),
        "modularity": analysis.metrics.modularity,
        "member_to_member_share": analysis.member_to_member / total if total else None,
        "to_group_share": to_group / total if total else None,
        "negative_share": analysis.tones.negative_share,
        "positive_share": analysis.tones.positive_share,
        "mutual_pairs": len(analysis.sociometry.mutual_pairs),
        "cliques": len(analysis.sociometry.cliques),
        "subgroups": len(analysis.sociometry.subgroups),
    }


def metric_series(
    items: Iterable[Session | SessionActs | Analysis], seating: Sequence[str] | None = None
) -> dict[str, list[float | int | None]]:
    """Every metric as a list of values, one per session (or window), in the given order."""
    rows = [metric_values(a) for a in analyse_series(items, seating)]
    return {name: [row[name] for row in rows] for name in SERIES_METRICS}


def window_series(
    session: Session | SessionActs,
    seating: Sequence[str] | None = None,
    parts: int = 3,
    minutes: float | None = None,
) -> dict[str, list[float | int | None]]:
    """Every metric per time window of one session (thirds by default, or `minutes` windows)."""
    return metric_series(analyse_windows(session, seating, parts, minutes))


# ── members ─────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class MemberPoint:
    """One member in one session. Counts are None when the member was not there."""

    session: int
    present: bool
    sent: int | None
    """Acts said, to anyone or the group."""
    out: int | None
    to_group: int | None
    received: int | None
    """Acts addressed to the member by anyone (received attention)."""
    received_from_members: int | None


def member_trajectories(
    items: Iterable[Session | SessionActs | Analysis], members: Sequence[str] | None = None
) -> dict[str, list[MemberPoint]]:
    """Per member, one point per session: present or not, acts sent and received.

    `members` fixes which codes and in which order (e.g. `Group.seat_order()`); by default every
    member seen in the series, in natural code order. Absent members get counts of None, so an
    absence is never read as silence.
    """
    analyses = analyse_series(items)
    if members is None:
        seen: set[str] = set()
        for a in analyses:
            seen.update(n for n in a.graph if n != FACILITATOR)
            seen.update(a.acts.absent)
        members = sorted(seen, key=code_key)
    result: dict[str, list[MemberPoint]] = {code: [] for code in members}
    for a in analyses:
        counts = acts_per_node(a.graph)
        for code in members:
            if code not in a.graph:
                result[code].append(MemberPoint(a.number, False, None, None, None, None, None))
                continue
            c = counts[code]
            from_members = sum(w for u, _, w in a.graph.in_edges(code, data="weight") if u != FACILITATOR)
            present = bool(a.graph.nodes[code]["present"]) or c.sent > 0
            result[code].append(MemberPoint(a.number, present, c.sent, c.out, c.to_group, c.in_, from_members))
    return result


# ── stage signals ───────────────────────────────────────────────────────────────────────────

LEADER_CENTRED_MIN_SHARE = 0.4
"""Forming: the facilitator says at least this share of all acts …"""
LEADER_CENTRED_MIN_CENTRALIZATION = 0.5
"""… and the graph is this centralized (hub and spoke)."""
QUIET_MAX_ACTS = 1
"""Forming: a member with at most this many acts sent is quiet …"""
QUIET_MIN_SHARE = 0.3
"""… and the signal fires when at least this share of present members is quiet."""
CONFLICT_MIN_SHARE = 0.15
"""Storming: negative acts (valence or IPA 10–12) are at least this share of coded acts …"""
CONFLICT_MIN_RISE = 0.1
"""… and at least this much above the mean of the earlier sessions."""
INEQUALITY_MIN_RISE = 0.1
"""Storming: the members' Gini rose at least this much since the previous session."""
DOMINANT_MIN_SHARE = 0.4
"""Storming: a new top speaker who stays on top two sessions running, each time with at least
this share of members' acts (the top of Bales' normal range for the top speaker, 40–50 %) …"""
DOMINANT_CLEAR_SHARE = 0.5
"""… or, in one session, a new top speaker clearly above that range."""
COHESION_MIN_RISE = 0.05
"""Norming: member-to-member share of acts rose at least this much while the facilitator's fell."""
BALANCED_MAX_GINI = 0.25
"""Performing: members' Gini at most this …"""
BALANCED_MAX_FACILITATOR = 0.25
"""… facilitator share at most this …"""
BALANCED_MAX_NEGATIVE = 0.1
"""… and (when coded) negative share at most this."""
DROP_MIN_EARLIER = 3
"""Adjourning: compare with the mean of at least this many earlier sessions …"""
DROP_MIN_SHARE = 0.3
"""… and signal a fall of attendance or acts by at least this share. Only in an ending session
(the plan's stage, else the calendar's `planning.stage_for`) is the fall read as adjourning
(`participation_drop`); mid-series it is `participation_dip`, with no stage: check outside causes
(harvest, Ramadan, rain, the day aid is paid out) or a risk of drop-out."""
LEADER_LED_TYPES = frozenset({"education"})
"""Group types in which leader-centred talk is expected (the facilitator teaches): there it is
not a forming signal but `leader_centred_expected`, with no stage. (A planned `instruktur` role
does not mark a teaching block: the catalogue plans it for every first session's introductions.)"""
UNADDRESSED_MIN_STREAK = 2
"""Member: this many attended sessions in a row without an act addressed to them."""
WITHDRAWAL_MIN_EARLIER_MEAN = 5
"""Member: withdrawal is only judged for members who said at least this many acts on average …"""
WITHDRAWAL_MIN_DROP = 0.5
"""… and fires when this session's acts fell by at least this share of that mean."""
ONE_WAY_MIN_ACTS = 2
"""Member: a one-way tie is at least this many acts one way and none back …"""
ONE_WAY_MIN_STREAK = 3
"""… in this many sessions in a row in which both were present."""

SIGNAL_STAGES: dict[str, str | None] = {
    "leader_centred": "forming",
    "leader_centred_expected": None,
    "quiet_members": "forming",
    "conflict_rising": "storming",
    "inequality_rising": "storming",
    "new_dominant_speaker": "storming",
    "cleavage": "storming",
    "cohesion_rising": "norming",
    "balanced_participation": "performing",
    "participation_drop": "adjourning",
    "participation_dip": None,
    "unaddressed_streak": "member",
    "withdrawal": "member",
    "one_way_tie": "member",
}
"""Signal id → the Tuckman stage it may indicate, `member` for signals about one member, None for
a group signal that points to no stage."""


@dataclass(frozen=True, slots=True)
class Signal:
    """A development-stage or member signal to check: id, where, and the numbers behind it."""

    id: str
    session: int
    members: tuple[str, ...] = ()
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def stage(self) -> str | None:
        """The Tuckman stage the signal points to, `member`, or None (see SIGNAL_STAGES)."""
        return SIGNAL_STAGES.get(self.id)


def _top_speaker(a: Analysis) -> tuple[str | None, float]:
    counts = {n: c.sent for n, c in acts_per_node(a.graph).items() if n != FACILITATOR}
    total = sum(counts.values())
    if not total:
        return None, 0.0
    code = max(counts, key=lambda n: (counts[n], -list(counts).index(n)))
    return code, counts[code] / total


def _practice_stage(a: Analysis, planned_sessions: int | None) -> str:
    """The session's practice stage: the plan's, else the calendar's guess."""
    from kelompok.sessions.planning import stage_for

    return a.acts.plan_stage or stage_for(max(a.number, 1), planned_sessions)


def _group_signals(
    analyses: list[Analysis], rows: list[dict[str, Any]], planned_sessions: int | None, group_type: str | None
) -> list[Signal]:
    signals: list[Signal] = []
    tops = [_top_speaker(a) for a in analyses]
    for k, (a, row) in enumerate(zip(analyses, rows, strict=True)):
        n = a.number
        share, central = row["facilitator_share"], row["centralization"]
        if share is not None and central is not None:
            if share >= LEADER_CENTRED_MIN_SHARE and central >= LEADER_CENTRED_MIN_CENTRALIZATION:
                signal_id = "leader_centred_expected" if group_type in LEADER_LED_TYPES else "leader_centred"
                signals.append(Signal(signal_id, n, (), {"facilitator_share": share, "centralization": central}))
        sent = [c.sent for m, c in acts_per_node(a.graph).items() if m != FACILITATOR]
        if sent:
            quiet = sum(1 for s in sent if s <= QUIET_MAX_ACTS) / len(sent)
            if quiet >= QUIET_MIN_SHARE and row["acts"]:
                signals.append(Signal("quiet_members", n, (), {"quiet_share": quiet}))
        if row["subgroups"]:
            signals.append(Signal("cleavage", n, (), {"subgroups": row["subgroups"]}))
        ok = row["gini"] is not None and row["facilitator_share"] is not None
        if ok and row["gini"] <= BALANCED_MAX_GINI and row["facilitator_share"] <= BALANCED_MAX_FACILITATOR:
            negative = row["negative_share"]
            if negative is None or negative <= BALANCED_MAX_NEGATIVE:
                values = {"gini": row["gini"], "facilitator_share": row["facilitator_share"]}
                signals.append(Signal("balanced_participation", n, (), values))
        if k == 0:
            continue
        before, earlier = rows[k - 1], rows[:k]
        negatives = [r["negative_share"] for r in earlier if r["negative_share"] is not None]
        negative = row["negative_share"]
        if negative is not None and negatives and negative >= CONFLICT_MIN_SHARE:
            mean = statistics.fmean(negatives)
            if negative - mean >= CONFLICT_MIN_RISE:
                signals.append(Signal("conflict_rising", n, (), {"negative_share": negative, "earlier_mean": mean}))
        if (
            row["gini"] is not None
            and before["gini"] is not None
            and row["gini"] - before["gini"] >= INEQUALITY_MIN_RISE
        ):
            signals.append(Signal("inequality_rising", n, (), {"gini": row["gini"], "previous": before["gini"]}))
        top, top_share = tops[k]
        previous_top, previous_share = tops[k - 1]
        before_that = tops[k - 2][0] if k >= 2 else None
        # New and clearly above Bales' normal top share at once, or new last time and still on top.
        sudden = (
            top is not None and previous_top is not None and top != previous_top and top_share >= DOMINANT_CLEAR_SHARE
        )
        lasting = (
            k >= 2 and top is not None and top == previous_top and before_that is not None and before_that != top
            and top_share >= DOMINANT_MIN_SHARE and previous_share >= DOMINANT_MIN_SHARE
            and previous_share < DOMINANT_CLEAR_SHARE  # already signalled as sudden then
        )  # fmt: skip
        if sudden or lasting:
            signals.append(Signal("new_dominant_speaker", n, (top,), {"share": top_share}))
        m2m, fac = row["member_to_member_share"], row["facilitator_share"]
        m2m_before, fac_before = before["member_to_member_share"], before["facilitator_share"]
        if (
            None not in (m2m, fac, m2m_before, fac_before)
            and m2m - m2m_before >= COHESION_MIN_RISE
            and fac < fac_before
        ):
            values = {"member_to_member_share": m2m, "previous": m2m_before, "facilitator_share": fac,
                      "facilitator_share_previous": fac_before}  # fmt: skip
            signals.append(Signal("cohesion_rising", n, (), values))
        if k >= DROP_MIN_EARLIER:
            ending = _practice_stage(a, planned_sessions) == "ending"
            for metric in ("present", "acts"):
                mean = statistics.fmean(r[metric] for r in earlier)
                if mean and row[metric] <= (1 - DROP_MIN_SHARE) * mean:
                    values = {"metric": metric, "value": row[metric], "earlier_mean": mean}
                    signals.append(Signal("participation_drop" if ending else "participation_dip", n, (), values))
    return signals


def _member_signals(analyses: list[Analysis]) -> list[Signal]:
    signals: list[Signal] = []
    trajectories = member_trajectories(analyses)
    for code, points in trajectories.items():
        streak = 0
        history: list[int] = []
        for point in points:
            if not point.present or point.sent is None or point.received is None:
                continue  # an absence neither breaks nor extends a streak
            streak = streak + 1 if point.received == 0 else 0
            if streak >= UNADDRESSED_MIN_STREAK:
                signals.append(Signal("unaddressed_streak", point.session, (code,), {"sessions": streak}))
            if history:
                mean = statistics.fmean(history)
                if mean >= WITHDRAWAL_MIN_EARLIER_MEAN and point.sent <= (1 - WITHDRAWAL_MIN_DROP) * mean:
                    signals.append(
                        Signal("withdrawal", point.session, (code,), {"sent": point.sent, "earlier_mean": mean})
                    )
            history.append(point.sent)
    streaks: dict[tuple[str, str], int] = {}
    for a in analyses:
        graph = a.graph
        members = [m for m in graph if m != FACILITATOR]
        current: dict[tuple[str, str], int] = {}
        for u in members:
            for v, data in graph.adj[u].items():
                if v == FACILITATOR or data["weight"] < ONE_WAY_MIN_ACTS or graph.has_edge(v, u):
                    continue
                current[(u, v)] = streaks.get((u, v), 0) + 1
                if current[(u, v)] >= ONE_WAY_MIN_STREAK:
                    signals.append(Signal("one_way_tie", a.number, (u, v), {"sessions": current[(u, v)]}))
        # A pair keeps its streak across a session in which one of them was absent.
        for pair, count in streaks.items():
            if pair not in current and not (pair[0] in graph and pair[1] in graph):
                current[pair] = count
        streaks = current
    return signals


def stage_signals(
    items: Iterable[Session | SessionActs | Analysis],
    *,
    planned_sessions: int | None = None,
    group_type: str | None = None,
) -> list[Signal]:
    """Development-stage and member signals for a series, in session order.

    Group signals: leader_centred, quiet_members (forming); conflict_rising, inequality_rising,
    new_dominant_speaker, cleavage (storming); cohesion_rising (norming); balanced_participation
    (performing); participation_drop (adjourning); leader_centred_expected and participation_dip
    (no stage). Member signals: unaddressed_streak, withdrawal, one_way_tie. See the constants
    for each rule. `planned_sessions` and `group_type` (the group's) let the plan decide what a
    fall in participation or leader-centred talk means; without them every session past the
    first counts as the middle of an open-ended series.
    """
    analyses = analyse_series(items)
    rows = [metric_values(a) for a in analyses]
    signals = _group_signals(analyses, rows, planned_sessions, group_type) + _member_signals(analyses)
    order = {a.number: i for i, a in enumerate(analyses)}
    signals.sort(key=lambda s: order[s.session])  # stable: group signals before member signals
    return signals
