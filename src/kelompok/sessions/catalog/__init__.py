"""The content catalogue: group types, mezzo roles, Bales IPA, stages, ethics and check messages.

The content lives in TOML files beside this module (`types.toml`, `roles.toml`, `ipa.toml`,
`stages.toml`, `planning.toml`, `checks.toml`) so that social workers and translators can edit it
without touching Python. Every text is bilingual (`Text`: `id` Bahasa Indonesia, `en` English).

The files are validated strictly when they are loaded: an unknown key, a missing translation, a
role id that is not one of the 13, group types out of Zastrow's order, a skeleton that does not fit
the type's session length … all raise `DataError(path, place, problem)`, so a bad edit is caught at
start-up with a message that names the file and the field, not later as a blank label on screen.

Use `load_catalog()` (cached) in the app; `load_catalog_from(folder)` reads another folder (tests,
a translator's working copy).
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kelompok.sessions.fileio import DataError, read_model
from kelompok.sessions.models import GROUP_TYPE_IDS, MEZZO_ROLE_IDS, GroupTypeId, MezzoRoleId, Valence

CATALOG_DIR = Path(__file__).parent
"""The folder holding the catalogue files shipped with kelompok."""

CATALOG_FORMAT = 1
"""The catalogue file format this version reads."""

CATALOG_LANGUAGES = ("id", "en")
"""The languages every catalogue text carries."""

Leader = Literal["none", "member", "coach", "facilitator", "professional"]
Professional = Literal["required", "advised", "optional"]
CautionLevel = Literal["low", "medium", "high"]
PracticeStageId = Literal["planning", "beginning", "middle", "ending"]
RoleCategory = Literal["task", "maintenance"]
IpaAreaId = Literal["se_positive", "task_answer", "task_question", "se_negative"]
IpaProblemId = Literal["orientation", "evaluation", "control", "decision", "tension_management", "integration"]

PRACTICE_STAGE_IDS = ("planning", "beginning", "middle", "ending")
TUCKMAN_STAGE_IDS = ("forming", "storming", "norming", "performing", "adjourning")
BOSTON_STAGE_IDS = ("pre_affiliation", "power_control", "intimacy", "differentiation", "separation")
IPA_AREA_IDS = ("se_positive", "task_answer", "task_question", "se_negative")
VALENCE_IDS = ("positive", "task", "negative")


class CatalogModel(BaseModel):
    """Base of the catalogue models: strict (unknown keys are errors) and frozen (shared cache)."""

    # No use_attribute_docstrings: the field docstrings are for readers of this file, and pydantic
    # copying them read the module's source at import (25 ms; see sessions/models.Strict).
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(CatalogModel):
    """A text in both languages. Neither may be empty: a missing translation is a data error."""

    id: str = Field(min_length=1)
    """Bahasa Indonesia."""
    en: str = Field(min_length=1)
    """English."""

    @field_validator("id", "en")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is blank; write the text in this language")
        return value

    def get(self, lang: str) -> str:
        """The text in `lang` (`id` or `en`)."""
        if lang == "en":
            return self.en
        if lang == "id":
            return self.id
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(CATALOG_LANGUAGES)}")

    def fill(self, lang: str, **values: object) -> str:
        """The text in `lang` with its `{placeholders}` filled in."""
        return self.get(lang).format(**values)

    def placeholders(self, lang: str) -> set[str]:
        """The names of the `{placeholders}` in the text of one language."""
        return {name for _, name, _, _ in string.Formatter().parse(self.get(lang)) if name}


def _texts(texts: Iterable[Text], lang: str) -> list[str]:
    return [text.get(lang) for text in texts]


# ── group types ───────────────────────────────────────────────────────────────────────────────


class SizeGuidance(CatalogModel):
    """How many members usually suit the type. Guidance the facilitator may change, not a rule."""

    min: int = Field(ge=1, le=200)
    """Fewest members for the type to work as intended."""
    max: int = Field(ge=1, le=200)
    """Most members before individual voice gets lost."""
    note: Text
    """Why these numbers, worded as editable guidance (not a rule)."""

    @model_validator(mode="after")
    def _ordered(self) -> SizeGuidance:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is larger than max {self.max}")
        return self


class LengthGuidance(CatalogModel):
    """How long a session of the type usually lasts, in minutes."""

    min: int = Field(ge=5, le=24 * 60)
    """Shortest usual session, in minutes."""
    max: int = Field(ge=5, le=24 * 60)
    """Longest usual session, in minutes."""
    note: Text | None = None
    """Anything worth knowing about the length (e.g. the age of members); frequency is
    `GroupType.frequency`."""

    @model_validator(mode="after")
    def _ordered(self) -> LengthGuidance:
        if self.min > self.max:
            raise ValueError(f"min {self.min} is larger than max {self.max}")
        return self


class SkeletonBlock(CatalogModel):
    """One timed block of a type's default session skeleton."""

    title: Text
    """Short name of the block."""
    minutes: int = Field(ge=1, le=24 * 60)
    """Default length in minutes."""
    activity: Text
    """What happens in the block."""
    roles: tuple[MezzoRoleId, ...] = ()
    """Mezzo roles the facilitator typically takes in this block."""


