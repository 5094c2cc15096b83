"""PyInstaller run-time hook for the app bundle: no Qt set-up in processes that never show Qt.

PyInstaller's own hook for PySide6 imports QtCore at every start of the
bundle's executable, to register the paths of Qt's plugins and translations.
That costs about 0.2 s, and two kinds of process never load Qt: the
window's analysis process and multiprocessing's resource tracker (both the
bundle's executable again, see ``reader.cli``), and the ``analyze`` and
``export`` commands. There, this hook (listed in ``arabic-reader.spec``,
so it runs before PyInstaller's) turns that registration into nothing.
"""

import sys


def _skip_qt_setup() -> None:
    arguments = sys.argv[1:]
    multiprocessing_child = "--multiprocessing-fork" in arguments or (
        "-c" in arguments and any(argument.startswith("from multiprocessing") for argument in arguments)
    )
    if multiprocessing_child or arguments[:1] in (["analyze"], ["export"]):
        import _pyi_rth_utils.qt  # type: ignore[import-not-found]  # PyInstaller's, inside the bundle

        _pyi_rth_utils.qt.create_embedded_qt_conf = lambda *args, **kwargs: None


_skip_qt_setup()
del _skip_qt_setup
