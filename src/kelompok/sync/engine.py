"""One sync of a workspace: commit local changes, fetch, merge, push; or clone it the first time.

    local changes ──commit──► fetch ──merge (model-level driver)──► push
                         │        │                │                  │
                         │   no remote / offline   merge fails        push fails
                         │        ▼                ▼                  ▼
                         │   "saved locally,    abort; the commit    back to the local commit;
                         │    sent later"       is undone too        "saved locally, sent later"

Every group's lock is held for the whole sync, so no recording can start half-way, and a group that
another process (or a live recording in this one) holds makes sync refuse before touching anything.
The journal of a running session is never committed (`.gitignore`), only its checkpoint.
"""

from __future__ import annotations

import json
import os
import re
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from kelompok.i18n import t
from kelompok.sessions.fileio import FILE_MODE, atomic_write_bytes, make_private_dir
from kelompok.sessions.locking import GroupLock
from kelompok.sessions.store import SESSIONS_DIR, is_group_dir
from kelompok.sync.conflicts import CONFLICTS_FILE, load_conflicts
from kelompok.sync.describe import Change, commit_message, describe
from kelompok.sync.git import Author, Git, GitError, python_command

REMOTE = "origin"
BRANCH = "main"
TRUST_KEY = "kelompok.trustedRemote"
LAST_SYNC_FILE = Path(".git") / "kelompok" / "last_sync.json"

GITIGNORE_LINES = (
    "# kelompok: never shared (locks, caches, live-recording journals, half-written files)",
    ".lock",
    ".cache/",
    "*.journal",
    ".*.tmp",
    ".kelompok-config.toml",
)
MERGED_FILES = ("group.toml", f"{SESSIONS_DIR}/*.toml")
_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"


class SyncError(Exception):
    """Sync refused or failed; the workspace is as it was before. The message is ready to show."""


@dataclass
class SyncResult:
    """What one sync did."""

    outcome: str
    """`synced`, `cloned`, `local` (committed, no remote set) or `offline` (committed, not sent)."""
    committed: list[Change] = field(default_factory=list)
    """Local changes this sync committed."""
    arrived: list[Change] = field(default_factory=list)
    """Changes that came from the remote."""
    conflicts: int = 0
    """True conflicts now waiting for the user (both versions kept)."""
    detail: str = ""
    """Why it could not send (git's last line), for `offline`."""


# ── set-up ────────────────────────────────────────────────────────────────────────────────────


def is_synced_workspace(workspace: Path) -> bool:
    """True when the workspace is a git repository (it has been synced at least once)."""
    return (Path(workspace) / ".git").is_dir()


def _looks_local(url: str) -> bool:
    """A path (USB stick, shared folder), not ssh/https/scp-style `host:path`."""
    if "://" in url:
        return url.startswith("file://")
    return not re.match(r"^[^/\\]+:", url) or bool(re.match(r"^[A-Za-z]:[\\/]", url))


def _local_path(url: str) -> Path:
    return Path(url.removeprefix("file://")).expanduser()


def _prepare_repository(git: Git) -> None:
    """git init (first sync), the ignore rules, and the merge driver for kelompok's files.

    The driver's attributes go to `.git/info/attributes`, not a committed `.gitattributes`: a
    machine without kelompok's driver configured would otherwise look for it and fail."""
    folder = git.folder
    if not git.is_repository():
        git.run("init", "-q", "-b", BRANCH)
    ignore = folder / ".gitignore"
    present = ignore.read_text(encoding="utf-8").splitlines() if ignore.is_file() else []
    missing = [line for line in GITIGNORE_LINES if line not in present]
    if missing:
        atomic_write_bytes(ignore, ("\n".join(present + missing) + "\n").encode("utf-8"))
    git.run("config", "merge.kelompok.name", "kelompok model-level merge")
    git.run("config", "merge.kelompok.driver", f"{python_command()} -m kelompok.sync.driver %O %A %B %P")
    info = folder / ".git" / "info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "attributes").write_text(
        "".join(f"{pattern} merge=kelompok\n" for pattern in ("/*/group.toml", "/*/sessions/*.toml")), encoding="utf-8"
    )


def _check_trust(git: Git, url: str, trust: bool) -> None:
    """The user confirms once per workspace (and per remote) that the remote is the agency's."""
    if git.config_get(TRUST_KEY) == url:
        return
    if not trust:
        raise SyncError(t("sync.untrusted", url=url))
    git.run("config", TRUST_KEY, url)


def needs_trust(workspace: Path, remote: str | None) -> str | None:
    """The remote URL the user still has to confirm for this workspace, or None."""
    workspace = Path(workspace)
    if not is_synced_workspace(workspace):
        return remote
    git = Git(workspace, Author("kelompok"))
    url = remote or git.config_get(f"remote.{REMOTE}.url")
    return url if url and git.config_get(TRUST_KEY) != url else None


