"""The group editor's dialogs: one member (name, nicknames, consent, guardian), a member leaving,
and the group's purpose and schedule. Each returns the changed value, or None when cancelled;
the editor applies it to its copy of the group, where it can still be undone.

Keys: Enter moves to the next field, Space ticks a box, Ctrl+S saves, Esc cancels.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from kelompok.i18n import t
from kelompok.sessions.fileio import validation_message
from kelompok.sessions.models import Member
from kelompok.tui.safe_text import clean, plain
from kelompok.tui.widgets.space_checkbox import SpaceCheckbox


class FormError(ValueError):
    """What the user typed cannot be used; the message names the field."""


def parse_date(text: str) -> dt.date | None:
    """An ISO date, or None for an empty field; FormError otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise FormError(t("group_editor.member.bad_date", text=text)) from None


def parse_number(text: str, low: int, high: int, key: str = "group_editor.details.bad_number") -> int | None:
    """A whole number in [low, high], or None for an empty field; FormError otherwise."""
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise FormError(t(key, text=text))
    return int(text)


class _Form(ModalScreen):
    """What the three dialogs share: Enter → next field, Ctrl+S → save, Esc → cancel, an error line."""

    BINDINGS = [
        Binding("escape", "cancel", "keys.close", show=False),
        Binding("ctrl+s", "save", "group_editor.member.save", show=False),
    ]

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()

    def _error(self, message: str) -> None:
        self.query_one(".form-error", Static).update(plain(message))  # quotes what was typed: never markup

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _ticked(self, widget_id: str) -> bool:
        return self.query_one(f"#{widget_id}", SpaceCheckbox).value

    def action_save(self) -> None:
        try:
            result = self.result()
        except FormError as error:
            self._error(str(error))
            return
        except ValidationError as error:
            self._error(validation_message(error.errors()[0]))
            return
        self.dismiss(result)

    def result(self) -> object:
        raise NotImplementedError

    @on(Button.Pressed, ".form-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, ".form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _buttons(self, save: str, hint: str = "group_editor.member.hint") -> ComposeResult:
        yield Static(classes="form-error")
        yield Static(t(hint), classes="form-hint")
        with Horizontal(classes="buttons"):
            yield Button(save, variant="primary", classes="form-save")
            yield Button(t("group_editor.member.cancel"), classes="form-cancel")


RELATIONS = ("parent", "guardian", "lksa_head")


class MemberDialog(_Form):
    """Edit one member (or a new one): the code stays as it is; returns the changed Member."""

    def __init__(self, member: Member, *, new: bool = False) -> None:
        super().__init__()
        self.member = member
        self.new = new

    def compose(self) -> ComposeResult:
        m, consent = self.member, self.member.consent
        guardian = consent.guardian
        title = t("group_editor.member.title_new" if self.new else "group_editor.member.title_edit", code=m.code)
        with Vertical(classes="dialog"):
            yield Static(f"[b]{clean(title)}[/b]")
            yield Static(t("group_editor.member.code_fixed", code=m.code), classes="form-hint")
            with VerticalScroll(id="member-form"):
                yield Label(t("group_editor.member.name"))
                yield Input(m.name if not self.new else "", id="member-name", max_length=120)
                yield Label(t("group_editor.member.nicknames"))
                yield Input(", ".join(m.nicknames), id="member-nicknames")
                yield SpaceCheckbox(t("group_editor.member.minor"), m.minor, id="member-minor", compact=True)
                yield SpaceCheckbox(t("group_editor.member.mandated"), m.mandated, id="member-mandated", compact=True)
                if self.new:
                    yield Label(t("group_editor.member.joined"))
                    yield Input(str(m.joined or ""), id="member-joined", max_length=3)
                yield Static(t("group_editor.member.consent_heading"), classes="form-heading")
                for field in ("participation", "recording", "names_in_reports", "photos", "declined_noting"):
                    yield SpaceCheckbox(
                        t(f"group_editor.member.{field}"), getattr(consent, field), id=f"consent-{field}", compact=True
                    )
                yield Label(t("group_editor.member.date"))
                yield Input(consent.date.isoformat() if consent.date else "", id="consent-date", max_length=10)
                yield Label(t("group_editor.member.given_by"))
                yield Input(consent.given_by, id="consent-given-by", max_length=120)
                with Vertical(id="guardian-part"):
                    yield Static(t("group_editor.member.guardian_heading"), classes="form-heading")
                    yield Label(t("group_editor.member.guardian_name"))
                    yield Input(guardian.name if guardian else "", id="guardian-name", max_length=120)
                    yield Label(t("group_editor.member.guardian_relation"))
                    options = [(t(f"group_editor.member.relation_{r}"), r) for r in RELATIONS]
                    yield Select(
                        options,
                        value=guardian.relation if guardian else "parent",
                        allow_blank=False,
                        id="guardian-relation",
                    )
                    yield Label(t("group_editor.member.guardian_date"))
                    yield Input(
                        guardian.date.isoformat() if guardian and guardian.date else "",
                        id="guardian-date",
                        max_length=10,
                    )
                    for field, key in (("participation", "guardian_participation"), ("recording", "guardian_recording"),
                                       ("names_in_reports", "guardian_names"), ("photos", "guardian_photos")):  # fmt: skip
                        yield SpaceCheckbox(
                            t(f"group_editor.member.{key}"),
                            bool(guardian and getattr(guardian, field)),
                            id=f"guardian-{field}",
                            compact=True,
                        )
                    yield SpaceCheckbox(
                        t("group_editor.member.assent"), consent.assent, id="consent-assent", compact=True
                    )
                    yield Label(t("group_editor.member.assent_date"))
                    yield Input(
                        consent.assent_date.isoformat() if consent.assent_date else "",
                        id="consent-assent-date",
                        max_length=10,
                    )
            yield from self._buttons(t("group_editor.member.save"))

    def on_mount(self) -> None:
        self._show_guardian()
        self.query_one("#member-name", Input).focus()

    @on(SpaceCheckbox.Changed, "#member-minor")
    def _show_guardian(self) -> None:
        # The guardian's consent and the child's assent are asked only for a member under 18.
        self.query_one("#guardian-part").display = self._ticked("member-minor")

    def result(self) -> Member:
        name = " ".join(self._value("member-name").split())
        if not name:
            raise FormError(t("group_editor.member.empty_name"))
        minor = self._ticked("member-minor")
        consent = {
            field: self._ticked(f"consent-{field}")
            for field in ("participation", "recording", "names_in_reports", "photos", "declined_noting")
        }
        consent.update(date=parse_date(self._value("consent-date")), given_by=self._value("consent-given-by").strip())
        guardian = None
        if minor:
            guardian_name = " ".join(self._value("guardian-name").split())
            agreed = {
                field: self._ticked(f"guardian-{field}")
                for field in ("participation", "recording", "names_in_reports", "photos")
            }
            if guardian_name:
                relation = self.query_one("#guardian-relation", Select).value
                guardian = {
                    "name": guardian_name,
                    "relation": relation,
                    "date": parse_date(self._value("guardian-date")),
                    **agreed,
                }
            elif any(agreed.values()):
                raise FormError(t("group_editor.member.guardian_needs_name"))
            consent.update(
                assent=self._ticked("consent-assent"), assent_date=parse_date(self._value("consent-assent-date"))
            )
        else:
            # An adult's record keeps no guardian or assent (they were for the child she was).
            consent.update(assent=False, assent_date=None)
        nicknames = [part.strip() for part in self._value("member-nicknames").split(",") if part.strip()]
        joined = self.member.joined
        if self.new:
            joined = parse_number(self._value("member-joined"), 1, 999, "group_editor.member.bad_number")
        data = self.member.model_dump()
        data.update(
            name=name, nicknames=nicknames, minor=minor, mandated=self._ticked("member-mandated"), joined=joined
        )
        data["consent"] = {**data["consent"], **consent, "guardian": guardian}
        return Member.model_validate(data)


class RetireDialog(_Form):
    """Ask the last session a member took part in; returns the number."""

    def __init__(self, code: str, last_session: int | None) -> None:
        super().__init__()
        self.code = code
        self.last_session = last_session

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"[b]{clean(t('group_editor.retire.title', code=self.code))}[/b]")
            yield Label(t("group_editor.retire.question", code=self.code))
            yield Input(str(self.last_session or ""), id="retire-number", max_length=3)
            yield from self._buttons(t("group_editor.retire.save"), "group_editor.retire.hint")

    def on_mount(self) -> None:
        self.query_one("#retire-number", Input).focus()

    @on(Input.Submitted, "#retire-number")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()  # one field: Enter saves
        self.action_save()

    def result(self) -> int:
        number = parse_number(self._value("retire-number"), 1, 999, "group_editor.member.bad_number")
        if number is None:
            raise FormError(t("group_editor.member.bad_number", text=""))
        return number


