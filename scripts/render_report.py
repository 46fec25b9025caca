#!/usr/bin/env python3
"""Render a kelompok report (or any local HTML/SVG file) to a PNG with headless Chromium, to look at it.

    python scripts/render_report.py REPORT.html OUT.png [--width 1200] [--height PIXELS] [--chromium PATH]

Chromium's `--screenshot` captures the window, so the script first measures the page: it loads a
temporary copy of the file with a one-line script that writes the page height into the DOM and
reads it back with `--dump-dom`. The report itself stays script-free; the copy lives in a
temporary folder that is removed afterwards, together with Chromium's throw-away profile.
Networking, sync, component updates and first-run screens are switched off: the report has no
external resources and nothing should leave the machine.

Exit codes: 0 written, 1 the file could not be rendered, 2 usage (missing input, no Chromium).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/snap/bin/chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--mute-audio",
)
MEASURE = (
    "<script>addEventListener('load',function(){var m=document.createElement('meta');m.name='kelompok-height';"
    "m.content=String(Math.ceil(document.documentElement.scrollHeight));document.head.appendChild(m);});</script>"
)
MAX_HEIGHT = 32000
"""Taller pages are cut here (Chromium's software compositor gets slow and memory-hungry beyond)."""


def find_chromium(explicit: str | None) -> str | None:
    """The Chromium to use: --chromium, $CHROMIUM, a usual path, or chromium on PATH."""
    if explicit:
        return explicit if Path(explicit).is_file() and os.access(explicit, os.X_OK) else None
    for candidate in (os.environ.get("CHROMIUM"), *CANDIDATES):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _run(chromium: str, profile: Path, extra: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *extra],
        capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def measure(chromium: str, page: Path, width: int, work: Path, timeout: float) -> int | None:
    """The page's height in CSS pixels at `width`, or None when it cannot be measured."""
    text = page.read_text(encoding="utf-8", errors="replace")
    probe = work / "measure.html"
    if "</body>" in text:
        text = text.replace("</body>", MEASURE + "</body>", 1)
    else:
        text += MEASURE
    probe.write_text(text, encoding="utf-8")
    result = _run(
        chromium,
        work / "profile",
        [f"--window-size={width},800", "--virtual-time-budget=5000", "--dump-dom", probe.as_uri()],
        timeout,
    )
    match = re.search(r'name="kelompok-height" content="(\d+)"', result.stdout)
    return int(match.group(1)) if match else None


def render(
    source: Path,
    out: Path,
    width: int = 1200,
    height: int | None = None,
    chromium: str | None = None,
    timeout: float = 120,
) -> Path:
    """Render `source` to `out` (PNG). Raises FileNotFoundError without Chromium, RuntimeError on failure."""
    binary = find_chromium(chromium)
    if binary is None:
        raise FileNotFoundError("Chromium not found")
    with tempfile.TemporaryDirectory(prefix="kelompok-render-") as folder:
        work = Path(folder)
        if height is None and source.suffix.lower() in (".html", ".htm"):
            height = measure(binary, source.resolve(), width, work, timeout)
        height = min(height or 2000, MAX_HEIGHT)
        out.parent.mkdir(parents=True, exist_ok=True)
        shot = work / "shot.png"
        result = _run(
            binary,
            work / "profile",
            [f"--window-size={width},{height}", f"--screenshot={shot}", source.resolve().as_uri()],
            timeout,
        )
        if not shot.is_file() or shot.stat().st_size == 0:
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            raise RuntimeError(f"Chromium wrote no screenshot ({last})")
        shutil.copyfile(shot, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render a kelompok HTML report to a PNG with headless Chromium.")
    parser.add_argument("report", type=Path, help="the HTML (or SVG) file")
    parser.add_argument("out", type=Path, help="the PNG to write")
    parser.add_argument("--width", type=int, default=1200, help="window width in CSS pixels (default 1200)")
    parser.add_argument("--height", type=int, help="window height; default: the page's own height")
    parser.add_argument("--chromium", help="path to the Chromium binary (default: $CHROMIUM, /usr/bin/chromium …)")
    args = parser.parse_args(argv)
    if not args.report.is_file():
        print(f"render_report: {args.report} does not exist", file=sys.stderr)
        return 2
    if find_chromium(args.chromium) is None:
        print(
            "render_report: Chromium is not installed, so the report cannot be rendered here "
            "(on Debian/Ubuntu: apt-get install chromium; or pass --chromium PATH). "
            "The report itself needs no browser to be checked: the unit tests parse its HTML.",
            file=sys.stderr,
        )
        return 2
    try:
        path = render(args.report, args.out, args.width, args.height, args.chromium)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as error:
        print(f"render_report: {error}", file=sys.stderr)
        return 1
    print(f"written: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