class StageNotes(CatalogModel):
    """Type-specific advice for each practice stage."""

    beginning: tuple[Text, ...] = Field(min_length=1)
    """What to do in the beginning sessions of this type."""
    middle: tuple[Text, ...] = Field(min_length=1)
    """What to do in the middle (working) sessions."""
    ending: tuple[Text, ...] = Field(min_length=1)
    """What to do in the ending sessions."""


class GroupType(CatalogModel):
    """One of Zastrow's ten group types, with what a facilitator needs to plan for it."""

    id: GroupTypeId
    """Stable id (see `models.GROUP_TYPE_IDS`)."""
    name: Text
    """Name of the type."""
    purpose: Text
    """What groups of this type are for."""
    leader: Leader
    """Who typically leads: nobody, the members, a coach, a facilitator or a professional."""
    professional: Professional
    """Whether a trained professional must lead (`required`), strongly should (`advised`) or may."""
    caution_level: CautionLevel
    """How much can go wrong for members; medium and high call for a written risk plan."""
    voluntary_disclosure: bool = False
    """Members share personal matters: plans must state voluntary participation and the right to pass."""
    size: SizeGuidance
    """Usual number of members."""
    length: LengthGuidance
    """Usual session length."""
    frequency: Text | None = None
    """How often groups of the type usually meet (its own fact, not a note under length)."""
    activities: tuple[Text, ...] = Field(min_length=1)
    """Activities that suit the type."""
    cautions: tuple[Text, ...] = Field(min_length=1)
    """Risks to watch for, most important first (the first one seeds the risk plan)."""
    plans: tuple[Text, ...] = Field(min_length=1)
    """What the facilitator plans before a session of this type."""
    materials: tuple[Text, ...] = ()
    """Materials usually needed."""
    examples: tuple[Text, ...] = ()
    """Indonesian examples of the type, where known."""
    stage_notes: StageNotes
    """Type-specific advice per practice stage."""
    skeleton: tuple[SkeletonBlock, ...] = Field(min_length=1)
    """The default session agenda; its total fits the usual session length."""

    @model_validator(mode="after")
    def _skeleton_fits(self) -> GroupType:
        total = self.skeleton_minutes
        if not self.length.min <= total <= self.length.max:
            raise ValueError(
                f"the skeleton adds up to {total} minutes, outside the session length "
                f"{self.length.min}–{self.length.max}"
            )
        return self

    @property
    def professional_required(self) -> bool:
        """True when the type must be led by a trained professional (therapy; sensitivity groups,
        which seed 001 says "harus dipandu" by an experienced facilitator)."""
        return self.professional == "required"

    @property
    def skeleton_minutes(self) -> int:
        """Total minutes of the default skeleton."""
        return sum(block.minutes for block in self.skeleton)

    def summary(self, lang: str) -> dict[str, object]:
        """A flat, JSON-ready row for listings (`kelompok types`): id, name, summary and guidance."""
        return {
            "id": self.id,
            "name": self.name.get(lang),
            "summary": self.purpose.get(lang),
            "leader": self.leader,
            "professional": self.professional,
            "caution_level": self.caution_level,
            "size_min": self.size.min,
            "size_max": self.size.max,
            "minutes_min": self.length.min,
            "minutes_max": self.length.max,
            "frequency": self.frequency.get(lang) if self.frequency is not None else "",
        }