@dataclass(frozen=True)
class GroupDetails:
    """The group's purpose and schedule as the dialog returns them."""

    purpose: str
    frequency: str
    planned_sessions: int | None
    session_minutes: int | None
    next_date: dt.date | None


class GroupDetailsDialog(_Form):
    """Edit the purpose and the schedule (frequency, planned sessions, length, next date)."""

    def __init__(self, details: GroupDetails) -> None:
        super().__init__()
        self.details = details

    def compose(self) -> ComposeResult:
        d = self.details
        with Vertical(classes="dialog"):
            yield Static(f"[b]{t('group_editor.details.title')}[/b]")
            for field, value in (
                ("purpose", d.purpose),
                ("frequency", d.frequency),
                ("planned_sessions", str(d.planned_sessions or "")),
                ("session_minutes", str(d.session_minutes or "")),
                ("next_date", d.next_date.isoformat() if d.next_date else ""),
            ):
                yield Label(t(f"group_editor.details.{field}"))
                yield Input(value, id=f"details-{field}")
            yield from self._buttons(t("group_editor.member.save"))

    def on_mount(self) -> None:
        self.query_one("#details-purpose", Input).focus()

    def result(self) -> GroupDetails:
        return GroupDetails(
            purpose=self._value("details-purpose").strip(),
            frequency=self._value("details-frequency").strip(),
            planned_sessions=parse_number(self._value("details-planned_sessions"), 1, 999),
            session_minutes=parse_number(self._value("details-session_minutes"), 5, 24 * 60),
            next_date=parse_date(self._value("details-next_date")),
        )
