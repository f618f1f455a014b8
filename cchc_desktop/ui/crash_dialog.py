"""One hook for uncaught exceptions on every thread: log them and show a Vietnamese dialog.

The details shown, and what "Chép nội dung" puts on the clipboard, pass through the same masking as
the log (core.log_redaction): a screenshot or a pasted message to support carries no personal data.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.log_redaction import redact

log = logging.getLogger("cchc_desktop.crash")

TITLE = "Lỗi không mong muốn"
INTRO = (
    "Phần mềm gặp lỗi không mong muốn. Dữ liệu đã lưu không bị ảnh hưởng.\n"
    "Hãy chụp màn hình này hoặc gửi tệp nhật ký cho bộ phận hỗ trợ."
)
COPY = "Chép nội dung"
COPIED = "Đã chép"
CLOSE = "Đóng"


def crash_text(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> str:
    """The traceback as support reads it, masked."""
    return redact("".join(traceback.format_exception(kind, value, tb)))


class CrashDialog(QDialog):
    def __init__(self, log_file: Path, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.log_file = log_file
        self.details = redact(details)
        self.details_view = QPlainTextEdit(self.details)
        self.details_view.setReadOnly(True)
        self.copy_button = QPushButton(COPY)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy)
        close = QPushButton(CLOSE)
        close.setDefault(True)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(f"Tệp nhật ký: {log_file}"))
        layout.addWidget(self.details_view)
        layout.addLayout(buttons)
        self.resize(640, 420)

    def text(self) -> str:
        return f"{TITLE}\n{INTRO}\nTệp nhật ký: {self.log_file}\n\n{self.details}"

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText(COPIED)


class _CrashReporter(QObject):
    crashed = Signal(str)

    def __init__(self, log_file: Path) -> None:
        super().__init__()
        self.log_file = log_file
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @Slot(str)
    def _show(self, summary: str) -> None:
        CrashDialog(self.log_file, summary).exec()


_reporter: _CrashReporter | None = None


def _report(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    log.critical("uncaught exception", exc_info=(kind, value, tb))
    if _reporter is not None and QApplication.instance() is not None:
        _reporter.crashed.emit(crash_text(kind, value, tb))


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    _report(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)


def install_crash_hook(log_file: Path) -> None:
    global _reporter
    _reporter = _CrashReporter(log_file)
    sys.excepthook = _report
    threading.excepthook = _thread_hook
