"""Keys as a real terminal sends them, which Pilot cannot show (issue 16 §7): the real app runs in a
tmux pane (TERM=xterm-256color), and tmux sends Alt+2 the way terminals do, as ESC then `2`.

Before the fix, ESC+`2` typed `2` into the focused field of the plan and marked it unsaved; the part
did not change. The test reads the screen with `tmux capture-pane`, and checks the session file
on disk is byte for byte what it was. Every wait is bounded; the tmux session is killed in `finally`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from kelompok.sessions.store import save_group, save_session, session_path
from tests.conftest import make_group, make_session

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")

REPO = Path(__file__).resolve().parents[2]
WAIT = 30.0
"""Seconds to wait for one screen (a cold start on a busy 2-core machine takes a few)."""


def test_alt_digit_in_a_real_terminal_jumps_to_the_part_and_types_nothing(tmp_path: Path):
    folder = tmp_path / "ws" / "kube-mawar"
    save_group(folder, make_group())
    save_session(folder, make_session(1).model_copy(update={"state": "ended"}))
    before = session_path(folder, 1).read_bytes()
    name = f"kelompok-test-{uuid.uuid4().hex[:8]}"
    env = {
        "TERM": "xterm-256color",
        "KELOMPOK_HOME": str(tmp_path / "home"),
        "KELOMPOK_LANG": "id",
        "PYTHONPATH": str(REPO / "src"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    command = " ".join(
        [
            "env",
            *(f"{key}={value}" for key, value in env.items()),
            sys.executable,
            "-m",
            "kelompok",
            str(folder.parent),
        ]
    )
    # A server of our own (-L), so that the test never meets a user's tmux sessions.
    socket = ["-L", name]
    subprocess.run(
        ["tmux", *socket, "new-session", "-d", "-s", name, "-x", "100", "-y", "30", command], check=True, timeout=10
    )
    try:

        def pane() -> str:
            return subprocess.run(
                ["tmux", *socket, "capture-pane", "-p", "-t", name], capture_output=True, text=True, timeout=10
            ).stdout

        def keys(*sent: str) -> None:
            subprocess.run(["tmux", *socket, "send-keys", "-t", name, *sent], check=True, timeout=10)

        def wait(*texts: str, absent: str | None = None) -> str:
            deadline = time.monotonic() + WAIT
            shown = ""
            while time.monotonic() < deadline:
                shown = pane()
                if all(text in shown for text in texts) and (absent is None or absent not in shown):
                    return shown
                time.sleep(0.2)
            pytest.fail(f"the screen never showed {texts!r} (without {absent!r}):\n{shown}")

        wait("KUBE Mawar")
        keys("Enter")
        wait("urutan duduk")  # the group screen: its members in seating order
        keys("p")
        wait("tersimpan", "1 Tujuan")  # the plan, saved, its first part shown
        keys("M-2")  # Alt+2: tmux sends ESC then "2", as a terminal does
        shown = wait("Jumlah")  # the agenda's running total is on screen: the part changed
        assert "belum disimpan" not in shown, f"Alt+2 changed the plan:\n{shown}"
        keys("M-4")
        shown = wait("Etika")
        assert "belum disimpan" not in shown
        keys("Escape")  # nothing to discard: back to the group screen without a question
        shown = wait("urutan duduk", absent="1 Tujuan")
        assert "Buang perubahan" not in shown
        keys("C-q")
        deadline = time.monotonic() + WAIT
        while (
            time.monotonic() < deadline
            and name in subprocess.run(["tmux", *socket, "ls"], capture_output=True, text=True).stdout
        ):
            time.sleep(0.2)
    finally:
        subprocess.run(["tmux", *socket, "kill-server"], capture_output=True, timeout=10)
    assert session_path(folder, 1).read_bytes() == before
