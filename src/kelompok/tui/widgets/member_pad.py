"""The member pad of the live screen: who has which key, and how much each has spoken.

One row per member in seat order (key, name, participation bar, acts, minutes since they last
spoke), then the facilitator (`f`) and the whole group (`g`). Members absent from the session are
dimmed with their attendance status, so they are told apart from members who are present but
silent. Present members who have not spoken at all, or not for `silent_after` seconds, are
highlighted so the facilitator can draw them in (gatekeeping); under them, `invite` (set by the
live screen) offers the one-key prompt to invite the quietest of them.

Bars share one scale — a round number above the most acts anyone has, the facilitator included —
so a leader-centred group shows as a long facilitator bar. Rows are drawn line by line and reused while they do not
change (`CachedLines`): an act redraws the speaker's row, and every row only when the scale moves.
A click on a row posts `MemberPad.MemberClicked` with the row's key, as if it had been typed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from kelompok.i18n import format_percent, t
from kelompok.tui.widgets.live_lines import CachedLines

BAR_FULL = "█"
BAR_EMPTY = "░"


@dataclass
class PadMember:
    """One member's row: its key, who it is and what they did so far."""

    key: str
    code: str
    name: str
    status: str
    """present, late (arrived late), expected (marked late, not here yet), absent, excused, or left."""
    acts: int = 0
    last_at: float | None = None
    """Session time of their last standing act, None when they have not spoken."""
    since: float = 0.0
    """Session time they came in (0, or their arrival): a silence is counted from here at most."""

    @property
    def present(self) -> bool:
        return self.status in ("present", "late")


SCALE_STEPS = (5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000)


