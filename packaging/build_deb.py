"""``make deb``: a Debian package of the app bundle, built with ``dpkg-deb``.

    python packaging/build_deb.py dist/arabic-reader dist/

What it installs:

    /opt/arabic-reader/                 the PyInstaller folder (``make bundle``)
    /usr/bin/arabic-reader              → /opt/arabic-reader/arabic-reader
    /usr/share/applications/arabic-reader.desktop
    /usr/share/icons/hicolor/scalable/apps/arabic-reader.svg
    /usr/share/metainfo/io.github.arabic_reader.metainfo.xml
    /usr/share/man/man1/arabic-reader.1.gz
    /usr/share/doc/arabic-reader/       copyright, changelog.gz (from CHANGELOG.md)
    /usr/share/lintian/overrides/arabic-reader

``Depends:`` comes from ``system_libs.py`` (the libraries the bundle links
to and does not carry, and their packages); no maintainer scripts are
needed (the desktop database and icon cache update through dpkg triggers).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import release
import system_libs

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
PACKAGE = "arabic-reader"
MAINTAINER = "arabic-reader developers <arabic-reader@users.noreply.github.com>"
HOMEPAGE = "https://github.com/arabic-reader/arabic-reader"
#: Naskh faces for the reading view (reader.ui.qt_reading_view.ARABIC_FONTS); DejaVu Sans works without them.
RECOMMENDS = "fonts-noto-core | fonts-hosny-amiri"
DESCRIPTION = """\
reader for Arabic news that highlights names and figures
 Arabic Reader opens a news article (plain text in any common Arabic
 encoding, an HTML page or Markdown) and shows it right to left with every
 person, place, organization and figure highlighted in its own color-blind
 safe color. A side panel lists the entities with their mention counts, and
 the article exports as HTML, JSON or CSV.
 .
 Names come from an offline statistical model trained on ANERcorp; nothing
 is sent over the network. The interface speaks Arabic and English."""


def debian_architecture() -> str:
    result = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    return result.stdout.strip()


def debian_changelog(changelog_md: str) -> str:
    """The released entries of ``CHANGELOG.md`` in Debian's changelog format."""
    blocks = []
    for entry in release.released(changelog_md):
        items = ([entry.summary()] if entry.summary() else []) + entry.items()
        lines = []
        for item in items:
            lines.extend(textwrap.wrap(item, width=76, initial_indent="  * ", subsequent_indent="    "))
        when = datetime.fromisoformat(entry.date or "1970-01-01").replace(tzinfo=UTC)
        blocks.append(
            f"{PACKAGE} ({entry.version}) unstable; urgency=medium\n\n"
            + "\n".join(lines)
            + f"\n\n -- {MAINTAINER}  {email.utils.format_datetime(when)}\n"
        )
    return "\n".join(blocks)


def _gzip(data: bytes, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0, filename="") as out:
        out.write(data)


def _install(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _normalize_modes(tree: Path, executables: set[Path]) -> None:
    """Folders 0755, files 0644, the app's executable 0755 (shared libraries need no execute bit)."""
    for folder, dirs, files in os.walk(tree):
        for name in dirs:
            path = Path(folder, name)
            if not path.is_symlink():
                path.chmod(0o755)
        for name in files:
            path = Path(folder, name)
            if not path.is_symlink():
                path.chmod(0o755 if path in executables else 0o644)


def stage(bundle: Path, tree: Path, version: str, architecture: str) -> None:
    """Lay out the package's files and its ``DEBIAN/`` folder under ``tree``."""
    app = tree / "opt" / PACKAGE
    shutil.copytree(bundle, app, symlinks=True)
    (tree / "usr" / "bin").mkdir(parents=True)
    (tree / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")
    share = tree / "usr" / "share"
    _install(PACKAGING / "arabic-reader.desktop", share / "applications" / "arabic-reader.desktop")
    _install(
        ROOT / "resources" / "icons" / "arabic-reader.svg", share / "icons/hicolor/scalable/apps/arabic-reader.svg"
    )
    metainfo = "io.github.arabic_reader.metainfo.xml"
    _install(PACKAGING / metainfo, share / "metainfo" / metainfo)
    _gzip((PACKAGING / "debian" / "arabic-reader.1").read_bytes(), share / "man/man1/arabic-reader.1.gz")
    doc = share / "doc" / PACKAGE
    _install(PACKAGING / "debian" / "copyright", doc / "copyright")
    _gzip(debian_changelog((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")).encode(), doc / "changelog.gz")
    _install(PACKAGING / "debian" / "lintian-overrides", share / "lintian" / "overrides" / PACKAGE)
    _normalize_modes(tree, {app / PACKAGE})

    control = tree / "DEBIAN"
    control.mkdir()
    files = sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink() and control not in p.parents)
    (control / "md5sums").write_text(
        "".join(f"{hashlib.md5(p.read_bytes()).hexdigest()}  {p.relative_to(tree)}\n" for p in files)
    )
    installed_kib = sum(-(-p.stat().st_size // 1024) for p in files)
    fields = {
        "Package": PACKAGE,
        "Version": version,
        "Architecture": architecture,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": system_libs.depends(bundle),
        "Recommends": RECOMMENDS,
        "Section": "text",
        "Priority": "optional",
        "Homepage": HOMEPAGE,
        "Description": DESCRIPTION,
    }
    (control / "control").write_text("".join(f"{key}: {value}\n" for key, value in fields.items()))
    _normalize_modes(control, set())


def build(bundle: Path, out_dir: Path) -> Path:
    """Build ``arabic-reader_VERSION_ARCH.deb`` from ``bundle`` into ``out_dir`` and return its path."""
    if not (bundle / PACKAGE).is_file():
        raise FileNotFoundError(f"no app bundle at {bundle} (run `make bundle` first)")
    version = release.project_version()
    architecture = debian_architecture()
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{version}_{architecture}.deb"
    with tempfile.TemporaryDirectory(prefix="arabic-reader-deb-") as scratch:
        tree = Path(scratch) / "root"
        stage(bundle, tree, version, architecture)
        command = ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(tree), str(deb)]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="build_deb.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path, help="the PyInstaller folder (dist/arabic-reader)")
    parser.add_argument("out", type=Path, help="folder for the .deb")
    args = parser.parse_args(argv)
    try:
        deb = build(args.bundle, args.out)
    except (OSError, LookupError, subprocess.CalledProcessError) as error:
        print(f"build_deb.py: {error}", file=sys.stderr)
        return 1
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
