"""qtawesome's icons kept as pictures between runs, so that a launch need not import qtawesome.

Importing qtawesome costs 0.25–0.35 s of a cold launch: it imports qtpy,
whose ``from PySide6.QtCore import *`` (and QtGui, QtWidgets) makes PySide6
create every class and enum it would otherwise create when first used. Its
icons are drawn from fonts, in the palette's text color, so the same name
and colors always give the same pictures.

The first time an icon is asked for, qtawesome draws it and its pictures
(every size in ``SIZES``, normal and disabled) are saved as one PNG strip in
the app's cache folder, in a folder named after what they depend on: the
installed qtawesome (its file's size and time), the two text colors and the
screen's pixel ratio. From then on the icon is made from that strip (about
0.3 ms). A strip that cannot be read, or has the wrong size, is drawn and
saved again; a folder that cannot be written only costs the time.

    cache = IconCache(folder)
    icon = cache.load("fa6s.folder-open")      # None the first time
    if icon is None:
        icon = qtawesome.icon("fa6s.folder-open")
        cache.store("fa6s.folder-open", icon)
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import math
import os
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QImage, QPainter, QPalette, QPixmap

#: The icon sizes kept, in device-independent pixels: menus (16), toolbars
#: (20–24), buttons and the start page (32–64).
SIZES = (16, 20, 22, 24, 32, 48, 64)

#: The modes kept, one row of the strip each; Qt derives Active and Selected
#: from Normal, as qtawesome's default colors do.
MODES = (QIcon.Mode.Normal, QIcon.Mode.Disabled)

#: Colors are named with their alpha channel (#AARRGGBB).
_COLOR_NAME = QColor.NameFormat.HexArgb

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@functools.cache
def _qtawesome_stamp() -> str | None:
    """What identifies the installed qtawesome, without importing it; None if it cannot be found
    (asked once a run: 0.3 ms a look-up, times every icon of the window)."""
    try:
        spec = importlib.util.find_spec("qtawesome")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(spec.origin)
        stamp = f"{spec.origin}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        stamp = spec.origin  # a frozen bundle: its files change only with the bundle itself
    return hashlib.sha1(stamp.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _pixel_ratio() -> int:
    app = QGuiApplication.instance()
    ratio = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return max(1, math.ceil(ratio))


class IconCache:
    """Icons saved as PNG strips under ``folder`` (see the module docstring)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._loaded: dict[tuple[str, str], QIcon] = {}

    def key_folder(self) -> Path | None:
        """The folder for the current qtawesome, text colors and pixel ratio; None when there is none."""
        stamp = _qtawesome_stamp()
        if self.folder is None or stamp is None:
            return None
        palette = QGuiApplication.palette()
        normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text).name(_COLOR_NAME)
        disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text).name(_COLOR_NAME)
        return self.folder / f"{stamp}-{normal[1:]}-{disabled[1:]}-x{_pixel_ratio()}"

    def load(self, name: str) -> QIcon | None:
        """The icon ``name`` made from its saved strip; None if it is not saved (or cannot be read)."""
        folder = self.key_folder()
        if folder is None or not _SAFE_NAME.fullmatch(name):
            return None
        key = (str(folder), name)
        if key in self._loaded:
            return self._loaded[key]
        ratio = _pixel_ratio()
        strip = QImage(str(folder / f"{name}.png"))
        if strip.isNull() or strip.size() != _strip_size(ratio):
            return None
        made = QIcon()
        for row, mode in enumerate(MODES):
            x = 0
            for size in SIZES:
                side = size * ratio
                pixmap = QPixmap.fromImage(strip.copy(x, row * SIZES[-1] * ratio, side, side))
                pixmap.setDevicePixelRatio(ratio)
                made.addPixmap(pixmap, mode, QIcon.State.Off)
                x += side
        self._loaded[key] = made
        return made

    def store(self, name: str, icon: QIcon) -> None:
        """Save ``icon``'s pictures as the strip of ``name``; a folder that cannot be written is skipped."""
        folder = self.key_folder()
        if folder is None or not _SAFE_NAME.fullmatch(name):
            return
        from reader.io.errors import WriteError
        from reader.io.write import write_atomic

        data = _strip_png(icon, _pixel_ratio())
        with contextlib.suppress(OSError, WriteError):
            folder.mkdir(parents=True, exist_ok=True)
            write_atomic(folder / f"{name}.png", data)


def _strip_size(ratio: int) -> QSize:
    return QSize(sum(SIZES) * ratio, SIZES[-1] * ratio * len(MODES))


def _strip_png(icon: QIcon, ratio: int) -> bytes:
    """``icon`` drawn at every size of ``SIZES`` (a row per mode of ``MODES``), as PNG bytes."""
    strip = QImage(_strip_size(ratio), QImage.Format.Format_ARGB32_Premultiplied)
    strip.fill(0)
    painter = QPainter(strip)
    for row, mode in enumerate(MODES):
        x = 0
        for size in SIZES:
            side = size * ratio
            image = icon.pixmap(QSize(size, size), float(ratio), mode, QIcon.State.Off).toImage()
            image.setDevicePixelRatio(1.0)
            if image.size() != QSize(side, side):
                image = image.scaled(side, side)
            painter.drawImage(QPoint(x, row * SIZES[-1] * ratio), image)
            x += side
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    strip.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; PySide6 takes str
    buffer.close()
    return bytes(data.data())
