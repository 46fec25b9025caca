"""The domain runs headless: importing it must not pull in Textual (or anything of the UI)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import kelompok.report
import kelompok.sessions
import kelompok.sociogram
import kelompok.sync


def _all_modules(*packages) -> tuple[str, ...]:
    """Every module of the headless packages, found on disk, so a new module cannot slip past."""
    names = []
    for package in packages:
        names.append(package.__name__)
        names += [info.name for info in pkgutil.walk_packages(package.__path__, package.__name__ + ".")]
    return tuple(sorted(names))


DOMAIN_MODULES = _all_modules(kelompok.sessions, kelompok.sociogram, kelompok.report, kelompok.sync) + ("kelompok.i18n", "kelompok.settings", "kelompok.paths")


def _modules_after_import(modules: tuple[str, ...]) -> set[str]:
    # A fresh interpreter: this test process has long imported textual through other tests.
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_domain_imports_without_textual():
    loaded = _modules_after_import(DOMAIN_MODULES)
    assert set(DOMAIN_MODULES) <= loaded  # the check is real: the modules did load
    assert {"kelompok.sessions.recording", "kelompok.sociogram.export", "kelompok.sociogram.wording", "kelompok.sync.engine"} <= set(DOMAIN_MODULES)
    assert "textual" not in loaded
    assert not any(name.startswith("kelompok.tui") for name in loaded)


def test_stats_module_alone_stays_light():
    # A warm `kelompok stats` only needs the cache: networkx is imported when stats are computed.
    loaded = _modules_after_import(("kelompok.sociogram.stats",))
    assert "networkx" not in loaded
    assert "textual" not in loaded


def test_the_app_starts_without_pydantic_networkx_or_the_catalogue(tmp_path):
    # Start-up (benchmarks/bench_startup.py): the home screen's first frame needs none of them.
    # make_app is included: it reads the settings' language, not the settings model.
    code = (
        "import sys\nfrom pathlib import Path\nfrom kelompok.app import make_app\n"
        f"make_app(Path({str(tmp_path)!r}), offer_samples=False)\n"
        "print('\\n'.join(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    loaded = set(out.stdout.split())
    assert "kelompok.app" in loaded and "textual.app" in loaded  # the check is real
    heavy = {"pydantic", "networkx", "kelompok.sessions.models", "kelompok.sessions.catalog", "kelompok.settings", "pygments", "markdown_it"}
    assert heavy & loaded == set()
