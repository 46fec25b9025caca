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

    def __reduce__(self) -> tuple[type[DataError], tuple[Path, str, str]]:
        # Rebuilt from its parts, so a refusal found in a worker process (`kelompok stats` reads
        # a big series in several) reaches the user whole.
        return DataError, (self.path, self.place, self.problem)


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
_ERRNO_KEYS = {
    "ENOSPC": "no_space",
    "EDQUOT": "quota",
    "EIO": "io",
    "EROFS": "read_only",
    "EACCES": "denied",
    "EPERM": "denied",
}


def os_error_text(error: OSError) -> str:
    """What went wrong with a file operation, in the current language (the OS text when unknown)."""
    import errno

    name = errno.errorcode.get(error.errno or -1, "")
    key = _ERRNO_KEYS.get(name)
    if key:
        return t(f"errors.os.{key}")
    return error.strerror or str(error)


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(path: Path, *, fast: bool = True) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a DataError that names the line.

    `fast=False` skips rtoml (see `parse_toml`); `read_model` uses it to word a refusal exactly.
    """
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
        return parse_toml(text, fast=fast)
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


def read_model(model: type[M], path: Path) -> M:
    """Read a TOML file and validate it with the real model; DataError when it is refused.

    The fast parser reads it first. When the file is refused — by the parser or by the model —
    it is read again through tomllib alone, so the message is exactly the one tomllib and the
    model give (and the verdict does not hang on a parser difference).
    """
    try:
        return validate(model, read_toml(path), path)
    except DataError:
        if _rtoml is None:
            raise
        return validate(model, read_toml(path, fast=False), path)


def parse_toml(text: str, *, fast: bool = True) -> dict[str, Any]:
    """Parse TOML 1.0 text: with rtoml (Rust, ~10x faster) when it can vouch, else with tomllib.

    tomllib is the reference: its verdict and its error messages are the ones users see. rtoml
    is only trusted with a text it accepts and that uses nothing beyond TOML 1.0 (rtoml 0.13+
    reads TOML 1.1, which allows more: `_beyond_toml_1_0`). Anything rtoml refuses goes to
    tomllib, which may still accept it (`1e400` is inf to tomllib, an overflow to rtoml) or words
    the error. Raises what `tomllib.loads` raises.
    """
    if fast and _rtoml is not None and not _beyond_toml_1_0(text):
        try:
            # tomllib reads CRLF inside a multi-line string as LF; rtoml keeps the CR. Elsewhere
            # a CRLF is a line end to both, so folding it first gives tomllib's reading.
            return _rtoml.loads(text.replace("\r\n", "\n") if "\r" in text else text)
        except Exception:  # refused, or any surprise of the extension: tomllib decides
            pass
    return tomllib.loads(text)


try:  # rtoml has wheels for the main platforms; without it tomllib alone is correct, only slower
    import rtoml as _rtoml
except ImportError:  # pragma: no cover - depends on the platform
    _rtoml = None

# Strings and comments, whatever their kind, so that the checks below see only TOML's structure.
_STRINGS_AND_COMMENTS = re.compile(
    r'"""[^"\\]*(?:(?:\\[\s\S]|"(?!""))[^"\\]*)*"""(?:"{1,2})?'  # multi-line basic
    r"|'''[\s\S]*?'''(?:'{1,2})?"  # multi-line literal
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'  # basic
    r"|'[^'\n]*'"  # literal
    r"|#[^\n]*"  # comment
)
_ONE_LINE_TABLE = re.compile(r"\{[^{}\n]*\}")
_TRAILING_COMMA = re.compile(r",\s*\}")
# `:30` of 09:30 (minutes with no seconds after), not the seconds of 09:30:00 nor an offset +07:00.
# It starts at the colon: a pattern starting with a digit would try every number in the file.
_TIME_WITHOUT_SECONDS = re.compile(r":(?<!:\d\d:)(?<![+-]\d\d:)\d\d(?![\d:])")


def _beyond_toml_1_0(text: str) -> bool:
    """True when the text may use what TOML 1.1 adds to 1.0 (rtoml would accept it, tomllib not).

    TOML 1.1 adds the `\\e` and `\\xHH` escapes, inline tables over several lines or with a
    trailing comma, and times without seconds. The check errs on the side of "maybe" (a `\\x` in
    a literal string, a multi-line array inside an inline table): such a text only takes the
    slower parser. kelompok never writes any of these, so its own files stay on the fast path.
    """
    # One scan for a backslash (a single character is found fastest) before looking for the two.
    if "\\" in text and ("\\e" in text or "\\x" in text):
        return True
    # A trailing comma or a time without seconds in the structure is there in the raw text too,
    # so a clean raw text needs no closer look; a hit may be inside a string, and is looked at.
    closer_look = _TRAILING_COMMA.search(text) or _TIME_WITHOUT_SECONDS.search(text)
    # Every inline table ends by the last "}", so only the text up to the end of its line needs
    # taking apart (for a session in `[[events]]` tables, just the attendance). Cut inside a
    # multi-line string, the part after the cut's opening quote is string content anyway: it can
    # add a brace (a needless "maybe"), never hide one.
    last = text.rfind("}")
    if last < 0 and not closer_look:
        return False
    end = len(text) if closer_look or text.find("\n", last) < 0 else text.find("\n", last)
    structure = _STRINGS_AND_COMMENTS.sub("0", text[:end])
    if closer_look and (_TRAILING_COMMA.search(structure) or _TIME_WITHOUT_SECONDS.search(structure)):
        return True
    # A TOML 1.0 inline table is on one line: take away the one-line tables, innermost first;
    # a brace left over belongs to a table that spans lines.
    while "{" in structure or "}" in structure:
        structure, removed = _ONE_LINE_TABLE.subn("0", structure)
        if not removed:
            return True
    return False


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
_TRANSLATED_TYPES = {
    "missing",
    "extra_forbidden",
    "literal_error",
    "string_type",
    "int_type",
    "int_parsing",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "date_from_datetime_parsing",
    "date_parsing",
    "time_parsing",
    "datetime_parsing",
    "string_too_short",
    "string_pattern_mismatch",
    "greater_than_equal",
    "less_than_equal",
    "list_type",
    "dict_type",
    "model_type",
}


def validation_message(error: Any) -> str:
    """One pydantic error (an item of `ValidationError.errors()`) as a sentence in the current language."""
    kind = error["type"]
    if kind in _TRANSLATED_TYPES:
        context = {
            key: value for key, value in (error.get("ctx") or {}).items() if isinstance(value, (str, int, float))
        }
        try:
            return t(f"errors.pydantic.{kind}", **context)
        except (KeyError, IndexError):
            pass
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _format_version() -> int:
    from kelompok.sessions.models import NEWEST_FORMAT

    return NEWEST_FORMAT


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
