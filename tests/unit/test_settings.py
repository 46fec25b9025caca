"""The user's settings file: defaults, a round trip, privacy, and a bad file that is never overwritten."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from kelompok import i18n
from kelompok.paths import config_file
from kelompok.sessions.fileio import DataError
from kelompok.settings import Settings, load_settings, read_settings, save_settings, set_aside


def test_no_file_means_the_defaults_and_nothing_is_written():
    assert load_settings() == Settings(name="", role="facilitator", language=None)
    assert not config_file().exists(), "reading never creates the file"


def test_round_trip_is_private_atomic_and_lives_under_kelompok_home(tmp_path: Path):
    path = save_settings(Settings(name="  Retno   Palupi ", role="supervisor", language="en"))
    assert path == config_file() and path.is_relative_to(tmp_path / "home")
    assert load_settings() == Settings(name="Retno Palupi", role="supervisor", language="en")
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == [], "no temp file left behind"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("format = 1\n") and 'role = "supervisor"' in text


@pytest.mark.parametrize(
    "content, place",
    [
        ('name = "Retno\n', "baris 1"),  # broken TOML: the line is named
        ('nama = "Retno"\n', "nama"),  # a typo in a key is refused, not ignored
        ('role = "admin"\n', "role"),  # not one of the two roles
        ('language = "fr"\n', "language"),
    ],
    ids=["bad-toml", "unknown-key", "unknown-role", "unknown-language"],
)
def test_a_bad_file_is_a_clear_error_and_the_app_can_still_start(content: str, place: str):
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_settings()
    assert str(path) in str(caught.value) and place in str(caught.value)
    settings, problem = read_settings()
    assert settings == Settings() and problem is not None and problem.path == path


def test_a_bad_file_is_never_overwritten():
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"name = [\n")
    with pytest.raises(DataError) as caught:
        save_settings(Settings(name="Retno"))
    assert "tidak disimpan" in str(caught.value)
    assert path.read_bytes() == b"name = [\n"


def test_set_aside_keeps_the_bad_file_under_a_new_name_and_frees_the_place():
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"name = [\n")
    moved = set_aside(now=dt.datetime(2026, 3, 9, 10, 15, 0))
    assert moved.name == f"{path.name}.bad-20260309-101500" and moved.read_bytes() == b"name = [\n"
    path.write_bytes(b"role = 3\n")
    again = set_aside(now=dt.datetime(2026, 3, 9, 10, 15, 0))
    assert again != moved and again.exists(), "a second bad file does not replace the first"
    save_settings(Settings(name="Retno"))
    assert load_settings().name == "Retno"


def test_explicit_path_for_tools_and_tests(tmp_path: Path):
    path = tmp_path / "elsewhere" / "config.toml"
    save_settings(Settings(role="supervisor"), path)
    assert load_settings(path).role == "supervisor"
    assert os.stat(path.parent).st_mode & 0o777 == 0o700


def test_messages_follow_the_language():
    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('nama = "x"\n', encoding="utf-8")
    i18n.set_language("en")
    _, problem = read_settings()
    assert problem is not None and "field nama" in str(problem)


def test_an_old_file_with_one_name_reads_it_as_the_facilitators(tmp_path: Path):
    path = tmp_path / "config.toml"
    path.write_text('format = 1\nname = "Rina Kartika"\nrole = "supervisor"\n', encoding="utf-8")
    settings = load_settings(path)
    assert (settings.name_for("facilitator"), settings.name_for("supervisor")) == ("Rina Kartika", "")
    save_settings(settings.model_copy(update={"supervisor_name": "Dedi  Supriadi"}), path)
    again = load_settings(path)
    assert (again.name, again.supervisor_name) == ("Rina Kartika", "Dedi Supriadi")
