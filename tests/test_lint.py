"""ruff's lint and format check over the code, configured in pyproject.toml ([tool.ruff]), as part of
the test run: the README's one test command (the one CI runs) also lints and checks the format.
`ruff format src tests benchmarks scripts` puts a file right.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = ("src", "tests", "benchmarks", "scripts")


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    """ruff with the project's configuration, from the project's folder."""
    assert importlib.util.find_spec("ruff") is not None, "ruff is in the test extras: pip install '.[test]'"
    command = [sys.executable, "-m", "ruff", *args, "--no-cache", "--config", str(ROOT / "pyproject.toml")]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing():
    result = ruff("check", *TREE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_would_change_nothing():
    result = ruff("format", "--check", *TREE)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_lint_would_catch_an_unused_import(tmp_path: Path):
    # The checks must be able to fail: the same configuration, on a file each would refuse.
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n")
    result = ruff("check", str(bad))
    assert result.returncode == 1 and "F401" in result.stdout


def test_the_format_check_would_catch_a_badly_laid_out_file(tmp_path: Path):
    bad = tmp_path / "bad.py"
    bad.write_text("x = {  'a':1 }\n")
    result = ruff("format", "--check", str(bad))
    assert result.returncode == 1 and "bad.py" in result.stdout