class TypesFile(CatalogModel):
    """`types.toml`: the ten group types."""

    format: Literal[1]
    """Catalogue file format version."""
    types: tuple[GroupType, ...]
    """The types, in Zastrow's order."""

    @field_validator("types")
    @classmethod
    def _zastrow_order(cls, types: tuple[GroupType, ...]) -> tuple[GroupType, ...]:
        ids = tuple(t.id for t in types)
        if ids != GROUP_TYPE_IDS:
            raise ValueError(
                f"the types must be Zastrow's ten in his order ({', '.join(GROUP_TYPE_IDS)}); "
                f"found {', '.join(ids) or 'none'}"
            )
        return types


# ── mezzo roles ───────────────────────────────────────────────────────────────────────────────


BENNE_SHEATS_NAMES = {"initiator_contributor": "initiator-contributor", "evaluator_critic": "evaluator-critic"}
"""Benne & Sheats role ids whose written name is not just the id with spaces."""


class MezzoRole(CatalogModel):
    """One of the 13 mezzo roles (DEPSOS 1998), with its Benne & Sheats counterpart."""

    id: MezzoRoleId
    """Stable id (see `models.MEZZO_ROLE_IDS`)."""
    label: Text
    """Name of the role."""
    category: RoleCategory
    """Task role (moves the work) or maintenance role (keeps the group together)."""
    benne_sheats: str = Field(pattern=r"^[a-z][a-z_]*$")
    """The Benne & Sheats (1948) functional role it corresponds to best."""
    alternative: str = Field(default="", pattern=r"^([a-z][a-z_:]*)?$")
    """A second plausible match (prefixed `jj:` when it is a Johnson & Johnson function)."""
    description: Text
    """The behaviour coded with the role: the DEPSOS description, paraphrased faithfully."""
    note: Text | None = None
    """Where the name suggests another behaviour, the seed says more than is coded, or the DEPSOS
    wording and the Benne & Sheats role do not agree."""
    key: str = Field(pattern=r"^[a-z]$")
    """Suggested single lowercase key for the role pad."""
    ipa: tuple[int, ...] = ()
    """Bales IPA categories whose acts are evidence of the role."""

    def summary(self, lang: str) -> dict[str, object]:
        """A flat, JSON-ready row for listings (`kelompok roles`): id, name, summary, category, key."""
        return {
            "id": self.id,
            "name": self.label.get(lang),
            "summary": self.description.get(lang),
            "category": self.category,
            "key": self.key,
            "benne_sheats": self.benne_sheats,
            "benne_sheats_name": self.benne_sheats_name,
            "note": self.note.get(lang) if self.note is not None else "",
        }

    @property
    def benne_sheats_name(self) -> str:
        """The Benne & Sheats role as the literature writes it ("information giver")."""
        return BENNE_SHEATS_NAMES.get(self.benne_sheats, self.benne_sheats.replace("_", " "))

    @field_validator("ipa")
    @classmethod
    def _ipa_codes(cls, codes: tuple[int, ...]) -> tuple[int, ...]:
        for code in codes:
            if not 1 <= code <= 12:
                raise ValueError(f"IPA category {code} is not between 1 and 12")
        return codes


class RolesFile(CatalogModel):
    """`roles.toml`: the 13 mezzo roles."""

    format: Literal[1]
    """Catalogue file format version."""
    roles: tuple[MezzoRole, ...]
    """The roles, in the seed's order."""

    @field_validator("roles")
    @classmethod
    def _all_roles_distinct_keys(cls, roles: tuple[MezzoRole, ...]) -> tuple[MezzoRole, ...]:
        ids = tuple(r.id for r in roles)
        if ids != MEZZO_ROLE_IDS:
            raise ValueError(
                f"the roles must be the 13 mezzo roles in the seed's order ({', '.join(MEZZO_ROLE_IDS)}); "
                f"found {', '.join(ids) or 'none'}"
            )
        seen: dict[str, str] = {}
        for role in roles:
            if role.key in seen:
                raise ValueError(f"key '{role.key}' is used by both {seen[role.key]} and {role.id}")
            seen[role.key] = role.id
        return roles


