"""The system libraries Qt needs on a Linux desktop, and the Debian packages that provide them.

One table, ``PACKAGES``, maps each shared library (its soname) that the app
takes from the system to its Debian 12 package (the same names on Ubuntu
22.04 and later, where the 64-bit-time packages provide the old names). It
serves twice:

- ``make run`` (``python packaging/system_libs.py check --install``) asks
  ``ldd`` which libraries PySide6's xcb platform plugin cannot find and
  installs their packages with apt when run as root, or stops with one line
  naming them (a fresh Debian 12 lacks libxcb-icccm4 and libxcb-keysyms1,
  and Qt then aborts with a message blaming xcb-cursor0);
- ``make deb`` (``python packaging/system_libs.py depends BUNDLE``) turns
  the libraries the app bundle links to but does not carry (``objdump -p``)
  into the package's ``Depends:``.

``tests/packaging/test_system_libs.py`` checks the table against ``ldd``,
``objdump`` and ``dpkg -S`` on the machine that runs it.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

#: soname → Debian package: what PySide6's xcb platform plugin needs (with what
#: those libraries need in turn, as ``ldd`` lists them), and what the app
#: bundle links to (``objdump -p``: Qt's xcb, Wayland and OpenGL libraries,
#: and Python's own: OpenSSL, libffi, zlib...).
PACKAGES: dict[str, str] = {
    "ld-linux-x86-64.so.2": "libc6",
    "libc.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libm.so.6": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libgcc_s.so.1": "libgcc-s1",
    "libstdc++.so.6": "libstdc++6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libdrm.so.2": "libdrm2",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libpng16.so.16": "libpng16-16",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libexpat.so.1": "libexpat1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libsystemd.so.0": "libsystemd0",
    "libcap.so.2": "libcap2",
    "libgcrypt.so.20": "libgcrypt20",
    "libgpg-error.so.0": "libgpg-error0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libzstd.so.1": "libzstd1",
    "libz.so.1": "zlib1g",
    "libbz2.so.1.0": "libbz2-1.0",
    "libbsd.so.0": "libbsd0",
    "libmd.so.0": "libmd0",
    "libffi.so.8": "libffi8",
    "libssl.so.3": "libssl3",
    "libcrypto.so.3": "libssl3",
    "libuuid.so.1": "libuuid1",
    "libsqlite3.so.0": "libsqlite3-0",
}

#: The dynamic linker's default folders (with Debian's multiarch subfolder):
#: a library found there belongs to the system.
SYSTEM_LIBRARY_DIR = re.compile(r"/(usr/)?lib(64)?(/[a-z0-9_]+-linux-gnu[a-z0-9_]*)?")


def is_system_library(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is in the system's own library folders (not a Python's, nor a venv's).

    ``/usr/lib/x86_64-linux-gnu/libX11.so.6`` is; ``/usr/lib/python3.11/lib-dynload/_ssl.so``
    and anything in a virtual environment are not.
    """
    return SYSTEM_LIBRARY_DIR.fullmatch(Path(path).parent.as_posix()) is not None


def packages_for(sonames: Iterable[str]) -> tuple[list[str], list[str]]:
    """``(Debian packages, sonames the table does not know)``, each sorted and without repeats."""
    names = set(sonames)
    return sorted({PACKAGES[s] for s in names if s in PACKAGES}), sorted(names - PACKAGES.keys())


# --- what a platform plugin cannot find (make run) -----------------------------------


def pyside6_dir() -> Path | None:
    """PySide6's folder in this Python, found without importing Qt (None if not installed)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def xcb_plugin(pyside6: Path | None = None) -> Path | None:
    """Qt's X11 platform plugin ``libqxcb.so`` in PySide6 (None if absent)."""
    folder = pyside6 or pyside6_dir()
    plugin = folder / "Qt" / "plugins" / "platforms" / "libqxcb.so" if folder else None
    return plugin if plugin is not None and plugin.is_file() else None


LDD_NOT_FOUND = re.compile(r"^\s*(\S+) => not found\s*$", re.MULTILINE)


def missing_libraries(*files: Path) -> list[str]:
    """The sonames that ``ldd`` cannot find for ``files`` (their own needs and their libraries'), sorted."""
    result = subprocess.run(["ldd", *map(str, files)], capture_output=True, text=True, timeout=60)
    return sorted(set(LDD_NOT_FOUND.findall(result.stdout)))


def install_hint(packages: list[str], unknown: list[str]) -> str:
    """One line naming what to install."""
    parts = []
    if packages:
        parts.append("sudo apt install " + " ".join(packages))
    if unknown:
        parts.append("the packages that provide " + ", ".join(unknown))
    return " and ".join(parts)


