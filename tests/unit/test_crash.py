"""Issue 13 §4: a crash shows one line and a private log path, never locals or member data."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import REPO

SECRET_NAME = "Ibu Rahasia Wulandari"
SECRET_REASON = "sidang cerai minggu depan"

APP_SCRIPT = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from kelompok.app import make_app
    from kelompok.tui.screens.home import HomeScreen

    def load(self):
        member_name = {SECRET_NAME!r}
        reason = {SECRET_REASON!r}
        group_toml = Path(sys.argv[1], "kube", "group.toml").read_text()
        raise RuntimeError("injected failure")

    HomeScreen.load = load
    app = make_app(Path(sys.argv[1]), lang=sys.argv[2], offer_samples=False)
    app.run(headless=True)
    sys.exit(app.return_code)
    """
)


def _env(tmp_path: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("KELOMPOK_LANG",)}
    env["KELOMPOK_HOME"] = str(tmp_path / "home")
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + str(REPO)
    return env


def _workspace(tmp_path: Path) -> Path:
    from kelompok.sessions.models import Group, Member
    from kelompok.sessions.store import save_group

    workspace = tmp_path / "ws"
    save_group(workspace / "kube", Group(name="KUBE", type="self_help", members=[Member(code="A1", name=SECRET_NAME)]))
    return workspace


def _crash_logs(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "home" / ".crash").glob("crash-*.log"))


def test_an_app_crash_prints_one_line_and_no_member_data(tmp_path: Path):
    workspace = _workspace(tmp_path)
    result = subprocess.run(
        [sys.executable, "-c", APP_SCRIPT, str(workspace), "id"],
        capture_output=True,
        text=True,
        env=_env(tmp_path),
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert SECRET_NAME not in output and SECRET_REASON not in output
    assert "member_name =" not in output and "group_toml" not in output and "Traceback" not in output
    assert "kelompok berhenti karena kesalahan internal" in output  # in the user's language
    logs = _crash_logs(tmp_path)
    assert len(logs) == 1 and str(logs[0]) in output.replace("\n", "")
    assert stat.S_IMODE(logs[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(logs[0].parent.stat().st_mode) == 0o700
    text = logs[0].read_text()
    assert "RuntimeError: injected failure" in text
    assert SECRET_NAME not in text  # the log holds the traceback, not the locals


CLI_SCRIPT = textwrap.dedent(
    f"""
    import sys
    from kelompok import cli

    def broken(args):
        member_name = {SECRET_NAME!r}
        raise KeyError(member_name)  # the message itself quotes user data

    cli.cmd_stats = broken
    sys.exit(cli.main(["stats", sys.argv[1]]))
    """
)


def test_a_cli_crash_prints_one_line_and_logs_privately(tmp_path: Path):
    workspace = _workspace(tmp_path)
    env = _env(tmp_path) | {"KELOMPOK_LANG": "en"}
    # build_parser looks cmd_stats up when it runs, so patching the module attribute is enough.
    result = subprocess.run(
        [sys.executable, "-c", CLI_SCRIPT, str(workspace / "kube")], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 70, result.stderr
    assert SECRET_NAME not in result.stdout + result.stderr
    assert "kelompok stopped because of an internal error" in result.stderr
    logs = _crash_logs(tmp_path)
    assert len(logs) == 1 and stat.S_IMODE(logs[0].stat().st_mode) == 0o600
