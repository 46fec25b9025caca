"""`kelompok check`: validate a workspace, a group folder, or single files, and report every problem."""

from __future__ import annotations

from pathlib import Path

from kelompok.i18n import t
from kelompok.sessions.fileio import DataError, read_model
from kelompok.sessions.models import Group
from kelompok.sessions.store import (
    GROUP_FILE,
    SESSIONS_DIR,
    check_group_for_member_codes,
    is_group_dir,
    load_group,
    load_session_file,
    session_numbers,
    session_path,
)


def check_group(folder: Path) -> tuple[list[DataError], int]:
    """Every problem in one group folder, and how many files were read."""
    problems: list[DataError] = []
    try:
        group: Group | None = load_group(folder)
    except DataError as error:
        problems.append(error)
        group = None
    checked = 1
    for number in session_numbers(folder):
        path = session_path(folder, number)
        checked += 1
        try:
            session = load_session_file(path)
            if group is not None:
                check_group_for_member_codes(group, session, path)
        except DataError as error:
            problems.append(error)
    return problems, checked


def check_file(path: Path) -> tuple[list[DataError], int]:
    """Problems in one file: a `group.toml` or a session file (checked against its group if beside one)."""
    if path.name == GROUP_FILE:
        try:
            read_model(Group, path)
        except DataError as error:
            return [error], 1
        return [], 1
    try:
        session = load_session_file(path)
        group_dir = path.parent.parent if path.parent.name == SESSIONS_DIR else None
        if group_dir is not None and is_group_dir(group_dir):
            check_group_for_member_codes(load_group(group_dir), session, path)
    except DataError as error:
        return [error], 1
    return [], 1


def check_path(path: Path) -> tuple[list[DataError], int]:
    """Check a file, a group folder, or a workspace (a folder of group folders)."""
    if not path.exists():
        return [DataError(path, "", t("errors.not_found"))], 0
    if path.is_file():
        return check_file(path)
    if is_group_dir(path):
        return check_group(path)
    groups = [p for p in sorted(path.iterdir()) if p.is_dir() and is_group_dir(p)]
    if not groups:
        return [DataError(path, "", t("errors.no_group_folder", file=GROUP_FILE))], 0
    problems: list[DataError] = []
    checked = 0
    for folder in groups:
        found, count = check_group(folder)
        problems += found
        checked += count
    return problems, checked


def consent_warnings(path: Path) -> list[str]:
    """Warnings (not errors: exit 0) for present members who lack the consent a session needs.

    One line per member and session, naming the member by code only. Unreadable files give no
    warnings here: `check_path` already reports them as errors.
    """
    from kelompok.sessions.consent import missing_in_session

    if path.is_file():
        folder = path.parent.parent if path.parent.name == SESSIONS_DIR else path.parent
        folders = [folder] if is_group_dir(folder) else []
    elif is_group_dir(path):
        folders = [path]
    elif path.is_dir():
        folders = [p for p in sorted(path.iterdir()) if p.is_dir() and is_group_dir(p)]
    else:
        folders = []
    lines = []
    for folder in folders:
        try:
            group = load_group(folder)
        except DataError:
            continue
        for number in session_numbers(folder):
            try:
                session = load_session_file(session_path(folder, number))
            except DataError:
                continue
            for gap in missing_in_session(group, session):
                needs = ", ".join(t(f"privacy.consent_need.{need}") for need in gap.missing)
                lines.append(
                    t("privacy.check_missing_consent", path=session_path(folder, number), code=gap.member, needs=needs)
                )
    return lines
