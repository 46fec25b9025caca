"""Supervision: the status machine, the trail, sign-off lock and amendments beside the original."""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib

import pytest

from kelompok.sessions import review
from kelompok.sessions.fileio import dump_model
from kelompok.sessions.models import Session
from tests.conftest import make_session

_ticks = itertools.count()


def clock() -> dt.datetime:
    return dt.datetime(2026, 3, 9, 10, 0) + dt.timedelta(minutes=next(_ticks))


def test_comment_return_amend_submit_sign_off_lock_and_trail():
    session = make_session()
    session.notes = "Catatan awal"
    review.submit(session, "Bu Sari", now=clock)
    review.comment(session, "Pak Dimas", "Siapa yang diam di blok 2?", section="timeline", now=clock)
    review.comment(session, "Pak Dimas", "Tindak ini ke siapa?", event=3, now=clock)
    review.return_to_facilitator(session, "Pak Dimas", "Lengkapi refleksi", now=clock)
    assert session.review.status == "returned" and not session.locked
    review.amend(session, "Bu Sari", "notes", "Catatan awal + refleksi", now=clock)
    assert session.review.amendments == [], "before sign-off an edit is not an amendment"
    review.submit(session, "Bu Sari", now=clock)
    review.sign_off(session, "Pak Dimas", now=clock)
    assert session.locked and session.review.status == "reviewed"
    review.amend(session, "Bu Sari", "notes", "Koreksi sesudah disahkan", now=clock)
    assert session.notes == "Koreksi sesudah disahkan"
    assert review.original(session, "notes") == "Catatan awal + refleksi"
    steps = [(e.who, e.action) for e in session.review.trail]
    assert steps == [
        ("Bu Sari", "submitted"),
        ("Pak Dimas", "commented"),
        ("Pak Dimas", "commented"),
        ("Pak Dimas", "commented"),
        ("Pak Dimas", "returned"),
        ("Bu Sari", "edited"),
        ("Bu Sari", "submitted"),
        ("Pak Dimas", "signed_off"),
        ("Bu Sari", "amended"),
    ]
    assert [c.event for c in session.review.comments] == [None, 3, None]
    again = Session.model_validate(tomllib.loads(dump_model(session).decode()))
    assert again.review == session.review


@pytest.mark.parametrize(
    "steps",
    [["sign_off"], ["return"], ["submit", "submit"], ["submit", "sign_off", "return"]],
    ids=["sign-draft", "return-draft", "submit-twice", "return-signed"],
)
def test_steps_out_of_order_are_refused(steps):
    session = make_session()
    act = {
        "submit": lambda: review.submit(session, "F", now=clock),
        "sign_off": lambda: review.sign_off(session, "S", now=clock),
        "return": lambda: review.return_to_facilitator(session, "S", now=clock),
    }
    for step in steps[:-1]:
        act[step]()
    before = session.review.model_copy(deep=True)
    with pytest.raises(review.ReviewError):
        act[steps[-1]]()
    assert session.review == before, "a refused step changes nothing"


def test_running_session_cannot_be_submitted_and_comments_need_text_and_a_real_event():
    session = make_session()
    session.state = "running"
    with pytest.raises(review.ReviewError):
        review.submit(session, "F", now=clock)
    with pytest.raises(review.ReviewError):
        review.comment(session, "S", "   ", now=clock)
    with pytest.raises(review.ReviewError):
        review.comment(session, "S", "?", event=999, now=clock)


def test_the_name_that_facilitated_a_session_cannot_sign_it_off():
    session = make_session()
    review.submit(session, "Bu Sari Wulandari", now=clock)
    before = session.review.model_copy(deep=True)
    for same in ("Bu Sari Wulandari", "  bu sari   WULANDARI "):
        with pytest.raises(review.ReviewError, match="(?i)sari"):
            review.sign_off(session, same, now=clock)
    with pytest.raises(review.ReviewError, match="Hendra"):
        review.sign_off(session, "Hendra", now=clock, facilitators=["Hendra"])  # a co-facilitator named in the group
    assert session.review == before, "a refused sign-off changes nothing"
    review.sign_off(session, "Pak Dimas", now=clock, facilitators=["Hendra"])
    assert session.review.signoff is not None and session.review.signoff.by == "Pak Dimas"


def test_self_sign_off_is_refused_in_both_languages():
    from kelompok.i18n import set_language

    session = make_session()
    review.submit(session, "Rina", now=clock)
    set_language("en")
    try:
        with pytest.raises(review.ReviewError, match="Rina facilitated this session"):
            review.sign_off(session, "Rina", now=clock)
    finally:
        set_language("id")
    with pytest.raises(review.ReviewError, match="Rina memfasilitasi sesi ini"):
        review.sign_off(session, "Rina", now=clock)


def test_an_empty_return_reason_is_refused():
    session = make_session()
    review.submit(session, "F", now=clock)
    for reason in ("", "   "):
        with pytest.raises(review.ReviewError, match="alasan"):
            review.return_to_facilitator(session, "S", reason, now=clock)
    assert session.review.status == "submitted" and session.review.comments == []


def test_an_open_safety_flag_blocks_sign_off_until_it_is_acknowledged_with_its_follow_up():
    from kelompok.sessions.models import Event
    from kelompok.sessions.safety import close_follow_up, safety_items

    session = make_session()
    session.events.append(
        Event(seq=session.next_seq(), at=120.0, kind="note", note="cerita kekerasan di rumah", safety=True)
    )
    review.submit(session, "F", now=clock)
    with pytest.raises(review.ReviewError, match="keselamatan"):
        review.sign_off(session, "S", now=clock)
    [item] = safety_items(session)
    close_follow_up(session, item.key, "S", "Dirujuk ke UPTD PPA, dihubungi 10 Maret", clock())
    review.sign_off(session, "S", now=clock)
    [item] = safety_items(session)
    assert item.follow_up.status == "followed_up" and item.follow_up.closing_note.startswith("Dirujuk")
    assert [e.action for e in session.review.trail][-2:] == ["safety_followed_up", "signed_off"]