def _set_remote(git: Git, url: str) -> None:
    if _looks_local(url):
        target = _local_path(url)
        if not target.exists() or (target.is_dir() and not any(target.iterdir())):
            # An empty USB stick folder becomes the shared repository.
            make_private_dir(target)
            git.run("init", "-q", "--bare", "-b", BRANCH, str(target), cwd=target)
    if git.config_get(f"remote.{REMOTE}.url") is None:
        git.run("remote", "add", REMOTE, url)
    else:
        git.run("remote", "set-url", REMOTE, url)


def remote_url(workspace: Path) -> str | None:
    """The workspace's remote, or None (never synced, or synced locally only)."""
    if not is_synced_workspace(workspace):
        return None
    config = Path(workspace) / ".git" / "config"
    text = config.read_text(encoding="utf-8", errors="replace") if config.is_file() else ""
    match = re.search(r'\[remote "origin"\][^\[]*?url\s*=\s*(.+)', text)
    return match.group(1).strip() if match else None


# ── locks ─────────────────────────────────────────────────────────────────────────────────────


def _group_dirs(workspace: Path) -> list[Path]:
    return sorted(p for p in Path(workspace).iterdir() if p.is_dir() and not p.name.startswith(".") and is_group_dir(p))


def _recording_here(folder: Path) -> bool:
    """A live recording of the group is open in this process (the lock is shared in-process, so
    taking it would not tell)."""
    from kelompok.sessions import recording

    return Path(os.path.abspath(folder)) in recording._recording


def _hold_every_group(workspace: Path, stack: ExitStack) -> None:
    busy = []
    for folder in _group_dirs(workspace):
        if _recording_here(folder):
            busy.append(folder.name)
            continue
        lock = GroupLock(folder)
        if lock.acquire():
            stack.callback(lock.release)
        else:
            busy.append(folder.name)
    if busy:
        raise SyncError(t("sync.busy", groups=", ".join(busy)))


# ── the steps ─────────────────────────────────────────────────────────────────────────────────


def _changed_paths(git: Git, old: str | None, new: str | None) -> list[str]:
    """Repo-relative paths that differ between two commits (`None` new = the index)."""
    args = ["diff", "--name-only", "--no-renames", "-z"]
    args += ["--cached", old or _EMPTY_TREE] if new is None else [old or _EMPTY_TREE, new]
    return [p for p in git.run(*args).stdout.split("\0") if p]


def _with_group_files(paths: list[str]) -> list[str]:
    """The paths and the group.toml of each group they are in (the descriptions name the group)."""
    folders = {p.split("/", 1)[0] for p in paths if "/" in p}
    return list(dict.fromkeys([*paths, *(f"{folder}/group.toml" for folder in sorted(folders))]))


def _reader(git: Git, revision: str | None, paths: list[str]):
    """Files at a commit, read in one batch (None: before the first commit, so nothing is there)."""
    files = git.read_many(revision, _with_group_files(paths)) if revision else {}
    return lambda path: files.get(path)


def _working_reader(folder: Path):
    def read(path: str) -> bytes | None:
        target = folder / path
        return target.read_bytes() if target.is_file() else None

    return read


def _describe(git: Git, old: str | None, new: str | None) -> list[Change]:
    """The changes from commit `old` to commit `new` (`new` None: to the index, read from the files)."""
    paths = _changed_paths(git, old, new)
    after = _working_reader(git.folder) if new is None else _reader(git, new, paths)
    return describe(paths, _reader(git, old, paths), after)


def _commit_local(git: Git) -> list[Change]:
    git.run("add", "-A")
    if git.ok("diff", "--cached", "--quiet"):
        return []
    head = git.head()
    changes = _describe(git, head, None)
    git.run("commit", "-q", "--no-verify", "-F", "-", input_text=commit_message(changes))
    return changes


def _make_private(workspace: Path) -> None:
    """Files git wrote (clone, merge) follow its umask; kelompok keeps its data 0600/0700."""
    os.chmod(workspace, 0o700)
    for root, dirs, files in os.walk(workspace):
        if ".git" in dirs and Path(root) == workspace:
            dirs.remove(".git")
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o700)
        for name in files:
            os.chmod(os.path.join(root, name), FILE_MODE)


def _save_last(workspace: Path, result: SyncResult, when: str) -> None:
    record = {
        "at": when,
        "outcome": result.outcome,
        "arrived": [c.to_dict() for c in result.arrived],
        "conflicts": result.conflicts,
    }
    atomic_write_bytes(workspace / LAST_SYNC_FILE, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))


def load_last_sync(workspace: Path) -> dict | None:
    path = Path(workspace) / LAST_SYNC_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _clone(workspace: Path, url: str, author: Author, trust: bool, when: str) -> SyncResult:
    if not trust:
        raise SyncError(t("sync.untrusted", url=url))
    make_private_dir(workspace)
    git = Git(workspace, author)
    try:
        git.run("clone", "-q", "-o", REMOTE, url, ".")
    except GitError as error:
        for entry in workspace.iterdir():  # leave the folder empty again, as it was
            _remove_tree(entry)
        raise SyncError(t("sync.clone_failed", url=url, detail=str(error))) from None
    git.run("config", TRUST_KEY, url)
    _prepare_repository(git)
    _make_private(workspace)
    head = git.head()
    arrived = _describe(git, None, head) if head else []
    result = SyncResult("cloned", arrived=arrived)
    _save_last(workspace, result, when)
    return result


