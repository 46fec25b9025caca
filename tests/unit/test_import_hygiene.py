"""The domain runs headless: importing it must not pull in Textual (or anything of the UI)."""

from __future__ import annotations

import subprocess
import sys

DOMAIN_MODULES = (
    "kelompok.sessions",
    "kelompok.sessions.models",
    "kelompok.sessions.store",
    "kelompok.sociogram",
    "kelompok.sociogram.build",
    "kelompok.sociogram.metrics",
    "kelompok.sociogram.stats",
)


def _modules_after_import(modules: tuple[str, ...]) -> set[str]:
    # A fresh interpreter: this test process has long imported textual through other tests.
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_domain_imports_without_textual():
    loaded = _modules_after_import(DOMAIN_MODULES)
    assert set(DOMAIN_MODULES) <= loaded  # the check is real: the modules did load
    assert "textual" not in loaded
    assert not any(name.startswith("kelompok.tui") for name in loaded)


def test_stats_module_alone_stays_light():
    # A warm `kelompok stats` only needs the cache: networkx is imported when stats are computed.
    loaded = _modules_after_import(("kelompok.sociogram.stats",))
    assert "networkx" not in loaded
    assert "textual" not in loaded
