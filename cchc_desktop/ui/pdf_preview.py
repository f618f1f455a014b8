"""A read-only preview of a rendered form (PDF bytes) in a QPdfView."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

EMPTY_TEXT = "Chưa có giấy tờ để xem trước."


class PdfPreview(QWidget):
    """Shows one PDF at a time, fitted to the pane's width, every page one under the other."""

    def __init__(self, empty_text: str = EMPTY_TEXT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setObjectName("previewTitle")
        self.title.setWordWrap(True)
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # never a stop when tabbing through the form
        self.empty = QLabel(empty_text)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setFrameShape(QFrame.Shape.StyledPanel)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.stack, 1)
        # QPdfDocument reads from the device while pages are drawn: both must live as long as it does.
        self._data = QByteArray()
        self._buffer: QBuffer | None = None

    def show_pdf(self, pdf: bytes, title: str = "") -> bool:
        """Display `pdf`; False (and the empty text) when it cannot be read."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
        self._data = QByteArray(pdf)
        self._buffer = QBuffer(self._data, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        ok = self.document.status() is QPdfDocument.Status.Ready
        self.title.setText(title if ok else "")
        self.stack.setCurrentWidget(self.view if ok else self.empty)
        return ok

    def clear(self) -> None:
        self.document.close()
        self.title.clear()
        self.stack.setCurrentWidget(self.empty)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def page_text(self, page: int) -> str:
        return self.document.getAllText(page).text()
