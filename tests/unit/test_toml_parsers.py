"""The fast parser (rtoml) and the reference (tomllib) accept and refuse the same files.

`fileio.read_toml` parses with rtoml when it can vouch for a text and falls back to tomllib
otherwise; `fileio.read_model` validates with the real models and words every refusal through
tomllib. Here each file is read both ways — fast, and with `fast=False` (tomllib alone) — and
the two must give the same data, the same model, or the same error, word for word. The rtoml
differences found while building this are pinned in `DIFFERENCES`.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import tomllib
from pathlib import Path

import pytest
import rtoml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from kelompok.sessions import fileio
from kelompok.sessions.fileio import DataError, dump_model, parse_toml, read_model, read_toml, validate
from kelompok.sessions.models import Attendance, Comment, Event, Group, Review, Session
from kelompok.sessions.store import load_session_file
from kelompok.sociogram.acts import from_session, read_session_acts
from tests.conftest import SAMPLES


def reference(path: Path) -> Session:
    """The session as tomllib and the models alone read it (the path before rtoml)."""
    return validate(Session, read_toml(path, fast=False), path)


def outcome(read, path: Path):
    try:
        return ("ok", read(path))
    except DataError as error:
        return ("error", str(error))


def text_outcome(text: str, fast: bool):
    try:
        return ("ok", parse_toml(text, fast=fast))
    except tomllib.TOMLDecodeError as error:
        return ("error", str(error))
    except RecursionError:
        return ("error", "too deep")


def same_verdict(path: Path) -> tuple[str, object]:
    """Both paths agree on this file (data, model and message); returns the shared outcome."""
    fast, slow = outcome(lambda p: read_model(Session, p), path), outcome(reference, path)
    assert fast == slow
    return fast


def write(folder: Path, session: Session, name: str | None = None) -> Path:
    path = folder / (name or f"{session.number:03d}.toml")
    path.write_bytes(dump_model(session))
    return path


def speak(seq, frm, to, **more):
    return Event(seq=seq, at=seq * 2.5, **{"from": frm}, to=to, **more)


def rich_session(number=3, notes="Baris satu\nBaris dua") -> Session:
    events = [
        speak(1, "A", "B", role="pendengar", ipa=5, valence="task"),
        speak(2, "facilitator", "group"),
        Event(seq=3, at=9, kind="arrive", **{"from": "D"}),
        speak(4, "D", "A", note='kata "kutip" \\ garis miring\tdan tab'),
        Event(seq=5, at=11, kind="undo", undoes=1),
        Event(seq=6, at=12, kind="pause"),
        speak(7, "B", "facilitator", valence="negative"),
        Event(seq=8, at=13, kind="undo", undoes=7),
        Event(seq=9, at=14, kind="note", note="catatan panjang " * 8, safety=True),  # long: [[events]] tables
        Event(seq=10, at=15, kind="agenda", block=0),
        Event(seq=11, at=16, kind="arrive", **{"from": "E"}),
        Event(seq=12, at=17, kind="undo", undoes=11),  # E's arrival withdrawn
        Event(seq=13, at=18, kind="leave", **{"from": "A"}),
        speak(14, "Ünal", "A", ipa=12),
    ]
    attendance = [
        Attendance(member=m, status=s) for m, s in [("A", "present"), ("B", "late"), ("C", "absent"), ("E", "excused")]
    ]
    at = dt.datetime(2026, 2, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    review = Review(status="submitted", comments=[Comment(at=at, author="S", text="[[events]]")])
    return Session(number=number, date=dt.date(2026, 2, 1), coding="ipa", attendance=attendance, events=events,
                   notes=notes, review=review)  # fmt: skip


@pytest.fixture
def no_tomllib(monkeypatch):
    """Fail the test if the file is parsed by tomllib (the fast path was not taken)."""

    class Refuse:
        TOMLDecodeError = tomllib.TOMLDecodeError

        @staticmethod
        def loads(_text):
            raise AssertionError("parsed by tomllib, not by the fast path")

    monkeypatch.setattr(fileio, "tomllib", Refuse)


def test_kelompoks_own_files_take_the_fast_path(tmp_path, no_tomllib):
    path = write(tmp_path, rich_session())
    assert "\n[[events]]\nseq = 1\n" in path.read_text()
    fast = read_session_acts(path)
    assert fast == from_session(rich_session())
    assert [a.seq for a in fast.acts] == [2, 4, 14]
    # B was marked late and never arrived (her one act was undone): she is not counted present.
    assert fast.present == ("A", "D")
    assert fast.absent == ("B", "C", "E")
    assert load_session_file(path) == rich_session()


def test_every_sample_file_takes_the_fast_path_and_reads_as_tomllib_reads_it(monkeypatch):
    files = sorted(SAMPLES.rglob("*.toml"))
    assert len(files) > 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert not fileio._beyond_toml_1_0(text), path
        assert parse_toml(text) == tomllib.loads(text), path


def test_short_events_written_inline_take_the_fast_path(tmp_path, no_tomllib):
    events = [speak(i, "A", "B") for i in range(1, 4)] + [Event(seq=4, at=9, kind="undo", undoes=2)]
    session = Session(number=1, date=dt.date(2026, 1, 1), events=events)
    path = write(tmp_path, session)
    assert "events = [\n" in path.read_text()
    assert read_session_acts(path) == from_session(session)


def test_an_events_header_inside_a_string_is_only_text(tmp_path):
    session = rich_session(notes='Baris satu\n[[events]]\nseq = 99\nat = 1.0\nfrom = "X"\nto = "Y"\n')
    path = write(tmp_path, session)
    assert same_verdict(path) == ("ok", session)


def test_number_must_match_the_file_name(tmp_path):
    path = write(tmp_path, rich_session(number=3), name="004.toml")
    with pytest.raises(DataError, match="004"):
        read_session_acts(path)


BROKEN = {
    "speaks to self": ('to = "B"', 'to = "A"'),
    "unknown key": ('role = "pendengar"', 'rol = "pendengar"'),
    "seq goes back": ("seq = 2\n", "seq = 1\n"),
    "ipa out of range": ("ipa = 5", "ipa = 13"),
    "bad valence": ('valence = "task"', 'valence = "netral"'),
    "leading zero": ("seq = 2\n", "seq = 02\n"),
    "undo of the future": ("undoes = 7", "undoes = 40"),
    "undo of an undo": ("undoes = 7", "undoes = 5"),
    "undo twice": ("undoes = 7", "undoes = 1"),
    "group speaks": ('from = "facilitator"\nto = "group"', 'from = "group"\nto = "A"'),
    "attendance twice": ('{ member = "C", status = "absent" }', '{ member = "A", status = "absent" }'),
    "not toml": ("seq = 7\n", "seq = = 7\n"),
    "duplicate key": ("seq = 7\n", "seq = 7\nseq = 8\n"),
    "seq past the bound": ("seq = 14\n", "seq = 99999999999999999999\n"),
    "at is inf": ("at = 35.0\n", "at = inf\n"),
    "at overflows": ("at = 35.0\n", "at = 1e400\n"),  # rtoml: overflow; tomllib: inf; the model words it
    "escape of TOML 1.1": ("Ünal", "\\e"),
    "trailing comma": ('status = "absent" }', 'status = "absent", }'),
    "inline table over two lines": ('{ member = "C", status', '{ member = "C",\n status'),
    "time without seconds": ("at = 35.0\n", "at = 09:30\n"),
}


@pytest.mark.parametrize("change", BROKEN.values(), ids=BROKEN.keys())
def test_broken_files_get_the_same_error_from_both_paths(tmp_path, change):
    path = write(tmp_path, rich_session())
    text = path.read_text()
    old, new = change
    assert old in text
    path.write_text(text.replace(old, new, 1))
    verdict, message = same_verdict(path)
    assert verdict == "error" and str(path) in message


def test_lax_coercions_get_the_same_verdict(tmp_path):
    # The strict models take `at = 5` as 5.0 (an integer is a number) but refuse `seq = 2.0`.
    path = write(tmp_path, rich_session())
    text = path.read_text()
    path.write_text(text.replace("seq = 2\nat = 5.0", "seq = 2\nat = 5", 1))
    assert same_verdict(path)[0] == "ok"
    for lax in ("seq = 2.0", 'seq = "2"', "seq = true"):
        path.write_text(text.replace("seq = 2\n", f"{lax}\n", 1))
        assert same_verdict(path)[0] == "error"


def test_a_file_cut_at_an_event_boundary_gets_the_same_refusal(tmp_path):
    session = rich_session()
    path = write(
        tmp_path, session.model_copy(update={"event_count": 14, "review": Review()})
    )  # as save_session writes it
    text = path.read_text()
    assert "event_count = 14" in text and text.rstrip().endswith('from = "Ünal"\nto = "A"\nipa = 12')
    path.write_text(text.rsplit("[[events]]", 2)[0])  # the last two tables lost: still valid TOML
    verdict, message = same_verdict(path)
    assert verdict == "error" and "14" in message and "12" in message


def test_a_byte_order_mark_is_read_past_by_both(tmp_path):
    path = write(tmp_path, rich_session())
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert same_verdict(path) == ("ok", rich_session())


def test_windows_line_ends_read_alike(tmp_path):
    path = write(tmp_path, rich_session())
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert same_verdict(path) == ("ok", rich_session())  # the multi-line notes keep their LF


@pytest.mark.parametrize("depth", [60, 200, 3000])
def test_deep_nesting_is_refused_alike(tmp_path, depth):
    path = tmp_path / "group.toml"
    path.write_text('format = 1\nname = "x"\ntype = "task"\npurpose = ' + "[" * depth + "]" * depth + "\n")
    fast = outcome(lambda p: read_model(Group, p), path)
    assert fast == outcome(lambda p: validate(Group, read_toml(p, fast=False), p), path)
    assert fast[0] == "error"


# ── rtoml's differences from tomllib, each pinned: the fast path must give tomllib's reading ──

DIFFERENCES = {
    # TOML 1.1, which rtoml 0.13+ reads and tomllib (TOML 1.0) refuses:
    "escape \\e": 'a = "\\e"\n',
    "escape \\x": 'a = "\\x41"\n',
    "inline table over lines": "a = { b = 1,\n c = 2 }\n",
    "inline table, braces in strings": 'a = { b = "}",\n c = "{" }\n',
    "nested inline table over lines": "a = { b = { c = 1 },\n d = 2 }\n",
    "trailing comma in an inline table": "a = { b = 1, }\n",
    "time without seconds": "a = 09:30\n",
    "datetime without seconds": "a = 2026-01-01T09:30+07:00\n",
    # read differently:
    "CRLF inside a multi-line string": 'a = """x\r\ny"""\r\n',  # rtoml keeps the CR, tomllib not
    "float overflow": "a = 1e400\n",  # rtoml refuses, tomllib reads inf
    "deep nesting": "a = " + "[" * 500 + "]" * 500 + "\n",  # rtoml refuses (depth limit), tomllib too
    # refused by both, with other words: the message must be tomllib's
    "duplicate key": "a = 1\na = 2\n",
    "table declared twice": "[x]\na = 1\n[x]\nb = 2\n",
    "leading zero": "a = 02\n",
    "control character": 'a = "x\x07"\n',
    "lone CR": "a = 1\rb = 2\n",
    # read alike (values equal, though rtoml's timezone class is its own)
    "offset datetime": "a = 2026-01-01T09:00:00+07:00\n",
    "UTC datetime": "a = 2026-01-01T09:00:00Z\n",
    "big integer": "a = 10000000000000000000000\n",
    "inf and nan": "a = inf\nb = -inf\n",
    "local date and time": "a = 2026-01-01\nb = 09:00:00\nc = 2026-01-01T09:00:00.123456\n",
    "multi-line array in an inline table (valid 1.0)": "a = { b = [\n1,\n2] }\n",
}


@pytest.mark.parametrize("text", DIFFERENCES.values(), ids=DIFFERENCES.keys())
def test_the_fast_path_reads_each_difference_as_tomllib_does(text):
    assert text_outcome(text, fast=True) == text_outcome(text, fast=False)


def test_rtoml_alone_does_differ_so_the_pins_mean_something():
    with pytest.raises(rtoml.TomlParsingError):
        rtoml.loads("a = 1e400\n")
    assert rtoml.loads('a = """x\r\ny"""\n')["a"] == "x\r\ny"
    zoned = rtoml.loads("a = 2026-01-01T09:00:00+07:00\n")["a"]
    assert type(zoned.tzinfo) is not dt.timezone and zoned == tomllib.loads("a = 2026-01-01T09:00:00+07:00\n")["a"]


def test_a_comment_time_with_an_offset_validates_alike_from_both_parsers(tmp_path):
    path = write(tmp_path, rich_session())
    fast, slow = read_model(Session, path), reference(path)
    assert fast == slow
    assert fast.review.comments[0].at.utcoffset() == dt.timedelta(hours=7)
    assert dump_model(fast) == dump_model(slow)


# ── properties ──────────────────────────────────────────────────────────────────────────────

NAMES = st.sampled_from(
    ["A", "B", "A10", "facilitator", "group", 'Q"uote', "back\\slash", "Ünï", "tab\tx", "", "{", "}"]
)
TEXT = st.sampled_from(
    ["", "ok", "dua\nbaris", 'kutip " ', "\\n", "é", "[[events]]", "x\u0007", "{ a = 1,\n}", "09:30", '"""', "'''"]
)


