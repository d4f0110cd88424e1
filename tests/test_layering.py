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


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _annotator_imports(path: Path) -> set[str]:
    """Every module of ours that `path` imports: at the top, inside functions and under TYPE_CHECKING."""
    known = {_module_name(p) for p in _modules()}
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            candidates = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from annotator.ui import launch` imports the module annotator.ui.launch
            candidates = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        else:
            continue
        found.update(c for c in candidates if c in known)
    return found - {_module_name(path)}


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _annotator_imports(p) for p in _modules()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of `graph`, or None (depth-first search, colours white/grey/black)."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycles_between_modules():
    """Lazy imports inside functions and TYPE_CHECKING imports count too: a circle is a missing room."""
    graph = _graph()
    # a package's __init__ that re-exports its own modules is not a cycle with them
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not (name.startswith(d + ".") and d in graph)}
    assert _cycle(graph) is None


def test_nothing_outside_the_command_line_imports_it():
    offenders = {name: deps for name, deps in _graph().items()
                 if not (name == "annotator.cli" or name.startswith("annotator.cli.") or name == "annotator.__main__")
                 and any(d == "annotator.cli" or d.startswith("annotator.cli.") for d in deps)}
    assert offenders == {}


def test_the_rooms_of_the_window_do_not_import_the_app():
    """app/ composes the rooms; workspace, review and dialogs never reach back up into it, and base/ into none."""
    rooms = ("workspace", "review", "dialogs", "base")
    for name, deps in _graph().items():
        parts = name.split(".")
        if parts[:2] == ["annotator", "ui"] and len(parts) > 2 and parts[2] in rooms:
            assert not {d for d in deps if d.startswith("annotator.ui.app")}, name
            if parts[2] == "base":
                assert not {d for d in deps if d.startswith("annotator.ui.") and ".base" not in d}, name


def test_only_the_command_line_and_ui_sit_above_services():
    for name, deps in _graph().items():
        layer = name.split(".")[1] if name.count(".") else ""
        if layer in {"core", "storage", "ingest", "nlp", "export", "services", "suggest"}:
            assert not {d for d in deps if d.startswith(("annotator.ui", "annotator.cli"))}, name
        if layer in {"storage", "ingest", "nlp", "export", "suggest", "core"}:
            assert not {d for d in deps if d.startswith("annotator.services")}, name


BEHIND_SERVICES = ("annotator.storage", "annotator.suggest", "annotator.export", "annotator.ingest", "annotator.nlp")


def test_the_window_and_the_command_line_reach_storage_suggest_and_export_only_through_services():
    """`cli` and `ui` -> `services` -> the rest: a store handle is passed through, never imported from storage."""
    offenders = {name: sorted(d for d in deps if d.startswith(BEHIND_SERVICES))
                 for name, deps in _graph().items() if name.startswith(("annotator.ui", "annotator.cli"))}
    assert {name: deps for name, deps in offenders.items() if deps} == {}


def test_the_window_composes_rooms_in_under_350_lines():
    """MainWindow keeps pages, menus, status bar and the project's lifecycle; wiring lives in the rooms."""
    lines = (PACKAGE / "ui" / "app" / "main_window.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 350
    assert max(len(line) for line in lines) <= 120  # not by squashing lines
