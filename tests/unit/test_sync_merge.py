"""The model-level merge of session files and group.toml, on hand-made parsed files."""

from __future__ import annotations

import datetime as dt

from kelompok.sessions.models import Group, Session
from kelompok.sync.describe import Change, arrival_summary, commit_message, describe
from kelompok.sync.merge import apply_choice, merge_group, merge_session

T = dt.datetime


def speak(seq: int, who: str = "A1", to: str = "group") -> dict:
    return {"seq": seq, "at": float(seq), "from": who, "to": to}


def base_session(**extra) -> dict:
    data = {
        "format": 1,
        "number": 3,
        "date": dt.date(2026, 3, 2),
        "state": "ended",
        "events": [speak(1), speak(2, "A2")],
    }
    data.update(extra)
    return data


def comment(minute: int, text: str) -> dict:
    return {"at": T(2026, 3, 3, 9, minute), "author": "Retno", "text": text}


def step(minute: int, action: str, who: str = "Retno") -> dict:
    return {"at": T(2026, 3, 3, 9, minute), "who": who, "action": action}


def test_events_from_both_sides_are_joined_by_seq():
    base = base_session()
    ours = base_session(events=[speak(1), speak(2, "A2"), speak(3, "A3")])
    theirs = base_session(events=[speak(1), speak(2, "A2"), {"seq": 4, "at": 9.0, "kind": "undo", "undoes": 2}])
    result = merge_session(base, ours, theirs)
    assert [e["seq"] for e in result.data["events"]] == [1, 2, 3, 4]
    assert result.conflicts == []
    assert [e.seq for e in Session.model_validate(result.data).acts()] == [1, 3]


def test_same_seq_recorded_differently_is_a_conflict_that_keeps_ours():
    base = base_session()
    ours = base_session(events=[speak(1), speak(2, "A2"), speak(3, "A3")])
    theirs = base_session(events=[speak(1), speak(2, "A2"), speak(3, "A1", "A3")])
    result = merge_session(base, ours, theirs)
    assert result.data["events"][2] == speak(3, "A3")
    [conflict] = result.conflicts
    assert conflict.field == ["events", "seq=3"]
    assert conflict.theirs == {"seq": 3, "at": 3.0, "from": "A1", "to": "A3"}


def test_comments_and_trail_are_append_only_in_time_order():
    base = base_session(review={"status": "submitted", "trail": [step(0, "submitted", "Sari")]})
    ours = base_session(
        review={
            "status": "submitted",
            "trail": [step(0, "submitted", "Sari"), step(5, "commented")],
            "comments": [comment(5, "Bagus")],
        }
    )
    theirs = base_session(
        review={
            "status": "submitted",
            "trail": [step(0, "submitted", "Sari"), step(2, "commented")],
            "comments": [comment(2, "Lengkapi")],
        }
    )
    review = merge_session(base, ours, theirs).data["review"]
    assert [c["text"] for c in review["comments"]] == ["Lengkapi", "Bagus"]
    assert [(e["at"].minute, e["action"]) for e in review["trail"]] == [
        (0, "submitted"),
        (2, "commented"),
        (5, "commented"),
    ]
    assert review["status"] == "submitted"


def test_sign_off_wins_over_an_offline_edit():
    base = base_session(review={"status": "submitted"})
    ours = base_session(notes="refleksi baru", review={"status": "submitted"})
    signoff = {"by": "Retno", "at": T(2026, 3, 4, 10, 0)}
    theirs = base_session(review={"status": "reviewed", "signoff": signoff, "trail": [step(9, "signed_off")]})
    merged = merge_session(base, ours, theirs).data
    session = Session.model_validate(merged)
    assert session.locked and session.review.status == "reviewed"
    assert session.notes == "refleksi baru"


def test_both_moved_the_status_the_latest_step_decides():
    base = base_session(review={"status": "submitted", "trail": [step(0, "submitted", "Sari")]})
    # Here: returned at 9:10. There: returned at 9:03, then resubmitted at 9:20.
    ours = base_session(review={"status": "returned", "trail": [step(0, "submitted", "Sari"), step(10, "returned")]})
    theirs_trail = [step(0, "submitted", "Sari"), step(3, "returned"), step(20, "submitted", "Sari")]
    theirs = base_session(review={"status": "draft", "trail": theirs_trail})
    theirs["review"]["status"] = "submitted"
    assert merge_session(base, ours, theirs).data["review"]["status"] == "submitted"


