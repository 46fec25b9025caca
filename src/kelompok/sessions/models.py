"""The data kelompok keeps: groups, members, session plans, sessions, events and reviews.

Every model is strict (`extra="forbid"`): a typo in a hand-edited TOML file is refused with a
message that names the field, instead of being silently dropped. Every file-level model carries a
`format` version so that later versions can migrate old files instead of misreading them.

The models know nothing about paths or files; reading and writing live in `store.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PlainSerializer, field_validator, model_validator

from kelompok.i18n import t

FORMAT_VERSION = 1
"""The file format kelompok writes by default (and every older file has)."""

FORMAT_CLOCK = 2
"""The format of a session file whose record carries the clock's own facts: a `gap` event (the
time recording was interrupted) or a wall-clock stamp on a pause or resume. A version of kelompok
that predates them would misread that time, so such a file is written as format 2 and an older
version refuses it as "made by a newer version" (see docs/ARCHITECTURE.md, "File formats")."""

NEWEST_FORMAT = FORMAT_CLOCK
"""The newest file format this version of kelompok reads; anything newer is refused."""

FACILITATOR = "facilitator"
"""The event endpoint that stands for the facilitator(s)."""

GROUP = "group"
"""The addressee that stands for "the whole group"."""

RESERVED_CODES = frozenset({FACILITATOR, GROUP})

MEMBER_CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$"
_MEMBER_CODE = re.compile(MEMBER_CODE_PATTERN)

MemberCode = Annotated[str, Field(pattern=MEMBER_CODE_PATTERN)]
GroupTypeId = Literal[
    "social_conversation",
    "recreation",
    "recreation_skill",
    "education",
    "task",
    "problem_solving",
    "self_help",
    "socialization",
    "therapy",
    "sensitivity",
]
"""Zastrow's ten group types, in his order."""

GROUP_TYPE_IDS: tuple[str, ...] = GroupTypeId.__args__  # type: ignore[attr-defined]

MezzoRoleId = Literal[
    "instruktur",
    "pencari_informasi",
    "pembentuk_opini",
    "evaluator",
    "elaborator",
    "pemberi_semangat",
    "pencatat",
    "teknisi_prosedural",
    "pendorong",
    "pendengar",
    "pengikut",
    "pengatur_kompromi",
    "pereda_ketegangan",
]
"""The 13 mezzo roles of the DEPSOS (1998) list, in the seed's order."""

MEZZO_ROLE_IDS: tuple[str, ...] = MezzoRoleId.__args__  # type: ignore[attr-defined]

Stage = Literal["beginning", "middle", "ending"]
"""Where a session stands in the group-work process (Toseland & Rivas)."""


