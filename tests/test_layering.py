"""The layering rule of DESIGN.md: Qt only in ui/, no SQL or spaCy in core/."""
from __future__ import annotations

import ast
from pathlib import Path

import annotator

PACKAGE = Path(annotator.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0] if not node.module.startswith("annotator.")
                      else ".".join(node.module.split(".")[:2]))
    return names


def _modules(sub: str = "") -> list[Path]:
    return sorted((PACKAGE / sub).rglob("*.py"))


def test_only_ui_imports_qt():
    offenders = [p for p in _modules() if "ui" not in p.relative_to(PACKAGE).parts[:1]
                 and {"PySide6", "shiboken6"} & _imports(p)]
    assert offenders == []


def test_core_is_pure():
    for path in _modules("core"):
        imports = _imports(path)
        assert not imports & {"sqlite3", "sqlite_utils", "spacy", "PySide6"}, path
        assert not {i for i in imports if i.startswith("annotator.") and i != "annotator.core"}, path


def test_sql_lives_in_storage_only():
    offenders = [p for p in _modules() if p.relative_to(PACKAGE).parts[0] != "storage"
                 and {"sqlite3", "sqlite_utils"} & _imports(p)]
    assert offenders == []
