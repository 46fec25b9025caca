"""The timeline of a session for review: one row per event that stands, selectable to comment on.

A `gap` (recording interrupted) has its own row, "terputus 12 menit", so the time it covers is
never read as a quiet stretch of the group.

Rows carry the event's `seq` as their key, so the screen anchors a comment to the act under the
cursor. The same widget lists only the safety-flagged notes in the safety section.

A note is never cut: the note column takes the width the other columns leave, and a longer note
wraps onto more lines of its row (a safety note cut at "sidang cerai…" hides what matters).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import DataTable

from kelompok.i18n import t
from kelompok.tui.safe_text import clean, plain


@dataclass(frozen=True)
class TimelineRow:
    """One event as the timeline shows it (already in words)."""

    seq: int
    time: str
    act: str
    role: str
    code: str
    note: str
    comments: int
    safety: bool = False
    gap: bool = False
    """Recording was interrupted here (a `gap` event): shown so nobody reads the span as silence."""


class ReviewTimeline(DataTable):
    """A read-only table of events; `selected_seq` is the event under the cursor."""

    DEFAULT_CSS = """
    ReviewTimeline { height: 1fr; }
    """
    MIN_NOTE_WIDTH = 20
    """The note column is never narrower than this; at 80 columns notes wrap rather than vanish."""

    def __init__(self, section: str, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.section = section
        self.timeline_rows: list[TimelineRow] = []
        self._shown_width = 0

    def show(self, rows: list[TimelineRow]) -> None:
        """Fill the table; the cursor stays on the same event when it is still there."""
        keep = self.selected_seq
        self.timeline_rows = rows
        self.clear(columns=True)
        self.add_column(t("review_screen.timeline.col_seq"), key="seq")
        self.add_column(t("review_screen.timeline.col_time"), key="time")
        self.add_column(t("review_screen.timeline.col_act"), key="act")
        self.add_column(t("review_screen.timeline.col_comments"), key="comments")
        self.add_column(t("review_screen.timeline.col_role"), key="role")
        self.add_column(t("review_screen.timeline.col_code"), key="code")
        self._shown_width = self.size.width
        self.add_column(t("review_screen.timeline.col_note"), key="note", width=self._note_width(rows))
        for row in rows:
            # Text, not str: names and notes are shown as written, never read as markup.
            if row.safety:
                act = Content.styled(clean(row.act), "bold $error")
            elif row.gap:
                act = Content.styled(clean(row.act), "bold $warning")
            else:
                act = plain(row.act)
            comments = Content.styled(f"[{row.comments}]", "bold $accent") if row.comments else ""
            height = None if row.note else 1  # None: as many lines as the wrapped note needs
            self.add_row(
                str(row.seq),
                row.time,
                act,
                comments,
                row.role,
                row.code,
                plain(row.note),
                key=str(row.seq),
                height=height,
            )
        if keep is not None:
            for index, row in enumerate(rows):
                if row.seq == keep:
                    self.move_cursor(row=index, animate=False)
                    break

    def _note_width(self, rows: list[TimelineRow]) -> int:
        """What the other columns leave of the table's width (they are as wide as their longest cell)."""
        heads = [t(f"review_screen.timeline.col_{key}") for key in ("seq", "time", "act", "comments", "role", "code")]
        cells = [(str(r.seq), r.time, r.act, f"[{r.comments}]" if r.comments else "", r.role, r.code) for r in rows]
        others = sum(max([len(head), *(len(cell[index]) for cell in cells)]) for index, head in enumerate(heads))
        padding = 2 * self.cell_padding * 7
        room = (self.size.width or self.app.size.width) - others - padding - 2  # 2: a vertical scrollbar
        return max(self.MIN_NOTE_WIDTH, room)

    def on_resize(self) -> None:
        if self.timeline_rows and self.size.width != self._shown_width:
            self.show(self.timeline_rows)

    @property
    def selected_seq(self) -> int | None:
        """The `seq` of the event under the cursor, or None in an empty table."""
        if not self.timeline_rows or not 0 <= self.cursor_row < len(self.timeline_rows):
            return None
        return self.timeline_rows[self.cursor_row].seq
