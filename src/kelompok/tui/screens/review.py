"""Supervisor review of one session log: read it section by section, comment, return, sign off.

    ┌ status line: session · date · review status · ⚑ flags ········ role: name · ● saved ┐
    │ 1 ⚑ Safety        │ the section under the cursor on the left                        │
    │ 2 Attendance      │   (a table of acts for the timeline and the safety flags,       │
    │ 3 Plan vs actual  │    text for the others)                                         │
    │ …                 │                                                                 │
    └ footer: c comment · r return · o sign off · s submit · a amend ······················┘

The screen reads the session once and changes it only through `sessions.review` (submit, comment,
return, sign off, amend); every step is one unit of work of the group service (`kelompok.service`, saved atomically) and the
status line says so. What a key may do depends on the role (`app.role`: a facilitator submits and
amends, a supervisor returns and signs off, both comment) and on the review status; `check_action`
hides the other role's steps and dims the ones that do not fit now. A group held by another
kelompok process opens read-only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.style import Style
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Header, OptionList, Static

from kelompok.i18n import format_date, format_duration, t
from kelompok.sessions import review
from kelompok.sessions.fileio import DataError
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.safety import close_follow_up, safety_items, safety_line
from kelompok.sessions.models import Group, Session
from kelompok.sessions.store import load_group, load_session, session_numbers
from kelompok.tui.screens.base import KelompokScreen
from kelompok.tui.widgets import review_content as rc
from kelompok.tui.widgets.footer import TranslatedFooter
from kelompok.tui.widgets.review_sections import ReviewSections
from kelompok.tui.widgets.review_status import ReviewStatusLine
from kelompok.tui.widgets.review_text import ReviewText
from kelompok.tui.widgets.review_timeline import ReviewTimeline, TimelineRow

WRITE_ACTIONS = frozenset({"comment", "return_log", "sign_off", "submit", "amend", "close_follow_up"})
ROLE_OF_ACTION = {
    "return_log": "supervisor",
    "sign_off": "supervisor",
    "submit": "facilitator",
    "amend": "facilitator",
    "close_follow_up": "supervisor",
}
"""Steps only one role takes; a comment is open to both (a facilitator may reply)."""
TABLE_SECTIONS = ("safety", "timeline")
"""Sections shown as a table of events: `c` there comments on the selected act."""
GENERAL_SECTIONS = ("comments", "status")
"""A comment written in these sections is about the whole log (anchor `review`)."""


BADGE = Style(bold=True, reverse=True)
"""The review status at the start of the status line."""


class ReviewScreen(KelompokScreen):
    """Review session `number` of the group in `group_dir` (None: the latest submitted, else the latest)."""

    HELP_TOPIC = "review"
    ALLOW_ROLE_SWITCH = True
    """F4 (switch role) works here: the same log can be looked at as facilitator or supervisor."""

    BINDINGS = [
        Binding("escape", "back", "review_screen.keys.back"),
        Binding("c", "comment", "review_screen.keys.comment"),
        Binding("r", "return_log", "review_screen.keys.return"),
        Binding("o", "sign_off", "review_screen.keys.sign_off"),
        Binding("s", "submit", "review_screen.keys.submit"),
        Binding("a", "amend", "review_screen.keys.amend"),
        Binding("k", "close_follow_up", "privacy.keys.close_follow_up", show=False),
        Binding("g", "sociogram", "review_screen.keys.sociogram", show=False),
        *(Binding(str(n), f"section({n - 1})", show=False) for n in range(1, len(rc.SECTIONS) + 1)),
    ]

    CSS_PATH = "review.tcss"

    def __init__(self, group_dir: Path, number: int | None = None) -> None:
        super().__init__()
        self.group_dir = Path(group_dir)
        self.group: Group = load_group(self.group_dir)  # a DataError here is shown by open_screen
        numbers = session_numbers(self.group_dir)
        if not numbers:
            raise DataError(self.group_dir, "", t("review_screen.no_sessions"))
        self.number = number if number in numbers else self._default_number(numbers)
        self.session: Session = load_session(self.group_dir, self.number)
        self.read_only = False
        self.save_error = ""
        self._own_lock: GroupLock | None = None
        self._analysis: object | None = None
        self._analysis_error = ""

    def _default_number(self, numbers: list[int]) -> int:
        """The latest session waiting for the supervisor, else the latest session."""
        for number in reversed(numbers):
            try:
                if load_session(self.group_dir, number).review.status == "submitted":
                    return number
            except DataError:
                continue
        return numbers[-1]

    # ── layout ──

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReviewStatusLine(id="review-status")
        with Horizontal(id="review-main"):
            yield ReviewSections(id="review-sections")
            with ContentSwitcher(id="review-content", initial="section-attendance"):
                with Vertical(id="section-safety"):
                    yield Static(id="safety-hint")
                    yield ReviewTimeline("safety", id="safety-table")
                yield ReviewText("attendance", id="section-attendance")
                yield ReviewText("plan", id="section-plan")
                yield ReviewTimeline("timeline", id="section-timeline")
                yield ReviewText("sociogram", id="section-sociogram")
                yield ReviewText("notes", id="section-notes")
                yield ReviewText("comments", id="section-comments")
                yield ReviewText("status", id="section-status")
        yield TranslatedFooter(compact=True)

    def on_mount(self) -> None:
        self._take_lock()
        self._analyse()
        self.relabel()
        sections = self.query_one(ReviewSections)
        sections.choose("safety" if self._flags() else "attendance")
        self._show(sections.current or "attendance")
        sections.focus()
        if self.read_only:
            self.notify(t("review_screen.read_only_notice"), severity="warning", timeout=10)

    def on_unmount(self) -> None:
        if self._own_lock is not None:
            self._own_lock.release()
            self._own_lock = None

    def _take_lock(self) -> None:
        """Writable when this process is the group's one writer (the lock is shared with the group
        screen below), read-only when another kelompok process is."""
        own = GroupLock(self.group_dir)
        if own.acquire():
            self._own_lock = own
        else:
            self.read_only = True

    def _analyse(self) -> None:
        try:
            self._analysis = rc.analyse_session(self.group, self.session)
        except Exception as error:  # the figures are a help, never a reason to lose the screen
            self._analysis, self._analysis_error = None, f"{type(error).__name__}: {error}"

    # ── what is shown ──

    def _flags(self) -> list:
        # Safety-flagged notes *and* attendance reasons, open ones first (sessions.safety).
        return safety_items(self.session)

    def _visible_sections(self) -> list[str]:
        return [s for s in rc.SECTIONS if s != "safety" or self._flags()]

    def relabel(self) -> None:
        super().relabel()
        self.sub_title = t("review_screen.subtitle", group=self.group.name)
        self.refresh_view()

    def refresh_view(self) -> None:
        """Redraw every section from `self.session` (after a step, a switch of language or role)."""
        session = self.session
        comments_on: dict[int, int] = {}
        for comment in session.review.comments:
            if comment.event is not None:
                comments_on[comment.event] = comments_on.get(comment.event, 0) + 1
        rows = [self._row(event, comments_on.get(event.seq, 0)) for event in session.effective_events()]
        flags = [row for row in rows if row.safety]
        counts = {"safety": len(flags), "comments": len(session.review.comments), "timeline": len(session.acts())}
        items = []
        for section in self._visible_sections():
            label = rc.section_label(section)
            items.append((section, f"{label} ({counts[section]})" if counts.get(section) else label))
        self.query_one(ReviewSections).show(items)
        follow_ups = [safety_line(item) for item in self._flags()]
        self.query_one("#safety-hint", Static).update("\n".join([t("review_screen.timeline.safety_hint"), *follow_ups]))
        self.query_one("#safety-table", ReviewTimeline).show(flags)
        self.query_one("#section-timeline", ReviewTimeline).show(rows)
        texts = {
            "attendance": rc.attendance_content(self.group, session),
            "plan": rc.plan_content(session),
            "sociogram": rc.sociogram_content(self._analysis, self._analysis_error),  # type: ignore[arg-type]
            "notes": rc.notes_content(session),
            "comments": rc.comments_content(session),
            "status": rc.status_content(session),
        }
        for section, content in texts.items():
            self.query_one(f"#section-{section}", ReviewText).show(content)
        self._show_status()
        self.refresh_bindings()

    def _row(self, event, comments: int) -> TimelineRow:
        return TimelineRow(
            seq=event.seq,
            time=format_duration(event.at),
            act=rc.event_summary(event, self.session),
            role=rc.role_label(event.role) if event.role else "",
            code=rc.code_label(event),
            note=rc.event_note(event, self.session),
            comments=comments,
            safety=event.kind == "note" and event.safety,
            gap=event.kind == "gap",
        )

    def _show_status(self) -> None:
        session = self.session
        # The status first: on a narrow terminal the date is what gets cut, not the status.
        left = [
            (f" {t(f'review.{session.review.status}')} ", BADGE),
            " ",
            (t("review_screen.heading", number=session.number, date=format_date(session.date)), "bold"),
        ]
        flags = len(self._flags())
        if flags:
            left += [" · ", (t("review_screen.safety_count", count=flags), "bold $error")]
        if session.locked:
            left += [" · ", (t("review_screen.locked"), "$success")]
        name = self._acting_name() or t("review_screen.no_name")
        right: list = [t("review_screen.role", role=t(f"settings.role.{self._acting_role()}"), name=name), " · "]
        if self.save_error:
            right.append(t("review_screen.not_saved", error=self.save_error))
        elif self.read_only:
            right.append((t("review_screen.read_only"), "bold"))
        else:
            right.append((t("review_screen.saved"), "$success"))
        self.query_one(ReviewStatusLine).show(
            Content.assemble(*left), Content.assemble(*right), error=bool(self.save_error), read_only=self.read_only
        )

    def identity_changed(self) -> None:
        """The app's role or name changed (F4, the palette): other keys apply now."""
        if self.is_mounted:
            self._show_status()
            self.refresh_bindings()

    # ── moving around ──

    def _content_widget(self, section: str) -> Widget:
        return self.query_one("#safety-table" if section == "safety" else f"#section-{section}")

    def _show(self, section: str) -> None:
        self.query_one(ContentSwitcher).current = f"section-{section}"

    @on(OptionList.OptionHighlighted, "#review-sections")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show(event.option.id)

    @on(OptionList.OptionSelected, "#review-sections")
    def _section_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._show(event.option.id)
            self._content_widget(event.option.id).focus()

    def action_section(self, index: int) -> None:
        visible = self._visible_sections()
        if 0 <= index < len(visible):
            section = visible[index]
            self.query_one(ReviewSections).choose(section)
            self._show(section)
            self._content_widget(section).focus()

    def action_back(self) -> None:
        """From a section back to the list of sections; from the list back to the group."""
        sections = self.query_one(ReviewSections)
        if self.focused is not sections:
            sections.focus()
        else:
            self.app.pop_screen()

    def action_sociogram(self) -> None:
        from kelompok.tui.screens.sociogram import SociogramScreen

        self.open_screen(SociogramScreen, self.group_dir, self.number)

    def screen_commands(self) -> Iterable[SystemCommand]:
        """The review steps that apply now, for the command palette (the app adds them to its own)."""
        for action in ("comment", "return_log", "sign_off", "submit", "amend", "sociogram"):
            if self.check_action(action, ()):
                yield SystemCommand(
                    t(f"review_screen.commands.{action}"),
                    t(f"review_screen.commands.{action}_help"),
                    getattr(self, f"action_{action}"),
                )

    # ── who acts, and what they may do now ──

    def _acting_role(self) -> str:
        return self.kelompok.role

    def _acting_name(self) -> str:
        return self.kelompok.user_name

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in WRITE_ACTIONS:
            return True
        needed = ROLE_OF_ACTION.get(action)
        if needed is not None and needed != self._acting_role():
            return False  # the other role's step: not shown at all
        if self.read_only:
            return None
        status = self.session.review.status
        if action == "submit":
            return True if status in ("draft", "returned") and self.session.state == "ended" else None
        if action in ("return_log", "sign_off"):
            return True if status == "submitted" else None
        if action == "close_follow_up":
            return True if any(item.open for item in self._flags()) else None
        return True

    def _with_name(self, then: Callable[[str], None]) -> None:
        """Go on with the user's name; ask it first when the app does not know it yet."""
        name = self._acting_name()
        if name:
            then(name)
            return
        self.kelompok.ask_name(then)

    def _now(self) -> dt.datetime:
        return self.kelompok.now().replace(microsecond=0)

    def _apply(self, step: Callable[[Session], object], done: str) -> bool:
        """Run one review step on the session and save it at once; on any failure nothing changes."""
        if self.read_only:
            self.notify(t("review_screen.read_only_notice"), severity="warning", timeout=8)
            return False
        try:
            # One unit of work in the service: on any failure self.session stays what the file holds.
            self.session = self.service.review_step(self.group_dir, self.session, step)
        except review.ReviewError as error:
            self.notify(str(error), title=t("review_screen.cannot"), severity="warning", timeout=8)
            return False
        except (DataError, OSError, ValueError) as error:  # ValueError: pydantic refused the changed copy
            self.save_error = str(error)
            self.refresh_view()
            self.notify(
                t("review_screen.save_failed", error=error),
                title=t("review_screen.cannot"),
                severity="error",
                timeout=12,
            )
            return False
        self.save_error = ""
        self.refresh_view()
        self.notify(done)
        return True

    # ── the review steps ──

    def _comment_target(self) -> tuple[str, int | None]:
        """(section, event seq): the act under the cursor when a table has focus, else the section."""
        section = self.query_one(ReviewSections).current or "review"
        focused = self.focused
        if isinstance(focused, ReviewTimeline) and focused.selected_seq is not None:
            return focused.section, focused.selected_seq
        return ("review" if section in GENERAL_SECTIONS else section), None

    def action_comment(self) -> None:
        section, seq = self._comment_target()
        if seq is not None:
            event = next(e for e in self.session.events if e.seq == seq)
            what = f"{rc.event_summary(event, self.session)}, {format_duration(event.at)}"
            if event.note:
                what += f" — {event.note}"
            title = t("review_screen.comment.title_event", seq=seq, what=what)
        else:
            title = t("review_screen.comment.title_section", section=rc.section_label(section))

        def write(name: str) -> None:
            from kelompok.tui.dialogs.comment import CommentDialog

            def done(text: str | None) -> None:
                if text:
                    anchor = {"event": seq} if seq is not None else {"section": section}
                    self._apply(
                        lambda s: review.comment(s, name, text, now=self._now, **anchor), t("review_screen.commented")
                    )

            self.app.push_screen(CommentDialog(title), done)

        self._with_name(write)

    def action_close_follow_up(self) -> None:
        """The supervisor closes the first open safety flag with a note of what was done."""
        item = next((i for i in self._flags() if i.open), None)
        if item is None:
            return

        def write(name: str) -> None:
            from kelompok.tui.dialogs.comment import CommentDialog

            def done(text: str | None) -> None:
                if text:
                    self._apply(
                        lambda s: close_follow_up(s, item.key, name, text, self._now()), t("privacy.review.closed")
                    )

            self.app.push_screen(
                CommentDialog(t("privacy.review.close_title", line=safety_line(item)), hint=item.text), done
            )

        self._with_name(write)

    def action_return_log(self) -> None:
        def ask_reason(name: str) -> None:
            from kelompok.tui.dialogs.comment import CommentDialog

            def done(reason: str | None) -> None:
                if reason:
                    self._apply(
                        lambda s: review.return_to_facilitator(s, name, reason, now=self._now),
                        t("review_screen.returned"),
                    )

            dialog = CommentDialog(
                t("review_screen.comment.title_return", number=self.number),
                hint=t("review_screen.comment.return_hint"),
                confirm=t("review_screen.comment.return_yes"),
                returning=True,
            )
            self.app.push_screen(dialog, done)

        self._with_name(ask_reason)

    def action_sign_off(self) -> None:
        """Sign off: refused at once for the name that facilitated the log; an open safety flag is
        first acknowledged with a note of its follow-up (one dialog per flag), then the sign-off
        and the follow-ups are saved as one step."""

        def start(name: str) -> None:
            try:
                review.check_signer(self.session, name, self.group.facilitators)
            except review.ReviewError as error:
                self.notify(str(error), title=t("review_screen.cannot"), severity="warning", timeout=10)
                return
            flags = [item for item in self._flags() if item.open]
            self._acknowledge(flags, len(flags), {}, lambda notes: confirm(name, notes))

        def confirm(name: str, notes: dict[str, str]) -> None:
            from kelompok.tui.dialogs.confirm import ConfirmDialog

            def step(draft: Session) -> None:
                for key, note in notes.items():
                    close_follow_up(draft, key, name, note, self._now())
                review.sign_off(draft, name, now=self._now, facilitators=self.group.facilitators)

            def done(yes: bool | None) -> None:
                if yes:
                    self._apply(step, t("review_screen.signed_off", number=self.number))

            question = t("review_screen.confirm_sign_off", number=self.number, name=name)
            self.app.push_screen(
                ConfirmDialog(question, t("review_screen.sign_off_yes"), t("review_screen.sign_off_no")), done
            )

        self._with_name(start)

    def _acknowledge(
        self, items: list, total: int, notes: dict[str, str], then: Callable[[dict[str, str]], None]
    ) -> None:
        """Ask the follow-up note of each open safety flag in turn; cancelling one stops the sign-off."""
        if not items:
            then(notes)
            return
        from kelompok.tui.dialogs.comment import CommentDialog

        item, rest = items[0], items[1:]

        def done(text: str | None) -> None:
            if text:
                self._acknowledge(rest, total, {**notes, item.key: text}, then)

        title = t("inbox.acknowledge_title", line=safety_line(item), index=total - len(items) + 1, total=total)
        self.app.push_screen(CommentDialog(title, hint=item.text, confirm=t("inbox.acknowledge_yes")), done)

    def action_submit(self) -> None:
        if self.session.state != "ended":
            self.notify(
                t("review_screen.not_ended", number=self.number, state=t(f"state.{self.session.state}")),
                severity="warning",
            )
            return
        self._with_name(
            lambda name: self._apply(
                lambda s: review.submit(s, name, now=self._now), t("review_screen.submitted", number=self.number)
            )
        )

    def action_amend(self) -> None:
        def edit(name: str) -> None:
            from kelompok.tui.dialogs.amend import AmendDialog, AmendResult

            session = self.session
            texts = {field: getattr(session, field) for field in review.AMENDABLE_FIELDS}

            def done(result: AmendResult | None) -> None:
                if result is None:
                    return
                if getattr(self.session, result.field) == result.text:
                    self.notify(t("review_screen.unchanged"))
                    return
                message = t("review_screen.amended") if self.session.locked else t("review_screen.edited")
                self._apply(lambda s: review.amend(s, name, result.field, result.text, now=self._now), message)

            self.app.push_screen(AmendDialog(session.number, texts, field="notes", locked=session.locked), done)

        self._with_name(edit)
