"""What sync's history means for forgetting: git keeps earlier versions of every file.

`kelompok forget` (the confidentiality work) removes a member's data from the current files; in a
synced workspace the earlier versions stay in the git history here and on the remote, and in every
other machine's copy. `forget_notice` is the sentence that says so, to show before and after.
"""

from __future__ import annotations

from pathlib import Path

from kelompok.i18n import t
from kelompok.sync.engine import is_synced_workspace, remote_url


def forget_notice(path: Path) -> str | None:
    """The history warning for a workspace or a group folder in one; None when it is not synced."""
    path = Path(path).resolve()
    for folder in (path, *path.parents):
        if is_synced_workspace(folder):
            return t("sync.forget_history", remote=remote_url(folder) or t("sync.status_no_remote"))
    return None
