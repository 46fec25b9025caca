"""Issue 13 §3 and §5: one bad string or file never stops the app, and what is accepted is right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kelompok import i18n
from kelompok.sessions.csv_import import read_events, read_roster
from kelompok.sessions.fileio import DataError, read_toml
from kelompok.sessions.store import list_groups, load_group
from kelompok.settings import read_settings
from tests.conftest import make_group

DEEP = "[" * 500 + "]" * 500


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


# ── deep nesting ──


def test_deeply_nested_group_file_is_a_data_error_naming_file_and_line(tmp_path: Path):
    path = write(tmp_path / "g" / "group.toml", f'format = 1\nname = "x"\ntype = "task"\nmembers = {DEEP}\n')
    with pytest.raises(DataError) as caught:
        read_toml(path)
    assert caught.value.path == path
    assert caught.value.place == "line 4"
    assert "nested far too deep" in caught.value.problem


def test_list_groups_lists_a_deeply_nested_group_as_unreadable(tmp_path: Path):
    write(tmp_path / "ws" / "bad" / "group.toml", f"name = {DEEP}\n")
    from kelompok.sessions.store import save_group

    save_group(tmp_path / "ws" / "good", make_group())
    entries = list_groups(tmp_path / "ws")
    assert [e.path.name for e in entries] == ["bad", "good"]
    assert entries[0].group is None and entries[0].error is not None
    assert entries[1].group is not None


def test_deeply_nested_settings_give_defaults_and_the_problem(tmp_path: Path):
    path = write(tmp_path / "config.toml", f"name = {DEEP}\n")
    settings, problem = read_settings(path)
    assert settings.name == "" and problem is not None and problem.path == path


def test_cli_check_names_the_deeply_nested_file_and_exits_1(tmp_path: Path):
    path = write(tmp_path / "g" / "group.toml", f"name = {DEEP}\n")
    result = subprocess.run(
        [sys.executable, "-m", "kelompok", "check", str(path.parent)],
        capture_output=True,
        text=True,
        env={
            "KELOMPOK_LANG": "en",
            "PATH": "",
            "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
            "KELOMPOK_HOME": str(tmp_path / "home"),
        },
    )
    assert result.returncode == 1, result.stderr
    assert str(path) in result.stderr and "line 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bom_is_read_past(tmp_path: Path):
    path = write(tmp_path / "g" / "group.toml", b'\xef\xbb\xbfformat = 1\nname = "KUBE"\ntype = "task"\n')
    assert load_group(path.parent).name == "KUBE"


# ── events CSV ──

HEADER = "at,from,to,kind,role,ipa,note\n"


@pytest.mark.parametrize("digits", ["²", "③", "١٢", "1²"])
def test_unicode_digits_in_ipa_are_refused_with_the_line(tmp_path: Path, digits: str):
    path = write(tmp_path / "e.csv", HEADER + "0,A1,A2,speak,,3,\n" + f"5,A2,A1,speak,,{digits},\n")
    with pytest.raises(DataError, match=r"line 3: ipa:"):
        read_events(path, make_group())


def test_note_row_from_an_unknown_code_is_refused(tmp_path: Path):
    path = write(tmp_path / "e.csv", HEADER + "0,A1,A2,speak,,,\n" + "5,ZZ,,note,,,siapa ini\n")
    with pytest.raises(DataError, match=r"line 3: from: 'ZZ' is not a member code"):
        read_events(path, make_group())


def test_note_row_without_from_is_still_accepted(tmp_path: Path):
    path = write(tmp_path / "e.csv", HEADER + "0,A1,A2,speak,,,\n" + "5,,,note,,,umum\n")
    assert [e.kind for e in read_events(path, make_group())] == ["speak", "note"]


def test_event_errors_are_in_the_users_language(tmp_path: Path):
    i18n.set_language("id")
    path = write(tmp_path / "e.csv", HEADER + "0,A1,A9,speak,,,\n")
    with pytest.raises(DataError, match=r"baris 2: to:"):
        read_events(path, make_group())


def test_semicolon_separated_file_gets_a_hint(tmp_path: Path):
    path = write(tmp_path / "e.csv", "at;from;to;kind;role;ipa;note\n0;A1;A2;speak;;;\n")
    with pytest.raises(DataError, match="semicolons"):
        read_events(path, make_group())
    roster = write(tmp_path / "r.csv", "code;name\nA1;Ibu Sari\n")
    with pytest.raises(DataError, match="semicolons"):
        read_roster(roster)


# ── roster CSV ──


def test_a_stray_quote_in_a_roster_is_refused_with_its_line(tmp_path: Path):
    # Before: A1's name became 'Ibu Sari\nA2,Ibu Dewi\n' and A2 silently vanished.
    path = write(tmp_path / "r.csv", 'code,name\nA1,"Ibu Sari\nA2,Ibu Dewi\n')
    with pytest.raises(DataError, match=r"line 2: a quote"):
        read_roster(path)


def test_a_roster_cell_spanning_lines_is_refused(tmp_path: Path):
    path = write(tmp_path / "r.csv", 'code,name\nA1,"Ibu\nSari"\nA2,Ibu Dewi\n')
    with pytest.raises(DataError, match=r"line 2: a quoted cell here spans"):
        read_roster(path)


def test_a_quote_inside_a_name_is_kept(tmp_path: Path):
    path = write(tmp_path / "r.csv", 'code,name\nA1,Ibu "Sari"\nA2,Ibu Dewi\n')
    assert [m.name for m in read_roster(path)] == ['Ibu "Sari"', "Ibu Dewi"]


# ── lax coercion, bounds ──

GROUP_TOML = 'format = 1\nname = "KUBE"\ntype = "task"\n[[members]]\ncode = "A1"\nname = "Ibu Sari"\n'


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("format = 1", "format = 99999.0"), "format"),
        (("format = 1", 'format = "1"'), "format"),
        (('name = "Ibu Sari"', 'name = "Ibu Sari"\njoined = "2"'), "members[0].joined"),
        (('name = "Ibu Sari"', 'name = "Ibu Sari"\nconsent = { recording = "yes" }'), "members[0].consent.recording"),
        (('type = "task"', 'type = "task"\nplanned_sessions = 100000000000000000000000'), "planned_sessions"),
        (('type = "task"', 'type = "task"\nplanned_sessions = 12.0'), "planned_sessions"),
    ],
)
def test_lax_values_in_a_group_file_are_refused(tmp_path: Path, change: tuple[str, str], field: str):
    path = write(tmp_path / "g" / "group.toml", GROUP_TOML.replace(*change))
    with pytest.raises(DataError) as caught:
        load_group(path.parent)
    assert caught.value.place == f"field {field}"


SESSION_TOML = 'format = 1\nnumber = 1\ndate = "2026-01-15"\nstart = "09:00:00"\n[[events]]\nseq = 1\nat = 5\nfrom = "A1"\nto = "group"\n'


def test_dates_written_as_text_and_integer_seconds_are_still_read(tmp_path: Path):
    from kelompok.sessions.store import load_session_file

    session = load_session_file(write(tmp_path / "001.toml", SESSION_TOML))
    assert session.date.isoformat() == "2026-01-15" and session.events[0].at == 5.0


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("number = 1", 'number = "1"', "number"),
        ("seq = 1", "seq = 1.0", "events[0].seq"),
        ("at = 5", "at = 1e12", "events[0].at"),
    ],
)
def test_lax_values_in_a_session_file_are_refused(tmp_path: Path, old: str, new: str, field: str):
    from kelompok.sessions.store import load_session_file

    with pytest.raises(DataError) as caught:
        load_session_file(write(tmp_path / "001.toml", SESSION_TOML.replace(old, new)))
    assert caught.value.place == f"field {field}"


def test_lax_values_in_settings_are_refused(tmp_path: Path):
    settings, problem = read_settings(write(tmp_path / "config.toml", 'format = 1.0\nname = "Retno"\n'))
    assert problem is not None and settings.name == ""


# ── truncation at a valid boundary; fuzz ──

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kelompok.sessions.checking import check_path  # noqa: E402
from kelompok.sessions.store import load_session_file, save_group, save_session  # noqa: E402
from kelompok.sociogram.acts import read_session_acts  # noqa: E402
from tests.conftest import make_session  # noqa: E402

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def saved_group(root: Path, acts: int = 12) -> Path:
    folder = root / "kube"
    save_group(folder, make_group())
    save_session(folder, make_session(1, acts=acts))
    return folder


@FUZZ
@given(keep=st.integers(min_value=0, max_value=11))
def test_a_session_cut_at_any_event_boundary_is_noticed(tmp_path_factory, keep: int):
    folder = saved_group(tmp_path_factory.mktemp("t"))
    path = folder / "sessions" / "001.toml"
    text = path.read_text()
    assert "event_count = 12" in text
    # The last events gone and the file still valid TOML: the array is cut after event `keep`
    # (a table-per-event file cut after a table is the same case: see the next test).
    lines = [
        line
        for line in text.splitlines(keepends=True)
        if not line.startswith("    { seq = ") or int(line.split()[3].rstrip(",")) <= keep
    ]
    path.write_text("".join(lines))
    for load in (load_session_file, read_session_acts):
        with pytest.raises(DataError, match="holds 12 events but"):
            load(path)
    problems, _ = check_path(folder)
    assert len(problems) == 1 and "cut short" in problems[0].problem


def test_a_table_per_event_file_cut_after_a_table_is_noticed(tmp_path: Path):
    folder = saved_group(tmp_path)
    path = folder / "sessions" / "001.toml"
    head, _, _ = path.read_text().partition("events = [")
    tables = "".join(f'[[events]]\nseq = {n}\nat = {n * 10}.0\nfrom = "A1"\nto = "group"\n\n' for n in range(1, 13))
    path.write_text(head + tables)
    assert len(load_session_file(path).events) == 12
    path.write_text(head + tables.rsplit("[[events]]", 3)[0])  # the last three tables lost
    with pytest.raises(DataError, match="holds 12 events but 9"):
        load_session_file(path)
    with pytest.raises(DataError, match="holds 12 events but 9"):
        read_session_acts(path)


def test_an_old_file_without_a_count_still_loads(tmp_path: Path):
    folder = saved_group(tmp_path)
    path = folder / "sessions" / "001.toml"
    path.write_text(path.read_text().replace("event_count = 12\n", ""))
    assert len(load_session_file(path).events) == 12
    assert len(read_session_acts(path).acts) > 0


DEPTHS = st.integers(min_value=60, max_value=3000)


@FUZZ
@given(
    depth=DEPTHS, where=st.sampled_from(["name", "members", "purpose", "[x]\ny"]), bracket=st.sampled_from(["[]", "{}"])
)
def test_deep_nesting_anywhere_is_a_clean_data_error(tmp_path_factory, depth: int, where: str, bracket: str):
    folder = tmp_path_factory.mktemp("d")
    opening, closing = bracket
    value = (
        (opening if opening == "[" else "{a=") * depth + closing * depth
        if opening == "["
        else "{a = " * depth + "1" + "}" * depth
    )
    (folder / "group.toml").write_text(f"{where} = {value}\n")
    problems, _ = check_path(folder)
    assert problems and all(isinstance(p, DataError) for p in problems)


LAX = {
    "format": ["99999.0", '"1"', "true"],
    "planned_sessions": ["1e30", "10000000000000000000000", '"5"', "5.0", "true"],
    "session_minutes": ['"90"', "90.0"],
    "professional_lead": ['"yes"', "1", '"true"'],
}


@FUZZ
@given(field=st.sampled_from(sorted(LAX)), data=st.data())
def test_lax_coercions_are_refused_naming_the_field(tmp_path_factory, field: str, data):
    value = data.draw(st.sampled_from(LAX[field]))
    folder = tmp_path_factory.mktemp("l")
    base = 'format = 1\nname = "KUBE"\ntype = "task"\n'
    text = base.replace("format = 1\n", "") if field == "format" else base
    (folder / "group.toml").write_text(f"{field} = {value}\n" + text)
    with pytest.raises(DataError) as caught:
        load_group(folder)
    assert caught.value.place == f"field {field}"


def test_markdown_report_keeps_links_and_images_in_names_inert():
    from kelompok.outputs.report.markdown import _text

    assert (
        _text("Ibu ![x](http://evil/b.png) [k](file:///etc)")
        == "Ibu \\!\\[x\\]\\(http://evil/b.png\\) \\[k\\]\\(file:///etc\\)"
    )
