"""The domain and the outputs run headless: importing them must not pull in Textual (or anything
of the UI), and the outputs package has no import cycle."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import kelompok.outputs
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


OUTPUT_MODULES = _all_modules(kelompok.outputs)
DOMAIN_MODULES = _all_modules(kelompok.sessions, kelompok.sociogram, kelompok.outputs, kelompok.sync) + (
    "kelompok.i18n",
    "kelompok.settings",
    "kelompok.paths",
)


def _modules_after_import(modules: tuple[str, ...]) -> set[str]:
    # A fresh interpreter: this test process has long imported textual through other tests.
    code = "import sys\n" + "".join(f"import {m}\n" for m in modules) + "print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return set(out.stdout.split())


def test_domain_imports_without_textual():
    loaded = _modules_after_import(DOMAIN_MODULES)
    assert set(DOMAIN_MODULES) <= loaded  # the check is real: the modules did load
    assert {
        "kelompok.sessions.recording",
        "kelompok.outputs.export",
        "kelompok.outputs.report.html",
        "kelompok.sociogram.wording",
        "kelompok.sync.engine",
    } <= set(DOMAIN_MODULES)
    assert "textual" not in loaded
    assert not any(name.startswith("kelompok.tui") for name in loaded)


def test_stats_module_alone_stays_light():
    # A warm `kelompok stats` only needs the cache and the table: networkx is imported when stats are computed.
    loaded = _modules_after_import(("kelompok.sociogram.stats", "kelompok.outputs.stats_table"))
    assert "networkx" not in loaded
    assert "textual" not in loaded


# ── no cycle in outputs/ ────────────────────────────────────────────────────────────────────


def _imported(module: str) -> set[str]:
    """Every kelompok.outputs module that `module` imports, anywhere in its source (inside
    functions and TYPE_CHECKING blocks too: a cycle there is still a tangle)."""
    spec_path = Path(sys.modules[module].__file__) if module in sys.modules else None
    if spec_path is None:
        __import__(module)
        spec_path = Path(sys.modules[module].__file__)
    tree = ast.parse(spec_path.read_text(encoding="utf-8"))
    package = module if spec_path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            # `from kelompok.outputs import formats` imports the module `formats`, not just the package.
            names = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in OUTPUT_MODULES else base for alias in node.names
            ]
        else:
            continue
        found |= {name for name in names if name in OUTPUT_MODULES and name != module}
    return found


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle in a module → imported modules graph (empty when there is none)."""
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> list[str]:
        if module in done:
            return []
        if module in visiting:
            return [*visiting[visiting.index(module) :], module]
        visiting.append(module)
        for dependency in sorted(graph.get(module, set())):
            cycle = visit(dependency)
            if cycle:
                return cycle
        visiting.pop()
        done.add(module)
        return []

    for module in sorted(graph):
        cycle = visit(module)
        if cycle:
            return cycle
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []


def test_outputs_has_no_import_cycle():
    graph = {module: _imported(module) for module in OUTPUT_MODULES}
    assert graph["kelompok.outputs.export"] >= {
        "kelompok.outputs.formats",
        "kelompok.outputs.view",
    }  # the graph is real
    assert "kelompok.outputs.picture" in graph["kelompok.outputs.formats"]  # imports inside functions count
    # The package's __init__ holds only the shared error and result types: it imports no module of its own.
    assert graph["kelompok.outputs"] == set()
    # Every module may use the package's types; any other edge must not come back.
    cycle = find_cycle({module: deps - {"kelompok.outputs"} for module, deps in graph.items()})
    assert not cycle, "import cycle: " + " → ".join(cycle)


def test_each_outputs_module_imports_alone_in_a_fresh_interpreter():
    # Importing one module first (no other one loaded before it) is where a hidden cycle breaks.
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    for m in [k for k in sys.modules if k.startswith('kelompok')]:\n        del sys.modules[m]\n    importlib.import_module(name)\nprint('ok')"
    out = subprocess.run([sys.executable, "-c", code, *OUTPUT_MODULES], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


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
    heavy = {
        "pydantic",
        "networkx",
        "kelompok.sessions.models",
        "kelompok.sessions.catalog",
        "kelompok.settings",
        "pygments",
        "markdown_it",
    }
    assert heavy & loaded == set()
