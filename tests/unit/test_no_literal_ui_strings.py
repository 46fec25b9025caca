"""Every user-visible string in tui/ and the CLI comes from the language catalogue.

A scan over the source (it can fail): string literals that look like words for people — two words
with a space, or a capitalised word — are flagged unless they are docstrings, CSS, regular
expressions (`re.compile`, which match text rather than show it), i18n keys
passed to `t()`, or on a line marked `# i18n: same in every language` (e.g. the names of the languages
themselves, which are shown in their own language on purpose).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import kelompok

PACKAGE = Path(kelompok.__file__).resolve().parent
SCANNED = sorted((PACKAGE / "tui").rglob("*.py")) + [PACKAGE / "cli.py", PACKAGE / "app.py"]
# Two words with white space between them, or a capitalised word. Dotted keys (`keys.quit`) and
# file names (`group.toml`) are not words for people.
LOOKS_LIKE_WORDS = re.compile(r"[A-Za-zÀ-ÿ]{2,}[,.:;!?]?\s+[A-Za-zÀ-ÿ]{2,}|^[A-Z][a-z]{2,}")
EXEMPT_MARK = "# i18n: same in every language"
CSS_NAMES = {"DEFAULT_CSS", "CSS"}


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
        # Attribute docstrings (a string right after an assignment) document code, not UI.
        body = getattr(node, "body", None)
        if isinstance(body, list):
            for before, after in zip(body, body[1:]):
                if (
                    isinstance(before, (ast.Assign, ast.AnnAssign))
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                ):
                    ids.add(id(after.value))
    return ids


def _exempt_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id in CSS_NAMES for t in node.targets):
            ids.update(id(n) for n in ast.walk(node.value))
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name == "t" and node.args:
                ids.add(id(node.args[0]))
            if name in {
                "query",
                "query_one",
                "query_exactly_one",
                "on",
                "add_class",
                "remove_class",
                "set_class",
                "has_class",
                "getattr",
                "import_module",
                "open_screen",
                "startswith",
                "endswith",
                "get",
                "compile",
            }:
                ids.update(id(n) for arg in node.args for n in ast.walk(arg))
    return ids


def scan_source(source: str) -> list[tuple[int, str]]:
    """(line, text) of every literal in `source` that looks like words for people: the one scanner."""
    tree = ast.parse(source)
    lines = source.splitlines()
    skip = _docstring_nodes(tree) | _exempt_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if EXEMPT_MARK in lines[node.lineno - 1]:
                continue
            if LOOKS_LIKE_WORDS.search(node.value):
                found.append((node.lineno, node.value))
    return found


def offending_literals(path: Path) -> list[str]:
    return [
        f"{path.relative_to(PACKAGE)}:{line}: {text[:60]!r}"
        for line, text in scan_source(path.read_text(encoding="utf-8"))
    ]


def test_the_scan_catches_a_literal():
    source = (
        "from kelompok.i18n import t\n"
        'label = t("home.title")\n'
        'Button("Simpan")\n'
        'notify("saved to disk")\n'
        'Binding("f1", "help", "keys.help")\n'
        'LANG = "Bahasa Indonesia"  # i18n: same in every language\n'
        'def f():\n    """A docstring is not shown."""\n'
    )
    assert scan_source(source) == [(3, "Simpan"), (4, "saved to disk")]


def test_no_user_visible_literals_in_tui_and_cli():
    found = [item for path in SCANNED for item in offending_literals(path)]
    assert found == [], "strings shown to users must come from locales/:\n" + "\n".join(found)
