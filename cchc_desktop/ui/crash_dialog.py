"""One hook for uncaught exceptions on every thread: log them and show a Vietnamese dialog."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("cchc_desktop.crash")


class _CrashReporter(QObject):
    crashed = Signal(str)

    def __init__(self, log_file: Path) -> None:
        super().__init__()
        self.log_file = log_file
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _show(self, summary: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            "Lỗi không mong muốn",
            "Phần mềm gặp lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\n"
            "Hãy chụp màn hình này hoặc gửi tệp nhật ký cho bộ phận hỗ trợ.",
        )
        box.setInformativeText(f"Tệp nhật ký: {self.log_file}")
        box.setDetailedText(summary)
        box.exec()


_reporter: _CrashReporter | None = None


def _report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.critical("uncaught exception", exc_info=(kind, value, tb))
    if _reporter is not None and QApplication.instance() is not None:
        _reporter.crashed.emit("".join(traceback.format_exception(kind, value, tb)))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    _report(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)


def install_crash_hook(log_file: Path) -> None:
    global _reporter
    _reporter = _CrashReporter(log_file)
    sys.excepthook = _report
    threading.excepthook = _thread_hook