# ── Bales IPA ─────────────────────────────────────────────────────────────────────────────────


class IpaArea(CatalogModel):
    """One of Bales' four areas."""

    id: IpaAreaId
    """Stable id."""
    name: Text
    """Name of the area."""


class IpaProblem(CatalogModel):
    """One of Bales' six functional problems; each is shared by a pair of categories."""

    id: IpaProblemId
    """Stable id."""
    name: Text
    """Name of the problem."""


class IpaCategory(CatalogModel):
    """One of the 12 IPA categories."""

    code: int = Field(ge=1, le=12)
    """Bales' number, 1–12."""
    area: IpaAreaId
    """The area the category belongs to."""
    label: Text
    """Short label."""
    description: Text
    """What acts fall in the category."""
    pair: int = Field(ge=1, le=12)
    """The category it mirrors (1↔12, 2↔11 … 6↔7)."""
    problem: IpaProblemId
    """The functional problem the pair addresses."""


class ValenceEntry(CatalogModel):
    """A coarse coding level: positive, task or negative, as a grouping of IPA areas."""

    id: Valence
    """Stable id (as in `models.Valence`)."""
    label: Text
    """Short label."""
    description: Text
    """What acts count."""
    areas: tuple[IpaAreaId, ...] = Field(min_length=1)
    """The IPA areas the valence collapses."""


class IpaFile(CatalogModel):
    """`ipa.toml`: Bales' Interaction Process Analysis and the three valences."""

    format: Literal[1]
    """Catalogue file format version."""
    areas: tuple[IpaArea, ...]
    """The four areas, in Bales' order."""
    problems: tuple[IpaProblem, ...]
    """The six functional problems."""
    categories: tuple[IpaCategory, ...]
    """The 12 categories, by code."""
    valences: tuple[ValenceEntry, ...]
    """positive, task, negative."""

    @field_validator("areas")
    @classmethod
    def _four_areas(cls, areas: tuple[IpaArea, ...]) -> tuple[IpaArea, ...]:
        if tuple(a.id for a in areas) != IPA_AREA_IDS:
            raise ValueError(f"areas must be {', '.join(IPA_AREA_IDS)} in this order")
        return areas

    @field_validator("problems")
    @classmethod
    def _six_problems(cls, problems: tuple[IpaProblem, ...]) -> tuple[IpaProblem, ...]:
        if len(problems) != 6 or len({p.id for p in problems}) != 6:
            raise ValueError("problems must list each of the six functional problems once")
        return problems

    @field_validator("categories")
    @classmethod
    def _twelve_paired(cls, categories: tuple[IpaCategory, ...]) -> tuple[IpaCategory, ...]:
        codes = [c.code for c in categories]
        if codes != list(range(1, 13)):
            raise ValueError(f"categories must be codes 1 to 12 in order; found {codes}")
        by_code = {c.code: c for c in categories}
        for cat in categories:
            other = by_code[cat.pair]
            if other.pair != cat.code or cat.pair == cat.code:
                raise ValueError(f"category {cat.code} pairs with {cat.pair}, which does not pair back")
            if other.problem != cat.problem:
                raise ValueError(f"categories {cat.code} and {cat.pair} are a pair but name different problems")
        return categories

    @field_validator("valences")
    @classmethod
    def _three_valences(cls, valences: tuple[ValenceEntry, ...]) -> tuple[ValenceEntry, ...]:
        if tuple(v.id for v in valences) != VALENCE_IDS:
            raise ValueError(f"valences must be {', '.join(VALENCE_IDS)} in this order")
        covered = [area for v in valences for area in v.areas]
        if sorted(covered) != sorted(IPA_AREA_IDS):
            raise ValueError("the valences must cover each IPA area exactly once")
        return valences


# ── stages ────────────────────────────────────────────────────────────────────────────────────


