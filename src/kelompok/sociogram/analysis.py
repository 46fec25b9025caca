"""One session (or window) analysed once: graphs, metrics, sociometry, pattern, roles, tones.

`analyse` is what the sociogram screen, the dynamics and the stats all start from, so nothing is
computed twice for the same span.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING

import networkx as nx

from kelompok.sociogram.acts import NEGATIVE_IPA, POSITIVE_IPA, SessionActs, as_session_acts
from kelompok.sociogram.build import session_graph, windows, without_facilitator
from kelompok.sociogram.metrics import SessionMetrics, session_metrics
from kelompok.sociogram.patterns import Pattern, classify
from kelompok.sociogram.positions import Sociometry, sociometry

if TYPE_CHECKING:  # pragma: no cover
    from kelompok.sessions.models import Session

_CODES = itemgetter(5, 6)  # (ipa, valence) of an Act


@dataclass(frozen=True, slots=True)
class Tones:
    """How many acts were coded, and how many of them were negative / positive."""

    coded: int
    negative: int
    positive: int

    @property
    def negative_share(self) -> float | None:
        """Negative acts ÷ coded acts; None when nothing was coded."""
        return self.negative / self.coded if self.coded else None

    @property
    def positive_share(self) -> float | None:
        """Positive acts ÷ coded acts; None when nothing was coded."""
        return self.positive / self.coded if self.coded else None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything kelompok computes about one session or window."""

    acts: SessionActs
    graph: nx.DiGraph
    members_graph: nx.DiGraph
    metrics: SessionMetrics
    sociometry: Sociometry
    pattern: Pattern
    roles: dict[str, int]
    """Mezzo role id → number of acts tagged with it (catalogue order, only roles used)."""
    tones: Tones
    member_to_member: int
    """Acts from one member to another (the group-centred part of the talk)."""

    @property
    def number(self) -> int:
        """The session number."""
        return self.acts.number


def _tones(session: SessionActs) -> Tones:
    coded = negative = positive = 0
    for (ipa, valence), count in Counter(map(_CODES, session.acts)).items():
        if ipa is None and valence is None:
            continue
        coded += count
        if valence == "negative" or (ipa is not None and ipa in NEGATIVE_IPA):
            negative += count
        elif valence == "positive" or (ipa is not None and ipa in POSITIVE_IPA):
            positive += count
    return Tones(coded, negative, positive)


def _roles(session: SessionActs) -> dict[str, int]:
    from kelompok.sessions.models import MEZZO_ROLE_IDS

    counts = Counter(a.role for a in session.acts if a.role is not None)
    return {role: counts[role] for role in MEZZO_ROLE_IDS if counts[role]}


def analyse(session: Session | SessionActs, seating: Sequence[str] | None = None) -> Analysis:
    """Analyse one session (or one window from `build.windows`).

    `seating` is `Group.seat_order()`; it only matters for the round-robin pattern.
    """
    data = as_session_acts(session)
    graph = session_graph(data)
    members = without_facilitator(graph)
    metrics = session_metrics(graph, members)
    member_communities = (metrics.communities, metrics.modularity)
    between_members = int(members.size(weight="weight"))
    return Analysis(
        acts=data,
        graph=graph,
        members_graph=members,
        metrics=metrics,
        sociometry=sociometry(graph, members, member_communities),
        pattern=classify(data, seating),
        roles=_roles(data),
        tones=_tones(data),
        member_to_member=between_members,
    )


def analyse_windows(
    session: Session | SessionActs,
    seating: Sequence[str] | None = None,
    parts: int = 3,
    minutes: float | None = None,
) -> list[Analysis]:
    """`analyse` for every window of `build.windows(session, parts, minutes)`."""
    return [analyse(w, seating) for w in windows(session, parts, minutes)]


__all__ = ["Analysis", "Tones", "analyse", "analyse_windows"]
