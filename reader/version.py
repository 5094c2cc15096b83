"""The app's version, written once in ``pyproject.toml`` and read from the installed package's metadata.

``arabic-reader --version``, the About box, the app bundle and the Debian
package all show this one number (the bundle carries the package metadata;
``make release`` changes the number and its AppStream and CHANGELOG entries).
"""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "arabic-reader"


def app_version() -> str:
    """The installed version, e.g. ``"0.1.0"`` (``"unknown"`` when the package is not installed)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
