"""Start the desktop app: check the platform, make the QApplication, ask the name, show the window."""
from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# Libraries Qt's xcb platform plugin loads on Linux; without them Qt aborts with a cryptic message.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-shape": "libxcb-shape0", "xkbcommon-x11": "libxkbcommon-x11-0", "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0", "xcb-xkb": "libxcb-xkb1", "xcb-randr": "libxcb-randr0",
}


def missing_xcb_packages() -> list[str]:
    """Debian/Ubuntu package names of the xcb libraries this machine lacks (Linux, xcb only)."""
    if not sys.platform.startswith("linux"):
        return []
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return []
    if not platform and os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return []
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def platform_problem() -> str | None:
    """One line saying why no window can open here, or None."""
    missing = missing_xcb_packages()
    if missing:
        return ("the desktop app needs these system libraries: sudo apt-get install " + " ".join(missing)
                + " (or run with QT_QPA_PLATFORM=offscreen for a window nobody sees)")
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        return "no display to open a window on (DISPLAY is not set); run the app in a desktop session"
    return None


def run_gui(project: Path) -> int:
    problem = platform_problem()
    if problem:
        print(f"annotator: {problem}", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from annotator.ui.dialogs.names import ask_annotator_name
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Conflict annotator")
    settings = AppSettings()
    name = settings.annotator or ask_annotator_name(None)
    if not name:
        return 0
    settings.annotator = name
    window = MainWindow(project, settings, name)
    sys.excepthook = _report_unexpected(window)
    window.show()
    return app.exec()


def _report_unexpected(window):
    """An error nobody foresaw: the traceback to stderr, one line in a message box, the app goes on."""
    import traceback

    from PySide6.QtWidgets import QMessageBox

    def hook(kind, value, tb) -> None:
        traceback.print_exception(kind, value, tb)
        QMessageBox.critical(window, "Something went wrong",
                             f"{kind.__name__}: {value}\n\nEverything you did before is saved in the project "
                             "file. The details are on the terminal the app was started from.")
    return hook
