"""The house rules that keep the core testable without a display."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6", "qtawesome", "qtpy")


def core_modules() -> list[Path]:
    return sorted(p for p in (ROOT / "reader").rglob("*.py") if "ui" not in p.relative_to(ROOT / "reader").parts)


def imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_core_module_never_imports_qt(path):
    qt = {n for n in imported_names(path) if n.split(".")[0] in QT_MODULES}
    ui = {n for n in imported_names(path) if n.startswith("reader.ui")}
    # The command line may start the GUI (lazily, inside a function).
    if path.name == "cli.py":
        ui.discard("reader.ui.app")
    assert not qt and not ui, f"{path.name} imports {sorted(qt | ui)}"


def test_analysis_and_export_load_without_qt():
    code = (
        "import sys, reader.cli, reader.io, reader.analysis.pipeline, reader.export, reader.document;"
        "import reader.corrections, reader.corrections.learn, reader.corrections.session;"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


# --- The import contracts (pyproject.toml, checked by `make lint`) fail when broken.

#: A module that breaks each contract, by the contract's name (its start).
BREAKERS = {
    "Layers": ("reader/io/breaker.py", "import reader.analysis.pipeline\n"),
    "Qt only in reader.ui": ("reader/jobs/breaker.py", "import PySide6.QtCore\n"),
    "UI features": ("reader/ui/article/breaker.py", "from reader.ui.window import main_window\n"),
}


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts, run on the copy of reader/ in ``root``."""
    command = [str(Path(sys.executable).with_name("lint-imports")), "--no-cache", "pyproject.toml"]
    env = {"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}  # the copy, not the installed package
    return subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=300)


def test_each_import_contract_fails_when_a_module_breaks_it(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "reader", tmp_path / "reader", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    kept = lint_imports(tmp_path)
    assert kept.returncode == 0, kept.stdout + kept.stderr
    for path, code in BREAKERS.values():
        (tmp_path / path).write_text(code, encoding="utf-8")
    broken = lint_imports(tmp_path)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    report = " ".join(broken.stdout.split())  # contract names wrap
    for name, (path, _code) in BREAKERS.items():
        assert re.search(re.escape(name) + r"[^.]*? BROKEN", report), (name, broken.stdout)
        assert path[:-3].replace("/", ".") in report  # the breaker is named as the culprit


# --- No import cycles between reader's modules, at run time or for the type checker.


def import_cycle(package: str) -> list[str]:
    """One cycle among ``package``'s imports (any import: module level, in a function,
    under ``if TYPE_CHECKING``), or [] when there is none."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=False, cache_dir=None)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    try:
        TopologicalSorter(imports).prepare()
    except CycleError as error:
        return list(error.args[1])
    return []


def test_no_import_cycle_between_reader_modules() -> None:
    assert import_cycle("reader") == []


def test_a_cycle_under_type_checking_is_found(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "window.py").write_text("from cyclic import menus\n", encoding="utf-8")
    (package / "menus.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from cyclic.window import Window\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert sorted(set(import_cycle("cyclic"))) == ["cyclic.menus", "cyclic.window"]


def test_the_ui_is_grouped_by_feature() -> None:
    """reader/ui/ keeps the app-wide modules; features live in their folders (ARCHITECTURE.md)."""
    top = sorted(p.name for p in (ROOT / "reader" / "ui").glob("*.py"))
    assert len(top) <= 8, top
