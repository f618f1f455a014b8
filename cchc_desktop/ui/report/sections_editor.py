"""The report's text, part by part: a list of the parts (opening, each section, closing, recipients)
beside one editor. Each line of the editor is one paragraph; blank lines only separate them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from cchc_desktop.documents.report_data import ReportSection
from cchc_desktop.domain.text import nfc
from cchc_desktop.services.report_texts import ReportTexts
from cchc_desktop.ui.report import strings

OPENING, CLOSING, RECIPIENTS = "opening", "closing", "recipients"


def join_paragraphs(paragraphs: tuple[str, ...] | list[str]) -> str:
    return "\n\n".join(paragraphs)


def split_paragraphs(text: str) -> tuple[str, ...]:
    return tuple(nfc(line.strip()) for line in text.splitlines() if line.strip())


class SectionsEditor(QWidget):
    changed = Signal()  # the clerk edited a part (not when texts are set)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parts = QListWidget()
        self.parts.setObjectName("reportParts")
        self.parts.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.parts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("reportTextEditor")
        self.editor.setTabChangesFocus(True)
        self._headings: list[ReportSection] = []
        self._texts: list[str] = []  # one per part, as shown in the editor
        self._current = -1
        self._setting = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.parts, 2)
        layout.addWidget(self.editor, 3)
        self.parts.currentRowChanged.connect(self._show_part)
        self.editor.textChanged.connect(self._edited)

    # ------------------------------------------------------------------ content
    def set_texts(self, texts: ReportTexts) -> None:
        keep = max(self.parts.currentRow(), 0)
        self._setting = True
        try:
            self._headings = list(texts.sections)
            self._texts = [
                join_paragraphs(texts.opening),
                *(join_paragraphs(section.paragraphs) for section in texts.sections),
                texts.closing,
                join_paragraphs(texts.recipients),
            ]
            self._current = -1
            self.parts.clear()
            for label, level in self._labels():
                item = QListWidgetItem(("    " if level == 2 else "") + label)
                item.setToolTip(label)
                self.parts.addItem(item)
            self.parts.setCurrentRow(min(keep, self.parts.count() - 1))
        finally:
            self._setting = False

    def _labels(self) -> list[tuple[str, int]]:
        sections = [(s.heading or strings.SECTION_NO_HEADING, s.level) for s in self._headings]
        return [(strings.PART_OPENING, 1), *sections, (strings.PART_CLOSING, 1), (strings.PART_RECIPIENTS, 1)]

    def texts(self) -> ReportTexts:
        self._store_current()
        count = len(self._headings)
        return ReportTexts(
            opening=split_paragraphs(self._texts[0]) if self._texts else (),
            sections=tuple(
                ReportSection(section.heading, split_paragraphs(self._texts[1 + i]), section.level)
                for i, section in enumerate(self._headings)
            ),
            closing=" ".join(split_paragraphs(self._texts[count + 1])) if self._texts else "",
            recipients=split_paragraphs(self._texts[count + 2]) if self._texts else (),
        )

    def part_text(self, row: int) -> str:
        self._store_current()
        return self._texts[row]

    def row_containing(self, text: str) -> int:
        """The first part whose text contains `text`; -1 when none does."""
        self._store_current()
        return next((row for row, part in enumerate(self._texts) if text in part), -1)

    def select(self, row: int) -> None:
        self.parts.setCurrentRow(row)

    # ------------------------------------------------------------------ editing
    def _store_current(self) -> None:
        if 0 <= self._current < len(self._texts):
            self._texts[self._current] = self.editor.toPlainText()

    def _show_part(self, row: int) -> None:
        self._store_current()
        self._current = row
        was_setting, self._setting = self._setting, True
        try:
            self.editor.setPlainText(self._texts[row] if 0 <= row < len(self._texts) else "")
            self.editor.setReadOnly(row < 0)
        finally:
            self._setting = was_setting
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.Start)

    def _edited(self) -> None:
        if not self._setting:
            self._store_current()
            self.changed.emit()

    def focus_editor(self) -> None:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
