"""``make release VERSION=x.y.z``: one step writes the version everywhere it is shown.

The version lives in ``pyproject.toml`` (the package metadata carries it to
``arabic-reader --version``, the About box, the bundle and the .deb). A
release also needs its ``CHANGELOG.md`` entry (Keep a Changelog) and its
AppStream ``<release>`` (software centers show it); this script writes all
three from the ``[Unreleased]`` section of the changelog:

    python packaging/release.py 0.2.0 [--date 2026-12-24]

``tests/packaging/test_release.py`` checks that the three agree.
"""

from __future__ import annotations

import argparse
import datetime
import html
import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = "pyproject.toml"
CHANGELOG = "CHANGELOG.md"
METAINFO = "packaging/io.github.arabic_reader.metainfo.xml"

VERSION = re.compile(r"\d+\.\d+\.\d+")
HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?[ \t]*$", re.MULTILINE)
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
RELEASE = re.compile(r'<release version="(?P<version>[^"]+)" date="(?P<date>[^"]+)"')


class ReleaseError(Exception):
    """Why the release cannot be written (one line)."""


@dataclass(frozen=True)
class Entry:
    """One section of the changelog: ``version`` (or ``"Unreleased"``), its date, its Markdown body."""

    version: str
    date: str | None
    body: str

    def items(self) -> list[str]:
        """The body's list items, each on one line, Markdown code marks removed."""
        items: list[str] = []
        for line in self.body.splitlines():
            if line.startswith("- "):
                items.append(line[2:].strip())
            elif line.startswith("  ") and items and line.strip():
                items[-1] += " " + line.strip()
        return [MARKDOWN_LINK.sub(r"\1", item).replace("`", "").replace("**", "") for item in items]

    def summary(self) -> str:
        """The body's first paragraph when it is plain text (``First release.``), else ""."""
        first = self.body.strip().split("\n\n", 1)[0].strip()
        return "" if first.startswith(("#", "-")) else " ".join(first.split())


def changelog_entries(text: str) -> list[Entry]:
    """The sections of a Keep a Changelog file, newest first (``Unreleased`` included)."""
    headings = list(HEADING.finditer(text))
    entries = []
    for heading, following in zip(headings, [*headings[1:], None], strict=True):
        end = following.start() if following else len(text)
        body = text[heading.end() : end]
        body = re.split(r"^\[[^\]]+\]: ", body, maxsplit=1, flags=re.MULTILINE)[0]  # link definitions
        entries.append(Entry(heading["version"], heading["date"], body.strip("\n")))
    return entries


def released(text: str) -> list[Entry]:
    """The released versions of a changelog, newest first."""
    return [entry for entry in changelog_entries(text) if entry.version != "Unreleased"]


def project_version(root: Path = ROOT) -> str:
    return str(tomllib.loads((root / PYPROJECT).read_text(encoding="utf-8"))["project"]["version"])


def appstream_releases(root: Path = ROOT) -> list[tuple[str, str]]:
    """``(version, date)`` of each AppStream ``<release>``, in file order (newest first)."""
    text = (root / METAINFO).read_text(encoding="utf-8")
    return [(m["version"], m["date"]) for m in RELEASE.finditer(text)]


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def release(version: str, date: str, root: Path = ROOT) -> None:
    """Write release ``version`` dated ``date`` into the three files under ``root``."""
    if not VERSION.fullmatch(version):
        raise ReleaseError(f"VERSION must look like 1.2.3, not {version!r}")
    current = project_version(root)
    if _key(version) <= _key(current):
        raise ReleaseError(f"VERSION {version} is not newer than the current {current}")
    changelog = (root / CHANGELOG).read_text(encoding="utf-8")
    unreleased = next((e for e in changelog_entries(changelog) if e.version == "Unreleased"), None)
    if unreleased is None or not unreleased.items():
        raise ReleaseError(f"{CHANGELOG} has nothing under ## [Unreleased]: write what changed first")

    changelog = changelog.replace("## [Unreleased]\n", f"## [Unreleased]\n\n## [{version}] - {date}\n", 1)
    changelog = re.sub(r"\n{3,}", "\n\n", changelog)
    links = re.search(
        r"^\[Unreleased\]: (?P<base>\S+)/compare/v(?P<old>[^.\s]+\.[^.\s]+\.[^.\s]+)\.\.\.HEAD$", changelog, re.M
    )
    if links:
        base, old = links["base"], links["old"]
        changelog = changelog.replace(
            links.group(0),
            f"[Unreleased]: {base}/compare/v{version}...HEAD\n[{version}]: {base}/compare/v{old}...v{version}",
        )

    pyproject = (root / PYPROJECT).read_text(encoding="utf-8")
    pyproject, count = re.subn(r'^version = "[^"]*"$', f'version = "{version}"', pyproject, count=1, flags=re.M)
    if count != 1:
        raise ReleaseError(f"no version = line in {PYPROJECT}")

    metainfo = (root / METAINFO).read_text(encoding="utf-8")
    items = "".join(f"          <li>{html.escape(item, quote=False)}</li>\n" for item in unreleased.items())
    element = (
        f'    <release version="{version}" date="{date}">\n'
        "      <description>\n"
        "        <ul>\n"
        f"{items}"
        "        </ul>\n"
        "      </description>\n"
        "    </release>\n"
    )
    if "  <releases>\n" not in metainfo:
        raise ReleaseError(f"no <releases> in {METAINFO}")
    metainfo = metainfo.replace("  <releases>\n", "  <releases>\n" + element, 1)

    # written last, together: a refused release changes nothing
    (root / CHANGELOG).write_text(changelog, encoding="utf-8")
    (root / PYPROJECT).write_text(pyproject, encoding="utf-8")
    (root / METAINFO).write_text(metainfo, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="release.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help="the new version, e.g. 0.2.0")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="release date (default today)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        release(args.version, args.date, args.root)
    except (ReleaseError, OSError) as error:
        print(f"release: {error}", file=sys.stderr)
        return 1
    print(f"released {args.version} ({args.date}): {PYPROJECT}, {CHANGELOG} and {METAINFO} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
