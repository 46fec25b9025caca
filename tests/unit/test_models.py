"""The models refuse what a facilitator could not mean, and keep what they mean exactly."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest
from pydantic import ValidationError

from kelompok import i18n
from kelompok.sessions.fileio import dump_model
from kelompok.sessions.models import Event, Group, Member, Session
from tests.conftest import make_group, make_session


@pytest.fixture(autouse=True)
def _english():
    """The models' own messages are in the user's language (issue 13); these tests read the English."""
    i18n.set_language("en")


def test_model_messages_are_in_the_users_language():
    i18n.set_language("id")
    with pytest.raises(ValidationError, match="dipakai dua kali"):
        Group(name="G", type="task", members=[Member(code="A1", name="a"), Member(code="A1", name="b")])


def test_unknown_field_is_refused_not_dropped():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Member.model_validate({"code": "A1", "name": "Siti", "nmae": "typo"})


@pytest.mark.parametrize("code", ["facilitator", "group", "GROUP", "", "a b", "x" * 17, "-A"])
def test_bad_member_codes_are_refused(code):
    with pytest.raises(ValidationError):
        Member(code=code, name="Siti")


def test_duplicate_member_codes_are_refused():
    with pytest.raises(ValidationError, match="used twice"):
        Group(name="G", type="task", members=[Member(code="A1", name="x"), Member(code="A1", name="y")])


def test_seating_must_name_members():
    with pytest.raises(ValidationError, match="not a member"):
        Group(name="G", type="task", members=[Member(code="A1", name="x")], seating=["B9"])


def test_seat_order_appends_unseated_members_in_roster_order():
    group = Group(name="G", type="task", members=[Member(code=c, name=c) for c in ("A", "B", "C")], seating=["C"])
    assert group.seat_order() == ["C", "A", "B"]


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"kind": "speak", "to": "group"}, "needs 'from'"),
        ({"kind": "speak", "from": "A1"}, "needs 'to'"),
        ({"kind": "speak", "from": "A1", "to": "A1"}, "themselves"),
        ({"kind": "speak", "from": "group", "to": "A1"}, "cannot speak"),
        ({"kind": "arrive", "from": "facilitator"}, "member code"),
        ({"kind": "undo"}, "needs 'undoes'"),
        ({"kind": "note"}, "needs 'note'"),
        ({"kind": "speak", "from": "A1", "to": "group", "ipa": 13}, "less than or equal to 12"),
        ({"kind": "speak", "from": "A1", "to": "group", "role": "boss"}, "instruktur"),
    ],
)
def test_event_shape_must_fit_its_kind(fields, message):
    with pytest.raises(ValidationError, match=message):
        Event.model_validate({"seq": 5, "at": 1.0, **fields})


def test_undo_withdraws_but_the_history_keeps_the_event():
    session = make_session(acts=4)
    session.events.append(Event(seq=5, at=50, kind="undo", undoes=4))
    session = Session.model_validate(session.model_dump(by_alias=True))
    assert [e.seq for e in session.acts()] == [1, 2, 3]
    assert len(session.events) == 5, "the undone event stays in the history"


@pytest.mark.parametrize("target", [4, 5], ids=["twice", "an-undo"])
def test_an_event_is_withdrawn_once_and_undos_are_not_undone(target):
    data = make_session(acts=4).model_dump(by_alias=True)
    data["events"].append({"seq": 5, "at": 50.0, "kind": "undo", "undoes": 4})
    data["events"].append({"seq": 6, "at": 51.0, "kind": "undo", "undoes": target})
    with pytest.raises(ValidationError, match="still standing"):
        Session.model_validate(data)


def test_session_refuses_out_of_order_seqs_and_dangling_undo():
    session = make_session(acts=3)
    data = session.model_dump(by_alias=True)
    data["events"][2]["seq"] = 1
    with pytest.raises(ValidationError, match="not after"):
        Session.model_validate(data)
    data = session.model_dump(by_alias=True)
    data["events"].append({"seq": 9, "at": 99.0, "kind": "undo", "undoes": 8})
    with pytest.raises(ValidationError, match="not a recorded"):
        Session.model_validate(data)


def test_present_codes_include_late_arrivals_but_not_absent_members():
    session = make_session(acts=2)
    assert session.present_codes() == ["A1", "A2", "A3"]
    session.events.append(Event(seq=3, at=30, kind="arrive", **{"from": "A4"}))
    assert session.present_codes() == ["A1", "A2", "A3", "A4"]


def test_toml_round_trip_keeps_everything():
    session = make_session(acts=12)
    session.events.append(Event(seq=13, at=130.5, kind="note", note="Bu R. cerita\nsoal utang", safety=True))
    session.start = dt.time(9, 30)
    text = dump_model(session).decode()
    assert text.startswith("format = 1")
    assert Session.model_validate(tomllib.loads(text)) == session
    group = make_group()
    assert Group.model_validate(tomllib.loads(dump_model(group).decode())) == group
