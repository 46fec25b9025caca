"""Metrics over time, member trajectories and development-stage signals."""

from __future__ import annotations

import datetime as dt

import pytest

from kelompok.sociogram.acts import Act, SessionActs
from kelompok.sociogram.dynamics import (
    SERIES_METRICS,
    SIGNAL_STAGES,
    member_trajectories,
    metric_series,
    stage_signals,
    window_series,
)

SHORT = {"F": "facilitator", "G": "group"}


def acts_session(spec: str, number: int, present=("A", "B", "C", "D"), coding="off") -> SessionActs:
    acts: list[Act] = []
    for token in spec.split():
        token, _, times = token.partition("*")
        pair, _, code = token.partition(":")
        frm, to = (SHORT.get(x, x) for x in pair.split(">"))
        valence = {"-": "negative", "+": "positive", "t": "task"}.get(code)
        for _ in range(int(times or 1)):
            acts.append(Act(len(acts) + 1, float(len(acts) * 5), frm, to, None, None, valence))
    return SessionActs(number, dt.date(2026, 1, number), tuple(present), tuple(acts), coding)


def ids(signals, session=None):
    return {s.id for s in signals if session is None or s.session == session}


def test_metric_series_has_every_metric_once_per_session():
    sessions = [
        acts_session("F>A A>F F>B B>F", 1),  # facilitator says 2 of 4
        acts_session("F>A A>B B>A C>D", 2),  # 1 of 4
        acts_session("A>B B>C C>D D>A", 3),  # 0 of 4
    ]
    series = metric_series(sessions)
    assert list(series) == list(SERIES_METRICS)
    assert all(len(values) == 3 for values in series.values())
    assert series["facilitator_share"] == pytest.approx([0.5, 0.25, 0.0])
    assert series["acts"] == [4, 4, 4]
    assert series["member_to_member_share"] == pytest.approx([0.0, 0.75, 1.0])
    assert series["negative_share"] == [None, None, None]  # nothing coded
    # Members-only density: session 3 has the ring A→B→C→D→A: 4 ties of 4·3.
    assert series["density_members"][2] == pytest.approx(4 / 12)


def test_window_series_has_one_value_per_window():
    series = window_series(acts_session("F>A A>F F>B B>F A>B B>A", 1), parts=3)
    assert series["acts"] == [2, 2, 2]
    assert series["facilitator_share"] == pytest.approx([0.5, 0.5, 0.0])


def test_trajectories_tell_absence_from_silence():
    sessions = [
        acts_session("A>B B>A F>C", 1, present=("A", "B", "C")),
        acts_session("A>B", 2, present=("A", "B", "C", "D")),
    ]
    paths = member_trajectories(sessions)
    assert list(paths) == ["A", "B", "C", "D"]
    d1 = paths["D"][0]
    assert (d1.present, d1.sent, d1.received) == (False, None, None)  # absent in session 1
    c2 = paths["C"][1]
    assert (c2.present, c2.sent, c2.received) == (True, 0, 0)  # present and silent
    c1 = paths["C"][0]
    assert (c1.received, c1.received_from_members) == (1, 0)
    assert [p.sent for p in paths["A"]] == [1, 1]


def test_forming_signals_leader_centred_and_quiet_members():
    # F says 6 of 8 acts, every act involves F; C and D say nothing.
    signals = stage_signals([acts_session("F>A A>F F>B B>F F>A F>B F>G F>G", 1)])
    assert {"leader_centred", "quiet_members"} <= ids(signals)
    leader = next(s for s in signals if s.id == "leader_centred")
    assert leader.values["facilitator_share"] == pytest.approx(0.75)
    assert leader.stage == "forming"


def test_storming_conflict_rising():
    calm = acts_session("A>B:+ B>A:t C>D:t D>C:+", 1, coding="valence")
    tense = acts_session("A>B:- B>A:- C>D:t D>C:+", 2, coding="valence")
    signals = stage_signals([calm, tense])
    conflict = [s for s in signals if s.id == "conflict_rising"]
    assert [(s.session, s.values["negative_share"], s.values["earlier_mean"]) for s in conflict] == [(2, 0.5, 0.0)]


def test_storming_new_dominant_speaker_and_inequality_rising():
    first = acts_session("A>B*3 B>A*3 C>D*3 D>C*3", 1)
    second = acts_session("C>G*8 A>B B>A D>C", 2)
    signals = stage_signals([first, second])
    assert {"new_dominant_speaker", "inequality_rising"} <= ids(signals, 2)
    dominant = next(s for s in signals if s.id == "new_dominant_speaker")
    assert dominant.members == ("C",) and dominant.values["share"] == pytest.approx(8 / 11)


def test_norming_cohesion_rising_and_performing_balance():
    first = acts_session("F>A A>F F>B B>F F>C C>F A>B B>A", 1)
    second = acts_session("A>B B>C C>D D>A B>A C>B D>C A>D F>G", 2)
    signals = stage_signals([first, second])
    assert "cohesion_rising" in ids(signals, 2)
    assert "balanced_participation" in ids(signals, 2)
    assert "balanced_participation" not in ids(signals, 1)


