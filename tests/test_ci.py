"""CI runs the README's one test command, after installing the renderers when it can.

`.ci/install-renderers` is run here against stand-in commands on a PATH of our own (a fake
apt-get that only notes what it was asked), so the test installs nothing on this machine.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / ".ci" / "install-renderers"
BASH = shutil.which("bash") or "/bin/bash"


def test_ci_runs_exactly_the_readmes_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"Run the whole test suite:\n\n```sh\n(.+)\n```", readme).group(1)
    lines = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    assert lines[-1] == command
    assert ".ci/install-renderers" in lines
    assert os.access(ROOT / ".ci" / "run", os.X_OK) and os.access(INSTALLER, os.X_OK)


def _stand_in(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{body}\n")
    path.chmod(0o755)


def _install(tmp_path: Path, *commands: tuple[str, str]) -> tuple[subprocess.CompletedProcess[str], str]:
    """Run the installer with only the given stand-ins (and env) on PATH; returns apt-get's notes too."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "env").symlink_to(shutil.which("env") or "/usr/bin/env")
    notes = tmp_path / "apt-notes"
    for name, body in commands:
        _stand_in(bin_dir, name, body.replace("NOTES", str(notes)))
    result = subprocess.run([BASH, str(INSTALLER)], capture_output=True, text=True, timeout=60,
                            env={"PATH": str(bin_dir), "HOME": str(tmp_path)})  # fmt: skip
    return result, notes.read_text() if notes.exists() else ""


APT = ("apt-get", 'echo "$@" >> NOTES')
TIMEOUT = ("timeout", 'shift; exec "$@"')


def test_without_apt_get_it_says_so_and_carries_on(tmp_path: Path):
    result, _ = _install(tmp_path)
    assert result.returncode == 0
    assert "not installing graphviz chromium" in result.stderr and "skip" in result.stderr


def test_nothing_is_installed_when_both_are_there(tmp_path: Path):
    result, notes = _install(tmp_path, ("dot", "exit 0"), ("chromium", "exit 0"), APT, ("id", "echo 0"))
    assert result.returncode == 0 and notes == "" and result.stderr == ""


def test_without_root_or_passwordless_sudo_nothing_is_asked_for(tmp_path: Path):
    result, notes = _install(tmp_path, ("dot", "exit 0"), APT, ("id", "echo 1000"), ("sudo", "exit 1"))
    assert result.returncode == 0 and notes == ""
    assert "no passwordless sudo" in result.stderr and "chromium" in result.stderr


def test_as_root_it_installs_what_is_missing_quietly(tmp_path: Path):
    result, notes = _install(tmp_path, ("chromium", "exit 0"), APT, TIMEOUT, ("id", "echo 0"))
    assert result.returncode == 0, result.stderr
    assert notes.splitlines() == ["-qq update", "-qq install -y --no-install-recommends graphviz"]
    assert "installed graphviz" in result.stderr


def test_through_passwordless_sudo_and_a_failing_mirror_it_carries_on(tmp_path: Path):
    sudo = ("sudo", '[ "$1" = -n ] && shift; "$@"')
    failing_apt = ("apt-get", 'echo "$@" >> NOTES; exit 100')
    result, notes = _install(tmp_path, failing_apt, TIMEOUT, ("id", "echo 1000"), sudo)
    assert result.returncode == 0
    assert notes.splitlines() == ["-qq update"]
    assert "could not install graphviz chromium" in result.stderr