class StageBlock(CatalogModel):
    """An agenda block a stage adds to the type's skeleton (contract, closure, welcome)."""

    title: Text
    """Short name of the block."""
    activity: Text
    """What happens in the block."""
    roles: tuple[MezzoRoleId, ...] = ()
    """Mezzo roles the facilitator typically takes in the block."""


class PracticeStage(CatalogModel):
    """A stage of group-work practice (Toseland & Rivas): planning, beginning, middle, ending."""

    id: PracticeStageId
    """Stable id."""
    label: Text
    """Name of the stage."""
    description: Text
    """What the stage is about."""
    suggestions: tuple[Text, ...] = Field(min_length=1)
    """General advice for this stage, for any type of group."""
    session_purpose: Text | None = None
    """Default purpose of a session in this stage."""
    objective: Text | None = None
    """An example measurable objective for a session in this stage."""
    evaluation: Text | None = None
    """Default way to evaluate a session in this stage."""
    follow_up: Text | None = None
    """Default follow-up after a session in this stage."""
    block: StageBlock | None = None
    """The block the stage adds to the agenda, if any."""


class DevelopmentStage(CatalogModel):
    """A stage of group development (Tuckman; Garland, Jones & Kolodny)."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    """Stable id."""
    label: Text
    """Name of the stage."""
    description: Text
    """What the group looks like in this stage."""


class StagesFile(CatalogModel):
    """`stages.toml`: practice stages and development stages."""

    format: Literal[1]
    """Catalogue file format version."""
    practice: tuple[PracticeStage, ...]
    """planning, beginning, middle, ending."""
    tuckman: tuple[DevelopmentStage, ...]
    """Tuckman & Jensen: forming … adjourning."""
    boston: tuple[DevelopmentStage, ...]
    """Boston model: pre-affiliation … separation."""
    joining_block: StageBlock
    """The block added to a session in which new members join."""

    @field_validator("practice")
    @classmethod
    def _practice_stages(cls, stages: tuple[PracticeStage, ...]) -> tuple[PracticeStage, ...]:
        _expect_ids("practice", stages, PRACTICE_STAGE_IDS)
        for stage in stages:
            if stage.id == "planning":
                continue
            # The planner prefills a session from these, so the session stages need all of them.
            missing = [
                name
                for name in ("session_purpose", "objective", "evaluation", "follow_up")
                if getattr(stage, name) is None
            ]
            if missing:
                raise ValueError(f"practice stage {stage.id} needs {', '.join(missing)}")
        return stages

    @field_validator("tuckman")
    @classmethod
    def _tuckman_stages(cls, stages: tuple[DevelopmentStage, ...]) -> tuple[DevelopmentStage, ...]:
        _expect_ids("tuckman", stages, TUCKMAN_STAGE_IDS)
        return stages

    @field_validator("boston")
    @classmethod
    def _boston_stages(cls, stages: tuple[DevelopmentStage, ...]) -> tuple[DevelopmentStage, ...]:
        _expect_ids("boston", stages, BOSTON_STAGE_IDS)
        return stages


def _expect_ids(name: str, stages: tuple[PracticeStage | DevelopmentStage, ...], expected: tuple[str, ...]) -> None:
    ids = tuple(s.id for s in stages)
    if ids != expected:
        raise ValueError(f"{name} stages must be {', '.join(expected)}; found {', '.join(ids) or 'none'}")


# ── planning vocabulary ───────────────────────────────────────────────────────────────────────


class EthicsItem(CatalogModel):
    """An item of a session's ethics checklist."""

    id: str = Field(pattern=r"^[a-z][a-z_]*$")
    """Stable id, stored in `SessionPlan.ethics` when ticked."""
    label: Text
    """Checklist wording."""
    hint: Text
    """What doing it well looks like."""


