"""`group_stats`: the JSON shape of `kelompok stats --json`, its cache, and the plain table."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat

import pytest

from kelompok.sessions.models import Attendance, Event, Group, Member, Session
from kelompok.sessions.store import save_group, save_session, session_path
from kelompok.sociogram import cache, stats
from kelompok.sociogram.dynamics import SERIES_METRICS
from kelompok.sociogram.patterns import PATTERN_IDS
from kelompok.outputs.stats_table import format_stats_table
from kelompok.sociogram.stats import compute_stats, group_stats

SESSION_KEYS = {
    "number", "date", "present", "acts", "facilitator_share", "gini", "density", "reciprocity",
    "centralization", "pattern", "members", "mutual_pairs", "cliques", "subgroups", "roles",
    "signals", "equity", "pshifts",
}  # fmt: skip


def session(number: int, spec: str, present=("A1", "A2", "A3")) -> Session:
    events = []
    for token in spec.split():
        token, _, times = token.partition("*")
        pair, _, role = token.partition(":")
        frm, to = pair.split(">")
        frm = {"F": "facilitator"}.get(frm, frm)
        to = {"F": "facilitator", "G": "group"}.get(to, to)
        for _ in range(int(times or 1)):
            seq = len(events) + 1
            events.append(Event(seq=seq, at=seq * 4.0, **{"from": frm}, to=to, role=role or None))
    attendance = [
        Attendance(member=c, status="present" if c in present else "absent") for c in ("A1", "A2", "A3", "A4")
    ]
    return Session(number=number, date=dt.date(2026, 3, number), state="ended", attendance=attendance, events=events)


@pytest.fixture
def group_dir(tmp_path):
    folder = tmp_path / "kube-mawar"
    members = [Member(code=f"A{i}", name=f"Ibu {i}") for i in range(1, 5)]
    save_group(folder, Group(name="KUBE Mawar", type="self_help", members=members, seating=["A1", "A2", "A3", "A4"]))
    save_session(folder, session(1, "F>A1:instruktur F>A2 A1>F A2>F A1>G F>G:instruktur A3>A1"))
    save_session(folder, session(2, "A1>A2*6 A2>A1*6 A3>A1*4 A1>A3*4 F>G:pendengar", present=("A1", "A2", "A3", "A4")))
    return folder


def test_stats_json_shape(group_dir):
    result = group_stats(group_dir)
    assert json.loads(json.dumps(result)) == result  # plain JSON, no tuples or dates
    assert set(result) == {"name", "type", "sessions", "series", "equity"}
    assert (result["name"], result["type"]) == ("KUBE Mawar", "self_help")
    assert [s["number"] for s in result["sessions"]] == [1, 2]
    for entry in result["sessions"]:
        assert set(entry) == SESSION_KEYS
        assert entry["pattern"] in PATTERN_IDS
        for member in entry["members"].values():
            assert set(member) == {"out", "in", "to_group", "positions"}
    assert set(result["series"]) == set(SERIES_METRICS)
    assert all(len(values) == 2 for values in result["series"].values())


def test_stats_values_of_the_first_session(group_dir):
    first = group_stats(group_dir)["sessions"][0]
    assert first["date"] == "2026-03-01"
    assert first["present"] == ["A1", "A2", "A3"]
    assert first["acts"] == 7
    # F said F>A1, F>A2, F>G: 3 of 7 = 0.428571… → rounded to 3 places.
    assert first["facilitator_share"] == 0.429
    assert first["members"]["A1"] == {"out": 1, "in": 2, "to_group": 1, "positions": []}
    assert "A4" not in first["members"]  # absent
    assert first["roles"] == {"instruktur": 2}
    assert first["mutual_pairs"] == [] and first["cliques"] == [] and first["subgroups"] == []


def test_stats_second_session_signals(group_dir):
    second = group_stats(group_dir)["sessions"][1]
    assert second["members"]["A4"] == {"out": 0, "in": 0, "to_group": 0, "positions": ["isolate"]}
    assert second["mutual_pairs"] == [["A1", "A2"], ["A1", "A3"]]
    assert second["roles"] == {"pendengar": 1}
    assert second["facilitator_share"] == pytest.approx(1 / 21, abs=5e-4)


def test_floats_are_rounded_to_three_places(group_dir):
    result = group_stats(group_dir)
    floats = [v for s in result["sessions"] for v in s.values() if isinstance(v, float)]
    floats += [v for values in result["series"].values() for v in values if isinstance(v, float)]
    assert floats and all(round(v, 3) == v for v in floats)


def test_cache_hit_returns_the_same_without_computing(group_dir, monkeypatch):
    first = group_stats(group_dir)
    assert cache.cache_path(group_dir, stats.CACHE_NAME).is_file()
    monkeypatch.setattr(stats, "compute_stats", lambda _dir: pytest.fail("recomputed on a warm cache"))
    assert group_stats(group_dir) == first


def test_cache_file_is_private(group_dir):
    group_stats(group_dir)
    path = cache.cache_path(group_dir, stats.CACHE_NAME)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_changed_session_file_invalidates_the_cache(group_dir):
    before = group_stats(group_dir)
    save_session(group_dir, session(2, "A1>A2*6 A2>A1*6 F>G"))
    after = group_stats(group_dir)
    assert after["sessions"][1]["acts"] == 13 != before["sessions"][1]["acts"]
    assert after == compute_stats(group_dir)


def test_new_session_and_changed_group_invalidate_the_cache(group_dir):
    group_stats(group_dir)
    save_session(group_dir, session(3, "A1>A2 A2>A1"))
    assert len(group_stats(group_dir)["sessions"]) == 3
    group = Group(name="KUBE Melati", type="self_help", members=[Member(code=f"A{i}", name="x") for i in range(1, 5)])
    save_group(group_dir, group)
    assert group_stats(group_dir)["name"] == "KUBE Melati"


def test_same_size_rewrite_in_place_still_invalidates(group_dir):
    before = group_stats(group_dir)
    path = session_path(group_dir, 1)
    text = path.read_text()
    changed = text.replace('from = "A3"', 'from = "A2"', 1)
    assert len(changed) == len(text)
    stamp = os.stat(path)
    path.write_text(changed)  # same inode, same size …
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns + 1_000_000))  # … a later mtime
    assert group_stats(group_dir) != before


@pytest.mark.parametrize(
    "damage",
    [b"", b"{not json", b'{"key": 1, "value": 2}', b"\xff\xfe", b"[]", b'{"key": null}'],
    ids=["empty", "truncated", "wrong key", "not utf-8", "list", "null key"],
)
def test_corrupt_cache_is_ignored_and_rebuilt(group_dir, damage):
    expected = group_stats(group_dir)
    path = cache.cache_path(group_dir, stats.CACHE_NAME)
    path.write_bytes(damage)
    assert group_stats(group_dir) == expected
    assert cache.read(group_dir, stats.CACHE_NAME, cache.fingerprint(group_dir)) == expected


def test_cache_with_the_right_key_but_a_broken_value_is_rebuilt(group_dir):
    expected = group_stats(group_dir)
    path = cache.cache_path(group_dir, stats.CACHE_NAME)
    stored = json.loads(path.read_bytes())
    stored["value"]["sessions"] = stored["value"]["sessions"][:1]
    path.write_text(json.dumps(stored))
    assert group_stats(group_dir) == expected


def test_unwritable_cache_folder_is_not_an_error(group_dir, monkeypatch):
    def refuse(*_args):
        raise PermissionError("read-only")

    monkeypatch.setattr("kelompok.sessions.fileio.atomic_write_bytes", refuse)
    assert group_stats(group_dir)["name"] == "KUBE Mawar"


def test_group_without_sessions(tmp_path):
    save_group(tmp_path / "g", Group(name="Baru", type="education"))
    result = group_stats(tmp_path / "g")
    assert result["sessions"] == [] and all(v == [] for v in result["series"].values())
    assert "Belum ada sesi." in format_stats_table(result, "id")


def test_table_in_both_languages(group_dir):
    result = group_stats(group_dir)
    indonesian = format_stats_table(result, "id")
    english = format_stats_table(result, "en")
    assert "Sesi" in indonesian and "Porsi fasil." in indonesian and "KUBE Mawar" in indonesian
    assert "Session" in english and "Fac. share" in english
    lines = english.splitlines()
    assert len(lines) == 4 + len(result["sessions"])  # title, blank, header, rule, rows
    assert lines[4].split()[0] == "1" and "0.43" in lines[4]


# ── signals and equity (issue 10 §4, §8) ──


def test_stats_signals_are_the_signals_the_screen_and_report_show(group_dir):
    from kelompok.sessions.store import load_group
    from kelompok.sociogram.analysis import analyse
    from kelompok.sociogram.acts import read_session_acts
    from kelompok.sociogram.signals import session_signals

    result = group_stats(group_dir, use_cache=False)
    group = load_group(group_dir)
    analyses = [analyse(read_session_acts(session_path(group_dir, n)), group.seat_order()) for n in (1, 2)]
    shown = session_signals(analyses, planned_sessions=group.planned_sessions, group_type=group.type)
    for entry in result["sessions"]:
        assert [(s["id"], s["members"]) for s in entry["signals"]] == [
            (s.id, list(s.members)) for s in shown[entry["number"]]
        ]
    # Session 2 by hand: A1⇄A2 6 acts each way, A1⇄A3 4 each way → two mutual pairs; 21 acts
    # (≥ 20), A4 absent. No stage for a relation.
    second = result["sessions"][1]["signals"]
    assert {"id": "mutual_pair", "members": ["A1", "A2"], "stage": None, "model": None} in second
    assert {"id": "mutual_pair", "members": ["A1", "A3"], "stage": None, "model": None} in second


def test_stats_signal_stages_follow_the_chosen_model(group_dir):
    # Session 1: the facilitator says 3 of 7 (43 % ≥ 40 %), centralization high → leader-centred,
    # which may indicate forming (Tuckman) = pre-affiliation (Boston).
    result = group_stats(group_dir, use_cache=False)
    first = [s for s in result["sessions"][0]["signals"] if s["id"] == "leader_centred"]
    assert first == [{"id": "leader_centred", "members": [], "stage": "forming", "model": "tuckman"}]
    boston = stats.in_model(result, "boston")
    assert [s for s in boston["sessions"][0]["signals"] if s["id"] == "leader_centred"] == [
        {"id": "leader_centred", "members": [], "stage": "pre_affiliation", "model": "boston"}
    ]


def test_stats_equity_only_for_analysable_attributes(tmp_path):
    folder = tmp_path / "rw"
    members = [
        Member(code="A1", name="Ibu Satu", attributes={"gender": "perempuan", "tenure": "pemilik"}),
        Member(code="A2", name="Ibu Dua", attributes={"gender": "perempuan", "tenure": "penyewa"}),
        Member(code="A3", name="Pak Tiga", attributes={"gender": "laki-laki", "tenure": "pemilik"}),
        Member(code="A4", name="Pak Empat", attributes={"gender": "laki-laki", "tenure": "penyewa"}),
    ]
    group = Group(
        name="RW", type="task", members=members, seating=["A1", "A2", "A3", "A4"], analysable_attributes=["gender"]
    )
    save_group(folder, group)
    # Session 1, all present: A3 says 6, A4 says 2, A1 says 1, A2 says 1 → 10 member acts.
    # Women: 2 of 10 acts (20 %) over 2 of 4 members (50 %) → 0.4; men 80 % / 50 % → 1.6.
    save_session(folder, session(1, "A3>A4*3 A3>G*3 A4>A3*2 A1>F A2>F F>G", present=("A1", "A2", "A3", "A4")))
    # Session 2: women 3 + 3 = 6, men 1 + 1 = 2 of 8 → 0.75 / 0.5 = 1.5; men 0.25 / 0.5 = 0.5.
    save_session(folder, session(2, "A1>A2*3 A2>A1*3 A3>F A4>F", present=("A1", "A2", "A3", "A4")))
    result = group_stats(folder, use_cache=False)
    assert result["sessions"][0]["equity"] == {"gender": {"laki-laki": 1.6, "perempuan": 0.4}}
    assert result["sessions"][1]["equity"] == {"gender": {"laki-laki": 0.5, "perempuan": 1.5}}
    # Series: women 1 + 1 + 6 = 8 of 18 acts over 2 of 4 members → (8/18)/0.5 = 0.889.
    assert result["equity"] == {"gender": {"laki-laki": 1.111, "perempuan": 0.889}}
    # The private attribute (tenure) appears nowhere in the output.
    assert "tenure" not in json.dumps(result) and "penyewa" not in json.dumps(result)


def test_stats_carry_participation_shifts(group_dir):
    # Session 1: F>A1 F>A2 A1>F A2>F A1>G F>G A3>A1 — changes: F>A1→F>A2 AB-AY, F>A2→A1>F AB-XA,
    # A1>F→A2>F AB-XB, A2>F→A1>G AB-X0, A1>G→F>G A0-X0, F>G→A3>A1 A0-XY.
    first = group_stats(group_dir, use_cache=False)["sessions"][0]["pshifts"]
    assert first["transitions"] == 6
    assert first["counts"] == {"A0-X0": 1, "A0-XY": 1, "AB-XA": 1, "AB-XB": 1, "AB-X0": 1, "AB-AY": 1}
    assert first["families"] == {"receiving": 0, "claiming": 2, "usurping": 3, "continuing": 1}
    assert first["people"] == {
        "A1": {"usurping": 2},
        "A2": {"usurping": 1},
        "A3": {"claiming": 1},
        "facilitator": {"claiming": 1},
    }
