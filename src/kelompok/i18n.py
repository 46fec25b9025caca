"""UI strings in Bahasa Indonesia (the default) and English.

Every user-visible string goes through `t("section.key", name=value)`. The strings live in
`locales/id/*.toml` and `locales/en/*.toml` (one file per screen or area, so that people working on
different screens do not edit the same file); both languages must have exactly the same keys (a
test checks), and a key may be defined only once per language.
The current language is process-wide state, set once at start (config, `--lang`, `LANG`) and
switchable at runtime; screens re-read their labels when it changes.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
LOCALES_DIR = Path(__file__).parent / "locales"

_current = DEFAULT_LANGUAGE
_listeners: list[Callable[[str], None]] = []


def _flatten(table: Mapping[str, object], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


try:  # our own files, plain TOML 1.0: rtoml (Rust) reads all of them in the time tomllib took for a few
    from rtoml import loads as _loads
except ImportError:  # pragma: no cover - depends on the platform; tomllib reads them the same, slower
    _loads = tomllib.loads


@cache
def strings(lang: str) -> dict[str, str]:
    """All strings of one language, keyed `section.key`, merged from `locales/<lang>/*.toml`."""
    merged: dict[str, str] = {}
    for path in sorted((LOCALES_DIR / lang).glob("*.toml")):
        table = _flatten(_loads(path.read_text(encoding="utf-8")))
        twice = sorted(set(table) & set(merged))
        if twice:
            raise ValueError(f"{path}: keys defined in another file too: {', '.join(twice)}")
        merged.update(table)
    return merged


def normalise_language(value: str | None) -> str | None:
    """`id`, `en`, or None: accepts `en_US.UTF-8`, `id-ID`, `EN` …"""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split(".")[0].split("_")[0]
    return code if code in LANGUAGES else None


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language `LANGUAGE`/`LC_ALL`/`LANG` ask for, Indonesian when they name neither."""
    environ = os.environ if environ is None else environ
    for variable in ("KELOMPOK_LANG", "LC_ALL", "LANG"):
        lang = normalise_language(environ.get(variable))
        if lang:
            return lang
    return DEFAULT_LANGUAGE


def get_language() -> str:
    return _current


def set_language(lang: str) -> None:
    """Switch the language of every string from now on and tell the listeners (open screens)."""
    global _current
    normalised = normalise_language(lang)
    if normalised is None:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(LANGUAGES)}")
    _current = normalised
    for listener in list(_listeners):
        listener(normalised)


def on_language_change(listener: Callable[[str], None]) -> Callable[[], None]:
    """Call `listener(lang)` after each switch; returns a function that unsubscribes."""
    _listeners.append(listener)
    return lambda: _listeners.remove(listener) if listener in _listeners else None


def t(key: str, lang: str | None = None, **values: object) -> str:
    """The string for `key` in the current (or given) language, with `{name}` fields filled in.

    A key missing from the catalogue shows as the key itself, so a gap is visible, not a crash.
    """
    text = strings(lang or _current).get(key)
    if text is None:
        text = strings(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**values) if values else text


# ── dates, times and numbers ─────────────────────────────────────────────────────────────────
# Indonesian writes "2 Maret 2026", "14.30" and "0,45"; English "2 March 2026", "14:30" and "0.45".


def format_date(value: dt.date, lang: str | None = None) -> str:
    """A date as people write it: `2 Maret 2026` / `2 March 2026`."""
    months = t("format.months", lang).split()
    return f"{value.day} {months[value.month - 1]} {value.year}"


def format_time(value: dt.time, lang: str | None = None) -> str:
    """A clock time: `14.30` in Indonesian, `14:30` in English."""
    return f"{value.hour:02d}{t('format.time_separator', lang)}{value.minute:02d}"


def format_number(value: float, digits: int = 0, lang: str | None = None) -> str:
    """A number with the language's decimal mark and thousands separator."""
    text = f"{value:,.{digits}f}"
    thousands, decimal = t("format.thousands", lang), t("format.decimal", lang)
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def format_percent(share: float, lang: str | None = None) -> str:
    """A share 0–1 as a whole percentage: `45%`."""
    return f"{format_number(share * 100, 0, lang)}%"


def format_duration(seconds: float) -> str:
    """Elapsed time as `mm:ss`, or `h:mm:ss` past an hour (the same in both languages)."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