# Dates and times are written as text (`"2026-01-15"`), so they are parsed from strings; every other
# field takes exactly its type (see `Strict`).
LaxDate = Annotated[dt.date, Field(strict=False)]
LaxTime = Annotated[dt.time, Field(strict=False)]
LaxDateTime = Annotated[dt.datetime, Field(strict=False)]
WallStamp = Annotated[
    dt.datetime,
    Field(strict=False),
    AfterValidator(lambda moment: moment.replace(microsecond=moment.microsecond // 1000 * 1000)),
    PlainSerializer(lambda moment: moment.isoformat(timespec="milliseconds"), return_type=str, when_used="json"),
]
"""A wall-clock moment kept and written to the millisecond (`2026-11-23T09:30:15.123`), not
Python's six digits; cut when the event is built, like `at`, so memory and files agree."""

MAX_SEQ = 1_000_000
"""More events than any session can have (a 3-hour session at one act a second is ~11,000)."""
MAX_SESSION_SECONDS = 7 * 24 * 3600
"""An upper bound for `at`: no session lasts a week."""


def to_milliseconds(seconds: float) -> float:
    """Seconds rounded to the millisecond: what every time offset holds, in memory and on disk.

    A monotonic clock gives `9.150262054999985`; nobody can press keys that finely, and the file
    should read `9.15`. Rounding when the event is built (not only when it is written) keeps the
    event in memory, the journal line and the session file equal, so replay compares like with
    like; old files with full floats are read and rounded the same way.
    """
    return round(seconds, 3)


Seconds = Annotated[float, AfterValidator(to_milliseconds)]


class Strict(BaseModel):
    """Base of every kelompok model: unknown keys are errors, types are strict.

    Strict types: a hand-edited or damaged file with `number = "2"`, `recording = "yes"` or
    `format = 99999.0` is refused with the field named, instead of being quietly coerced (and a
    float format slipping past the newer-format guard). Dates and times are the exception (LaxDate …).
    """

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        # No use_attribute_docstrings: the docstring under each field is for people reading this
        # file. Pydantic's copying it into the field's description read this module's source at
        # import: 17 ms of every start that validates a file (the home screen's details, `kelompok
        # stats`), for text nothing reads.
        populate_by_name=True,
        validate_assignment=False,
    )


# ── group ─────────────────────────────────────────────────────────────────────────────────────


GuardianRelation = Literal["parent", "guardian", "lksa_head"]
"""Who consents for a child: a parent, another legal guardian (wali), or the head of the LKSA
acting as guardian for a child in residential care."""


class GuardianConsent(Strict):
    """Consent given for a member under 18 by the adult responsible for them (UU 35/2014)."""

    name: str = Field(min_length=1)
    """Who gave it (kept in the group folder only, like every name)."""
    relation: GuardianRelation
    """Parent, guardian, or the LKSA head acting as guardian."""
    date: LaxDate | None = None
    """When it was given."""
    participation: bool = False
    """The guardian agreed that the child takes part."""
    recording: bool = False
    """The guardian agreed that the child's participation is observed and noted (pencatatan)."""
    names_in_reports: bool = False
    """The guardian agreed that the child's real name may appear in reports."""
    photos: bool = False
    """The guardian agreed to photos/documentation of the child."""


class Consent(Strict):
    """What a member agreed to. Recorded once, updated when it changes.

    Older files knew only `recording`, `names_in_reports` and `date`; a file without
    `participation` reads it from `recording` (whoever agreed to be noted agreed to take part).
    """

    participation: bool = False
    """The member agreed to take part in the group."""
    recording: bool = False
    """The member agreed that their participation is observed and noted (who speaks to whom)."""
    names_in_reports: bool = False
    """The member agreed that their real name may appear in reports and exports."""
    photos: bool = False
    """The member agreed to photos/documentation (reports, SPJ); never social media without asking again."""
    date: LaxDate | None = None
    """When consent was given or last changed."""
    given_by: str = ""
    """Who recorded or gave the consent, when not the member themself (e.g. an interpreter, a
    facilitator noting spoken consent). Empty: the member."""
    guardian: GuardianConsent | None = None
    """For a member under 18: the guardian's consent."""
    assent: bool = False
    """For a member under 18: the child's own agreement, asked in words the child understands."""
    assent_date: LaxDate | None = None
    """When the child's assent was asked."""
    declined_noting: bool = False
    """The member (or, for a child, the child or guardian) said no to being noted. They still
    attend; the live Recorder refuses every act from or to them, so nothing about them is noted,
    and no warning asks for the consent again."""

    @model_validator(mode="before")
    @classmethod
    def _upgrade_old_shape(cls, data: object) -> object:
        if isinstance(data, dict) and "participation" not in data and "recording" in data:
            data = {**data, "participation": bool(data["recording"])}
        return data

    def covers(self, minor: bool) -> list[str]:
        """What is missing for a member to take part and be noted: ids from CONSENT_NEEDS."""
        missing = []
        # A member who declined to be noted is not asked again: their refusal is the answer.
        if minor:
            guardian = self.guardian
            if guardian is None or not guardian.participation:
                missing.append("guardian_participation")
            if (guardian is None or not guardian.recording) and not self.declined_noting:
                missing.append("guardian_recording")
            if not self.assent:
                missing.append("assent")
        else:
            if not self.participation:
                missing.append("participation")
            if not self.recording and not self.declined_noting:
                missing.append("recording")
        return missing

    def may_be_noted(self, minor: bool) -> bool:
        """True when the member's acts may be noted (their own or, for a child, guardian and child)."""
        if self.declined_noting:
            return False
        if minor:
            return self.guardian is not None and self.guardian.recording and self.assent
        return self.recording

    def may_be_named(self, minor: bool) -> bool:
        """True when the member's real name may appear in reports and exports."""
        if minor:
            return self.guardian is not None and self.guardian.names_in_reports and self.assent
        return self.names_in_reports


CONSENT_NEEDS = ("participation", "recording", "guardian_participation", "guardian_recording", "assent")
"""What a session needs from a present member (adult: the first two; under 18: the last three)."""

PopulationFlag = Literal["children", "violence_survivors", "hiv", "mental_health", "mandated"]
"""Populations that call for extra care whatever the group type: children (< 18), survivors of
violence, people living with HIV, mental-health service users, mandated/involuntary members."""

POPULATION_FLAGS: tuple[str, ...] = PopulationFlag.__args__  # type: ignore[attr-defined]


class Member(Strict):
    """A person in the group. Only the code leaves the app by default."""

    code: MemberCode
    """Short pseudonymous code, unique in the group (e.g. `A1`). Used in exports and sociograms."""
    name: str = Field(min_length=1)
    """Display name, seen only by the facilitator and supervisor."""
    attributes: dict[str, str] = Field(default_factory=dict)
    """Free attributes (e.g. gender, age band, village) used for equity ratios."""
    consent: Consent = Field(default_factory=Consent)
    """What the member consented to."""
    joined: int | None = Field(default=None, ge=1, le=999)
    """The session number the member joined in, when they joined after the start."""
    left: int | None = Field(default=None, ge=1, le=999)
    """The last session number the member belonged to, when they left the group."""
    nicknames: list[str] = Field(default_factory=list)
    """Nicknames and short names the group uses (Bu Nem, Mas Yo): replaced by the code, like the
    full name and its parts, wherever free text leaves the app or a member is forgotten."""
    minor: bool = False
    """The member is under 18: guardian consent and the child's assent are needed."""
    forgotten: bool = False
    """The member was erased (`kelompok forget`): only the code remains, for the anonymous acts."""
    mandated: bool = False
    """The member takes part because a programme or institution requires it (PKH obligations,
    an LKSA resident, compulsory training), not by free choice."""

    @field_validator("code")
    @classmethod
    def _not_reserved(cls, code: str) -> str:
        if code.lower() in RESERVED_CODES:
            raise ValueError(t("errors.model.reserved", code=code))
        return code


class AuditEntry(Strict):
    """One line of a group's audit trail: who did what to its records, and when."""

    at: LaxDateTime
    """When it happened (local time)."""
    who: str
    """Who did it (facilitator or supervisor name)."""
    action: str
    """What was done, e.g. `export_with_names`, `sign_off`, `amend`."""
    detail: str = ""
    """Anything that makes the entry self-explaining (session number, file written …)."""


class Group(Strict):
    """A group and its membership: the content of `group.toml`."""

    format: int = Field(default=FORMAT_VERSION, ge=1)
    """File format version."""
    name: str = Field(min_length=1)
    """The group's name as the facilitator calls it."""
    type: GroupTypeId
    """The primary Zastrow group type."""
    secondary_types: list[GroupTypeId] = Field(default_factory=list)
    """Further types the group also serves (types overlap: a floodlight, not a spotlight)."""
    purpose: str = ""
    """Why the group exists, in a sentence or two."""
    agency: str = ""
    """The agency or programme that runs the group (e.g. Dinas Sosial, PKH)."""
    facilitators: list[str] = Field(default_factory=list)
    """Names of the facilitators (pendamping, pekerja sosial)."""
    professional_lead: bool = False
    """A trained professional leads the group (required for therapy groups)."""
    members: list[Member] = Field(default_factory=list)
    """The members, in the order they were added."""
    seating: list[MemberCode] = Field(default_factory=list)
    """Member codes in seating order around the circle; sociograms keep this order."""
    planned_sessions: int | None = Field(default=None, ge=1, le=999)
    """How many sessions the series is planned to have."""
    frequency: str = ""
    """How often the group meets (e.g. `mingguan`, `weekly`)."""
    session_minutes: int | None = Field(default=None, ge=5, le=24 * 60)
    """Usual length of a session in minutes."""
    next_date: LaxDate | None = None
    """The date agreed for the next meeting, when one was agreed (the group editor sets it); the
    home screen shows it until a session for it is planned."""
    audit: list[AuditEntry] = Field(default_factory=list)
    """Audit trail: exports with names, sign-offs, amendments."""
    population: list[PopulationFlag] = Field(default_factory=list)
    """Populations in the group that call for extra ethics checks whatever the type."""
    analysable_attributes: list[str] = Field(default_factory=list)
    """Member attributes the group allows for analysis (equity figures, and export as a node
    attribute when the user asks). Every other attribute is private: it never leaves the group
    folder. A file without this list therefore keeps every attribute private."""

    @model_validator(mode="after")
    def _codes_consistent(self) -> Group:
        codes = [m.code for m in self.members]
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                raise ValueError(t("errors.code_twice", code=code))
            seen.add(code)
        for code in self.seating:
            if code not in seen:
                raise ValueError(t("errors.model.seating_stranger", code=code))
        if len(set(self.seating)) != len(self.seating):
            raise ValueError(t("errors.model.seating_twice"))
        return self

    def member(self, code: str) -> Member | None:
        """The member with this code, or None."""
        for m in self.members:
            if m.code == code:
                return m
        return None

    def has_population(self, flag: str) -> bool:
        """True when the group carries this population flag (children also when a member is a minor,
        mandated also when a member is mandated)."""
        if flag in self.population:
            return True
        if flag == "children":
            return any(m.minor for m in self.members)
        if flag == "mandated":
            return any(m.mandated for m in self.members)
        return False

    def is_analysable(self, attribute: str) -> bool:
        """True when the group declared this member attribute analysable (private otherwise)."""
        return attribute in self.analysable_attributes

    def seat_order(self) -> list[str]:
        """Member codes in seating order; members missing from `seating` follow in roster order."""
        placed = list(self.seating)
        return placed + [m.code for m in self.members if m.code not in placed]


# ── plan ──────────────────────────────────────────────────────────────────────────────────────


class AgendaBlock(Strict):
    """One timed block of a session's agenda."""

    title: str = Field(min_length=1)
    """Short name of the block (e.g. Pembukaan, Kegiatan inti)."""
    minutes: int = Field(ge=1, le=24 * 60)
    """Planned length in minutes."""
    activity: str = ""
    """What happens in the block."""
    method: str = ""
    """How (discussion, role play, game, lecture …)."""
    roles: list[MezzoRoleId] = Field(default_factory=list)
    """Mezzo roles the facilitator plans to take in this block."""
    materials: str = ""
    """What is needed for the block."""
    output: str = ""
    """What the block should produce."""


ObjectiveResult = Literal["met", "partly", "not_met"]


class Objective(Strict):
    """A specific, measurable objective of a session (tujuan khusus)."""

    text: str = Field(min_length=1)
    """The objective, worded so that it can be observed (e.g. "each member names one strategy")."""
    result: ObjectiveResult | None = None
    """After the session: met, partly met or not met."""
    evidence: str = ""
    """After the session: one line of evidence for the result."""


class Risk(Strict):
    """A foreseeable risk and how the facilitator will handle it."""

    risk: str = Field(min_length=1)
    """What could go wrong."""
    mitigation: str = ""
    """What the facilitator will do."""


class SessionPlan(Strict):
    """What the facilitator plans for one session."""

    purpose: str = ""
    """Why this session exists in the series (tujuan umum)."""
    objectives: list[Objective] = Field(default_factory=list, max_length=5)
    """One to three measurable objectives."""
    stage: Stage | None = None
    """Group-work stage; derived from the session's place in the series when empty."""
    minutes: int | None = Field(default=None, ge=5, le=24 * 60)
    """Planned length of the session in minutes."""
    venue: str = ""
    """Where the group meets."""
    mode: Literal["tatap_muka", "daring", "hibrid"] = "tatap_muka"
    """Face to face, online or hybrid."""
    agenda: list[AgendaBlock] = Field(default_factory=list)
    """Timed agenda blocks in order."""
    planned_roles: list[MezzoRoleId] = Field(default_factory=list)
    """Mezzo roles the facilitator plans to take in the session."""
    materials: list[str] = Field(default_factory=list)
    """Materials (alat dan bahan)."""
    ethics: list[str] = Field(default_factory=list)
    """Ethics checklist items ticked (ids such as `confidentiality_agreement`)."""
    risks: list[Risk] = Field(default_factory=list)
    """Risk plan."""
    evaluation: str = ""
    """How the session will be evaluated."""
    follow_up: str = ""
    """Homework, referrals and next steps."""

    def agenda_minutes(self) -> int:
        """Total planned minutes of the agenda."""
        return sum(block.minutes for block in self.agenda)


# ── session ───────────────────────────────────────────────────────────────────────────────────

ReportedTo = Literal["supervisor", "lksa_head", "uptd_ppa", "sapa_129", "unit_ppa", "other"]
"""Where a safety concern was reported: the supervisor, the LKSA head, UPTD PPA, SAPA 129, the
police's Unit PPA, or someone else (say who in `to_detail`)."""
FollowUpStatus = Literal["open", "followed_up"]


class SafetyFollowUp(Strict):
    """What was done about a safety-flagged note or attendance reason."""

    reported_to: ReportedTo | None = None
    """Whom it was reported to (None: not yet reported)."""
    to_detail: str = ""
    """Who exactly, when `other` (or a name at the agency)."""
    reported_at: LaxDate | None = None
    """When it was reported."""
    status: FollowUpStatus = "open"
    """Open until the supervisor closes it."""
    closed_by: str = ""
    """The supervisor who closed it."""
    closed_at: LaxDate | None = None
    """When it was closed."""
    closing_note: str = ""
    """What was done (free text; never exported)."""


AttendanceStatus = Literal["present", "late", "absent", "excused"]
PRESENT_STATUSES = frozenset({"present", "late"})
"""Statuses of members who came (a late member from her arrival: `sessions/presence.py`)."""


class Attendance(Strict):
    """One member's attendance at a session."""

    member: MemberCode
    """The member's code."""
    status: AttendanceStatus
    """Present, late, absent or excused."""
    reason: str = ""
    """Reason for absence or lateness, if known."""
    safety: bool = False
    """The reason reveals a safeguarding event (e.g. a child who has not come back to the dorm)."""
    follow_up: SafetyFollowUp | None = None
    """What was done about it, for a safety-flagged reason."""


EventKind = Literal["speak", "arrive", "leave", "note", "agenda", "undo", "pause", "resume", "gap"]
Valence = Literal["positive", "task", "negative"]


class Event(Strict):
    """One thing that happened in a session, at a time offset from its start."""

    seq: int = Field(ge=1, le=MAX_SEQ)
    """Position in the session's record; unique and increasing. Undo events point at it."""
    at: Seconds = Field(ge=0, le=MAX_SESSION_SECONDS)
    """Seconds from the start of the session (pauses excluded), to the millisecond."""
    kind: EventKind = "speak"
    """`speak` an act; `arrive`/`leave` attendance changes; `note`; `agenda` next block;
    `undo` withdraws an earlier event; `pause`/`resume` the clock; `gap` recording was
    interrupted (a crash, or the live screen closed while the session ran) from `at` to `until`."""
    from_: str | None = Field(default=None, alias="from")
    """Who acted: a member code or `facilitator`."""
    to: str | None = None
    """Addressee of an act: a member code, `facilitator` or `group`."""
    role: MezzoRoleId | None = None
    """Mezzo role the act is tagged with."""
    ipa: int | None = Field(default=None, ge=1, le=12)
    """Bales IPA category (1–12), when the session codes interaction."""
    valence: Valence | None = None
    """Positive / task / negative, when the session codes valence."""
    note: str | None = None
    """Free text (notes; never exported)."""
    safety: bool = False
    """The note records a disclosure or risk that needs follow-up by the supervisor."""
    follow_up: SafetyFollowUp | None = None
    """For a safety note: whom it was reported to, when, and whether it is followed up."""
    block: int | None = Field(default=None, ge=0, le=999)
    """For `agenda`: the index of the agenda block that starts."""
    undoes: int | None = Field(default=None, ge=1, le=MAX_SEQ)
    """For `undo`: the `seq` of the event it withdraws."""
    until: Seconds | None = Field(default=None, ge=0, le=MAX_SESSION_SECONDS)
    """For `gap`: the session time recording resumed. The gap is session time (the group met on),
    but nothing was recorded in it: time offsets after it stay true, and rates leave it out."""
    wall: WallStamp | None = None
    """For `pause` and `resume`: the local wall-clock time, to the millisecond. With the session's
    start it tells a later reopen how long the pauses lasted, so the time since the last recorded
    moment — the gap — can be measured."""

    @model_validator(mode="after")
    def _shape_fits_kind(self) -> Event:
        kind = self.kind
        if kind == "speak":
            if not self.from_:
                raise ValueError(t("errors.model.speak_from"))
            if not self.to:
                raise ValueError(t("errors.model.speak_to"))
            if self.from_ == self.to:
                raise ValueError(t("errors.model.speak_self"))
            if self.from_ == GROUP:
                raise ValueError(t("errors.model.group_speaks"))
        elif kind in ("arrive", "leave"):
            if not self.from_ or self.from_ in RESERVED_CODES:
                raise ValueError(t("errors.model.move_from", kind=kind))
        elif kind == "undo":
            if self.undoes is None:
                raise ValueError(t("errors.model.undo_needs"))
            if self.undoes >= self.seq:
                raise ValueError(t("errors.model.undo_later"))
        elif kind == "note" and not self.note:
            raise ValueError(t("errors.model.note_needs"))
        elif kind == "gap" and (self.until is None or self.until < self.at):
            raise ValueError(t("gaps.model_until"))
        if self.until is not None and kind != "gap":
            raise ValueError(t("gaps.model_until_only"))
        if self.wall is not None and kind not in ("pause", "resume"):
            raise ValueError(t("gaps.model_wall_only"))
        return self

    @property
    def end_at(self) -> float:
        """When the event ends on the session's clock: `until` for a gap, `at` for everything else."""
        return self.until if self.until is not None else self.at

    @property
    def is_act(self) -> bool:
        """True for a speaking act (an edge in the sociogram)."""
        return self.kind == "speak"


ReviewStatus = Literal["draft", "submitted", "reviewed", "returned"]


class Comment(Strict):
    """A supervisor's (or facilitator's reply) comment on a session log."""

    at: LaxDateTime
    """When it was written."""
    author: str
    """Who wrote it."""
    text: str = Field(min_length=1)
    """The comment."""
    section: str = ""
    """The section it is anchored to (attendance, plan, timeline, sociogram, notes …)."""
    event: int | None = Field(default=None, ge=1, le=MAX_SEQ)
    """The event `seq` it is anchored to, if any."""


class SignOff(Strict):
    """The supervisor's sign-off, which locks the session."""

    by: str = Field(min_length=1)
    """The supervisor's name."""
    at: LaxDateTime
    """When the session was signed off."""


class Amendment(Strict):
    """A change made after sign-off, kept beside the original."""

    at: LaxDateTime
    """When the change was made."""
    by: str
    """Who made it."""
    field: str
    """What was changed (e.g. `notes`, `events`)."""
    before: str = ""
    """The text before the change."""
    after: str = ""
    """The text after the change."""


class Review(Strict):
    """Supervision of one session log."""

    status: ReviewStatus = "draft"
    """draft → submitted → reviewed, or returned to the facilitator."""
    comments: list[Comment] = Field(default_factory=list)
    """Comments in the order they were written."""
    signoff: SignOff | None = None
    """Sign-off; a signed-off session is locked."""
    amendments: list[Amendment] = Field(default_factory=list)
    """Changes made after sign-off."""
    trail: list[AuditEntry] = Field(default_factory=list)
    """Every review step (submitted, commented, returned, amended, signed off), who and when."""


SessionState = Literal["planned", "running", "paused", "ended"]
Coding = Literal["off", "valence", "ipa"]


class Session(Strict):
    """One meeting of a group: the content of `sessions/NNN.toml`."""

    format: int = Field(default=FORMAT_VERSION, ge=1)
    """File format version."""
    number: int = Field(ge=1, le=999)
    """Session number in the series, from 1."""
    date: LaxDate
    """The date of the meeting."""
    start: LaxTime | None = None
    """Clock time the session started."""
    end: LaxTime | None = None
    """Clock time the session ended."""
    state: SessionState = "planned"
    """planned, running, paused or ended."""
    coding: Coding = "off"
    """Interaction coding chosen before the session: off, three valences, or Bales IPA."""
    plan: SessionPlan = Field(default_factory=SessionPlan)
    """The session plan."""
    attendance: list[Attendance] = Field(default_factory=list)
    """Attendance as taken at the start (arrivals and departures during the session are events)."""
    event_count: int | None = Field(default=None, ge=0, le=MAX_SEQ)
    """How many events the file holds: written by every save, checked by every load, None in memory.

    Written before the events, so a file cut short at a valid TOML boundary (a failing disk, a
    sync tool copying half a file) no longer loses its last events without anyone noticing."""
    events: list[Event] = Field(default_factory=list)
    """Everything recorded, in order, including undone events and the undos themselves."""
    notes: str = ""
    """The facilitator's narrative notes and reflection (never exported)."""
    stage_observed: str = ""
    """Development stage as the facilitator judges it (e.g. forming, storming)."""
    review: Review = Field(default_factory=Review)
    """Supervisor review."""

    @model_validator(mode="after")
    def _events_consistent(self) -> Session:
        last = 0
        undoable: set[int] = set()
        for index, event in enumerate(self.events):
            if event.seq <= last:
                raise ValueError(t("errors.model.seq_order", index=index, seq=event.seq, last=last))
            last = event.seq
            if event.kind != "undo":
                undoable.add(event.seq)
            elif event.undoes in undoable:
                undoable.discard(event.undoes)  # an event can be withdrawn once
            else:
                raise ValueError(t("errors.model.undo_standing", index=index, undoes=event.undoes))
        if self.event_count is not None:
            if self.event_count != len(self.events):
                raise ValueError(t("errors.model.event_count", count=self.event_count, found=len(self.events)))
            # Checked, then forgotten: in memory the events are the truth (they change as acts are
            # recorded), and save_session writes the count anew.
            self.event_count = None
        members = [a.member for a in self.attendance]
        if len(members) != len(set(members)):
            raise ValueError(t("errors.model.attendance_twice"))
        return self

    # Derived views. The file keeps the full history; these are what analysis uses.

    def undone_seqs(self) -> set[int]:
        """Seqs withdrawn by undo events (each event can be withdrawn once; undos are not undone)."""
        return {e.undoes for e in self.events if e.kind == "undo" and e.undoes is not None}

    def effective_events(self) -> list[Event]:
        """Events that stand: undo events and what they withdrew are left out."""
        undone = self.undone_seqs()
        return [e for e in self.events if e.kind != "undo" and e.seq not in undone]

    def acts(self) -> list[Event]:
        """The speaking acts that stand, in order."""
        return [e for e in self.effective_events() if e.kind == "speak"]

    def present_codes(self) -> list[str]:
        """Members present at any time: present at the start, or arrived during it (late ones too)."""
        return list(self.presence())

    def presence(self, standing: list[Event] | None = None) -> dict[str, list[tuple[float, float | None]]]:
        """Member code → the stretches (from, until) she was in the room (`sessions/presence.py`).

        `standing`: the session's `effective_events()`, when the caller has them already."""
        from kelompok.sessions.presence import presence_spans

        events = self.effective_events() if standing is None else standing
        return presence_spans(
            ((a.member, a.status) for a in self.attendance),
            ((e.at, e.kind, e.from_) for e in events if e.kind in ("arrive", "leave") and e.from_),
            ((e.at, e.from_ or "", e.to or "") for e in events if e.kind == "speak"),
        )

    def attendance_of(self, code: str) -> Attendance | None:
        """The attendance entry of one member, or None."""
        for entry in self.attendance:
            if entry.member == code:
                return entry
        return None

    @property
    def locked(self) -> bool:
        """A signed-off session is locked; changes become amendments."""
        return self.review.signoff is not None

    def next_seq(self) -> int:
        """The seq the next recorded event gets."""
        return self.events[-1].seq + 1 if self.events else 1

    def gaps(self) -> list[tuple[float, float]]:
        """(from, until) of every standing `gap`: session time in which nothing was recorded."""
        return [(e.at, e.end_at) for e in self.effective_events() if e.kind == "gap"]

    def file_format(self) -> int:
        """The format this session must be written as: FORMAT_CLOCK once its record holds a gap
        or a wall-clock stamp (older versions would misread its time), else the format it has."""
        if any(e.kind == "gap" or e.wall is not None for e in self.events):
            return max(self.format, FORMAT_CLOCK)
        return self.format


def is_member_code(text: str) -> bool:
    """True when text is a well-formed member code (not a reserved word)."""
    return bool(_MEMBER_CODE.match(text)) and text.lower() not in RESERVED_CODES
