"""Editing a group: codes never reused or changed, the audit line names codes and fields only,
the service saves the editor's copy as one audited unit of work, old files still read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kelompok.service import GroupService
from kelompok.sessions.group_edit import (
    GroupEditError,
    add_member,
    changes,
    move_seat,
    propose_code,
    record_edit,
    retire,
)
from kelompok.sessions.models import Consent, Group, Member
from kelompok.sessions.planning import active_members
from kelompok.sessions.store import load_group, save_group
from tests.conftest import make_group

WHEN = dt.datetime(2026, 3, 9, 10, 0, 0, 123)


def test_a_proposed_code_follows_the_scheme_and_never_reuses_a_retired_or_forgotten_code():
    group = make_group(3)  # A1..A3
    assert propose_code(group) == "A4"
    group.members.append(Member(code="A7", name="Keluar", left=2))
    group.members.append(Member(code="A8", name="-", forgotten=True))
    assert propose_code(group) == "A9"
    assert propose_code(Group(name="Baru", type="task")) == "A1"
    with pytest.raises(GroupEditError):
        add_member(group, Member(code="a7", name="Orang lain"))


def test_retire_keeps_the_member_and_takes_them_out_of_later_sessions():
    group = make_group(3)
    retire(group, "A2", 4)
    assert [m.code for m in group.members] == ["A1", "A2", "A3"]
    assert [m.code for m in active_members(group, 4)] == ["A1", "A2", "A3"]
    assert [m.code for m in active_members(group, 5)] == ["A1", "A3"]
    group.members[2].joined = 3
    with pytest.raises(GroupEditError):
        retire(group, "A3", 2)


def test_the_audit_line_names_codes_and_fields_never_values():
    before = make_group(4)
    after = before.model_copy(deep=True)
    after.member("A2").consent = Consent(participation=True, recording=True, given_by="Pak RT Sutisna")
    after.member("A3").name = "Siti Rahmawati"
    after.purpose = "Usaha bersama dan tabungan"
    move_seat(after, "A4", -1)
    add_member(after, Member(code="A5", name="Bu Painem"))
    found = record_edit(before, after, "Bu Sari", WHEN)
    assert found == ["purpose", "seating", "A2: consent", "A3: name", "A5: new"]
    entry = after.audit[-1]
    assert (entry.who, entry.action, entry.at) == ("Bu Sari", "group_edited", WHEN.replace(microsecond=0))
    for secret in ("Sutisna", "Siti", "Painem", "tabungan"):
        assert secret not in entry.detail


@pytest.mark.parametrize("damage", ["drop", "rename"])
def test_an_edit_that_removes_a_member_or_changes_a_code_is_refused(damage: str):
    before = make_group(3)
    after = before.model_copy(deep=True)
    if damage == "drop":
        after.members.pop(1)
        after.seating.remove("A2")
    else:
        after.members[1].code = "B2"
        after.seating[1] = "B2"
    with pytest.raises(GroupEditError):
        record_edit(before, after, "Bu Sari", WHEN)


def test_the_service_saves_the_editors_copy_as_one_audited_unit_and_a_refusal_writes_nothing(tmp_path: Path):
    folder = tmp_path / "ws" / "kube"
    save_group(folder, make_group(3))
    service = GroupService(folder.parent)
    seen = []
    service.subscribe(seen.append)
    saved = load_group(folder)
    edited = saved.model_copy(deep=True)
    edited.next_date = dt.date(2026, 3, 16)
    edited.frequency = "mingguan"
    result = service.replace_group(folder, saved, edited, "Bu Sari", WHEN)
    on_disk = load_group(folder)
    assert on_disk == result and on_disk.next_date == dt.date(2026, 3, 16)
    assert [(e.action, e.detail) for e in on_disk.audit] == [("group_edited", "frequency; next_date")]
    assert [c.what for c in seen] == ["group"]
    before = (folder / "group.toml").read_bytes()
    broken = on_disk.model_copy(deep=True)
    broken.members[0].code = "Z9"
    broken.seating[0] = "Z9"
    with pytest.raises(GroupEditError):
        service.replace_group(folder, on_disk, broken, "Bu Sari", WHEN)
    assert (folder / "group.toml").read_bytes() == before


def test_a_group_file_without_next_date_or_left_still_reads(tmp_path: Path):
    folder = tmp_path / "kube"
    save_group(folder, make_group(2))
    text = (folder / "group.toml").read_text()
    assert "next_date" not in text and "left" not in text
    assert load_group(folder).next_date is None
    assert changes(load_group(folder), load_group(folder)) == []
