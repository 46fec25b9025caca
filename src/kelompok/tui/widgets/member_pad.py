"""The member pad of the live screen: who has which key, and how much each has spoken.

One row per member in seat order (key, name, participation bar, acts, time since they last spoke),
then the facilitator (`f`) and the whole group (`g`). Members absent from the session are dimmed
with their attendance status, so they are told apart from members who are present but silent.
Present members who have not spoken at all, or not for `silent_after` seconds, are highlighted so
the facilitator can draw them in (gatekeeping).

The pad draws itself as one widget (no child per row): an act changes one count and perhaps the
scale of every bar, and one repaint of a dozen short lines is the cheapest way to show that.
A click on a row posts `MemberPad.MemberClicked` with the row's key, as if it had been typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget

from kelompok.i18n import format_duration, format_percent, t

BAR_FULL = "█"
BAR_EMPTY = "░"


@dataclass
class PadMember:
    """One member's row: its key, who it is and what they did so far."""

    key: str
    code: str
    name: str
    status: str
    """present, late, absent, excused, or left (left during the session)."""
    acts: int = 0
    last_at: float | None = None
    """Session time of their last standing act, None when they have not spoken."""

    @property
    def present(self) -> bool:
        return self.status in ("present", "late")


def bar(value: int, top: int, width: int) -> str:
    """A participation bar `width` cells wide, full at `top`."""
    if width <= 0:
        return ""
    filled = 0 if top <= 0 else round(width * value / top)
    if value and not filled:
        filled = 1  # one act is not nothing
    return BAR_FULL * filled + BAR_EMPTY * (width - filled)


class MemberPad(Widget):
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
        height: 1fr;
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
        self.facilitator_last: float | None = None
        self.group_acts = 0
        """Acts addressed to the whole group (by anyone)."""
        self.total_acts = 0
        self.elapsed = 0.0
        self.silent_after = 600.0
        self.speaker: str | None = None
        """Code of the speaker of the turn being typed (highlighted), or None."""
        self.addressee: str | None = None

    def show(self, members: list[PadMember]) -> None:
        """Replace the rows (after attendance changes)."""
        self.members = members
        self.refresh(layout=True)

    def show_elapsed(self, elapsed: float) -> None:
        """Move the session clock; repaints only when a minute-level column can change."""
        before, self.elapsed = self.elapsed, elapsed
        if int(before) != int(elapsed):
            self.refresh()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.members) + 2

    def silent_level(self, member: PadMember) -> str | None:
        """`never`, `silent` or None: how a present member's silence is shown."""
        if not member.present:
            return None
        if member.last_at is None:
            return "never"
        if self.elapsed - member.last_at >= self.silent_after:
            return "silent"
        return None

    def render(self) -> Content:
        width = max(self.content_region.width, 20)
        style = self.get_visual_style
        key_style = style("member-pad--key")
        bar_style = style("member-pad--bar")
        top = max([m.acts for m in self.members] + [self.facilitator_acts, 1])
        # Columns: key(1) sp name(n) sp bar(b) sp acts(4) sp since(6). The name gets what is left
        # after a bar of at least 6 cells; on wide terminals the bar grows instead of the name.
        name_width = min(18, max(8, width - 2 - 1 - 1 - 6 - 5 - 7))
        bar_width = max(0, width - 2 - name_width - 1 - 5 - 7)
        if bar_width > 30:  # a wide terminal: longer names first, then a longer bar
            name_width = min(28, name_width + bar_width - 30)
            bar_width = max(0, width - 2 - name_width - 1 - 5 - 7)
        lines: list[Content] = []
        for member in self.members:
            name = Content(member.name).truncate(name_width, ellipsis=True, pad=True)
            if not member.present:
                status = t(f"live.status.{member.status}")
                line = Content.assemble(f"{member.key} ", name, " ", status)
                lines.append(line.truncate(width, ellipsis=True).stylize(style("member-pad--absent")))
                continue
            level = self.silent_level(member)
            if member.last_at is None:
                since = t("live.pad.never")
            else:
                since = format_duration(max(0.0, self.elapsed - member.last_at))
            since_text = f"{since:>7}"
            parts = [
                (member.key, key_style),
                " ",
                name,
                " ",
                (bar(member.acts, top, bar_width), bar_style),
                f"{member.acts:>5}",
                since_text,
            ]
            line = Content.assemble(*parts)
            if level is not None:
                line = line.stylize(style(f"member-pad--{level}"), len(member.key) + 1, len(member.key) + 1 + name_width)
                line = line.stylize(style(f"member-pad--{level}"), line.cell_length - len(since_text))
            if member.code in (self.speaker, self.addressee):
                line = line.stylize(style("member-pad--speaker"))
            lines.append(line)
        # The facilitator: the share of all acts is the signal of a leader-centred group.
        share = format_percent(self.facilitator_acts / self.total_acts) if self.total_acts else "—"
        name = Content(t("live.facilitator")).truncate(name_width, ellipsis=True, pad=True)
        line = Content.assemble(
            ("f", key_style), " ", name.stylize(style("member-pad--facilitator")), " ",
            (bar(self.facilitator_acts, top, bar_width), bar_style),
            f"{self.facilitator_acts:>5}", f"{share:>7}",
        )
        if self.speaker == "facilitator" or self.addressee == "facilitator":
            line = line.stylize(style("member-pad--speaker"))
        lines.append(line)
        name = Content(t("live.group")).truncate(name_width, ellipsis=True, pad=True)
        line = Content.assemble(("g", key_style), " ", name, " ", " " * bar_width, f"{self.group_acts:>5}")
        if self.addressee == "group":
            line = line.stylize(style("member-pad--speaker"))
        lines.append(line)
        return Content("\n").join(lines)

    def on_click(self, event: events.Click) -> None:
        keys = [m.key if m.present else "" for m in self.members] + ["f", "g"]
        row = event.y - self.styles.padding.top
        if 0 <= row < len(keys) and keys[row]:
            self.post_message(self.MemberClicked(keys[row]))
