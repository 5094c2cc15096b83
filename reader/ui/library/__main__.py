"""``python -m reader.ui.library``: the library window alone, or a screenshot of it.

    python -m reader.ui.library [--library DB] [--lang ar|en] [--theme light|dark]
        [--entity NAME] [--show entities|articles|mentions|network|timeline]
        [--screenshot OUT.png] [--size 1400x900]

With ``--screenshot`` the window is drawn offscreen once its lists (and the
entity's details, with ``--entity``) are shown, saved as a PNG, and the
program exits: the pictures in docs/library.md are made this way.
"""

from __future__ import annotations

import argparse
import os
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m reader.ui.library", description=__doc__.splitlines()[0])
    parser.add_argument("--library", metavar="DB", help="the library (default: the data folder's)")
    parser.add_argument("--lang", choices=("ar", "en"), default="en")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--entity", metavar="NAME", help="show this entity (any spelling)")
    parser.add_argument(
        "--show", choices=("entities", "articles", "mentions", "network", "timeline"), default="mentions"
    )
    parser.add_argument("--screenshot", metavar="OUT.png")
    parser.add_argument("--size", default="1400x900", metavar="WxH")
    args = parser.parse_args(argv)
    if args.screenshot:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from reader.library import Library
    from reader.storage import StorageError
    from reader.ui.i18n import install_translator
    from reader.ui.library.qt_library_window import LibraryWindow
    from reader.ui.theme import apply_theme

    entity_id = None
    if args.entity:
        try:
            with Library.open(args.library) as library:
                found = library.resolve(args.entity)
        except StorageError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        if not found:
            print(f"error: no entity named {args.entity!r} in the library", file=sys.stderr)
            return 1
        entity_id = found[0].id
    app = QApplication(sys.argv[:1])
    install_translator(app, args.lang)
    apply_theme(app, args.theme)
    window = LibraryWindow(args.library)
    width, height = (int(x) for x in args.size.split("x"))
    window.resize(width, height)
    window.left.setCurrentIndex(1 if args.show == "articles" else 0)
    window.right_tabs.setCurrentIndex({"network": 1, "timeline": 2}.get(args.show, 0))
    window.show()
    result = {"code": 0}

    def grab() -> None:
        app.processEvents()
        if not window.grab().save(args.screenshot, "PNG"):
            print(f"error: cannot write {args.screenshot}", file=sys.stderr)
            result["code"] = 1
        window.close()
        app.quit()

    def lists_shown() -> None:
        if entity_id is not None:
            window.select_entity(entity_id)
        elif args.screenshot:
            QTimer.singleShot(300, grab)

    if args.screenshot:
        window.details_shown.connect(lambda _key: QTimer.singleShot(300, grab))
        window.lists_loaded.connect(lists_shown)
    elif entity_id is not None:
        window.lists_loaded.connect(lists_shown)
    code = app.exec()
    window.shut_down()
    return result["code"] or code


if __name__ == "__main__":
    sys.exit(main())