def test_adjourning_participation_drop_in_the_last_session_of_the_plan():
    # Planned 4 sessions: session 4 is the ending (stage_for: the last sixth, at least one).
    # Present 2 ≤ 0.7 × 4 and acts 2 ≤ 0.7 × 12 → both metrics fall.
    full = "A>B B>C C>D D>A " * 3
    sessions = [acts_session(full, n) for n in (1, 2, 3)] + [acts_session("A>B B>A", 4, present=("A", "B"))]
    drops = [s for s in stage_signals(sessions, planned_sessions=4) if s.id == "participation_drop"]
    assert {(s.session, s.values["metric"]) for s in drops} == {(4, "present"), (4, "acts")}
    assert all(s.stage == "adjourning" for s in drops)


def test_a_mid_series_dip_is_not_adjourning():
    # A 10-session series: session 5 has 2 of 4 members and 2 acts after 12 acts in 1–4. Session
    # 5 of 10 is the middle (stage_for: ending is session 10 only), so the fall is a dip with no
    # stage ("check outside causes"), never adjourning.
    full = "A>B B>C C>D D>A " * 3
    sessions = [acts_session(full, n) for n in (1, 2, 3, 4)] + [acts_session("A>B B>A", 5, present=("A", "B"))]
    signals = stage_signals(sessions, planned_sessions=10)
    assert "participation_drop" not in ids(signals)
    dips = [s for s in signals if s.id == "participation_dip"]
    assert {(s.session, s.values["metric"]) for s in dips} == {(5, "present"), (5, "acts")}
    assert all(s.stage is None for s in dips)
    # Without a planned length the end cannot be known: a dip too.
    assert "participation_drop" not in ids(stage_signals(sessions))


def test_the_plans_ending_stage_makes_a_fall_adjourning():
    full = "A>B B>C C>D D>A " * 3
    last = SessionActs(5, dt.date(2026, 1, 5), ("A", "B"), acts_session("A>B B>A", 5).acts, plan_stage="ending")
    signals = stage_signals([acts_session(full, n) for n in (1, 2, 3, 4)] + [last], planned_sessions=10)
    assert "participation_drop" in ids(signals, 5)


def test_a_new_top_speaker_at_forty_percent_once_is_ordinary():
    # Session 1: A says 4 of 10 member acts (top). Session 2: B says 4 of 10 (40 %): new, but
    # inside Bales' normal top share and not yet lasting → no signal. Session 3: B again 4 of
    # 10 → lasting two sessions → signal.
    first = acts_session("A>B*4 B>A*2 C>D*2 D>C*2", 1)
    second = acts_session("B>A*4 A>B*2 C>D*2 D>C*2", 2)
    assert "new_dominant_speaker" not in ids(stage_signals([first, second]))
    third = acts_session("B>A*4 A>B*2 C>D*2 D>C*2", 3)
    signals = stage_signals([first, second, third])
    assert [(s.session, s.members) for s in signals if s.id == "new_dominant_speaker"] == [(3, ("B",))]


def test_leader_centred_talk_is_expected_in_an_education_group():
    # The facilitator says 6 of 8 acts and every act involves the facilitator (centralization 1).
    session = acts_session("F>A F>B F>C F>D F>G F>G A>F B>F", 1)
    assert "leader_centred" in ids(stage_signals([session]))
    expected = stage_signals([session], group_type="education")
    assert "leader_centred" not in ids(expected)
    assert [s.stage for s in expected if s.id == "leader_centred_expected"] == [None]


def test_stages_map_to_the_boston_model():
    from kelompok.sociogram.dynamics import BOSTON_STAGES, stage_in

    assert stage_in("storming", "boston") == "power_control"
    assert stage_in("adjourning", "boston") == "separation"
    assert stage_in("forming", "tuckman") == "forming"
    assert stage_in(None, "boston") is None
    assert len(set(BOSTON_STAGES.values())) == 5


def test_member_signals_unaddressed_withdrawal_one_way():
    sessions = [
        acts_session("D>A*2 A>B*3 B>A*3 C>B*6 B>C", 1),
        acts_session("A>B*3 B>A*3 C>B*6 B>C", 2, present=("A", "B", "C")),  # D absent
        acts_session("D>A*2 A>B*3 B>A*3 C>B B>C", 3),
        acts_session("D>A*2 A>B*3 B>A*3 C>B*6 B>C", 4),
    ]
    signals = stage_signals(sessions)
    unaddressed = {(s.session, s.members, s.values["sessions"]) for s in signals if s.id == "unaddressed_streak"}
    # D is never addressed: sessions 1, 3, 4 attended (2 absent, which neither breaks nor counts).
    assert unaddressed == {(3, ("D",), 2), (4, ("D",), 3)}
    withdrawal = [(s.session, s.members) for s in signals if s.id == "withdrawal"]
    assert withdrawal == [(3, ("C",))]  # 1 act after 6, 6
    one_way = {(s.session, s.members) for s in signals if s.id == "one_way_tie"}
    assert one_way == {(4, ("D", "A"))}  # three attended sessions in a row, D absent in 2


def test_every_signal_id_has_a_stage():
    assert set(SIGNAL_STAGES.values()) <= {"forming", "storming", "norming", "performing", "adjourning", "member", None}
