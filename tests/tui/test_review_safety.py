"""Safety follow-up on the review screen: shown first with whom it went to and its status; the
supervisor closes it with a note (issue 11)."""

from __future__ import annotations

from pathlib import Path

from kelompok.sessions.store import load_session
from tests.tui.test_review import app_for, copy_group, open_review, write_dialog


async def test_the_supervisor_closes_an_open_safety_follow_up_with_a_note(tmp_path: Path):
    folder = copy_group(tmp_path, "kds-pelangi-harapan")
    app = app_for(folder, role="supervisor", name="Retno", lang="en")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, 4)
        hint = str(screen.query_one("#safety-hint").render())
        assert "reported to the supervisor" in hint and "open" in hint
        assert screen.check_action("close_follow_up", ()) is True
        await pilot.press("k")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommentDialog"
        await write_dialog(pilot, "Konselor bertemu anggota; dirujuk ke layanan PDP")
        assert "followed up (closed by Retno" in str(screen.query_one("#safety-hint").render())
        assert screen.check_action("close_follow_up", ()) is None  # nothing open any more
    [note] = [e for e in load_session(folder, 4).events if e.safety]
    assert note.follow_up.status == "followed_up" and note.follow_up.closed_by == "Retno"
    assert note.follow_up.closing_note == "Konselor bertemu anggota; dirujuk ke layanan PDP"
    assert load_session(folder, 4).review.trail[-1].action == "safety_followed_up"


async def test_a_facilitator_is_not_offered_the_close_step(tmp_path: Path):
    folder = copy_group(tmp_path, "remaja-lksa-tunas-bangsa")
    app = app_for(folder, role="facilitator", name="Yoga", lang="en")
    async with app.run_test(size=(110, 34)) as pilot:
        screen = await open_review(pilot, 2)
        assert screen.check_action("close_follow_up", ()) is False
        # The flagged absence comes first, already followed up by the LKSA head's report.
        assert screen.query_one("ReviewSections").current == "safety"
        assert "absence of R7" in str(screen.query_one("#safety-hint").render())
