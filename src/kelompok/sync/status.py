"""What the home screen shows about sync: per workspace and per group, what is not sent yet and
what arrived at the last sync. Reads git and the last sync's record; changes nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from kelompok.i18n import t
from kelompok.sync.conflicts import load_conflicts
from kelompok.sync.describe import Change, arrival_summary
from kelompok.sync.engine import BRANCH, REMOTE, is_synced_workspace, load_last_sync, remote_url
from kelompok.sync.git import Author, Git, GitError


@dataclass
class WorkspaceStatus:
    synced: bool = False
    """The workspace is a git repository (synced at least once)."""
    remote: str | None = None
    unsent: int = 0
    """Files changed here that the remote does not have yet (uncommitted or committed, not pushed)."""
    unsent_by_group: dict[str, int] = field(default_factory=dict)
    last_at: str = ""
    last_outcome: str = ""
    arrived: list[str] = field(default_factory=list)
    """What came at the last sync, counted: `2 sesi dikembalikan supervisor`."""
    arrived_by_group: dict[str, list[str]] = field(default_factory=dict)
    conflicts: int = 0

    def line(self) -> str:
        """One line for the workspace."""
        if not self.synced:
            return t("sync.status_never")
        parts = [t("sync.status_unsent", count=self.unsent) if self.unsent else t("sync.status_clean")]
        if not self.remote:
            parts.append(t("sync.status_no_remote"))
        if self.last_at:
            parts.append(t("sync.status_last", at=self.last_at.replace("T", " ")[:16]))
        if self.arrived:
            parts.append(t("sync.status_arrived", summary=", ".join(self.arrived)))
        if self.conflicts:
            parts.append(t("sync.status_conflicts", count=self.conflicts))
        return " · ".join(parts)

    def group_line(self, folder: str) -> str:
        """One short cell for a group (empty when nothing is pending or new)."""
        parts = []
        if self.unsent_by_group.get(folder):
            parts.append(t("sync.status_unsent", count=self.unsent_by_group[folder]))
        if self.arrived_by_group.get(folder):
            parts.append(", ".join(self.arrived_by_group[folder]))
        return " · ".join(parts)


def _group_of(path: str) -> str:
    parts = PurePosixPath(path).parts
    return parts[0] if len(parts) > 1 else ""


def workspace_status(workspace: Path) -> WorkspaceStatus:
    workspace = Path(workspace)
    status = WorkspaceStatus()
    if not is_synced_workspace(workspace):
        return status
    status.synced = True
    status.remote = remote_url(workspace)
    try:
        git = Git(workspace, Author("kelompok"))
        paths = {line[3:] for line in git.run("status", "--porcelain", "-uall").stdout.splitlines() if len(line) > 3}
        if status.remote:
            ref = f"refs/remotes/{REMOTE}/{BRANCH}"
            if git.head() is not None:
                if git.ok("rev-parse", "--verify", "-q", ref):
                    paths |= set(git.run("diff", "--name-only", "--no-renames", ref, "HEAD").stdout.splitlines())
                else:
                    paths |= set(git.run("ls-files").stdout.splitlines())
    except GitError:
        paths = set()
    paths = {p.strip('"') for p in paths if p}
    status.unsent = len(paths)
    counts: dict[str, int] = defaultdict(int)
    for path in paths:
        counts[_group_of(path)] += 1
    status.unsent_by_group = dict(counts)
    last = load_last_sync(workspace) or {}
    status.last_at = str(last.get("at", ""))
    status.last_outcome = str(last.get("outcome", ""))
    arrived = [Change(**item) for item in last.get("arrived", [])]
    status.arrived = arrival_summary(arrived)
    by_group: dict[str, list[Change]] = defaultdict(list)
    for change in arrived:
        by_group[change.group].append(change)
    status.arrived_by_group = {group: arrival_summary(changes) for group, changes in by_group.items()}
    status.conflicts = len(load_conflicts(workspace))
    return status
