"""Crash-safe file primitives: atomic writes, private permissions, readable data errors.

Everything kelompok writes goes through `atomic_write_bytes`, so a crash or power loss leaves
either the old file or the new one on disk, never half of each.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from kelompok.i18n import t

if TYPE_CHECKING:
    # pydantic is imported where a model is validated or dumped: the app's start-up (the home
    # screen, the crash handler) uses this module's file helpers and DataError without models.
    from pydantic import BaseModel

FILE_MODE = 0o600
DIR_MODE = 0o700

M = TypeVar("M", bound="BaseModel")


class DataError(Exception):
    """A file that cannot be used, with the place and what is wrong, in one readable line."""

    def __init__(self, path: Path | str, place: str, problem: str) -> None:
        self.path = Path(path)
        self.place = place
        self.problem = problem
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.place}" if self.place else str(self.path)
        return f"{where}: {self.problem}"


def line_place(line: int, column: int | None = None) -> str:
    """`line 3` / `baris 3` (with the column when known), in the current language."""
    if column is None:
        return t("errors.line", line=line)
    return t("errors.line_column", line=line, column=column)


def field_place(path: str) -> str:
    """`field events[3].from` / `isian events[3].from`."""
    return t("errors.field", path=path)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in `path` durable.

    A rename is not durable until the directory entry is on disk, so we fsync the folder too.
    Windows has no directory fsync; NTFS journals the rename itself.
    """
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_private_dir(path: Path) -> None:
    """Create a folder (and parents) readable only by the user; existing folders are left as they are."""
    missing = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is masked by the umask


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash at any moment leaves the old or the new file.

    Temp file in the same folder (so the rename stays on one file system) → fsync → replace →
    fsync the folder. The file is private to the user (0600).
    """
    folder = path.parent
    make_private_dir(folder)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, FILE_MODE)
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(folder)


# The operating system words its errors in English ("No space left on device"); the ones a
# facilitator meets get a sentence in their language.
_ERRNO_KEYS = {"ENOSPC": "no_space", "EDQUOT": "quota", "EIO": "io", "EROFS": "read_only", "EACCES": "denied", "EPERM": "denied"}


def os_error_text(error: OSError) -> str:
    """What went wrong with a file operation, in the current language (the OS text when unknown)."""
    import errno

    name = errno.errorcode.get(error.errno or -1, "")
    key = _ERRNO_KEYS.get(name)
    if key:
        return t(f"errors.os.{key}")
    return error.strerror or str(error)


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a DataError that names the line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "", t("errors.not_found")) from None
    except IsADirectoryError:
        raise DataError(path, "", t("errors.is_folder")) from None
    except OSError as error:
        raise DataError(path, "", t("errors.cannot_read", reason=error.strerror)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(path, line_place(line), t("errors.not_utf8")) from None
    # Notepad and some sync tools put a byte order mark first; TOML does not allow one, but it
    # carries no meaning in UTF-8, so it is read past instead of refusing the file at line 1.
    text = text.removeprefix("\ufeff")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_PLACE.search(message)
        place = line_place(int(match.group(1)), int(match.group(2))) if match else ""
        problem = _TOML_PLACE.sub("", message).strip() or "invalid TOML"
        raise DataError(path, place, t("errors.bad_toml", reason=problem)) from None
    except RecursionError:
        # Arrays or tables nested hundreds deep exhaust the parser's stack; no kelompok file
        # nests more than a few levels, so this is a damaged or hostile file, named like any other.
        raise DataError(path, _deepest_place(text), t("errors.too_deep")) from None
    except Exception as error:  # one bad file must never stop the app: name it and go on
        raise DataError(path, "", t("errors.bad_toml", reason=f"{type(error).__name__}: {error}")) from None


def _deepest_place(text: str) -> str:
    """Where brackets first nest deeper than any kelompok file does (a rough scan, strings skipped)."""
    depth, line, quote = 0, 1, ""
    for char in text:
        if char == "\n":
            line += 1
            quote = "" if quote == "'" else quote  # a literal string cannot span lines; basic ones rarely do
        elif quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > 50:
                return line_place(line)
        elif char in "]}":
            depth = max(0, depth - 1)
    return ""


def field_path(location: tuple[int | str, ...]) -> str:
    """Turn a pydantic error location into `events[3].from`."""
    text = ""
    for part in location:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def validate(model: type[M], data: dict[str, Any], path: Path) -> M:
    """Validate parsed data against a model; the first error becomes a DataError naming the field."""
    from pydantic import ValidationError

    version = data.get("format")
    if isinstance(version, int) and version > _format_version():
        raise DataError(path, field_place("format"), t("errors.newer_format", version=version))
    try:
        return model.model_validate(data)
    except RecursionError:
        raise DataError(path, "", t("errors.too_deep")) from None
    except ValidationError as error:
        first = error.errors()[0]
        place = field_path(tuple(first["loc"]))
        message = validation_message(first)
        more = error.error_count() - 1
        suffix = t("errors.more_problems", count=more) if more else ""
        raise DataError(path, field_place(place) if place else "", message + suffix) from None


# Pydantic's own wording is English; the errors people make most in a hand-edited file get a
# sentence in their language, the rarer ones keep pydantic's text.
_TRANSLATED_TYPES = {"missing", "extra_forbidden", "literal_error", "string_type", "int_type", "int_parsing",
                     "float_parsing", "bool_type", "bool_parsing", "date_from_datetime_parsing", "date_parsing",
                     "time_parsing", "datetime_parsing", "string_too_short", "string_pattern_mismatch",
                     "greater_than_equal", "less_than_equal", "list_type", "dict_type", "model_type"}


def validation_message(error: Any) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a sentence in the current language."""
    kind = error["type"]
    if kind in _TRANSLATED_TYPES:
        context = {key: value for key, value in (error.get("ctx") or {}).items() if isinstance(value, (str, int, float))}
        try:
            return t(f"errors.pydantic.{kind}", **context)
        except (KeyError, IndexError):
            pass
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _format_version() -> int:
    from kelompok.sessions.models import FORMAT_VERSION

    return FORMAT_VERSION


def dump_model(model: BaseModel) -> bytes:
    """Serialise a model to TOML bytes.

    TOML has no null, so None fields are left out; defaults are left out too, which keeps a
    1,000-event session file readable (`kind = "speak"` and `safety = false` on every line would
    be noise). The `format` version is always written, default or not.
    """
    import tomli_w

    data = model.model_dump(mode="json", exclude_none=True, exclude_defaults=True, by_alias=True)
    version = getattr(model, "format", None)
    if version is not None:
        data = {"format": version, **data}
    return tomli_w.dumps(data, multiline_strings=True).encode("utf-8")
