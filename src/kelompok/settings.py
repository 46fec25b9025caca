"""The user's settings: who is using kelompok (a name per role, the role) and in which language.

Stored as TOML at `kelompok.paths.config_file()`, for example:

    format = 1
    name = "Retno Palupi"
    supervisor_name = "Dedi Supriadi"
    role = "supervisor"
    language = "id"

One laptop is often shared: the facilitator's, on which her supervisor reviews. So each role keeps
its own name (`name` is the facilitator's: files from before kept one name, and it was hers), and
comments, sign-offs and amendments are signed with the name of the role acting now. The role
decides which review steps the app offers (a facilitator submits and amends, a supervisor returns
and signs off).

A settings file that cannot be read is never written over: `read_settings` gives the defaults
together with the problem, the app says so and keeps the defaults in memory, and only when the
user agrees is the file moved aside (`set_aside`) so that a fresh one can be written.
No Textual here: the CLI and the tests use this module as it is.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kelompok.i18n import t
from kelompok.paths import config_file
from kelompok.sessions.fileio import DataError, atomic_write_bytes, dump_model, read_model

SETTINGS_FORMAT = 1
"""The settings file format this version writes and reads."""

ROLES = ("facilitator", "supervisor")
"""Who can be using the app: the group's facilitator, or their supervisor."""

Role = Literal["facilitator", "supervisor"]


class Settings(BaseModel):
    """The content of the settings file. Unknown keys are refused, like everywhere in kelompok."""

    model_config = ConfigDict(extra="forbid", strict=True)  # no "yes" for a bool, no "1" for an int

    format: int = SETTINGS_FORMAT
    """File format version."""
    name: str = Field(default="", max_length=120)
    """The facilitator's name, on her submissions, comments and amendments (older files: the one name)."""
    supervisor_name: str = Field(default="", max_length=120)
    """The supervisor's name, on his comments, returns and sign-offs."""
    role: Role = "facilitator"
    """The role the app opens in: `facilitator` or `supervisor`."""
    language: Literal["id", "en"] | None = None
    """The interface language; when absent the environment decides (`LANG`, `KELOMPOK_LANG`)."""
    stage_model: Literal["tuckman", "boston"] = "tuckman"
    """The model of group development that stage signals are read in: Tuckman, or the Boston
    model (Garland, Jones & Kolodny) taught in Indonesian schools of social work."""

    @field_validator("name", "supervisor_name")
    @classmethod
    def _trimmed(cls, name: str) -> str:
        return " ".join(name.split())

    def name_for(self, role: str) -> str:
        """The name the given role signs with ("" when not known yet)."""
        return self.supervisor_name if role == "supervisor" else self.name


NAME_FIELD = {"facilitator": "name", "supervisor": "supervisor_name"}
"""The settings field that keeps each role's name."""


def settings_path(path: Path | None = None) -> Path:
    """The settings file: `path` when given (tests), else `paths.config_file()`."""
    return path if path is not None else config_file()


def load_settings(path: Path | None = None) -> Settings:
    """Read the settings; the defaults when there is no file yet. Raises DataError for a bad file."""
    path = settings_path(path)
    if not path.exists():
        return Settings()
    return read_model(Settings, path)


def read_settings(path: Path | None = None) -> tuple[Settings, DataError | None]:
    """The settings and no problem; or, for a file that cannot be read, the defaults and the problem.

    Never raises for a bad file: the app must still start, and say what is wrong.
    """
    try:
        return load_settings(path), None
    except DataError as problem:
        return Settings(), problem
    except Exception as problem:  # whatever is wrong with the file, the app must still start
        return Settings(), DataError(
            settings_path(path), "", t("errors.unusable", reason=f"{type(problem).__name__}: {problem}")
        )


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (0600). Refuses, with a DataError, to replace a file it cannot read."""
    path = settings_path(path)
    if path.exists():
        try:
            load_settings(path)
        except DataError as error:
            raise DataError(path, "", t("errors.not_saved", place=error.place, problem=error.problem)) from None
    atomic_write_bytes(path, dump_model(settings))
    return path


def set_aside(path: Path | None = None, now: dt.datetime | None = None) -> Path:
    """Move a settings file out of the way (`config.toml` → `config.toml.bad-20260309-101500`).

    Only on the user's say-so: the file may hold something they want back. Returns the new name.
    """
    path = settings_path(path)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.bad-{stamp}-{counter}")
    os.replace(path, target)
    return target
