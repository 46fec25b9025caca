"""The sync key of the home screen: run `kelompok.sync` in a thread, ask the trust question once.

Kept apart from the screen so the screen only binds a key and shows a line: git may take seconds
(a USB stick, a slow server), and the UI must stay responsive meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.screen import Screen

from kelompok.i18n import t


def _author(screen: Screen) -> str:
    name = getattr(screen.app, "user_name", "")
    if name:
        return name
    from kelompok.outputs.privacy import current_user

    return current_user()


def start_sync(screen: Screen, workspace: Path, done: Callable[[], None]) -> None:
    """Sync `workspace`, first asking to trust its remote when this workspace never confirmed it."""
    from kelompok.sync.engine import needs_trust

    try:
        url = needs_trust(workspace, None)
    except Exception as error:  # git missing: say so, never crash the home screen
        screen.notify(str(error), severity="error", timeout=10)
        return
    if url is None:
        _run(screen, workspace, False, done)
        return
    from kelompok.tui.dialogs.confirm import ConfirmDialog

    def answered(yes: bool | None) -> None:
        if yes:
            _run(screen, workspace, True, done)

    screen.app.push_screen(ConfirmDialog(t("sync.confirm_trust", url=url)), answered)


def _run(screen: Screen, workspace: Path, trust: bool, done: Callable[[], None]) -> None:
    from kelompok.sync.describe import arrival_summary
    from kelompok.sync.engine import SyncError, sync

    author = _author(screen)
    screen.notify(t("sync.status_working"), timeout=3)

    def work() -> None:
        try:
            result = sync(workspace, author, trust=trust)
        except SyncError as error:
            screen.app.call_from_thread(screen.notify, str(error), severity="error", timeout=10)
        else:
            lines = [t(f"sync.{'done' if result.outcome == 'synced' else result.outcome}", detail=result.detail)]
            if result.arrived:
                lines.append(t("sync.arrived_line", summary=", ".join(arrival_summary(result.arrived))))
            if result.conflicts:
                lines.append(t("sync.conflicts", count=result.conflicts))
            screen.app.call_from_thread(screen.notify, "\n".join(lines), timeout=8)
        screen.app.call_from_thread(done)

    screen.run_worker(work, thread=True, exclusive=True, group="sync")