class WordList(CatalogModel):
    """Words in each language (lowercase)."""

    id: tuple[str, ...] = Field(min_length=1)
    """Indonesian words."""
    en: tuple[str, ...] = Field(min_length=1)
    """English words."""

    @field_validator("id", "en")
    @classmethod
    def _lowercase_words(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        for word in words:
            if not word or word != word.strip().lower():
                raise ValueError(f"'{word}' must be a non-empty lowercase word")
        return words

    def all(self) -> tuple[str, ...]:
        """The words of both languages (objectives may be written in either)."""
        return self.id + self.en


class Modes(CatalogModel):
    """Labels of the meeting modes (`SessionPlan.mode`)."""

    tatap_muka: Text
    """Face to face."""
    daring: Text
    """Online."""
    hibrid: Text
    """Hybrid."""


class Objectives(CatalogModel):
    """Word lists for the objective measurability heuristic (see `planning.objective_issue`)."""

    observable: WordList
    """Verbs naming an action someone can see or count."""
    vague: WordList
    """Verbs naming inner states that cannot be observed directly."""
    numbers: WordList
    """Number words; an objective with a number is countable."""


class MarkdownLabels(CatalogModel):
    """Headings and labels of the printable session plan."""

    title: Text
    """Document title (followed by the group name)."""
    group: Text
    """Group name label."""
    group_type: Text
    """Group type label."""
    session: Text
    """Session label."""
    of_total: Text
    """Session number within the series; `{number}` and `{total}`."""
    stage: Text
    """Stage label."""
    date: Text
    """Date label."""
    length: Text
    """Session length label."""
    minutes: Text
    """A number of minutes; `{minutes}`."""
    venue: Text
    """Venue label."""
    mode: Text
    """Mode label."""
    facilitators: Text
    """Facilitators label."""
    purpose: Text
    """Session purpose heading."""
    objectives: Text
    """Objectives heading."""
    agenda: Text
    """Agenda heading."""
    col_time: Text
    """Agenda column: clock offset."""
    col_minutes: Text
    """Agenda column: minutes."""
    col_block: Text
    """Agenda column: block title."""
    col_activity: Text
    """Agenda column: activity and method."""
    col_roles: Text
    """Agenda column: mezzo roles."""
    col_materials: Text
    """Agenda column: materials."""
    total: Text
    """Agenda total row."""
    roles: Text
    """Planned roles heading."""
    materials: Text
    """Materials heading."""
    ethics: Text
    """Ethics checklist heading."""
    risks: Text
    """Risk plan heading."""
    col_risk: Text
    """Risk table column: risk."""
    col_mitigation: Text
    """Risk table column: mitigation."""
    evaluation: Text
    """Evaluation heading."""
    follow_up: Text
    """Follow-up heading."""
    none: Text
    """Placeholder for an empty section."""
    confidential: Text
    """Confidentiality banner at the top of the document."""


class PlanningFile(CatalogModel):
    """`planning.toml`: ethics checklist, objective word lists, modes and plan labels."""

    format: Literal[1]
    """Catalogue file format version."""
    ethics: tuple[EthicsItem, ...] = Field(min_length=1)
    """The ethics checklist items."""
    objectives: Objectives
    """Word lists for judging whether an objective can be observed."""
    modes: Modes
    """Meeting mode labels."""
    markdown: MarkdownLabels
    """Labels of the printable plan."""

    @field_validator("ethics")
    @classmethod
    def _distinct(cls, items: tuple[EthicsItem, ...]) -> tuple[EthicsItem, ...]:
        ids = [item.id for item in items]
        if len(ids) != len(set(ids)):
            raise ValueError("an ethics item id is listed twice")
        return items


class ChecksFile(CatalogModel):
    """`checks.toml`: the messages of the plan checks, keyed by check id."""

    format: Literal[1]
    """Catalogue file format version."""
    checks: dict[str, Text]
    """Message per check id; `{placeholders}` must be the same in both languages."""

    @field_validator("checks")
    @classmethod
    def _placeholders_match(cls, checks: dict[str, Text]) -> dict[str, Text]:
        for check_id, text in checks.items():
            if text.placeholders("id") != text.placeholders("en"):
                raise ValueError(
                    f"{check_id}: the Indonesian and English texts use different placeholders "
                    f"({sorted(text.placeholders('id'))} vs {sorted(text.placeholders('en'))})"
                )
        return checks


# ── the catalogue ─────────────────────────────────────────────────────────────────────────────


class Catalog:
    """Everything in the catalogue, with lookups by id. Read-only; shared through the cache."""

    def __init__(
        self,
        types: TypesFile,
        roles: RolesFile,
        ipa: IpaFile,
        stages: StagesFile,
        planning: PlanningFile,
        checks: ChecksFile,
    ) -> None:
        self.types: tuple[GroupType, ...] = types.types
        """The ten group types in Zastrow's order."""
        self.roles: tuple[MezzoRole, ...] = roles.roles
        """The 13 mezzo roles in the seed's order."""
        self.ipa: IpaFile = ipa
        """Bales IPA: areas, problems, categories, valences."""
        self.stages: StagesFile = stages
        """Practice and development stages."""
        self.planning: PlanningFile = planning
        """Ethics items, objective word lists, mode and plan labels."""
        self.checks: dict[str, Text] = checks.checks
        """Plan-check messages by check id."""
        self._types = {t.id: t for t in self.types}
        self._roles = {r.id: r for r in self.roles}
        self._keys = {r.key: r for r in self.roles}
        self._ipa = {c.code: c for c in ipa.categories}
        self._practice = {s.id: s for s in stages.practice}
        self._ethics = {e.id: e for e in planning.ethics}

    def group_type(self, type_id: str) -> GroupType:
        """The group type with this id (KeyError when unknown)."""
        return self._types[type_id]

    def type(self, type_id: str) -> GroupType:
        """Same as `group_type` (short name used by the CLI and screens)."""
        return self._types[type_id]

    def role(self, role_id: str) -> MezzoRole:
        """The mezzo role with this id (KeyError when unknown)."""
        return self._roles[role_id]

    def role_for_key(self, key: str) -> MezzoRole | None:
        """The mezzo role whose pad key is `key`, or None."""
        return self._keys.get(key)

    def ipa_category(self, code: int) -> IpaCategory:
        """The IPA category with this code (KeyError when not 1–12)."""
        return self._ipa[code]

    def valence_of(self, code: int) -> str:
        """The valence (positive/task/negative) an IPA category collapses to."""
        area = self._ipa[code].area
        return next(v.id for v in self.ipa.valences if area in v.areas)

    def practice_stage(self, stage_id: str) -> PracticeStage:
        """The practice stage with this id (KeyError when unknown)."""
        return self._practice[stage_id]

    def ethics_item(self, item_id: str) -> EthicsItem:
        """The ethics checklist item with this id (KeyError when unknown)."""
        return self._ethics[item_id]

    def check_text(self, check_id: str) -> Text:
        """The bilingual message of a plan check (KeyError when missing from checks.toml)."""
        return self.checks[check_id]

    def texts(self, texts: Iterable[Text], lang: str) -> list[str]:
        """A list of Texts in one language."""
        return _texts(texts, lang)


FILES: dict[str, type[CatalogModel]] = {
    "types.toml": TypesFile,
    "roles.toml": RolesFile,
    "ipa.toml": IpaFile,
    "stages.toml": StagesFile,
    "planning.toml": PlanningFile,
    "checks.toml": ChecksFile,
}
"""The catalogue files and the model each is validated against."""


def _read(folder: Path, name: str) -> Any:
    path = folder / name
    # read_model raises DataError with the line or field; `format` is a required field.
    return read_model(FILES[name], path)


def load_catalog_from(folder: Path) -> Catalog:
    """Read and validate the catalogue files in `folder` (not cached).

    Raises `DataError` naming the file and the place of the first problem.
    """
    folder = Path(folder)
    parts = {name: _read(folder, name) for name in FILES}
    return Catalog(
        types=parts["types.toml"],
        roles=parts["roles.toml"],
        ipa=parts["ipa.toml"],
        stages=parts["stages.toml"],
        planning=parts["planning.toml"],
        checks=parts["checks.toml"],
    )


@cache
def load_catalog() -> Catalog:
    """The catalogue shipped with kelompok, read and validated once per process."""
    return load_catalog_from(CATALOG_DIR)


__all__ = [
    "CATALOG_DIR",
    "Catalog",
    "DataError",
    "GroupType",
    "IpaCategory",
    "MezzoRole",
    "PracticeStage",
    "SkeletonBlock",
    "Text",
    "load_catalog",
    "load_catalog_from",
]
