"""The `git` command line, run with an explicit author and never a global config the user set up.

kelompok drives the real git CLI (no home-made replication): it works offline, its history is an
audit trail, and any agency can host a remote. Every call passes `user.name`/`user.email` itself,
so a machine with no git configuration at all (a fresh laptop, CI) commits with the name in the
kelompok settings. Nothing here knows about sessions; `sync.engine` decides what to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from kelompok.i18n import t


class GitError(Exception):
    """git is missing, or a git command failed; the message is ready to show."""

    def __init__(self, message: str, stderr: str = "") -> None:
        super().__init__(message)
        self.stderr = stderr


def git_executable() -> str:
    """The path of `git`, or GitError with a message that says how to get it."""
    found = shutil.which("git")
    if not found:
        raise GitError(t("sync.no_git"))
    return found


def _package_root() -> str:
    """The folder that holds the `kelompok` package, so the merge driver git starts finds it too."""
    return str(Path(__file__).resolve().parents[2])


def git_env() -> dict[str, str]:
    """The environment for git: no pager, no prompts, the English C locale (we parse its output),
    and PYTHONPATH reaching this kelompok so that the merge driver runs the same code."""
    env = dict(os.environ)
    env.update({"GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C", "LANG": "C"})
    for name in (
        "GIT_DIR",
        "GIT_WORK_TREE",
        "GIT_INDEX_FILE",
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
    ):
        env.pop(name, None)  # the author is the name in the kelompok settings, passed on every call
    paths = [_package_root()] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    return env


@dataclass(frozen=True)
class Author:
    """Who commits: the name in the settings; the e-mail is a placeholder git requires."""

    name: str

    @property
    def email(self) -> str:
        return "kelompok@localhost"


class Git:
    """git commands in one workspace folder, signed by one author."""

    def __init__(self, folder: Path, author: Author) -> None:
        self.folder = Path(folder)
        self.author = author
        self.exe = git_executable()

    def run(
        self, *args: str, check: bool = True, input_text: str | None = None, cwd: Path | None = None
    ) -> subprocess.CompletedProcess[str]:
        command = [
            self.exe,
            "-c", f"user.name={self.author.name}",
            "-c", f"user.email={self.author.email}",
            "-c", "commit.gpgsign=false",
            "-c", "core.quotepath=false",
            *args,
        ]  # fmt: skip
        result = subprocess.run(
            command, cwd=cwd or self.folder, env=git_env(), capture_output=True, text=True,
            input=input_text, stdin=None if input_text is not None else subprocess.DEVNULL,
        )  # fmt: skip
        if check and result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise GitError(
                t("sync.git_failed", command=" ".join(args[:2]), detail=detail[-1] if detail else ""), result.stderr
            )
        return result

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def ok(self, *args: str) -> bool:
        return self.run(*args, check=False).returncode == 0

    # small helpers the engine reads often

    def is_repository(self) -> bool:
        return (self.folder / ".git").exists()

    def head(self) -> str | None:
        result = self.run("rev-parse", "--verify", "-q", "HEAD", check=False)
        return result.stdout.strip() or None

    def config_get(self, key: str) -> str | None:
        result = self.run("config", "--get", key, check=False)
        return result.stdout.strip() if result.returncode == 0 else None

    def read_many(self, revision: str, paths: list[str]) -> dict[str, bytes | None]:
        """Many files at one revision in one `git cat-file --batch` (a `git show` per file costs a
        process each: thousands of them on a first sync)."""
        if not paths:
            return {}
        request = "".join(f"{revision}:{path}\n" for path in paths).encode("utf-8")
        out = subprocess.run(
            [self.exe, "cat-file", "--batch"],
            cwd=self.folder,
            env=git_env(),
            input=request,
            capture_output=True,
            check=True,
        ).stdout
        found: dict[str, bytes | None] = {}
        position = 0
        for path in paths:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            position = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[path] = out[position : position + size]
                position += size + 1
            else:
                found[path] = None  # "missing" (or not a file)
        return found


def python_command() -> str:
    """How git should start this Python (quoted for git's shell)."""
    return f'"{sys.executable}"'
