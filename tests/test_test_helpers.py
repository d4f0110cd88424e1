"""Tests share drivers and builders through tests/helpers/, never by importing conftest or another test module."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).parent


def _imported(path: Path) -> set[str]:
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def _test_modules(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return module.startswith("tests.") and (last.startswith("test_") or last == "conftest")


def test_helpers_import_no_conftest_and_no_test_module():
    offenders = {p.name: sorted(m for m in _imported(p) if _test_modules(m)) for p in (TESTS / "helpers").rglob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_test_module_imports_another_test_module():
    offenders = {str(p.relative_to(TESTS)): sorted(m for m in _imported(p) if m.rsplit(".", 1)[-1].startswith("test_"))
                 for p in TESTS.rglob("test_*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}