def scale(most: int) -> int:
    """The bars' full length in acts: a round number at least `most`.

    The scale moves in steps, so that every bar is redrawn only when a step is passed, not each
    time the most talkative person speaks again.
    """
    for step in SCALE_STEPS:
        if most <= step:
            return step
    return (most // 1000 + 1) * 1000


def bar(value: int, top: int, width: int) -> str:
    """A participation bar `width` cells wide, full at `top`."""
    if width <= 0:
        return ""
    filled = 0 if top <= 0 else round(width * value / top)
    if value and not filled:
        filled = 1  # one act is not nothing
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


class MemberPad(CachedLines):
    """Members with their keys and live participation bars."""

    COMPONENT_CLASSES = {
        "member-pad--key",
        "member-pad--bar",
        "member-pad--silent",
        "member-pad--never",
        "member-pad--absent",
        "member-pad--speaker",
        "member-pad--facilitator",
    }

    DEFAULT_CSS = """
    MemberPad {
        height: auto;
        padding: 0 1;
    }
    MemberPad > .member-pad--key { color: $accent; text-style: bold; }
    MemberPad > .member-pad--bar { color: $primary; }
    MemberPad > .member-pad--silent { color: $warning; text-style: bold; }
    MemberPad > .member-pad--never { color: $warning; }
    MemberPad > .member-pad--absent { color: $text-disabled; }
    MemberPad > .member-pad--speaker { background: $accent 40%; }
    MemberPad > .member-pad--facilitator { color: $secondary; }
    """

    class MemberClicked(Message):
        """A row was clicked: treat it as its key being pressed."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.members: list[PadMember] = []
        self.facilitator_acts = 0
        self.group_acts = 0
        """Acts addressed to the whole group (by anyone)."""
        self.total_acts = 0
        self.elapsed = 0.0
        self.silent_after = 600.0
        self.invite = ""
        """The quiet-member prompt shown under the rows ("^U invite 7 Ani …"), or "" for none."""
        self.speaker: str | None = None
        """Code of the speaker of the turn being typed (highlighted), or None."""
        self.addressee: str | None = None
        self._generation = 0
        self._frame_generation: tuple[int, int] = (-1, 0)
        self._frame = (1, 8, 0)
        self._shown: list[Hashable] = []
        """The key of each row as last drawn, to repaint only rows that changed."""
        self._shown_width = 0

    def show(self, members: list[PadMember]) -> None:
        """Replace the rows (after attendance changes)."""
        self.members = members
        self.refresh(layout=True)

    def set_invite(self, text: str) -> None:
        """Show (or with "" hide) the quiet-member prompt line."""
        if text != self.invite:
            grows = bool(text) != bool(self.invite)
            self.invite = text
            self.refresh(layout=grows)

    def show_elapsed(self, elapsed: float) -> None:
        """Move the session clock; repaints when a shown minute can change."""
        before, self.elapsed = self.elapsed, elapsed
        if int(before // 60) != int(elapsed // 60):
            self.repaint_changed()

    def refresh(self, *regions, **kwargs):  # type: ignore[no-untyped-def, override]
        self._generation += 1
        return super().refresh(*regions, **kwargs)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.members) + 2 + (1 if self.invite else 0)

    def silent_level(self, member: PadMember) -> str | None:
        """`never`, `silent` or None: how a present member's silence is shown."""
        if not member.present:
            return None
        if member.last_at is None:
            return "never"
        if self.elapsed - member.last_at >= self.silent_after:
            return "silent"
        return None

    def _layout(self) -> tuple[int, int, int]:
        """(top of the scale, name width, bar width), once per repaint."""
        width = self.line_width
        if self._frame_generation != (self._generation, width):
            self._frame_generation = (self._generation, width)
            top = scale(max(self.facilitator_acts, 1, *(m.acts for m in self.members)))
            # key(1) sp name sp bar acts(5) sp since(7): the bar gets at least 6 cells, then names
            # grow to 28 cells on wide terminals, then the bar again.
            name_width = min(18, max(8, width - 22))
            bar_width = max(0, width - name_width - 16)
            if bar_width > 30:
                name_width = min(28, name_width + bar_width - 30)
                bar_width = max(0, width - name_width - 16)
            self._frame = (top, name_width, bar_width)
        return self._frame

    def since(self, member: PadMember) -> str:
        """Minutes since a member last spoke, as the pad shows it."""
        if member.last_at is None:
            return t("live.pad.never")
        minutes = int(max(0.0, self.elapsed - member.last_at) // 60)
        return t("live.pad.minutes", minutes=minutes) if minutes else t("live.pad.just_now")

    def repaint_changed(self) -> None:
        """Repaint only the rows whose content changed (after an act: the speaker's, the facilitator's …)."""
        self._generation += 1
        keys = [self._row(y)[0] for y in range(len(self.members) + 2 + (1 if self.invite else 0))]
        if len(keys) != len(self._shown) or self._shown_width != self.line_width:
            self.refresh()
            return
        width = self.content_size.width
        changed = [Region(0, y, width, 1) for y, key in enumerate(keys) if key != self._shown[y]]
        if changed:
            super().refresh(*changed)

    def render_line(self, y: int) -> Strip:
        key, build = self._row(y)
        if key is None:
            return self.blank()
        if y < len(self._shown):
            self._shown[y] = key
        else:
            self._shown.extend([None] * (y + 1 - len(self._shown)))
            self._shown[y] = key
        self._shown_width = self.line_width
        return self.line(key, build)

    def _row(self, y: int) -> tuple[Hashable, Callable[[], Content]]:
        """The cache key of row `y` (everything it shows) and how to draw it."""
        top, name_width, bar_width = self._layout()
        count = len(self.members)
        style = self.get_visual_style
        if y < count:
            member = self.members[y]
            if not member.present:

                def build_absent() -> Content:
                    name = Content(member.name).truncate(name_width, ellipsis=True, pad=True)
                    line = Content.assemble(f"{member.key} ", name, " ", t(f"live.status.{member.status}"))
                    return line.stylize(style("member-pad--absent"))

                return ("absent", member.key, member.name, member.status, name_width), build_absent
            level = self.silent_level(member)
            since = self.since(member)
            lit = member.code in (self.speaker, self.addressee)

            def build() -> Content:
                name = Content(member.name).truncate(name_width, ellipsis=True, pad=True)
                # The space keeps the count and a worded "since" apart ("0 not yet", not "0not yet").
                since_text = f" {since:>7}"
                line = Content.assemble(
                    (member.key, style("member-pad--key")),
                    " ",
                    name,
                    " ",
                    (bar(member.acts, top, bar_width), style("member-pad--bar")),
                    f"{member.acts:>5}",
                    since_text,
                )
                if level is not None:
                    start = len(member.key) + 1
                    line = line.stylize(style(f"member-pad--{level}"), start, start + name_width)
                    line = line.stylize(style(f"member-pad--{level}"), line.cell_length - len(since_text))
                return line.stylize(style("member-pad--speaker")) if lit else line

            return (
                "member",
                member.key,
                member.name,
                member.acts,
                top,
                since,
                level,
                lit,
                name_width,
                bar_width,
            ), build
        if y == count:
            share = format_percent(self.facilitator_acts / self.total_acts) if self.total_acts else "—"
            lit = "facilitator" in (self.speaker, self.addressee)

            def build_facilitator() -> Content:
                name = Content(t("live.facilitator")).truncate(name_width, ellipsis=True, pad=True)
                line = Content.assemble(
                    ("f", style("member-pad--key")),
                    " ",
                    name.stylize(style("member-pad--facilitator")),
                    " ",
                    (bar(self.facilitator_acts, top, bar_width), style("member-pad--bar")),
                    f"{self.facilitator_acts:>5}",
                    f" {share:>7}",
                )
                return line.stylize(style("member-pad--speaker")) if lit else line

            return ("f", self.facilitator_acts, top, share, lit, name_width, bar_width), build_facilitator
        if y == count + 1:
            lit = self.addressee == "group"

            def build_group() -> Content:
                name = Content(t("live.group")).truncate(name_width, ellipsis=True, pad=True)
                line = Content.assemble(
                    ("g", style("member-pad--key")), " ", name, " ", " " * bar_width, f"{self.group_acts:>5}"
                )
                return line.stylize(style("member-pad--speaker")) if lit else line

            return ("g", self.group_acts, lit, name_width, bar_width), build_group
        if y == count + 2 and self.invite:
            invite = self.invite

            def build_invite() -> Content:
                return Content(invite).truncate(self.line_width, ellipsis=True).stylize(style("member-pad--silent"))

            return ("invite", invite, self.line_width), build_invite
        return None, Content

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        keys = [m.key if m.present else "" for m in self.members] + ["f", "g"]
        if offset is not None and 0 <= offset.y < len(keys) and keys[offset.y]:
            self.post_message(self.MemberClicked(keys[offset.y]))
