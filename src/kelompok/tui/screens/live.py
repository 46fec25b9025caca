"""Live recording of a session: a turn in at most three keys, every act durable before it shows.

The screen turns keys into `Recorder` calls (the domain does the validating and the fsync) and shows
what came back. The flow:

    open ──► choose the session ──► planned?  ──► AttendanceScreen ──► Recorder.open + start
                                    running/paused (a crash, or left open) ──► Recorder.open, "recovered N"

Keys are read by `kelompok.tui.keypad.Keypad` (pure, tested on its own). Commands sit on ctrl and
F-keys so that they never collide with a member's letter. The hot path — a key that finishes a
turn — is: keypad → `Recorder.speak` (journal append + fsync) → a few counters → repaint of four
small widgets. Nothing on it rebuilds a table or walks the whole record.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import events, on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import Header

from kelompok.i18n import format_duration, get_language, t
from kelompok.sessions.fileio import DataError, os_error_text
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.models import FACILITATOR, GROUP, Event, Group, Session
from kelompok.sessions.recording import CheckpointFailed, GroupBusy, LockLost, Recorder, RecordingError, SessionLocked
from kelompok.sessions.store import (
    load_group,
    load_session,
    next_session_number,
    session_numbers,
    session_path,
)
from kelompok.tui.keypad import IPA_KEYS, VALENCE_KEYS, Keypad, Turn, member_keys
from kelompok.tui.safe_text import clean
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets.agenda_panel import AgendaPanel, AgendaView
from kelompok.tui.widgets.footer import TranslatedFooter
from kelompok.tui.widgets.live_turn import TurnLine
from kelompok.tui.widgets.member_pad import MemberPad, PadMember
from kelompok.tui.widgets.recent_acts import RecentActs
from kelompok.tui.widgets.role_pad import PadItem, RolePad
from kelompok.tui.widgets.save_state import SaveState

RECORDING_ACTIONS = frozenset(
    {"undo", "arrivals", "note", "safety_note", "next_block", "pause", "end", "leave", "invite"}
)

INVITE_ROLE = "pemberi_semangat"
"""The mezzo role an invitation to a quiet member is tagged with (issue 12's quiet-member aid).

Drawing a quiet member in is Benne & Sheats' *gatekeeper*, which the 13 DEPSOS roles do not have.
The nearest is Pemberi Semangat: domain.md maps it to Johnson & Johnson's "encourager of
participation", a maintenance role, which is what an invitation to speak does. Pendorong
(energizer) pushes the group towards decisions and action, and Pembentuk Opini asks for opinions
before giving one's own: neither is about opening the channel to someone who has not been heard."""


class LiveScreen(KelompokScreen):
    """Record session `number` of the group in `group_dir` (a new one when None or already ended)."""

    HELP_TOPIC = "live"
    ADDRESSEE_TIMEOUT = 1.5
    """Seconds after a speaker key with no addressee key before the act goes to the whole group."""
    SILENT_MINUTES = 10
    """A present member silent this long is highlighted (changeable before the start)."""

    BINDINGS = [
        Binding("ctrl+z", "undo", "live.keys.undo"),
        Binding("f3", "arrivals", "live.keys.arrivals", show=False),
        Binding("f5", "note", "live.keys.note"),
        Binding("f6", "safety_note", "live.keys.safety"),
        Binding("f7", "next_block", "live.keys.next_block"),
        Binding("f8", "pause", "live.keys.pause"),
        Binding("f9", "leave", "live.keys.leave", show=False),
        Binding("f10", "end", "live.keys.end"),
        Binding("ctrl+u", "invite", "live.keys.invite", show=False),
    ]

    CSS_PATH = "live.tcss"

    def __init__(
        self,
        group_dir: Path,
        number: int | None = None,
        *,
        addressee_timeout: float | None = None,
        silent_minutes: int | None = None,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        super().__init__()
        self.group_dir = Path(group_dir)
        self.requested = number
        self.group: Group = load_group(self.group_dir)  # a DataError here is shown by open_screen
        self.addressee_timeout = self.ADDRESSEE_TIMEOUT if addressee_timeout is None else addressee_timeout
        self.silent_minutes = self.SILENT_MINUTES if silent_minutes is None else silent_minutes
        self._now_override = now
        self.recorder: Recorder | None = None
        self.keypad: Keypad | None = None
        self.number: int | None = None
        self.acts = 0
        # Member keys over everyone in the group at this session, present or not, so that a key
        # never changes when someone arrives or leaves.
        self.keys: dict[str, str] = {}
        self.pad_members: dict[str, PadMember] = {}
        self._role_keys: dict[str, str] = {}
        self._role_items: list[PadItem] = []
        self._role_category: dict[str, str] = {}
        self._task_roles = 0
        self._maintenance_roles = 0
        self._block_started = 0.0
        self._pending: Session | None = None
        self._hold: GroupLock | None = None
        self._addressee_timer: Timer | None = None
        self._ended_path: Path | None = None
        self._leaving = False
        self._pad_mode: str | None = None
        self._last_key = 0.0
        self._invitee: str | None = None
        """The quiet member the ^U prompt offers to invite now, or None."""
        self._invited_at: dict[str, float] = {}
        """When each member was last invited (or encouraged) by the facilitator: not offered again
        until the silence limit has passed since, so ^U moves on to the next quiet member."""
        self._not_noted = {m.code for m in self.group.members if m.consent.declined_noting}
        """Members who declined to be noted: never offered for an invitation (no act with them is recorded)."""

    # ── layout ──

    def compose(self) -> ComposeResult:
        # Everything an act changes (save state, member pad, turn, recent acts) sits in the left
        # column: Textual repaints the rectangle around all changed widgets, so keeping them
        # together keeps the right column (agenda, roles) out of the repaint of an act.
        yield Header()
        with Horizontal(id="live-main"):
            with Vertical(id="live-left"):
                yield SaveState(id="live-save")
                yield MemberPad(id="live-members")
                yield TurnLine(id="live-turn")
                yield RecentActs(self.describe, id="live-recent")
            with Vertical(id="live-right"):
                yield AgendaPanel(id="live-agenda")
                yield RolePad(id="live-roles")
        yield TranslatedFooter(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.member_pad = self.query_one(MemberPad)
        self.recent = self.query_one(RecentActs)
        self.agenda = self.query_one(AgendaPanel)
        self.role_pad = self.query_one(RolePad)
        self.turn_line = self.query_one(TurnLine)
        self.save_state = self.query_one(SaveState)
        self.relabel()
        self._clock = self.kelompok.clock
        self._now = self._now_override or self.kelompok.now
        self._begin()

    def on_resize(self, event: events.Resize) -> None:
        # A tall terminal has room for the whole agenda under the current block.
        self.agenda.expand(event.size.height >= 32)

    # ── opening: lock, session, attendance, recorder ──

    def _begin(self) -> None:
        # Held from here to the end of the screen (shared with the group screen below and with the
        # Recorder), so no other kelompok can take the group between attendance and recording.
        hold = GroupLock(self.group_dir)
        if not hold.acquire():
            self._give_up(t("live.error.busy", group=self.group.name))
            return
        self._hold = hold
        try:
            session = self._choose_session()
        except DataError as error:
            self._give_up(str(error), title=t("live.cannot_open"))
            return
        self.number = session.number
        self.relabel()
        if session.state in ("running", "paused"):
            self._open_recorder(session.number, attendance=None)
            return
        self._pending = session
        from kelompok.tui.screens.attendance import AttendanceScreen

        codes = self._seat_codes(session)
        key_of = {code: key for key, code in member_keys(codes).items()}
        members = [(key_of.get(code, ""), code) for code in codes]
        self.app.push_screen(
            AttendanceScreen(self.group, session, members, silent_minutes=self.silent_minutes, date=self._now().date()),
            self._attendance_taken,
        )

    def _release_lock(self) -> None:
        if self._hold is not None:
            self._hold.release()
            self._hold = None

    def _choose_session(self) -> Session:
        """The session to record: the one asked for unless it has ended; else the next one not ended; else a new one."""
        numbers = session_numbers(self.group_dir)
        later = numbers
        if self.requested is not None and self.requested in numbers:
            session = load_session(self.group_dir, self.requested)
            if session.state != "ended" and not session.locked:
                return session
            later = [n for n in numbers if n > self.requested]
        for number in later:
            try:
                session = load_session(self.group_dir, number)
            except DataError as error:
                # One unreadable old session must not block recording the next one: it is left
                # untouched (the group screen lists it as unreadable) and skipped here.
                self.notify(t("live.skipped_unreadable", number=number, error=error), severity="warning", timeout=10)
                continue
            if session.state != "ended" and not session.locked:
                return session
        # Nothing planned: start from the type's template, so the agenda panel has blocks to follow.
        from kelompok.sessions.planning import plan_template

        number = next_session_number(self.group_dir)
        return Session(number=number, date=self._now().date(), plan=plan_template(self.group, number, get_language()))

    def _seat_codes(self, session: Session) -> list[str]:
        from kelompok.sessions.planning import active_members

        active = {m.code for m in active_members(self.group, session.number)}
        taken = {a.member for a in session.attendance}
        return [code for code in self.group.seat_order() if code in active or code in taken]

    def _attendance_taken(self, choice: object) -> None:
        from kelompok.tui.screens.attendance import AttendanceChoice

        session = self._pending
        if not isinstance(choice, AttendanceChoice) or session is None:
            self._close_screen()
            return
        self.silent_minutes = choice.silent_minutes
        try:
            # Under our hold on the lock; the Recorder opens it next.
            self.service.record_attendance(self.group_dir, session, choice.coding, list(choice.attendance))
        except (DataError, OSError, ValueError) as error:
            self._give_up(str(error), title=t("live.cannot_open"))
            return
        self._open_recorder(session.number, attendance=choice.attendance)

    def _open_recorder(self, number: int, attendance: list | None) -> None:
        try:
            recorder = Recorder.open(self.group_dir, number, clock=self._clock, now=self._now, group=self.group)
        except (GroupBusy, SessionLocked) as error:
            self._give_up(str(error))
            return
        except (DataError, OSError) as error:
            self._give_up(str(error), title=t("live.cannot_open"))
            return
        recovering = recorder.state in ("running", "paused")
        if attendance is not None and recorder.state == "planned":
            try:
                recorder.start(attendance)
            except (RecordingError, DataError, OSError) as error:
                recorder.close(checkpoint=False)
                self._give_up(self._error_text(error), title=t("live.cannot_open"))
                return
        self.recorder = recorder
        self.number = number
        self._setup_live()
        if recovering:
            if recorder.recovered:
                self.notify(t("live.recovered", number=number, count=recorder.recovered, acts=self.acts), timeout=10)
            else:
                self.notify(t("live.resumed", number=number, acts=self.acts), timeout=6)
            if recorder.torn:
                self.notify(t("live.torn"), severity="warning", timeout=10)
            if recorder.renumbered:
                self.notify(t("live.renumbered", count=recorder.renumbered), severity="warning", timeout=15)
            self._notify_gap(recorder)
        else:
            self.notify(t("live.started", number=number))

    def _notify_gap(self, recorder: Recorder) -> None:
        """Say that the time since the last recorded moment went unrecorded, and how long it was."""
        gap = recorder.gap
        if gap is None:
            return
        from kelompok.sessions.gaps import gap_length_text

        minutes = gap_length_text(gap.end_at - gap.at)
        self.notify(
            t("gaps.recovered", number=recorder.session.number, minutes=minutes), severity="warning", timeout=15
        )

    def _give_up(self, message: str, *, title: str | None = None) -> None:
        self.notify(message, title=title or t("live.cannot_open"), severity="error", timeout=10)
        self._close_screen()

    def _close_screen(self) -> None:
        """Close the recorder (folding the journal in), release the lock, and leave."""
        if self._leaving:
            return
        self._leaving = True
        self._shutdown()

        def leave() -> None:
            if self.app.screen is self:
                self.app.pop_screen()

        self.app.call_later(leave)

    def _shutdown(self) -> None:
        if self._addressee_timer is not None:
            self._addressee_timer.stop()
        if self.recorder is not None and not self.recorder.closed:
            try:
                self.recorder.close()
            except (DataError, OSError):
                self.recorder.close(checkpoint=False)  # the journal stays for the next open
        self._release_lock()

    def on_unmount(self) -> None:
        self._shutdown()

    # ── the live view ──

    def _setup_live(self) -> None:
        recorder = self.recorder
        assert recorder is not None
        session = recorder.session
        codes = self._seat_codes(session)
        self.keys = member_keys(codes)
        self.pad_members = {}
        for key, code in self.keys.items():
            member = self.group.member(code)
            self.pad_members[code] = PadMember(key, code, clean(member.name) if member else code, "absent")
        self._load_roles()
        self.keypad = Keypad(members={}, role_keys=self._role_keys, coding=session.coding)
        self._rebuild()
        self.set_interval(1.0, self._clock_tick, name="live-clock")
        self.refresh_bindings()

    def _load_roles(self) -> None:
        from kelompok.sessions.catalog import load_catalog

        lang = get_language()
        roles = load_catalog().roles
        self._role_keys = {role.key: role.id for role in roles}
        self._role_category = {role.id: role.category for role in roles}
        self._role_items = [PadItem(role.key, role.label.get(lang), role.category) for role in roles]

    def _code_items(self) -> list[PadItem]:
        coding = self.recorder.session.coding if self.recorder else "off"
        if coding == "valence":
            return [PadItem(key, t(f"live.valence.{valence}"), valence) for key, valence in VALENCE_KEYS.items()]
        if coding == "ipa":
            from kelompok.sessions.catalog import load_catalog

            catalog, lang = load_catalog(), get_language()
            return [PadItem(key, catalog.ipa_category(code).label.get(lang)) for key, code in IPA_KEYS.items()]
        return []

    def _rebuild(self) -> None:
        """Recompute every count from the whole record (at open, after an undo or a presence change)."""
        recorder = self.recorder
        assert recorder is not None and self.keypad is not None
        session = recorder.session
        undone = session.undone_seqs()
        for member in self.pad_members.values():
            member.acts, member.last_at = 0, None
        pad = self.member_pad
        pad.facilitator_acts = pad.group_acts = pad.total_acts = 0
        self._task_roles = self._maintenance_roles = 0
        self._invited_at = {}
        self._block_started = 0.0
        for event in session.events:
            if event.kind == "undo" or event.seq in undone:
                continue
            if event.kind == "speak":
                self._count(event)
            elif event.kind == "agenda":
                self._block_started = event.at
            elif event.kind == "gap":
                self._skip_gap(event)
        self.acts = pad.total_acts
        self._update_presence()
        self.recent.reset(session.events, undone)
        self.role_pad.set_tally(self._task_roles, self._maintenance_roles)
        self._show_agenda()
        self._show_turn()
        self._saved()
        self.show_time()

    def _update_presence(self) -> None:
        recorder = self.recorder
        assert recorder is not None and self.keypad is not None
        present = set(recorder.present())
        came = set(recorder.session.presence())  # ever here this session (rare calls: presence changes)
        taken = {a.member: a.status for a in recorder.session.attendance}
        spans = recorder.session.presence()
        for code, member in self.pad_members.items():
            status = taken.get(code, "absent")
            stretches = spans.get(code)
            member.since = stretches[-1][0] if stretches else 0.0
            if code in present:
                member.status = "present" if status == "present" else "late"
            elif code in came:
                member.status = "left"
            else:
                # A late member is expected: she is not here until F3 records her arrival.
                member.status = "expected" if status == "late" else status
        self.keypad.members = {key: code for key, code in self.keys.items() if code in present}
        self.member_pad.silent_after = self.silent_minutes * 60
        self.member_pad.show(list(self.pad_members.values()))
        self._show_invite()

    # ── the quiet-member aid ──

    def quiet_member(self) -> str | None:
        """The present member who has gone unheard longest, once past the silence limit; else None."""
        found = self._quietest()
        return found[1] if found else None

    def _quietest(self) -> tuple[float, str] | None:
        """(seconds unheard, code) of the quiet member to invite, or None.

        The pad's silence rule (present, and not spoken for `silent_minutes`; never spoken counts
        from when she came in), so an absent member is never offered, and a member who declined to
        be noted is left out (no act to or from her is recorded)."""
        recorder = self.recorder
        if recorder is None or recorder.closed or recorder.state != "running":
            return None
        elapsed, limit = recorder.elapsed(), self.silent_minutes * 60
        best: tuple[float, str] | None = None
        for code, member in self.pad_members.items():
            if not member.present or code in self._not_noted:
                continue
            heard = max(member.since, member.last_at or 0.0, self._invited_at.get(code, 0.0))
            quiet = elapsed - heard
            if quiet >= limit and (best is None or quiet > best[0]):
                best = (quiet, code)
        return best

    def _show_invite(self) -> None:
        found = self._quietest()
        invitee = found[1] if found else None
        if found is None:
            self.member_pad.set_invite("")
        else:
            self.member_pad.set_invite(t("live.invite.offer", who=self.who(found[1]), minutes=int(found[0] // 60)))
        if invitee != self._invitee:
            self._invitee = invitee
            self.refresh_bindings()

    def action_invite(self) -> None:
        """^U: record the facilitator inviting the quietest member to speak, tagged with its role."""
        invitee = self.quiet_member()
        if invitee is None or self.keypad is None:
            self.notify(t("live.invite.nobody"), timeout=3)
            return
        if self.keypad.stage != "idle":
            self._record(self.keypad.flush())
        self._record([Turn(FACILITATOR, invitee, INVITE_ROLE)])
        self._after_key()

    def _skip_gap(self, gap: Event) -> None:
        """Count silence and the agenda block's time in recorded time, leaving the gap out.

        Nobody knows who spoke while recording was interrupted, so a member who spoke just before
        a crash is not flagged silent for the minutes it took; and the block's clock agrees with
        plan vs actual, which does not count a gap as the block's time. (The session clock keeps
        the gap: it is real time, and the plan's end comes no later for it.)"""
        length = gap.end_at - gap.at
        for member in self.pad_members.values():
            if member.last_at is not None:
                member.last_at += length
        self._block_started += length

    def _count(self, event: Event) -> None:
        """Add one standing act to the counters (no repaint)."""
        pad = self.member_pad
        pad.total_acts += 1
        if event.at > pad.elapsed:
            pad.elapsed = event.at
        speaker = event.from_
        if speaker == FACILITATOR:
            pad.facilitator_acts += 1
            if event.role == INVITE_ROLE and event.to in self.pad_members:
                self._invited_at[event.to] = event.at  # type: ignore[index]
        elif speaker in self.pad_members:
            member = self.pad_members[speaker]
            member.acts += 1
            member.last_at = event.at
        if event.to == GROUP:
            pad.group_acts += 1
        if event.role is not None:
            if self._role_category.get(event.role) == "maintenance":
                self._maintenance_roles += 1
            else:
                self._task_roles += 1

    def _show_agenda(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        session = recorder.session
        plan = session.plan
        planned = plan.minutes or (plan.agenda_minutes() or None) or self.group.session_minutes
        self.agenda.show(
            AgendaView(
                blocks=[(clean(block.title), block.minutes) for block in plan.agenda],
                current=recorder.current_block(),
                block_started=self._block_started,
                elapsed=recorder.elapsed(),
                planned_minutes=planned,
                state=session.state,
                number=session.number,
            )
        )

    def _clock_tick(self) -> None:
        """Once a second: move the clocks, unless a turn is being typed.

        A repaint right before a key press makes that key's repaint wait for the next frame
        (Textual paints at most 60 times a second). Just after a speaker key the finishing key is
        expected any moment, so the clock skips a beat rather than delay the act on screen.
        """
        if self.keypad is not None and self.keypad.stage != "idle" and time.monotonic() - self._last_key < 2.0:
            return
        self.show_time()

    def show_time(self) -> None:
        """Show the session clocks now (the one-second timer calls this; so may a test after moving its clock)."""
        recorder = self.recorder
        if recorder is None:
            return
        elapsed = recorder.elapsed()
        self.agenda.show_elapsed(elapsed)
        self.member_pad.show_elapsed(elapsed)
        self._show_invite()

    def _saved(self) -> None:
        recorder = self.recorder
        if recorder is None:
            return
        if recorder.state == "ended":
            self.save_state.show("ended", acts=self.acts, detail=str(self._ended_path or ""))
        else:
            self.save_state.show("saved", acts=self.acts)

    # ── words for what happened ──

    def who(self, code: str | None, *, short: bool = False) -> str:
        if code == FACILITATOR:
            return t("live.facilitator")
        if code == GROUP:
            return t("live.group_short" if short else "live.group")
        member = self.pad_members.get(code or "")
        if member is None:
            return code or "?"
        return f"{member.key} {member.name}"

    def role_label(self, role_id: str) -> str:
        from kelompok.sessions.catalog import load_catalog

        try:
            return load_catalog().role(role_id).label.get(get_language())
        except KeyError:
            return role_id

    def describe(self, event: Event) -> str:
        """An event in words, for the recent-acts list and the undo notice."""
        kind = event.kind
        if kind == "speak":
            parts = [f"{self.who(event.from_)} → {self.who(event.to, short=True)}"]
            if event.role:
                parts.append(self.role_label(event.role))
            if event.valence:
                parts.append(t(f"live.valence.{event.valence}"))
            if event.ipa:
                parts.append(t("live.recent.ipa", code=event.ipa))
            return " · ".join(parts)
        if kind == "note":
            return t(
                "live.recent.safety" if event.safety else "live.recent.note",
                text=clean((event.note or "").replace("\n", " ")),
            )
        if kind in ("arrive", "leave"):
            return t(f"live.recent.{kind}", name=self.who(event.from_))
        if kind == "agenda":
            blocks = self.recorder.session.plan.agenda if self.recorder else []
            block = event.block or 0
            title = blocks[block].title if block < len(blocks) else ""
            return t("live.recent.agenda", number=block + 1, title=title)
        if kind == "undo":
            target = self._event(event.undoes)
            return t("live.recent.undo", what=self.describe(target) if target else f"#{event.undoes}")
        if kind == "gap":
            from kelompok.sessions.gaps import gap_length_text

            return t("gaps.timeline", minutes=gap_length_text(event.end_at - event.at))
        return t(f"live.recent.{kind}")

    def _event(self, seq: int | None) -> Event | None:
        if seq is None or self.recorder is None:
            return None
        events_ = self.recorder.session.events
        if 0 < seq <= len(events_) and events_[seq - 1].seq == seq:
            return events_[seq - 1]
        return next((e for e in events_ if e.seq == seq), None)

    # ── keys → turns ──

    @staticmethod
    def key_name(event: events.Key) -> str:
        if event.key in ("enter", "escape"):
            return event.key
        character = event.character
        if character and len(character) == 1 and character.isprintable() and not character.isspace():
            return character.lower()
        return event.key

    def on_key(self, event: events.Key) -> None:
        self._last_key = time.monotonic()
        if self.press(self.key_name(event)):
            event.stop()
            event.prevent_default()

    @on(MemberPad.MemberClicked)
    @on(RolePad.KeyClicked)
    def _clicked(self, message: MemberPad.MemberClicked | RolePad.KeyClicked) -> None:
        self.press(message.key)

    def press(self, key: str) -> bool:
        """Feed one key to the keypad and record the turns it finishes. True when the key was used."""
        keypad, recorder = self.keypad, self.recorder
        if keypad is None or recorder is None:
            return False
        if len(key) > 1 and key not in ("enter", "escape"):
            return False  # F-keys, ctrl+…: commands, which must not touch the turn being typed
        if recorder.state == "ended" or recorder.closed:
            if key == "escape":
                self._close_screen()
                return True
            # Answered, not silently dead: the session is over and Esc goes back.
            self.notify(t("live.ended_key"), severity="warning", timeout=3)
            return True
        if key == "escape":
            if keypad.stage == "addressee":
                keypad.cancel()
            elif keypad.stage in ("role", "code"):
                self._record(keypad.flush())
            else:
                return False
            self._after_key()
            return True
        if recorder.state != "running":
            # Every key is answered while paused (issue 16 §7), not only the member keys: a
            # facilitator typing on should see at once why nothing is recorded.
            self.turn_line.show(t("live.turn.paused"), t("live.turn.paused_hint"), open_=False, blocked=True)
            self.notify(t("live.paused_block"), severity="warning", timeout=3)
            return True
        if keypad.stage == "idle" and key in self.keys and key not in keypad.members:
            # A member who is not here: say so, instead of letting the next key start a turn unseen.
            self.turn_line.show(
                t("live.turn.not_here", member=self.who(self.keys[key])),
                t("live.turn.not_here_hint"),
                open_=False,
                blocked=True,
            )
            return True
        used, turns = keypad.press(key, at=recorder.elapsed())
        if turns:
            self._record(turns)
        if keypad.refused is not None:
            self._refuse(keypad.refused)
            return True
        if used or turns:
            self._after_key()
        return used

    def _refuse(self, key: str) -> None:
        """A key the role or code pad does not know: say so, keep the turn open (never saved as "no role")."""
        keypad = self.keypad
        assert keypad is not None
        pad = "role" if keypad.stage == "role" else f"code_{keypad.coding}"
        message = t(f"live.refused.{pad}", pressed=key)
        self.turn_line.show(message, t(f"live.refused.{pad}_hint"), open_=True, blocked=True)
        self.notify(message, severity="warning", timeout=3)

    def _after_key(self) -> None:
        keypad = self.keypad
        assert keypad is not None
        if self._addressee_timer is not None:
            self._addressee_timer.stop()
            self._addressee_timer = None
        if keypad.stage == "addressee" and self.addressee_timeout > 0:
            self._addressee_timer = self.set_timer(
                self.addressee_timeout, self._addressee_timed_out, name="live-addressee"
            )
        self._show_turn()

    def _addressee_timed_out(self) -> None:
        self._addressee_timer = None
        if self.keypad is not None and self.recorder is not None and self.recorder.state == "running":
            self._record(self.keypad.timeout())
            self._show_turn()

    def _record(self, turns: Iterable[Turn]) -> None:
        recorder = self.recorder
        assert recorder is not None
        for turn in turns:
            try:
                event = recorder.speak(
                    turn.speaker, turn.addressee, role=turn.role, ipa=turn.ipa, valence=turn.valence, at=turn.at
                )
            except (RecordingError, OSError) as error:
                self._failed(error)
                return
            self._count(event)
            self.acts += 1
            self.recent.add(event)
        self.member_pad.repaint_changed()
        self._show_invite()
        if (self.role_pad.tally["task"], self.role_pad.tally["maintenance"]) != (
            self._task_roles,
            self._maintenance_roles,
        ):
            self.role_pad.set_tally(self._task_roles, self._maintenance_roles)
        self.save_state.show("saved", acts=self.acts)

    def _show_turn(self) -> None:
        keypad, recorder = self.keypad, self.recorder
        if keypad is None or recorder is None:
            return
        pad = self.member_pad
        stage = keypad.stage
        if recorder.state == "ended" or recorder.closed:
            turn, hint, open_, blocked = t("live.turn.ended"), t("live.turn.ended_hint"), False, False
        elif recorder.state == "paused":
            turn, hint, open_, blocked = t("live.turn.paused"), t("live.turn.paused_hint"), False, True
        elif stage == "addressee":
            turn = t("live.turn.addressee", speaker=self.who(keypad.speaker))
            hint, open_, blocked = t("live.turn.addressee_hint"), True, False
        elif stage == "role":
            turn = t("live.turn.role", speaker=self.who(keypad.speaker), addressee=self.who(keypad.addressee))
            hint, open_, blocked = t("live.turn.role_hint"), True, False
        elif stage == "code":
            turn = t("live.turn.code", speaker=self.who(keypad.speaker), addressee=self.who(keypad.addressee))
            hint, open_, blocked = t(f"live.turn.code_hint_{keypad.coding}"), True, False
        else:
            turn, hint, open_, blocked = "", t("live.turn.idle_hint"), False, False
        self.turn_line.show(turn, hint, open_=open_, blocked=blocked)
        speaker = keypad.speaker if stage != "idle" else None
        addressee = keypad.addressee if stage in ("role", "code") else None
        if (pad.speaker, pad.addressee) != (speaker, addressee):
            pad.speaker, pad.addressee = speaker, addressee
            pad.repaint_changed()
        mode = stage if stage in ("role", "code") else "idle"
        if mode != self._pad_mode:
            self._pad_mode = mode
            if mode == "code":
                self.role_pad.border_title = t(f"live.roles.title_{keypad.coding}")
                self.role_pad.show(self._code_items(), active=True, tally=False)
            else:
                self.role_pad.border_title = t("live.roles.title_active" if mode == "role" else "live.roles.title")
                self.role_pad.show(self._role_items, active=mode == "role", tally=True)

    # ── failures ──

    def _error_text(self, error: BaseException) -> str:
        if isinstance(error, RecordingError):
            return str(error) or t("live.error.error")  # the Recorder words its refusals in the user's language
        return t("live.error.disk", error=error)

    def _failed(self, error: BaseException) -> None:
        """A recording call failed: nothing was written, and the screen says so in red."""
        if isinstance(error, LockLost):
            self.save_state.show("error", detail=str(error))
            self.notify(str(error), severity="error", timeout=30)
        elif isinstance(error, CheckpointFailed):
            # The session file was not rewritten, but every act is in the journal: say exactly that.
            self.save_state.show("error", acts=self.acts, detail=t("live.error.checkpoint", error=os_error_text(error)))
            self.notify(
                t("live.error.checkpoint_long", acts=self.acts, error=os_error_text(error)),
                severity="error",
                timeout=15,
            )
        elif isinstance(error, OSError):
            self.save_state.show("error", acts=self.acts, detail=t("live.error.disk", error=os_error_text(error)))
            self.notify(t("live.error.disk", error=os_error_text(error)), severity="error", timeout=15)
        else:
            self.notify(self._error_text(error), title=t("live.error.error"), severity="error", timeout=6)

    def _guard(self, action: Callable[[], Event | None]) -> Event | None:
        """Flush the turn being typed, run one recording call, and show a failure instead of raising."""
        if self.keypad is not None and self.keypad.stage != "idle":
            self._record(self.keypad.flush())
            self._after_key()
        try:
            return action()
        except (RecordingError, DataError, OSError) as error:
            self._failed(error)
            return None

    # ── commands ──

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in RECORDING_ACTIONS:
            return True
        recorder = self.recorder
        if recorder is None or recorder.closed or recorder.state not in ("running", "paused"):
            return None if action != "leave" else True
        if action == "invite":
            return True if recorder.state == "running" and self._invitee is not None else None
        if action == "next_block":
            current = recorder.current_block()
            has_next = current is not None and current + 1 < len(recorder.session.plan.agenda)
            return True if has_next and recorder.state == "running" else None
        return True

    def screen_commands(self) -> Iterable[SystemCommand]:
        """Every live action for the command palette (the app adds these to its own commands)."""
        recorder = self.recorder
        if recorder is None or recorder.closed or recorder.state not in ("running", "paused"):
            return
        for action in ("undo", "note", "safety_note", "arrivals", "next_block", "invite", "pause", "end", "leave"):
            if self.check_action(action, ()):
                yield SystemCommand(
                    t(f"live.commands.{action}"), t(f"live.commands.{action}_help"), getattr(self, f"action_{action}")
                )

    def action_undo(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        if self.keypad is not None and self.keypad.stage != "idle":
            # What is being typed is not recorded yet: dropping it is the undo.
            self.keypad.cancel()
            self._after_key()
            self.notify(t("live.turn_dropped"), timeout=3)
            return
        try:
            event = recorder.undo()
        except (RecordingError, DataError, OSError) as error:
            self._failed(error)
            return
        if event is None:
            self.notify(t("live.nothing_to_undo"), severity="warning", timeout=3)
            return
        self._rebuild()
        self.refresh_bindings()
        self.notify(t("live.undone", what=self.describe(self._event(event.undoes) or event)), timeout=4)

    def action_note(self, safety: bool = False) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        from kelompok.tui.dialogs.note import NoteDialog, NoteResult

        if self.keypad is not None and self.keypad.stage != "idle":
            self._record(self.keypad.flush())
            self._after_key()
        # The note is about this moment, however long it takes to write (issue 16 §7).
        at = recorder.elapsed()

        def done(result: NoteResult | None) -> None:
            if result is None:
                return
            event = self._guard(lambda: recorder.note(result.text, safety=result.safety, at=at))
            if event is not None:
                self.recent.add(event)
                self._saved()
                self.notify(t("live.safety_saved" if event.safety else "live.note_saved"), timeout=4)

        self.app.push_screen(NoteDialog(safety=safety, at=format_duration(at)), done)

    def action_safety_note(self) -> None:
        self.action_note(safety=True)

    def action_arrivals(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        from kelompok.tui.dialogs.arrivals import ArrivalsDialog, MemberChoice, Movement

        if self.keypad is not None and self.keypad.stage != "idle":
            self._record(self.keypad.flush())
            self._after_key()
        present = set(recorder.present())
        choices = [
            MemberChoice(m.key, m.code, m.name, m.code in present, m.status == "expected")
            for m in self.pad_members.values()
        ]

        def done(movement: Movement | None) -> None:
            if movement is None:
                return
            method = recorder.arrive if movement.kind == "arrive" else recorder.leave
            event = self._guard(lambda: method(movement.member))
            if event is not None:
                self.recent.add(event)
                self._update_presence()
                self._saved()
                self._show_turn()

        self.app.push_screen(ArrivalsDialog(choices), done)

    def action_next_block(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        event = self._guard(recorder.next_block)
        if event is None:
            return
        self._block_started = event.at
        self.recent.add(event)
        self._show_agenda()
        self._saved()
        self.refresh_bindings()
        self.notify(self.describe(event), timeout=4)

    def action_pause(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        if recorder.state == "running":
            self.save_state.show("saving")
            # Pausing writes the whole file: let the screen say "saving…" first.
            self.call_after_refresh(self._do_pause)
        elif recorder.state == "paused":
            event = self._guard(recorder.resume)
            if event is not None:
                self._after_state_change(event)

    def _do_pause(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        event = self._guard(recorder.pause)
        if event is not None:
            self._after_state_change(event)

    def _after_state_change(self, event: Event) -> None:
        self.recent.add(event)
        self._show_agenda()
        self._saved()
        self._show_turn()
        self.show_time()
        self.refresh_bindings()

    def action_end(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed or recorder.state not in ("running", "paused"):
            return
        from kelompok.tui.dialogs.confirm import ConfirmDialog

        if self.keypad is not None and self.keypad.stage != "idle":
            self._record(self.keypad.flush())
            self._after_key()

        def done(yes: bool | None) -> None:
            if yes:
                self.save_state.show("saving")
                self.call_after_refresh(self._do_end)

        question = t("live.confirm_end", number=recorder.session.number, acts=self.acts)
        self.app.push_screen(ConfirmDialog(question, yes=t("live.end_yes"), no=t("live.end_no")), done)

    def _do_end(self) -> None:
        recorder = self.recorder
        if recorder is None or recorder.closed:
            return
        try:
            recorder.end()
        except (RecordingError, DataError, OSError) as error:
            self._failed(error)
            if not isinstance(error, OSError):
                self._saved()
            return
        path = session_path(self.group_dir, recorder.session.number)
        try:
            self._ended_path = path.relative_to(self.group_dir)
        except ValueError:
            self._ended_path = path
        self._shutdown()  # releases the lock: the group screen below may write again
        self._show_agenda()
        self._saved()
        self._show_turn()
        self.show_time()
        self.refresh_bindings()
        self.notify(t("live.ended", number=recorder.session.number, path=path), timeout=10)
        self._show_summary(recorder.session)

    def _show_summary(self, session: Session) -> None:
        """The session in a few figures, and an invitation to evaluate and reflect while it is fresh."""
        from kelompok.sessions.summary import summarise
        from kelompok.tui.dialogs.summary import SessionSummaryDialog

        number = session.number

        def chosen(choice: str | None) -> None:
            if choice == "plan":
                from kelompok.tui.screens.plan import PlanScreen

                try:
                    plan = PlanScreen(self.group_dir, number)
                except DataError as error:
                    self.notify(str(error), title=t("app.cannot_open"), severity="error", timeout=10)
                    return
                self.app.push_screen(plan)
                # The last tab is "plan vs actual", where the objectives are evaluated.
                self.app.call_after_refresh(lambda: plan.action_show_tab(len(plan.visible_tabs) - 1))
            elif choice in ("review", "submit"):
                from kelompok.tui.screens.review import ReviewScreen

                try:
                    review = ReviewScreen(self.group_dir, number)
                except DataError as error:
                    self.notify(str(error), title=t("app.cannot_open"), severity="error", timeout=10)
                    return
                self.app.push_screen(review)
                if choice == "submit":
                    # The review screen's own step: it asks for the name, checks the role and
                    # the state, and saves through the service.
                    self.app.call_after_refresh(review.action_submit)
            elif choice == "sociogram":
                from kelompok.tui.screens.sociogram import SociogramScreen

                self.open_screen(SociogramScreen, self.group_dir, number)
            elif choice == "report":
                self._write_report(number)

        self.app.push_screen(SessionSummaryDialog(summarise(session, self.group.seat_order()), number), chosen)

    @work(thread=True, exclusive=True, group="live-report")
    def _write_report(self, number: int) -> None:
        """This session's report into the export folder (in a worker: building it takes a while)."""
        from kelompok.outputs import OutputError
        from kelompok.outputs.report import write_report
        from kelompok.sessions.fileio import make_private_dir
        from kelompok.tui.dialogs.export import default_export_dir

        try:
            folder = default_export_dir()
            make_private_dir(folder)
            result = write_report(self.group_dir, folder, session=number, lang=get_language(), now=self._now())
        except (OutputError, DataError, OSError) as error:
            message = os_error_text(error) if isinstance(error, OSError) else str(error)
            self.app.call_from_thread(
                self.notify, t("summary.report_failed", error=message), severity="error", timeout=10
            )
            return
        self.app.call_from_thread(self.notify, t("summary.report_written", path=result.path), timeout=12)

    def action_leave(self) -> None:
        """Leave the screen; a running session is paused first and stays open for later."""
        recorder = self.recorder
        if recorder is not None and not recorder.closed and recorder.state == "running":
            if self._guard(recorder.pause) is None:
                return
        if recorder is not None and recorder.state in ("running", "paused"):
            self.notify(t("live.left_open", number=recorder.session.number), timeout=8)
        self._close_screen()

    # ── language ──

    def relabel(self) -> None:
        super().relabel()
        number = self.number if self.number is not None else self.requested
        self.sub_title = f"{self.group.name} · {t('live.session', number=number)}" if number else self.group.name
        if not hasattr(self, "member_pad"):
            return
        self.member_pad.border_title = t("live.pad.title")
        self.recent.border_title = t("live.recent.title")
        self.agenda.border_title = t("live.agenda.title")
        self.role_pad.border_title = t("live.roles.title")
        if self.recorder is not None:
            self._load_roles()
            self._pad_mode = None  # the pad takes the relabelled items
            self._show_turn()
            self._saved()
            self.show_time()
        self.member_pad.invalidate()
        self.recent.invalidate()
        for widget in (self.member_pad, self.recent, self.agenda, self.role_pad, self.turn_line, self.save_state):
            widget.refresh(layout=True)
