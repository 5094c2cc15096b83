"""packaging/system_libs.py: the table of system libraries and packages, checked against ldd, objdump and dpkg."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from pkgtools import system_libs

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries and ldd: Linux only")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/usr/lib/x86_64-linux-gnu/libX11.so.6", True),
        ("/lib/x86_64-linux-gnu/libxcb.so.1", True),
        ("/lib64/ld-linux-x86-64.so.2", True),
        ("/usr/lib/aarch64-linux-gnu/libGL.so.1", True),
        ("/usr/lib/libc.so.6", True),
        ("/usr/lib/python3.11/lib-dynload/_ssl.cpython-311-x86_64-linux-gnu.so", False),
        ("/root/.pyenv/versions/3.11.7/lib/libpython3.11.so.1.0", False),
        ("/work/.venv/lib/python3.11/site-packages/PySide6/Qt/lib/libQt6Core.so.6", False),
        ("/usr/local/lib/libfoo.so.1", False),
    ],
)
def test_system_libraries_are_those_in_the_linkers_own_folders(path, expected) -> None:
    assert system_libs.is_system_library(path) is expected


def test_packages_for_sonames() -> None:
    packages, unknown = system_libs.packages_for(["libxcb-icccm.so.4", "libc.so.6", "libm.so.6", "libnew.so.9"])
    assert packages == ["libc6", "libxcb-icccm4"]
    assert unknown == ["libnew.so.9"]


@pytest.fixture
def plugin_missing(monkeypatch, tmp_path):
    """Pretend PySide6's xcb plugin lacks libraries: set the list with the returned function."""
    plugin = tmp_path / "libqxcb.so"
    plugin.touch()
    missing: list[list[str]] = [[]]
    monkeypatch.setattr(system_libs, "xcb_plugin", lambda: plugin)
    monkeypatch.setattr(system_libs, "missing_libraries", lambda *files: list(missing[0]))
    monkeypatch.setattr(system_libs.shutil, "which", lambda name, **kw: f"/usr/bin/{name}")
    monkeypatch.setattr(system_libs.sys, "platform", "linux")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)

    def set_missing(sonames: list[str]) -> None:
        missing[0] = sonames

    return set_missing


def test_check_names_the_packages_in_one_line_when_it_cannot_install(plugin_missing, monkeypatch, capsys) -> None:
    plugin_missing(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    monkeypatch.setattr(system_libs.os, "geteuid", lambda: 1000)
    assert system_libs.check(install=True) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.rstrip().endswith("install them: sudo apt install libxcb-icccm4 libxcb-keysyms1")


def test_check_names_libraries_the_table_does_not_know(plugin_missing, capsys) -> None:
    plugin_missing(["libxcb-icccm.so.4", "libsomething-new.so.2"])
    assert system_libs.check() == 1
    err = capsys.readouterr().err
    assert "sudo apt install libxcb-icccm4 and the packages that provide libsomething-new.so.2" in err


def test_check_installs_with_apt_as_root(plugin_missing, monkeypatch, capsys) -> None:
    plugin_missing(["libxcb-keysyms.so.1"])
    monkeypatch.setattr(system_libs.os, "geteuid", lambda: 0)
    installed: list[list[str]] = []

    def apt_install(packages: list[str]) -> bool:
        installed.append(packages)
        plugin_missing([])  # what apt brings, ldd then finds
        return True

    monkeypatch.setattr(system_libs, "_apt_install", apt_install)
    assert system_libs.check(install=True) == 0
    assert installed == [["libxcb-keysyms1"]]
    assert "libxcb-keysyms1" in capsys.readouterr().out


def test_check_is_quiet_when_nothing_is_missing_or_another_platform_is_asked(plugin_missing, monkeypatch) -> None:
    assert system_libs.check() == 0
    plugin_missing(["libxcb-icccm.so.4"])
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert system_libs.check() == 0


def test_depends_refuses_a_library_the_table_does_not_know(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(system_libs, "bundle_system_needs", lambda bundle: {"libc.so.6", "libnew.so.1"})
    with pytest.raises(LookupError, match=r"libnew\.so\.1"):
        system_libs.depends(tmp_path)


@linux_only
def test_the_table_knows_every_library_the_xcb_plugin_takes_from_the_system() -> None:
    plugin = system_libs.xcb_plugin()
    if plugin is None or shutil.which("ldd") is None:
        pytest.skip("needs PySide6's xcb plugin and ldd")
    listing = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=True).stdout
    outside = set()
    for line in listing.splitlines():
        match = re.match(r"\s*(\S+) => (not found|(\S+))", line)
        if match and (match[2] == "not found" or system_libs.is_system_library(match[3])):
            outside.add(match[1])
    assert outside
    assert outside <= system_libs.PACKAGES.keys(), sorted(outside - system_libs.PACKAGES.keys())


@linux_only
def test_the_table_agrees_with_dpkg_on_the_libraries_installed_here() -> None:
    if shutil.which("dpkg") is None:
        pytest.skip("dpkg is not installed: not a Debian system")
    patterns = [f"*/{soname}" for soname in system_libs.PACKAGES]
    listing = subprocess.run(["dpkg", "-S", *patterns], capture_output=True, text=True).stdout
    owners: dict[str, set[str]] = {}
    for line in listing.splitlines():
        packages, path = line.split(": ", 1)
        for package in packages.split(", "):
            owners.setdefault(path.rsplit("/", 1)[1], set()).add(package.split(":")[0])
    assert "libc.so.6" in owners  # dpkg answered, and was understood
    for soname, package in system_libs.PACKAGES.items():
        if soname in owners:  # Ubuntu 24.04's 64-bit-time packages are named ...t64 and provide the old names
            assert owners[soname] & {package, package + "t64"}, (soname, package, owners[soname])
