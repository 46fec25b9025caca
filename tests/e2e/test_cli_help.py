"""The command line speaks the user's language by itself: help, usage and usage errors.

No English from argparse leaks into Indonesian help, every option and positional of every verb
has help in both languages, and a workspace folder named like a verb can be opened.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kelompok import cli
from kelompok.i18n import get_language, set_language


def run(*args: str, lang: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": "C.UTF-8", "KELOMPOK_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "kelompok", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
    )


def parsers_in(lang: str) -> dict[str, argparse.ArgumentParser]:
    """Every parser the CLI has — the top one, each verb's and the folder opener — built in `lang`."""
    before = get_language()
    set_language(lang)
    try:
        top = cli.build_parser()
    finally:
        set_language(before)
    verbs = next(a for a in top._actions if isinstance(a, cli._VerbOrFolder))
    return {"kelompok": top, **{f"kelompok {name}": p for name, p in verbs.choices.items()}, "open": verbs.opener}


def helps(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    return {"/".join(a.option_strings) or a.dest: a.help for a in parser._actions}


def test_every_option_and_positional_of_every_verb_has_help_in_both_languages():
    indonesian, english = parsers_in("id"), parsers_in("en")
    assert set(indonesian) == set(english) and len(indonesian) == len(cli.VERBS) + 2
    assert set(cli.VERBS) == {name.removeprefix("kelompok ") for name in indonesian} - {"kelompok", "open"}
    for name in indonesian:
        id_helps, en_helps = helps(indonesian[name]), helps(english[name])
        assert id_helps.keys() == en_helps.keys()
        for argument in id_helps:
            assert id_helps[argument] and en_helps[argument], f"{name} {argument} has no help"
            assert id_helps[argument] != en_helps[argument], f"{name} {argument}: the same words in both languages"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_new_help_shows_the_help_of_every_option(lang):
    result = run("new", "--help", lang=lang)
    assert result.returncode == 0, result.stderr
    shown = " ".join(result.stdout.split())  # help wraps at the terminal width
    for argument, text in helps(parsers_in(lang)["kelompok new"]).items():
        assert " ".join(str(text).split()) in shown, argument
    # needed options are shown as needed, the others in brackets
    assert "--type TYPE_ID --name NAME [--roster ROSTER_CSV]" in shown


ENGLISH_FRAME = ("usage:", "positional arguments", "options:", "show this help message", "show program's version")


@pytest.mark.parametrize("verb", ["", *cli.VERBS])
def test_indonesian_help_has_no_english_frame(verb):
    result = run(*([verb] if verb else []), "--help", lang="id")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("cara pakai: kelompok")
    assert "opsi:" in result.stdout
    for words in ENGLISH_FRAME:
        assert words not in result.stdout, (verb, words)


USAGE_ERRORS = [
    (("stats",), "argumen berikut wajib diisi: GROUP_DIR", "the following arguments are required: GROUP_DIR"),
    (("export", "g", "--session", "1"), "argumen berikut wajib diisi: --format, --out", "required: --format, --out"),
    (("types", "--lang", "fr"), "--lang: pilihan 'fr' tidak ada (pilih dari id, en)", "--lang: 'fr' is not a choice"),
    (("new", "x", "--type"), "--type memerlukan satu nilai", "--type expects one value"),
    (("check",), "argumen berikut wajib diisi: PATH", "required: PATH"),
    (("plan", "g", "--session", "dua"), "--session: 'dua' bukan bilangan bulat", "'dua' is not a whole number"),
    (("stats", "g", "--bogus"), "argumen tidak dikenal: --bogus", "unrecognized arguments: --bogus"),
    (("stats", "g", "--json=ya"), "baris perintah tidak dapat dibaca: ", "the command line cannot be read: "),
]


@pytest.mark.parametrize("args, indonesian, english", USAGE_ERRORS, ids=[" ".join(a) for a, _, _ in USAGE_ERRORS])
def test_usage_errors_are_one_line_in_the_users_language_with_exit_2(args, indonesian, english):
    for lang, expected in (("id", indonesian), ("en", english)):
        result = run(*args, lang=lang)
        assert result.returncode == 2
        assert "Traceback" not in result.stderr and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("kelompok: ") and expected in lines[0], result.stderr


def test_a_verb_stays_a_verb_when_a_folder_of_that_name_exists(tmp_path: Path):
    (tmp_path / "check").mkdir()
    result = run("check", lang="en", cwd=tmp_path)
    assert result.returncode == 2 and "required: PATH" in result.stderr


@pytest.mark.parametrize(
    "argv", [["./check"], ["{folder}/check"], ["--lang", "en", "./check"], ["./check", "--lang", "en"]]
)
def test_a_folder_named_like_a_verb_is_the_workspace_to_open(argv, tmp_path: Path):
    args = cli.build_parser().parse_args([a.format(folder=tmp_path) for a in argv])
    assert args.run is cli.cmd_open and args.verb is None
    assert Path(args.workspace).name == "check"
    assert args.lang == ("en" if "en" in argv else None)


def test_the_verbs_and_no_argument_parse_as_before():
    parse = cli.build_parser().parse_args
    assert parse([]).run is cli.cmd_open and parse([]).workspace is None
    assert (parse(["check", "a", "b"]).run, parse(["check", "a", "b"]).paths) == (cli.cmd_check, ["a", "b"])
    assert parse(["--lang", "en", "stats", "g"]).lang == "en"  # a verb without --lang keeps the one before it
    assert parse(["stats", "g", "--lang", "id"]).lang == "id"
    assert parse(["review"]).role == "supervisor" and parse(["review"]).workspace is None
