"""Live input: every turn in at most three keys, and no key is ever lost between turns."""

from __future__ import annotations

from kelompok.tui.keypad import Keypad, Turn, member_keys

ROLES = {"i": "instruktur", "s": "pemberi_semangat"}


def pad(coding: str = "off") -> Keypad:
    return Keypad(members=member_keys(["A1", "A2", "A3"]), role_keys=ROLES, coding=coding)


def typed(keypad: Keypad, keys: str) -> list[Turn]:
    turns: list[Turn] = []
    for key in keys.split():
        turns += keypad.press(key)[1]
    return turns


def test_member_labels_follow_seat_order_then_letters():
    labels = member_keys([f"M{i}" for i in range(13)])
    assert list(labels)[:11] == list("12345678900")[:10] + ["a"]
    assert "f" not in labels and "g" not in labels
    assert labels["1"] == "M0" and labels["0"] == "M9"


def test_member_to_member_in_two_keys():
    assert typed(pad(), "1 2") == [Turn("A1", "A2")]


def test_enter_or_timeout_means_the_whole_group():
    keypad = pad()
    assert typed(keypad, "3 enter") == [Turn("A3", "group")]
    keypad.press("2")
    assert keypad.timeout() == [Turn("A2", "group")]


def test_facilitator_with_role_in_three_keys_and_skippable_pad():
    assert typed(pad(), "f 2 i") == [Turn("facilitator", "A2", "instruktur")]
    assert typed(pad(), "f g enter") == [Turn("facilitator", "group")]


def test_next_speaker_key_finishes_the_open_turn_first():
    keypad = pad()
    assert typed(keypad, "1 3 f 2 3") == [Turn("A1", "A3"), Turn("facilitator", "A2")]
    assert keypad.stage == "addressee" and keypad.speaker == "A3"
    assert typed(keypad, "2") == [Turn("A3", "A2")]


def test_speaker_key_while_waiting_for_addressee_is_an_addressee():
    assert typed(pad(), "1 1 2") == [Turn("A1", "A2")], "pressing the speaker again is ignored, not a self-turn"


def test_valence_coding_adds_one_optional_key():
    assert typed(pad("valence"), "1 2 -") == [Turn("A1", "A2", valence="negative")]
    assert typed(pad("valence"), "1 2 enter") == [Turn("A1", "A2")]
    assert typed(pad("valence"), "f 1 s +") == [Turn("facilitator", "A1", "pemberi_semangat", "positive")]


def test_ipa_coding_uses_its_own_pad():
    assert typed(pad("ipa"), "1 2 0") == [Turn("A1", "A2", ipa=10)]
    assert typed(pad("ipa"), "2 1 w") == [Turn("A2", "A1", ipa=12)]


def test_unknown_keys_are_not_used_and_cancel_drops_the_turn():
    keypad = pad()
    used, turns = keypad.press("9")
    assert not used and turns == []
    keypad.press("1")
    keypad.cancel()
    assert keypad.stage == "idle" and keypad.flush() == []


def test_stray_key_while_naming_the_addressee_changes_nothing():
    keypad = pad()
    keypad.press("1")
    used, turns = keypad.press("x")
    assert not used and turns == [] and keypad.stage == "addressee"
    assert typed(keypad, "2") == [Turn("A1", "A2")]
