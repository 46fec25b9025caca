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
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

FILE_MODE = 0o600
DIR_MODE = 0o700

M = TypeVar("M", bound=BaseModel)


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


_TOML_PLACE = re.compile(r"\(at line (\d+), column (\d+)\)")


def read_toml(path: Path) -> dict[str, Any]:
    """Parse a TOML file, turning every failure into a DataError that names the line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(path, "", "file not found") from None
    except IsADirectoryError:
        raise DataError(path, "", "is a folder, expected a file") from None
    except OSError as error:
        raise DataError(path, "", f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataError(path, f"line {line}", "is not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = _TOML_PLACE.search(message)
        place = f"line {match.group(1)}, column {match.group(2)}" if match else ""
        problem = _TOML_PLACE.sub("", message).strip() or "invalid TOML"
        raise DataError(path, place, f"invalid TOML: {problem}") from None


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
    version = data.get("format")
    if isinstance(version, int) and version > _format_version():
        raise DataError(
            path, "field format", f"format {version} is newer than this kelompok reads; update kelompok"
        )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        place = field_path(tuple(first["loc"]))
        message = first["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        if first["type"] == "extra_forbidden":
            message = "unknown field (a typo?)"
        more = error.error_count() - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        return_place = f"field {place}" if place else ""
        raise DataError(path, return_place, message + suffix) from None


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