def check(install: bool = False) -> int:
    """``make run``'s check: 0 when Qt's xcb plugin finds its libraries (after installing them with apt if asked).

    Prints one line and returns 1 when libraries are missing and cannot be
    installed here. Quietly 0 where it does not apply (not Linux, another
    Qt platform asked for, no ``ldd``, PySide6 not installed).
    """
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return 0
    plugin = xcb_plugin()
    if plugin is None or shutil.which("ldd") is None:
        return 0
    missing = missing_libraries(plugin)
    if not missing:
        return 0
    packages, unknown = packages_for(missing)
    can_install = install and packages and not unknown and os.geteuid() == 0 and shutil.which("apt-get")
    if can_install:
        print(f"installing the libraries Qt's xcb platform plugin needs: {' '.join(packages)}", flush=True)
        if _apt_install(packages) and not missing_libraries(plugin):
            return 0
    print(
        f"arabic-reader: Qt's X11 platform plugin cannot start without {', '.join(missing)}; "
        f"install them: {install_hint(packages, unknown)}",
        file=sys.stderr,
    )
    return 1


def _apt_install(packages: list[str]) -> bool:
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(command, env=environment).returncode == 0:
        return True
    # a fresh system may have no package lists yet
    subprocess.run(["apt-get", "update", "-q"], env=environment)
    return subprocess.run(command, env=environment).returncode == 0


# --- what an app bundle takes from the system (make deb) ---------------------------------


def elf_files(folder: Path) -> list[Path]:
    """The ELF executables and libraries under ``folder`` (symbolic links left out)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as file:
                if file.read(4) == b"\x7fELF":
                    found.append(path)
    return found


NEEDED = re.compile(r"^\s*NEEDED\s+(\S+)\s*$", re.MULTILINE)
GLIBC_VERSION = re.compile(rb"GLIBC_2\.(\d+)\x00")


def needed_sonames(files: list[Path]) -> set[str]:
    """The libraries ``files`` name as their direct dependencies (``DT_NEEDED``, read by ``objdump -p``)."""
    needed: set[str] = set()
    for start in range(0, len(files), 200):  # keep each command line short
        command = ["objdump", "-p", *map(str, files[start : start + 200])]
        needed.update(NEEDED.findall(subprocess.run(command, capture_output=True, text=True, check=True).stdout))
    return needed


def bundle_system_needs(bundle: Path) -> set[str]:
    """The sonames the bundle's files link to that the bundle does not carry."""
    files = elf_files(bundle)
    carried = {path.name for path in bundle.rglob("*.so*")}
    return needed_sonames(files) - carried


RUNPATH = re.compile(r"^\s*(?:RUNPATH|RPATH)\s+(\S+)\s*$", re.MULTILINE)


def drop_build_machine_runpaths(bundle: Path, patchelf: str = "patchelf") -> list[Path]:
    """Remove the library search paths that name folders of the build machine; return the files changed.

    A Python built from source (pyenv) gives libpython and its extension
    modules a RUNPATH like ``/root/.pyenv/versions/3.11.7/lib``; on a user's
    machine it means nothing, or the wrong libraries. ``$ORIGIN``-relative
    entries (PySide6's) stay.
    """
    changed = []
    for path in elf_files(bundle):
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
        for runpath in RUNPATH.findall(dump):
            kept = [entry for entry in runpath.split(":") if entry.startswith("$ORIGIN")]
            if kept != runpath.split(":"):
                command = (
                    [patchelf, "--set-rpath", ":".join(kept), str(path)]
                    if kept
                    else [patchelf, "--remove-rpath", str(path)]
                )
                subprocess.run(command, check=True)
                changed.append(path)
    return changed


def glibc_needed(bundle: Path) -> tuple[int, int]:
    """The newest glibc symbol version the bundle's files ask for, e.g. ``(2, 34)``."""
    newest = 0
    for path in elf_files(bundle):
        newest = max([newest, *(int(minor) for minor in GLIBC_VERSION.findall(path.read_bytes()))])
    return 2, newest


def depends(bundle: Path) -> str:
    """The ``Depends:`` field of a Debian package of ``bundle``.

    Raises ``LookupError`` naming the libraries ``PACKAGES`` does not know.
    """
    packages, unknown = packages_for(bundle_system_needs(bundle))
    if unknown:
        raise LookupError(f"add these libraries to PACKAGES in {Path(__file__).name}: {', '.join(unknown)}")
    major, minor = glibc_needed(bundle)
    return ", ".join(f"libc6 (>= {major}.{minor})" if p == "libc6" and minor else p for p in packages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="system_libs.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check_command = commands.add_parser("check", help="does Qt's xcb platform plugin find its libraries?")
    check_command.add_argument("--install", action="store_true", help="install the missing ones with apt (as root)")
    depends_command = commands.add_parser("depends", help="print the Depends: field for an app bundle")
    depends_command.add_argument("bundle", type=Path, help="the PyInstaller folder (dist/arabic-reader)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(install=args.install)
    try:
        print(depends(args.bundle))
    except (LookupError, OSError, subprocess.CalledProcessError) as error:
        print(f"system_libs.py: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
