"""The house rules that keep the core testable without a display."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

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
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
