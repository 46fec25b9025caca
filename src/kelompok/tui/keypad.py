"""Keystrokes → turns, for live recording. Pure logic (no Textual), so it is tested on its own.

A turn is at most three keys: speaker, addressee, and (for the facilitator) a mezzo role.

    3 5        member 3 spoke to member 5
    3 Enter    member 3 spoke to the whole group (or: 3, then wait a moment)
    f 2 i      the facilitator spoke to member 2 as Instruktur
    f g Esc    the facilitator spoke to the group; role skipped
    3 g        member 3 spoke to the group (g = the whole group)

Pressing the next speaker's key while a turn is still open finishes the open turn first (to the
group if it had no addressee; without a role if the role pad was showing), so a fast typist never
has to press Enter. With interaction coding on, a code key (+ = - for valence, or the IPA pad)
follows the addressee and can also be skipped. Any other key at the role or code pad is refused
(`refused` names it) and the turn stays open: a typo is never saved as "no role".

A turn is stamped with the time its speaker key was pressed (`press(key, at=…)`), not the time
its last key came: the act happened when the person spoke.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kelompok.sessions.models import FACILITATOR, GROUP

FACILITATOR_KEY = "f"
GROUP_KEY = "g"
# Member labels: seat order, 1–9 then 0, then letters that are not already keys of their own.
MEMBER_KEYS = tuple("1234567890") + tuple(
    c for c in "abcdehijklmnopqrstuvwxyz" if c not in (FACILITATOR_KEY, GROUP_KEY)
)
VALENCE_KEYS = {"+": "positive", "=": "task", "-": "negative"}
# The 12 Bales categories on one row of keys: 1–9, 0 (=10), then - (=11) and = (=12) would clash
# with valence, so IPA uses its own pad: 1..9, 0, q, w.
IPA_KEYS = {**{str(n): n for n in range(1, 10)}, "0": 10, "q": 11, "w": 12}

Stage = Literal["idle", "addressee", "role", "code"]


def member_keys(seat_order: list[str]) -> dict[str, str]:
    """Stable one-key labels for members in seat order: {key: member code}."""
    return {key: code for key, code in zip(MEMBER_KEYS, seat_order)}


@dataclass
class Turn:
    """A turn ready to be recorded."""

    speaker: str
    addressee: str
    role: str | None = None
    valence: str | None = None
    ipa: int | None = None
    at: float | None = None
    """Session time the speaker key was pressed (None: when it is recorded)."""


@dataclass
class Keypad:
    """The state of the turn being typed. Feed keys with `press`; finished turns come back.

    `members` maps key → member code for members present now; `role_keys` maps key → mezzo role
    id; `coding` is off, valence or ipa.
    """

    members: dict[str, str]
    role_keys: dict[str, str]
    coding: str = "off"
    stage: Stage = "idle"
    speaker: str | None = None
    addressee: str | None = None
    role: str | None = None
    at: float | None = None
    """Session time of the open turn's speaker key."""
    refused: str | None = None
    """The key the last `press` refused at the role or code pad (the turn stays open), else None."""
    _done: list[Turn] = field(default_factory=list)

    def _who(self, key: str, *, as_addressee: bool) -> str | None:
        if key == FACILITATOR_KEY:
            return FACILITATOR
        if as_addressee and key == GROUP_KEY:
            return GROUP
        return self.members.get(key)

    def reset(self) -> None:
        self.stage, self.speaker, self.addressee, self.role, self.at = "idle", None, None, None, None

    def _finish(self, valence: str | None = None, ipa: int | None = None) -> None:
        assert self.speaker is not None
        self._done.append(Turn(self.speaker, self.addressee or GROUP, self.role, valence, ipa, self.at))
        self.reset()

    def _after_addressee(self) -> None:
        if self.speaker == FACILITATOR and self.role_keys:
            self.stage = "role"
        elif self.coding != "off":
            self.stage = "code"
        else:
            self._finish()

    def _after_role(self) -> None:
        if self.coding != "off":
            self.stage = "code"
        else:
            self._finish()

    def flush(self) -> list[Turn]:
        """Finish an open turn with defaults (addressee: the group; no role, no code)."""
        self._close()
        return self.take()

    def _close(self) -> None:
        if self.stage == "addressee":
            self.addressee = GROUP
            self._after_addressee()
        if self.stage == "role":
            self._after_role()
        if self.stage == "code":
            self._finish()

    def take(self) -> list[Turn]:
        done, self._done = self._done, []
        return done

    def cancel(self) -> None:
        """Drop the turn being typed (Escape at the speaker/addressee stage)."""
        self.reset()

    def _starts_turn(self, key: str) -> bool:
        return self._who(key, as_addressee=False) is not None

    def press(self, key: str, at: float | None = None) -> tuple[bool, list[Turn]]:
        """Handle one key pressed at session time `at`. Returns (whether the key was used, turns finished by it).

        A key refused at the role or code pad is "used" (nothing else should act on it), finishes
        nothing, and is named in `refused`."""
        self.refused = None
        if self.stage == "role":
            if key in self.role_keys:
                self.role = self.role_keys[key]
                self._after_role()
                return True, self.take()
            if key == "enter":
                self._after_role()
                return True, self.take()
            if not self._starts_turn(key):
                self.refused = key
                return True, self.take()
            # The next speaker's key: the pad is skipped and a new turn starts.
            self._close()
        elif self.stage == "code":
            code = VALENCE_KEYS.get(key) if self.coding == "valence" else None
            ipa = IPA_KEYS.get(key) if self.coding == "ipa" else None
            if code or ipa:
                self._finish(valence=code, ipa=ipa)
                return True, self.take()
            if key == "enter":
                self._finish()
                return True, self.take()
            if not self._starts_turn(key):
                self.refused = key
                return True, self.take()
            self._close()
        if self.stage == "addressee":
            if key == "enter":
                self.addressee = GROUP
                self._after_addressee()
                return True, self.take()
            addressee = self._who(key, as_addressee=True)
            if addressee is not None and addressee != self.speaker:
                self.addressee = addressee
                self._after_addressee()
                return True, self.take()
            if addressee == self.speaker:
                return True, self.take()  # speaking to oneself is not a turn; ignore the key
            return False, self.take()  # a stray key must not end the turn to the wrong addressee
        speaker = self._who(key, as_addressee=False)
        if speaker is None:
            return False, self.take()
        self.speaker, self.stage, self.at = speaker, "addressee", at
        return True, self.take()

    def timeout(self) -> list[Turn]:
        """The moment to name an addressee has passed: the speaker spoke to the whole group."""
        if self.stage == "addressee":
            self.addressee = GROUP
            self._after_addressee()
        return self.take()