@st.composite
def sessions(draw):
    events: list[Event] = []
    seq = 0
    for _ in range(draw(st.integers(0, 12))):
        seq += draw(st.integers(1, 3))
        kind = draw(st.sampled_from(["speak"] * 4 + ["arrive", "leave", "note", "undo", "agenda", "pause"]))
        data = {"seq": seq, "at": draw(st.sampled_from([0, 0.5, 1e-05, 12.25, 3600.0])), "kind": kind}
        if kind != "undo" or events:
            data["from"] = draw(NAMES)
            data["to"] = draw(NAMES)
        if kind == "undo" and events:
            data["undoes"] = draw(st.sampled_from([e.seq for e in events]))
        for key, values in (
            ("role", st.sampled_from(["pendengar", "evaluator"])),
            ("ipa", st.integers(1, 12)),
            ("valence", st.sampled_from(["positive", "task", "negative"])),
            ("note", TEXT),
            ("block", st.integers(0, 3)),
        ):
            if draw(st.booleans()):
                data[key] = draw(values)
        try:
            events.append(Event.model_validate(data))
        except ValidationError:
            continue
    attendance = [Attendance(member=m, status=draw(st.sampled_from(["present", "late", "absent"]))) for m in ("A", "B")]
    try:
        return Session(number=1, date=dt.date(2026, 1, 1), coding=draw(st.sampled_from(["off", "ipa"])),
                       attendance=attendance, events=events, notes=draw(TEXT))  # fmt: skip
    except ValidationError:
        return Session(number=1, date=dt.date(2026, 1, 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sessions())
def test_generated_sessions_read_back_alike_on_the_fast_path(session):
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), session)
        assert not fileio._beyond_toml_1_0(path.read_text())  # what kelompok writes stays fast
        assert same_verdict(path) == ("ok", session)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    position=st.floats(0, 1, exclude_max=True),
    replacement=st.sampled_from(
        [
            '"',
            "\\",
            "=",
            "\n",
            "1",
            "x",
            " ",
            "[",
            "]",
            "#",
            "-",
            "",
            "\n\n",
            ".",
            "e5",
            "{",
            "}",
            ",",
            ":",
            "'",
            "\\e",
            "\r\n",
        ]
    ),
    inline=st.booleans(),
)
def test_a_damaged_file_gets_the_same_verdict_from_both_paths(position, replacement, inline):
    """Whatever one character does to a file, the fast path never accepts what tomllib
    refuses, never reads it differently, and words an error exactly as tomllib does."""
    if inline:
        events = [speak(i, "A", "B" if i % 2 else "group") for i in range(1, 6)]
        session = Session(
            number=1, date=dt.date(2026, 1, 1), attendance=[Attendance(member="A", status="present")], events=events
        )
    else:
        session = rich_session(number=1)
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder), session)
        text = path.read_text()
        cut = int(position * len(text))
        path.write_text(text[:cut] + replacement + text[cut + 1 :], newline="")
        same_verdict(path)