def test_plan_fields_merge_one_by_one_and_a_true_conflict_keeps_both():
    base = base_session(plan={"purpose": "A", "venue": "Balai"})
    ours = base_session(plan={"purpose": "A", "venue": "Masjid"}, notes="X")
    theirs = base_session(plan={"purpose": "B", "venue": "Balai"}, notes="Y")
    result = merge_session(base, ours, theirs)
    assert result.data["plan"] == {"purpose": "B", "venue": "Masjid"}
    assert result.data["notes"] == "X"
    [conflict] = result.conflicts
    assert (conflict.field, conflict.ours, conflict.theirs, conflict.base) == (["notes"], "X", "Y", None)
    assert apply_choice(result.data, conflict.field, conflict.theirs)["notes"] == "Y"


def test_state_takes_the_furthest_progress():
    base = base_session(state="planned", events=[])
    ours = base_session(state="running", events=[speak(1)])
    theirs = base_session(state="planned", events=[], plan={"venue": "Balai"})
    merged = merge_session(base, ours, theirs).data
    assert merged["state"] == "running" and merged["plan"] == {"venue": "Balai"}


def test_events_that_cannot_hold_together_fall_back_to_ours_whole():
    base = base_session(events=[speak(1)])
    ours = base_session(events=[speak(1), {"seq": 2, "at": 2.0, "kind": "undo", "undoes": 1}])
    theirs = base_session(events=[speak(1), {"seq": 3, "at": 3.0, "kind": "undo", "undoes": 1}])
    result = merge_session(base, ours, theirs)
    assert result.data["events"] == ours["events"]
    assert [c.field for c in result.conflicts] == [["events"]]
    Session.model_validate(result.data)


def member(code: str, name: str) -> dict:
    return {"code": code, "name": name}


def test_group_members_by_code_and_audit_union():
    base = {"name": "KUBE", "type": "task", "members": [member("A1", "Ani"), member("A2", "Budi")]}
    ours = {**base, "members": [member("A1", "Ani S."), member("A2", "Budi")], "audit": [step(1, "export_with_names")]}
    theirs = {
        **base,
        "members": [member("A1", "Ani"), member("A2", "Budi"), member("A3", "Citra")],
        "audit": [step(2, "sign_off")],
    }
    result = merge_group(base, ours, theirs)
    group = Group.model_validate(result.data)
    assert [(m.code, m.name) for m in group.members] == [("A1", "Ani S."), ("A2", "Budi"), ("A3", "Citra")]
    assert [a.action for a in group.audit] == ["export_with_names", "sign_off"]
    assert result.conflicts == []


def test_describe_names_what_changed():
    before = {
        "g/group.toml": b'name = "KUBE Mawar"\ntype = "task"\n',
        "g/sessions/005.toml": b'number = 5\ndate = 2026-03-02\nstate = "ended"\n[review]\nstatus = "submitted"\n',
    }
    after = dict(before)
    after["g/sessions/005.toml"] = before["g/sessions/005.toml"].replace(b'"submitted"', b'"returned"') + (
        b'[[review.comments]]\nat = 2026-03-03T09:00:00\nauthor = "Retno"\ntext = "Lengkapi"\n'
    )
    after["g/sessions/006.toml"] = (
        b'number = 6\ndate = 2026-03-09\nstate = "ended"\n[[events]]\nseq = 1\nat = 0.0\nfrom = "A1"\nto = "group"\n'
    )
    changes = describe(["g/sessions/005.toml", "g/sessions/006.toml"], before.get, after.get)
    assert [(c.kind, c.number) for c in changes] == [("recorded", 6), ("commented", 5), ("returned", 5)]
    assert (
        commit_message(changes).splitlines()[0]
        == "Sesi 6 KUBE Mawar dicatat; Komentar Retno pada sesi 5 KUBE Mawar (+1 lainnya)"
    )
    assert arrival_summary(changes + [Change("returned", "h", "Lain", 2)]) == [
        "1 sesi dicatat",
        "1 sesi diberi komentar supervisor",
        "2 sesi dikembalikan supervisor",
    ]


def test_a_commit_message_for_thousands_of_changes_stays_short():
    changes = [Change("recorded", "g", "KUBE", n) for n in range(1, 1001)]
    message = commit_message(changes).splitlines()
    assert message[0] == "Sesi 1 KUBE dicatat; Sesi 2 KUBE dicatat (+998 lainnya)"
    assert len(message) == 2 + 50 + 1 and message[-1] == "(+950 lainnya)"
