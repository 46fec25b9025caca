"""Sync between the facilitator's and the supervisor's workspaces through a local bare remote, on real git.

No global git configuration is assumed (HOME points into tmp_path): kelompok passes the author
itself. Every step goes through the domain functions a user's keys call (Recorder, review.py).
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from kelompok.sessions import review
from kelompok.sessions.models import SessionPlan
from kelompok.sessions.recording import Recorder
from kelompok.sessions.store import load_session, save_group, save_session
from kelompok.sync.conflicts import load_conflicts, resolve
from kelompok.sync.engine import SyncError, sync
from kelompok.sync.status import workspace_status
from tests.conftest import make_group, make_session

FACILITATOR, SUPERVISOR = "Bu Sari", "Retno Palupi"
GROUP = "kube-mawar"


@pytest.fixture(autouse=True)
def _no_git_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    home = tmp_path / "git-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"):
        monkeypatch.delenv(name, raising=False)


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    path = tmp_path / "usb" / "kelompok.git"
    path.mkdir(parents=True)
    git(path, "init", "-q", "--bare", "-b", "main")
    return path


def planned(number: int):
    session = make_session(number, acts=0)
    session.state = "planned"
    session.events = []
    session.plan = SessionPlan(purpose="Menyepakati aturan kelompok", venue="Balai desa")
    return session


@pytest.fixture
def two_machines(tmp_path: Path, remote: Path) -> tuple[Path, Path]:
    """The facilitator's workspace with one group, pushed; the supervisor's cloned from the remote."""
    laptop = tmp_path / "laptop"
    save_group(laptop / GROUP, make_group())
    result = sync(laptop, FACILITATOR, remote=str(remote), trust=True)
    assert result.outcome == "synced"
    office = tmp_path / "office"
    assert sync(office, SUPERVISOR, remote=str(remote), trust=True).outcome == "cloned"
    return laptop, office


def record_session(workspace: Path, number: int, acts: int = 6) -> None:
    folder = workspace / GROUP
    save_session(folder, planned(number))
    with Recorder.open(folder, number) as recorder:
        recorder.start({"A1": "present", "A2": "present", "A3": "present"})
        for i in range(acts):
            recorder.speak(["A1", "A2", "A3"][i % 3], "group")
        recorder.note("Kesepakatan aturan tercapai")
        recorder.end()


def edit(workspace: Path, number: int, change) -> None:
    folder = workspace / GROUP
    session = load_session(folder, number)
    change(session)
    save_session(folder, session)


def last_subject(workspace: Path) -> str:
    return git(workspace, "log", "-1", "--format=%s", "--no-merges")


def test_full_round_trip(two_machines: tuple[Path, Path]):
    laptop, office = two_machines

    # 1. The facilitator records a session and syncs; the supervisor syncs and sees it.
    record_session(laptop, 1)
    edit(laptop, 1, lambda s: review.submit(s, FACILITATOR))
    result = sync(laptop, FACILITATOR)
    assert result.outcome == "synced"
    assert last_subject(laptop) == "Sesi 1 KUBE Mawar dicatat; Sesi 1 KUBE Mawar diajukan untuk supervisi"
    assert git(laptop, "log", "-1", "--format=%an") == FACILITATOR
    result = sync(office, SUPERVISOR)
    assert [c.kind for c in result.arrived] == ["recorded", "submitted"]
    seen = load_session(office / GROUP, 1)
    assert len(seen.acts()) == 6 and seen.review.status == "submitted"

    # 2. The supervisor comments and returns it, then syncs; the facilitator syncs and sees the return.
    edit(office, 1, lambda s: review.comment(s, SUPERVISOR, "Catatan refleksi belum ada", section="notes"))
    edit(office, 1, lambda s: review.return_to_facilitator(s, SUPERVISOR, "Lengkapi refleksi"))
    sync(office, SUPERVISOR)
    assert git(office, "log", "-1", "--format=%an") == SUPERVISOR
    assert last_subject(office).startswith(f"Komentar {SUPERVISOR} pada sesi 1 KUBE Mawar")
    result = sync(laptop, FACILITATOR)
    assert "returned" in [c.kind for c in result.arrived]
    back = load_session(laptop / GROUP, 1)
    assert back.review.status == "returned"
    assert [c.text for c in back.review.comments] == ["Catatan refleksi belum ada", "Lengkapi refleksi"]
    assert workspace_status(laptop).arrived == ["1 sesi diberi komentar supervisor", "1 sesi dikembalikan supervisor"]

    # 3. The facilitator amends and resubmits.
    def amend_and_resubmit(session):
        review.amend(session, FACILITATOR, "notes", "Refleksi: kelompok mulai saling percaya")
        review.submit(session, FACILITATOR)

    edit(laptop, 1, amend_and_resubmit)
    sync(laptop, FACILITATOR)
    sync(office, SUPERVISOR)
    resubmitted = load_session(office / GROUP, 1)
    assert resubmitted.review.status == "submitted"
    assert resubmitted.notes == "Refleksi: kelompok mulai saling percaya"

    # 4. The supervisor signs off; after the facilitator's next sync the session is locked there.
    edit(office, 1, lambda s: review.sign_off(s, SUPERVISOR))
    sync(office, SUPERVISOR)
    sync(laptop, FACILITATOR)
    locked = load_session(laptop / GROUP, 1)
    assert locked.locked and locked.review.signoff.by == SUPERVISOR
    with pytest.raises(Exception, match="disahkan|locked|dikunci"):
        Recorder.open(laptop / GROUP, 1)
    edit(laptop, 1, lambda s: review.amend(s, FACILITATOR, "notes", "Refleksi diperluas"))
    amended = load_session(laptop / GROUP, 1)
    assert [a.before for a in amended.review.amendments] == ["Refleksi: kelompok mulai saling percaya"]
    actions = [e.action for e in amended.review.trail]
    assert actions == [
        "submitted",
        "commented",
        "commented",
        "returned",
        "edited",
        "submitted",
        "signed_off",
        "amended",
    ]


def test_offline_edits_of_the_same_session_both_survive(two_machines: tuple[Path, Path]):
    laptop, office = two_machines
    record_session(laptop, 1, acts=3)
    edit(laptop, 1, lambda s: review.submit(s, FACILITATOR))
    sync(laptop, FACILITATOR)
    sync(office, SUPERVISOR)

    # Offline on both sides: the facilitator adds events, plan and notes; the supervisor comments
    # and returns it.
    def facilitator_edits(session):
        session.plan.follow_up = "Kunjungan rumah A2"
        session.notes = "Catatan tambahan"
        from kelompok.sessions.models import Event

        session.events.append(Event(seq=session.next_seq(), at=999.0, kind="note", note="Susulan: A2 bercerita"))

    edit(laptop, 1, facilitator_edits)
    edit(office, 1, lambda s: review.return_to_facilitator(s, SUPERVISOR, "Tambahkan evaluasi"))
    assert sync(office, SUPERVISOR).outcome == "synced"
    assert sync(laptop, FACILITATOR).outcome == "synced"  # merges here
    assert sync(office, SUPERVISOR).outcome == "synced"

    for workspace in (laptop, office):
        session = load_session(workspace / GROUP, 1)
        assert session.plan.follow_up == "Kunjungan rumah A2"
        assert session.notes == "Catatan tambahan"
        assert session.events[-1].note == "Susulan: A2 bercerita"
        assert len(session.acts()) == 3
        assert session.review.status == "returned"
        assert [c.text for c in session.review.comments] == ["Tambahkan evaluasi"]
        text = (workspace / GROUP / "sessions" / "001.toml").read_text()
        assert "<<<<<<<" not in text and ">>>>>>>" not in text
    assert load_conflicts(laptop) == []
    assert git(laptop, "rev-parse", "HEAD") == git(office, "rev-parse", "HEAD")


def test_true_conflict_keeps_both_versions_and_the_user_picks(two_machines: tuple[Path, Path]):
    laptop, office = two_machines
    save_session(laptop / GROUP, planned(2))
    sync(laptop, FACILITATOR)
    sync(office, SUPERVISOR)

    def purpose(text):
        return lambda s: setattr(s.plan, "purpose", text)

    edit(laptop, 2, purpose("Tujuan versi pendamping"))
    edit(office, 2, purpose("Tujuan versi supervisor"))
    sync(office, SUPERVISOR)
    result = sync(laptop, FACILITATOR)
    assert result.outcome == "synced" and result.conflicts == 1

    # The file stays valid and holds the local version; the other one is kept for the choice.
    path = laptop / GROUP / "sessions" / "002.toml"
    assert "<<<<<<<" not in path.read_text()
    assert load_session(laptop / GROUP, 2).plan.purpose == "Tujuan versi pendamping"
    [conflict] = load_conflicts(laptop)
    assert (conflict.path, conflict.field) == (f"{GROUP}/sessions/002.toml", ["plan", "purpose"])
    assert (conflict.ours, conflict.theirs) == ("Tujuan versi pendamping", "Tujuan versi supervisor")
    assert workspace_status(laptop).conflicts == 1

    resolve(laptop, conflict.id, "theirs")
    assert load_session(laptop / GROUP, 2).plan.purpose == "Tujuan versi supervisor"
    assert load_conflicts(laptop) == []
    sync(laptop, FACILITATOR)
    sync(office, SUPERVISOR)
    assert load_session(office / GROUP, 2).plan.purpose == "Tujuan versi supervisor"
    # Both versions stay in history, whatever was picked.
    history = git(laptop, "log", "-p", "--all", "--", f"{GROUP}/sessions/002.toml")
    assert "Tujuan versi pendamping" in history and "Tujuan versi supervisor" in history


def test_running_session_refuses_and_never_commits_a_journal(two_machines: tuple[Path, Path]):
    laptop, _office = two_machines
    folder = laptop / GROUP
    save_session(folder, planned(1))
    head = git(laptop, "rev-parse", "HEAD")
    recorder = Recorder.open(folder, 1)
    recorder.start({"A1": "present", "A2": "present"})
    recorder.speak("A1", "A2")
    assert (folder / "sessions" / "001.journal").is_file()
    with pytest.raises(SyncError, match="kube-mawar.*dicatat langsung"):
        sync(laptop, FACILITATOR)
    assert git(laptop, "rev-parse", "HEAD") == head  # nothing committed

    # A crash leaves the journal behind (and releases the lock): sync takes the checkpoint only.
    recorder.close(checkpoint=False)
    assert (folder / "sessions" / "001.journal").is_file()
    sync(laptop, FACILITATOR)
    tracked = git(laptop, "ls-files").splitlines()
    assert f"{GROUP}/sessions/001.toml" in tracked
    assert not any(name.endswith((".journal", ".lock", ".tmp")) for name in tracked)
    committed = tomllib.loads(git(laptop, "show", f"HEAD:{GROUP}/sessions/001.toml"))
    assert committed["state"] == "running" and "events" not in committed  # the checkpoint at start


def test_running_in_another_process_refuses(two_machines: tuple[Path, Path]):
    laptop, _office = two_machines
    code = (
        "import sys, time; from pathlib import Path; from kelompok.sessions.locking import GroupLock; "
        f"lock = GroupLock(Path({str(laptop / GROUP)!r})); assert lock.acquire(); print('held', flush=True); time.sleep(30)"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(SyncError, match="kube-mawar"):
            sync(laptop, FACILITATOR)
    finally:
        holder.kill()
        holder.wait()


def test_usb_path_remote_is_created_when_missing(tmp_path: Path):
    laptop = tmp_path / "laptop"
    save_group(laptop / GROUP, make_group())
    save_session(laptop / GROUP, make_session(1))
    stick = tmp_path / "media" / "FLASHDISK" / "kelompok"  # a folder that does not exist yet
    (tmp_path / "media" / "FLASHDISK").mkdir(parents=True)
    assert sync(laptop, FACILITATOR, remote=str(stick), trust=True).outcome == "synced"
    assert git(stick, "rev-parse", "--is-bare-repository") == "true"
    office = tmp_path / "office"
    result = sync(office, SUPERVISOR, remote=str(stick), trust=True)
    assert result.outcome == "cloned"
    assert load_session(office / GROUP, 1).acts() == load_session(laptop / GROUP, 1).acts()
    assert (office / GROUP / "group.toml").stat().st_mode & 0o777 == 0o600
    assert office.stat().st_mode & 0o777 == 0o700


def test_no_remote_commits_locally(tmp_path: Path):
    laptop = tmp_path / "laptop"
    save_group(laptop / GROUP, make_group())
    result = sync(laptop, FACILITATOR)
    assert result.outcome == "local"
    assert last_subject(laptop) == "Kelompok KUBE Mawar dibuat"
    assert git(laptop, "status", "--porcelain") == ""
    assert ".journal" in (laptop / ".gitignore").read_text()


def test_unreachable_remote_commits_locally_and_sends_later(two_machines: tuple[Path, Path], remote: Path):
    laptop, office = two_machines
    record_session(laptop, 1)
    moved = remote.with_name("away.git")
    remote.rename(moved)  # the USB stick is not plugged in
    result = sync(laptop, FACILITATOR)
    assert result.outcome == "offline"
    assert last_subject(laptop) == "Sesi 1 KUBE Mawar dicatat"
    assert workspace_status(laptop).unsent == 1
    moved.rename(remote)
    assert sync(laptop, FACILITATOR).outcome == "synced"
    assert workspace_status(laptop).unsent == 0
    sync(office, SUPERVISOR)
    assert len(load_session(office / GROUP, 1).acts()) == 6


def test_untrusted_remote_is_refused_before_anything_is_sent(tmp_path: Path, remote: Path):
    laptop = tmp_path / "laptop"
    save_group(laptop / GROUP, make_group())
    with pytest.raises(SyncError, match="--trust-remote"):
        sync(laptop, FACILITATOR, remote=str(remote))
    assert git(remote, "for-each-ref") == ""
    with pytest.raises(SyncError, match="--trust-remote"):
        sync(tmp_path / "office", SUPERVISOR, remote=str(remote))
    assert not (tmp_path / "office").exists() or not any((tmp_path / "office").iterdir())
    sync(laptop, FACILITATOR, remote=str(remote), trust=True)
    assert sync(laptop, FACILITATOR).outcome == "synced"  # asked once per workspace


def test_failed_merge_leaves_the_workspace_as_it_was(two_machines: tuple[Path, Path]):
    laptop, office = two_machines
    # A file kelompok does not merge, changed on both sides: git cannot merge it.
    (laptop / "catatan.txt").write_text("versi laptop\n")
    sync(laptop, FACILITATOR)
    sync(office, SUPERVISOR)
    (laptop / "catatan.txt").write_text("versi laptop 2\n")
    (office / "catatan.txt").write_text("versi kantor\n")
    sync(office, SUPERVISOR)
    head = git(laptop, "rev-parse", "HEAD")
    with pytest.raises(SyncError, match="penggabungan gagal"):
        sync(laptop, FACILITATOR)
    assert git(laptop, "rev-parse", "HEAD") == head
    assert (laptop / "catatan.txt").read_text() == "versi laptop 2\n"
    assert git(laptop, "status", "--porcelain") == "M catatan.txt"


def test_cli_sync_clones_then_syncs(tmp_path: Path, remote: Path, monkeypatch: pytest.MonkeyPatch):
    laptop = tmp_path / "laptop"
    save_group(laptop / GROUP, make_group())

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "kelompok", "sync", *args], capture_output=True, text=True, check=False
        )

    refused = run(str(laptop), "--remote", str(remote))
    assert refused.returncode == 2 and "--trust-remote" in refused.stderr
    first = run(str(laptop), "--remote", str(remote), "--trust-remote")
    assert first.returncode == 0, first.stderr
    assert "Tersinkron" in first.stdout and "Kelompok KUBE Mawar dibuat" in first.stdout
    office = tmp_path / "office"
    cloned = run(str(office), "--remote", str(remote), "--trust-remote", "--lang", "en")
    assert cloned.returncode == 0, cloned.stderr
    assert "Workspace fetched from the remote" in cloned.stdout
    assert (office / GROUP / "group.toml").is_file()
    again = run(str(office))
    assert again.returncode == 0 and "Tidak ada perubahan lokal" in again.stdout


def test_forget_notice_only_in_a_synced_workspace(tmp_path: Path, remote: Path):
    from kelompok.sync.history import forget_notice

    laptop = tmp_path / "laptop"
    save_group(laptop / GROUP, make_group())
    assert forget_notice(laptop / GROUP) is None
    sync(laptop, FACILITATOR, remote=str(remote), trust=True)
    notice = forget_notice(laptop / GROUP)
    assert notice is not None and "riwayat git" in notice and str(remote) in notice


def test_rejected_push_leaves_the_workspace_as_it_was(two_machines: tuple[Path, Path], remote: Path):
    laptop, office = two_machines
    save_session(office / GROUP, planned(1))
    sync(office, SUPERVISOR)
    record_session(laptop, 2)
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'ditolak server' >&2\nexit 1\n")
    hook.chmod(0o755)
    result = sync(laptop, FACILITATOR)
    assert result.outcome == "offline" and result.detail == "ditolak server"
    assert not (laptop / GROUP / "sessions" / "001.toml").exists()  # the merge was taken back
    assert last_subject(laptop) == "Sesi 2 KUBE Mawar dicatat"  # the local commit stays
    assert git(laptop, "status", "--porcelain") == ""
    hook.unlink()
    assert sync(laptop, FACILITATOR).outcome == "synced"
    assert (laptop / GROUP / "sessions" / "001.toml").is_file()


def test_check_accepts_a_synced_workspace(two_machines: tuple[Path, Path]):
    laptop, _office = two_machines
    record_session(laptop, 1)
    sync(laptop, FACILITATOR)
    checked = subprocess.run(
        [sys.executable, "-m", "kelompok", "check", str(laptop)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr


def test_cli_lists_a_conflict_with_both_versions_and_picks_one(two_machines: tuple[Path, Path]):
    laptop, office = two_machines
    save_session(laptop / GROUP, planned(2))
    sync(laptop, FACILITATOR)
    sync(office, SUPERVISOR)
    edit(laptop, 2, lambda s: setattr(s.plan, "venue", "Balai desa Mawar"))
    edit(office, 2, lambda s: setattr(s.plan, "venue", "Kantor Dinas"))
    sync(office, SUPERVISOR)
    assert sync(laptop, FACILITATOR).conflicts == 1

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "kelompok", "sync", str(laptop), *args], capture_output=True, text=True, check=False
        )

    listed = run("--conflicts")
    assert listed.returncode == 0, listed.stderr
    assert f"#1 {GROUP}/sessions/002.toml · plan.venue" in listed.stdout
    assert 'di sini: "Balai desa Mawar"' in listed.stdout and 'dari remote: "Kantor Dinas"' in listed.stdout
    assert run("--pick", "1=mine").returncode == 2
    assert run("--pick", "7=ours").returncode == 2
    picked = run("--pick", "1=theirs")
    assert picked.returncode == 0 and "#1" in picked.stdout
    assert load_session(laptop / GROUP, 2).plan.venue == "Kantor Dinas"
    assert "Tidak ada konflik" in run("--conflicts").stdout