SAMPLE_SESSION = next(iter(sorted(SAMPLES.glob("*/sessions/001.toml"))))


@settings(max_examples=200, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.tuples(st.integers(0, len(SAMPLE_SESSION.read_bytes()) - 1), st.binary(min_size=1, max_size=8)).map(
            lambda cut: (b := SAMPLE_SESSION.read_bytes())[: cut[0]] + cut[1] + b[cut[0] + len(cut[1]) :]
        ),
        st.integers(0, len(SAMPLE_SESSION.read_bytes())).map(lambda n: SAMPLE_SESSION.read_bytes()[:n]),
    )
)
def test_the_fuzz_corpus_gets_the_same_verdict_from_both_paths(data):
    """The byte mutations of `test_fuzz.py` (random bytes, overwrites, truncations) of a sample."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "001.toml"
        path.write_bytes(data)
        same_verdict(path)


def test_without_rtoml_tomllib_alone_reads_and_refuses_alike(tmp_path, monkeypatch):
    """A platform without an rtoml wheel: correct, only slower."""
    good = write(tmp_path, rich_session())
    bad = tmp_path / "005.toml"
    bad.write_text(good.read_text().replace('to = "B"', 'to = "A"', 1))
    expected = outcome(lambda p: read_model(Session, p), good), outcome(lambda p: read_model(Session, p), bad)
    monkeypatch.setattr(fileio, "_rtoml", None)
    assert (outcome(lambda p: read_model(Session, p), good), outcome(lambda p: read_model(Session, p), bad)) == expected
    assert expected[0][0] == "ok" and expected[1][0] == "error"