def _remove_tree(path: Path) -> None:
    import shutil

    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def _now_text() -> str:
    import datetime as dt

    return dt.datetime.now().replace(microsecond=0).isoformat()


def sync(workspace: Path, author: str, remote: str | None = None, trust: bool = False) -> SyncResult:
    """Sync `workspace` (see the module docstring). Raises SyncError; then nothing changed.

    `remote` sets (or changes) the remote; `trust` is the user's confirmation that it is the
    agency's (asked once per workspace and remote). A missing or empty `workspace` with a `remote`
    is cloned from it: how a supervisor gets the workspace the first time.
    """
    workspace = Path(workspace)
    who = Author(author.strip() or "kelompok")
    when = _now_text()
    try:
        if remote and (not workspace.exists() or (workspace.is_dir() and not any(workspace.iterdir()))):
            return _clone(workspace, remote, who, trust, when)
        if not workspace.is_dir():
            raise SyncError(t("sync.no_workspace", path=workspace))
        git = Git(workspace, who)
        with ExitStack() as stack:
            _hold_every_group(workspace, stack)
            _prepare_repository(git)
            if remote:
                _check_trust(git, remote, trust)
                _set_remote(git, remote)
            url = git.config_get(f"remote.{REMOTE}.url")
            if url:
                _check_trust(git, url, trust)
            before = git.head()
            committed = _commit_local(git)
            if not url:
                result = SyncResult("local", committed=committed)
            else:
                result = _exchange(git, before, committed)
            result.conflicts = len(load_conflicts(workspace))
            _save_last(workspace, result, when)
            return result
    except GitError as error:
        raise SyncError(str(error)) from None


def _exchange(git: Git, before: str | None, committed: list[Change]) -> SyncResult:
    """Fetch, merge and push; the local commit is already made (and `before` is what preceded it)."""
    fetched = git.run("fetch", "-q", REMOTE, check=False)
    if fetched.returncode != 0:
        return SyncResult("offline", committed=committed, detail=_last_line(fetched.stderr))
    remote_ref = f"refs/remotes/{REMOTE}/{BRANCH}"
    has_remote_branch = git.ok("rev-parse", "--verify", "-q", remote_ref)
    local = git.head()
    arrived: list[Change] = []
    conflicts_file = git.folder / CONFLICTS_FILE
    conflicts_before = conflicts_file.read_bytes() if conflicts_file.is_file() else None
    if has_remote_branch:
        if local is None:  # nothing here yet: the remote's history becomes ours
            git.run("reset", "-q", "--keep", remote_ref)
        else:
            merged = git.run(
                "merge",
                "-q",
                "--ff",
                "--no-edit",
                "--allow-unrelated-histories",
                "-m",
                t("sync.merge_message"),
                remote_ref,
                check=False,
            )
            if merged.returncode != 0:
                git.run("merge", "--abort", check=False)
                _restore_conflicts(conflicts_file, conflicts_before)
                _undo_commit(git, before, local, committed)
                raise SyncError(t("sync.merge_failed", detail=_last_line(merged.stderr or merged.stdout)))
        head = git.head()
        if head != local:
            arrived = _describe(git, local, head)
            _make_private(git.folder)
    if git.head() is None:
        return SyncResult("synced", committed=committed)  # an empty workspace and an empty remote
    if has_remote_branch and git.head() == git.out("rev-parse", remote_ref):
        return SyncResult("synced", committed=committed, arrived=arrived)  # nothing to send
    pushed = git.run("push", "-q", "-u", REMOTE, f"HEAD:refs/heads/{BRANCH}", check=False)
    if pushed.returncode != 0:
        # Back to the state before the merge: the local commit stays, the workspace is as it was.
        if git.head() != local and local is not None:
            git.run("reset", "-q", "--keep", local)
            _restore_conflicts(conflicts_file, conflicts_before)
        return SyncResult("offline", committed=committed, detail=_last_line(pushed.stderr))
    return SyncResult("synced", committed=committed, arrived=arrived)


def _undo_commit(git: Git, before: str | None, local: str | None, committed: list[Change]) -> None:
    """Take back this sync's own commit, keeping every file as it is (so the workspace is as before)."""
    if not committed or local is None:
        return
    if before is None:
        git.run("update-ref", "-d", "HEAD")
        git.run("read-tree", "--empty")
    else:
        git.run("reset", "-q", before)


def _restore_conflicts(path: Path, content: bytes | None) -> None:
    if content is None:
        path.unlink(missing_ok=True)
    else:
        atomic_write_bytes(path, content)


def _last_line(text: str) -> str:
    """The line of git's output that says why: the server's own words, else git's first error."""
    lines = [line.strip() for line in (text or "").strip().splitlines() if line.strip()]
    for prefix in ("remote:", "fatal:", "error:"):
        for line in lines:
            if line.startswith(prefix) and line[len(prefix) :].strip():
                return line[len(prefix) :].strip()
    return lines[-1] if lines else ""
