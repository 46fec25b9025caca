"""Child process of the kill test: record as fast as possible until SIGKILLed.

    python kill_child.py GROUP_DIR SESSION_NUMBER SEED

Prints `ready` once the recorder is open and the session running, then one line per recording
call: `<seq>` of the acknowledged event, written and flushed only **after** the Recorder method has
returned — so every seq the parent reads was acknowledged to the "user" and must survive the kill.
`c` marks a finished checkpoint (for the parent's statistics only).

The mix of calls is chosen so that kills also land inside undo, pause (which checkpoints) and
explicit checkpoints, and inside the recovery checkpoint at open.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from kelompok.sessions.recording import Recorder


def main(argv: list[str]) -> None:
    group_dir, number, seed = Path(argv[0]), int(argv[1]), int(argv[2])
    rng = random.Random(seed)
    out = sys.stdout
    recorder = Recorder.open(group_dir, number)
    if recorder.state == "planned":
        recorder.start()
    elif recorder.state == "paused":
        ack(out, recorder.resume().seq)
    out.write("ready\n")
    out.flush()
    members = [m.code for m in recorder.group.members]
    while True:
        roll = rng.random()
        present = recorder.present()
        absent = [code for code in members if code not in present]
        if roll < 0.08:
            event = recorder.undo()
            if event is not None:
                ack(out, event.seq)
        elif roll < 0.11:
            recorder.checkpoint()
            out.write("c\n")
            out.flush()
        elif roll < 0.13:
            ack(out, recorder.pause().seq)  # pause checkpoints too
            ack(out, recorder.resume().seq)
        elif roll < 0.16:
            ack(out, recorder.note(f"catatan {rng.randrange(1000)}\nbaris kedua", safety=rng.random() < 0.2).seq)
        elif roll < 0.19 and absent:
            ack(out, recorder.arrive(rng.choice(absent)).seq)
        elif roll < 0.21 and len(present) > 2:
            ack(out, recorder.leave(rng.choice(present)).seq)
        else:
            speakers = ["facilitator", *present]
            speaker = rng.choice(speakers)
            listeners = [code for code in ["group", *speakers] if code != speaker]
            ack(out, recorder.speak(speaker, rng.choice(listeners), valence=rng.choice([None, "task", "positive"])).seq)


def ack(out, seq: int) -> None:  # type: ignore[no-untyped-def]
    """Tell the parent an event was acknowledged: only after the Recorder returned it."""
    out.write(f"{seq}\n")
    out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
