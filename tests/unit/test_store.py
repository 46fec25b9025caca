"""The workspace on disk: atomic, private, locked, and never writing over what it could not read."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kelompok import i18n

from kelompok.sessions.fileio import DataError, atomic_write_bytes
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.store import (
    list_groups,
    load_group,
    load_session,
    save_group,
    save_session,
    session_numbers,
    session_path,
)
from tests.conftest import make_group, make_session


@pytest.fixture(autouse=True)
def _english():
    i18n.set_language("en")


def test_saved_files_are_private_and_round_trip(tmp_path: Path):
    folder = tmp_path / "ws" / "g"
    save_group(folder, make_group())
    save_session(folder, make_session(3))
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / "sessions").st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / "group.toml").st_mode) == 0o600
    assert stat.S_IMODE(os.stat(session_path(folder, 3)).st_mode) == 0o600
    assert load_group(folder) == make_group()
    assert load_session(folder, 3) == make_session(3)
    assert session_numbers(folder) == [3]


def test_atomic_write_leaves_no_temp_files_and_replaces_whole(tmp_path: Path):
    target = tmp_path / "f.toml"
    atomic_write_bytes(target, b"a = 1\n")
    atomic_write_bytes(target, b"a = 2\n")
    assert target.read_bytes() == b"a = 2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["f.toml"]


def test_unreadable_session_is_never_overwritten(group_dir: Path):
    path = session_path(group_dir, 1)
    path.write_text("number = 1\nthis is = = broken\n")
    before = path.read_bytes()
    with pytest.raises(DataError) as caught:
        save_session(group_dir, make_session(1))
    assert "not saved" in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_malformed_toml_names_file_and_line(group_dir: Path):
    path = group_dir / "group.toml"
    path.write_text('format = 1\nname = "x"\ntype = \n')
    with pytest.raises(DataError) as caught:
        load_group(group_dir)
    assert caught.value.path == path
    assert caught.value.place.startswith("line 3")


def test_invalid_field_names_the_field(group_dir: Path):
    path = session_path(group_dir, 2)
    text = path.read_text().replace('to = "group"', 'to = "Z9"', 1)
    path.write_text(text)
    from kelompok.sessions.checking import check_group

    problems, checked = check_group(group_dir)
    assert checked == 3
    assert len(problems) == 1
    assert problems[0].path == path and "events[" in problems[0].place and "Z9" in problems[0].problem


def test_newer_format_is_refused_with_advice(group_dir: Path):
    path = group_dir / "group.toml"
    path.write_text(path.read_text().replace("format = 1", "format = 7"))
    with pytest.raises(DataError, match="newer"):
        load_group(group_dir)


def test_session_number_must_match_file_name(group_dir: Path):
    os.replace(session_path(group_dir, 2), session_path(group_dir, 5))
    with pytest.raises(DataError, match="file name says 5"):
        load_session(group_dir, 5)


def test_listing_reads_group_files_only_and_shows_broken_groups(tmp_path: Path, group_dir: Path):
    workspace = group_dir.parent
    broken = workspace / "broken"
    broken.mkdir()
    (broken / "group.toml").write_text("name = [")
    (workspace / "not-a-group").mkdir()
    # A session file that cannot be read must not matter to listing: sessions are not read.
    session_path(group_dir, 1).write_text("garbage = [")
    entries = list_groups(workspace)
    assert [e.path.name for e in entries] == ["broken", "kube-mawar"]
    assert entries[0].group is None and entries[0].error is not None
    assert entries[1].group is not None and entries[1].sessions == 2


def test_second_process_cannot_take_the_group_lock(group_dir: Path):
    lock = GroupLock(group_dir)
    assert lock.acquire()
    code = textwrap.dedent(
        f"""
        from pathlib import Path
        from kelompok.sessions.locking import GroupLock
        print(GroupLock(Path({str(group_dir)!r})).acquire())
        """
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert other.stdout.strip() == "False"
    lock.release()
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert again.stdout.strip() == "True"


def test_lock_is_released_when_the_holder_dies(group_dir: Path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"from pathlib import Path; from kelompok.sessions.locking import GroupLock; import time; assert GroupLock(Path({str(group_dir)!r})).acquire(); print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    assert not GroupLock(group_dir).acquire()
    holder.kill()
    holder.wait()
    assert GroupLock(group_dir).acquire()


def test_a_file_changed_behind_our_back_is_checked_again_before_saving(group_dir: Path):
    from kelompok.sessions.store import load_session

    session = load_session(group_dir, 1)
    save_session(group_dir, session)  # known good: no re-read needed
    path = session_path(group_dir, 1)
    path.write_text("broken = [")  # another program damages it after our save
    with pytest.raises(DataError, match="not saved"):
        save_session(group_dir, session)
    assert path.read_text() == "broken = ["
