"""Consent (issue 11): the record's shape, what a session needs, minors, a member who declines to be
noted, population flags in the plan checks, and safety follow-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kelompok import i18n
from kelompok.sessions import store
from kelompok.sessions.consent import missing_in_codes, missing_in_session
from kelompok.sessions.fileio import validate
from kelompok.sessions.models import Attendance, Consent, Group, GuardianConsent, Member, Session, SessionPlan
from kelompok.sessions.planning import check_plan
from kelompok.sessions.recording import InvalidEvent, Recorder
from tests.conftest import FakeClock

SAMPLES = Path(__file__).resolve().parents[2] / "sample_groups"
WALL = dt.datetime(2026, 11, 20, 9, 0)


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def adult(code: str, **consent: object) -> Member:
    return Member(code=code, name=f"Ibu {code}", consent=Consent(**consent))  # type: ignore[arg-type]


def test_an_old_consent_record_reads_with_participation_from_recording(tmp_path: Path) -> None:
    # The shape before issue 11: recording, names_in_reports, date only.
    data = {"name": "KUBE", "type": "task", "members": [
        {"code": "A1", "name": "Ani", "consent": {"recording": True, "names_in_reports": False, "date": "2026-01-05"}},
        {"code": "A2", "name": "Budi", "consent": {"recording": False}},
    ]}  # fmt: skip
    group = validate(Group, data, tmp_path / "group.toml")
    assert group.member("A1").consent.participation and group.member("A1").consent.recording
    assert not group.member("A2").consent.participation
    assert group.member("A1").consent.date == dt.date(2026, 1, 5)


def test_an_adult_needs_consent_to_take_part_and_to_be_noted() -> None:
    group = Group(
        name="g",
        type="task",
        members=[adult("A1", participation=True, recording=True), adult("A2", participation=True), adult("A3")],
    )
    found = {m.member: m.missing for m in missing_in_codes(group, ["A1", "A2", "A3"])}
    assert found == {"A2": ("recording",), "A3": ("participation", "recording")}


def test_a_minor_needs_the_guardian_and_the_childs_own_assent() -> None:
    guardian = GuardianConsent(name="Kepala LKSA", relation="lksa_head", participation=True, recording=True)
    ok = Member(code="R1", name="Dimas", minor=True, consent=Consent(guardian=guardian, assent=True))
    no_assent = Member(code="R2", name="Rian", minor=True, consent=Consent(guardian=guardian))
    # The child's own yes is not enough without the guardian, and adult-style consent does not count.
    no_guardian = Member(
        code="R3", name="Andika", minor=True, consent=Consent(participation=True, recording=True, assent=True)
    )
    group = Group(name="g", type="socialization", members=[ok, no_assent, no_guardian])
    session = Session(
        number=1,
        date=dt.date(2026, 1, 1),
        attendance=[Attendance(member=c, status="present") for c in ("R1", "R2", "R3")],
    )
    found = {m.member: m.missing for m in missing_in_session(group, session)}
    assert found == {"R2": ("assent",), "R3": ("guardian_participation", "guardian_recording")}


def test_an_absent_member_without_consent_is_not_warned_about() -> None:
    group = Group(name="g", type="task", members=[adult("A1"), adult("A2")])
    session = Session(
        number=1,
        date=dt.date(2026, 1, 1),
        attendance=[Attendance(member="A1", status="absent"), Attendance(member="A2", status="late")],
    )
    assert [m.member for m in missing_in_session(group, session)] == ["A2"]


def test_every_sample_member_present_has_the_consent_the_session_needs() -> None:
    for folder in sorted(p for p in SAMPLES.iterdir() if (p / "group.toml").is_file()):
        group = store.load_group(folder)
        for session in store.load_sessions(folder):
            assert missing_in_session(group, session) == [], f"{folder.name} session {session.number}"


# ── a member who declines to be noted ────────────────────────────────────────────────────────


def test_a_member_who_declined_to_be_noted_attends_but_no_act_from_or_to_them_is_recorded(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    members = [adult("A1", participation=True, recording=True), adult("A2", participation=True, declined_noting=True)]
    store.save_group(folder, Group(name="g", type="task", members=members))
    store.save_session(folder, Session(number=1, date=dt.date(2026, 11, 20)))
    with Recorder.open(folder, 1, clock=FakeClock(), now=lambda: WALL) as rec:
        rec.start({"A1": "present", "A2": "present"})
        assert rec.present() == ["A1", "A2"]
        for from_, to in (("A2", "group"), ("A1", "A2"), ("facilitator", "A2")):
            with pytest.raises(InvalidEvent) as caught:
                rec.speak(from_, to)
            assert "A2 declined to be noted" in str(caught.value)
        rec.speak("A1", "group")
        rec.end()
    session = store.load_session(folder, 1)
    assert [(a.from_, a.to) for a in session.acts()] == [("A1", "group")]
    assert session.attendance_of("A2").status == "present"
    # The refusal is the answer: no warning asks for the consent again.
    assert missing_in_session(store.load_group(folder), session) == []


# ── population flags trigger checks whatever the type ────────────────────────────────────────


def _ids(group: Group, number: int = 1, plan: SessionPlan | None = None) -> set[str]:
    return {c.id for c in check_plan(group, number, plan or SessionPlan(), "en")}


def test_population_flags_trigger_their_checks_in_a_low_caution_type() -> None:
    members = [adult(f"A{i}", participation=True, recording=True) for i in range(1, 7)]
    plain = Group(name="g", type="recreation", members=members)
    flagged = plain.model_copy(update={"population": ["violence_survivors"]})
    assert not {"population_care", "population_risk_plan_empty"} & _ids(plain)
    assert {"population_care", "population_risk_plan_empty"} <= _ids(flagged)
    limits = {c.id: c.level for c in check_plan(flagged, 1, SessionPlan(), "en")}
    assert limits["confidentiality_limits_missing"] == "warning"
    care = next(c for c in check_plan(flagged, 1, SessionPlan(), "en") if c.id == "population_care")
    assert "UU 23/2004 PKDRT" in care.message and "SAPA 129" in care.message


def test_the_limits_check_applies_when_new_members_join_a_flagged_group() -> None:
    members = [adult(f"A{i}", participation=True, recording=True) for i in range(1, 7)]
    members.append(Member(code="B1", name="Baru", joined=3, consent=Consent(participation=True, recording=True)))
    flagged = Group(name="g", type="recreation", members=members, population=["hiv"])
    assert "confidentiality_limits_missing" in _ids(flagged, 3)
    assert "confidentiality_limits_missing" not in _ids(flagged, 2)
    assert "confidentiality_limits_missing" not in _ids(flagged.model_copy(update={"population": []}), 3)


def test_mandated_members_get_the_honest_consequences_item_instead_of_voluntary() -> None:
    members = [adult(f"A{i}", participation=True, recording=True) for i in range(1, 7)]
    voluntary = Group(name="g", type="self_help", members=members)
    mandated = voluntary.model_copy(update={"population": ["mandated"]})
    assert "voluntary_participation_missing" in _ids(voluntary)
    assert "mandated_consequences_missing" in _ids(mandated) and "voluntary_participation_missing" not in _ids(mandated)
    # Mandated members make the item apply even to a type where members disclose nothing.
    education = Group(name="g", type="education", members=[m.model_copy(update={"mandated": True}) for m in members])
    assert "mandated_consequences_missing" in _ids(education)


def test_a_minor_without_guardian_consent_is_a_plan_warning() -> None:
    child = Member(code="R1", name="Dimas", minor=True, consent=Consent(participation=True, recording=True))
    group = Group(
        name="g",
        type="socialization",
        members=[child, *(adult(f"A{i}", participation=True, recording=True) for i in range(5))],
    )
    found = {c.id: c for c in check_plan(group, 1, SessionPlan(), "en")}
    assert found["guardian_consent_missing"].level == "warning" and "R1" in found["guardian_consent_missing"].message
    assert "Dimas" not in found["guardian_consent_missing"].message
