"""Session fixtures for the packaging tests: each package is built once per test run.

The wheel and sdist (``python -m build``), the app bundle (PyInstaller) and
the .deb (from that same bundle) are built into a temporary folder, never
into ``dist/``. Where a tool is missing the tests that need it skip, saying
what to install; ``.ci/run`` installs them all (``make package-tools`` and
apt), so in CI they run.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pkgtools import REPO, build_deb, environ_without_venv

BUILD_TIMEOUT_S = 1800


def _need_module(module: str, what: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{what} is not installed: `make package-tools` installs it (CI does)")


def _need_command(command: str, package: str) -> None:
    if shutil.which(command) is None:
        pytest.skip(f"{command} is not installed (apt: {package}; CI installs it)")


@pytest.fixture(scope="session")
def packages_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("packages")


@pytest.fixture(scope="session")
def built_dist(packages_dir) -> dict[str, Path]:
    """``{"wheel": ..., "sdist": ...}`` from ``python -m build`` (as ``make dist``)."""
    _need_module("build", "python -m build")
    out = packages_dir / "dist"
    command = [sys.executable, "-m", "build", "--outdir", str(out), str(REPO)]
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, env=environ_without_venv()
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {"wheel": next(out.glob("*.whl")), "sdist": next(out.glob("*.tar.gz"))}


@pytest.fixture(scope="session")
def bundle(packages_dir) -> Path:
    """The PyInstaller folder built from ``packaging/arabic-reader.spec`` (as ``make bundle``)."""
    _need_module("PyInstaller", "PyInstaller")
    _need_command("objdump", "binutils")
    pyinstaller = Path(sys.executable).parent / "pyinstaller"
    command = [
        str(pyinstaller), "--noconfirm", "--log-level", "WARN",
        "--distpath", str(packages_dir / "bundle"), "--workpath", str(packages_dir / "work"),
        str(REPO / "packaging" / "arabic-reader.spec"),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, cwd=REPO)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return packages_dir / "bundle" / "arabic-reader"


@pytest.fixture(scope="session")
def deb(bundle, packages_dir) -> Path:
    """The Debian package of ``bundle`` (as ``make deb``)."""
    _need_command("dpkg-deb", "dpkg")
    return build_deb.build(bundle, packages_dir / "deb")
