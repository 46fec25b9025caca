"""Where kelompok keeps data: `KELOMPOK_HOME`, else the platform's user data folder."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "kelompok"


def default_workspace() -> Path:
    """The workspace opened when none is named on the command line."""
    override = os.environ.get("KELOMPOK_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "groups"


def config_file() -> Path:
    """The user's settings (language …)."""
    override = os.environ.get("KELOMPOK_HOME")
    if override:
        return Path(override).expanduser() / ".kelompok-config.toml"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def bundled_samples() -> Path | None:
    """The sample groups shipped with kelompok (in the wheel, or in a source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sample_groups", here.parents[1] / "sample_groups"):
        if candidate.is_dir():
            return candidate
    return None
