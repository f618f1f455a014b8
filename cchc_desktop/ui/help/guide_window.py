"""The user guide window: contents on the left, the guide's Markdown on the right, a search that ignores
accents. One window per main window; F1 brings it to the front at the section of the screen in use.

Qt's Markdown importer gives headings no anchors, so sections are found by their heading blocks
(QTextBlockFormat.headingLevel) and shown by scrolling the view to the block's top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFragment,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.core.resources import GUIDE_FILE, guide_dir
from cchc_desktop.domain.text import fold
from cchc_desktop.ui.help import strings

CONTENTS_LEVELS = (2, 3)  # "## " and "### " headings; "# " is the guide's title
MATCH_COLOUR = QColor("#fff59d")
TOP_PROBE = QPoint(8, 8)
PICTURE_MARGIN = 24  # a vertical scroll bar's width and some air


@dataclass(frozen=True)
class Section:
    heading: str
    level: int
    start: int  # document position of the heading block
    end: int  # where the next heading of any level starts


def fold_positions(text: str) -> str:
    """`text` folded one character for one character (the positions stay those of the document)."""
    return "".join((fold(char) or " ")[0] for char in text)


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    return [child for i in range(item.childCount()) if (child := item.child(i)) is not None]


def _fragments(block: QTextBlock) -> list[QTextFragment]:
    fragments = []
    part = block.begin()
    while not part.atEnd():
        fragments.append(part.fragment())
        part += 1
    return fragments


def topic_of(widget: QWidget | None) -> str | None:
    """The guide topic of where the clerk is: the "helpTopic" property or the class of `widget` or of its
    nearest parent that has one (a dialog's parent is the window that opened it)."""
    while widget is not None:
        topic = widget.property("helpTopic")
        if isinstance(topic, str) and topic:
            return topic
        for cls in type(widget).__mro__:
            if cls.__name__ in strings.WINDOW_TOPICS:
                return strings.WINDOW_TOPICS[cls.__name__]
        widget = widget.parentWidget()
    return None


class GuideWindow(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(strings.TITLE)
        self.resize(1000, 680)  # fits a 1366×768 screen
        self.sections: list[Section] = []
        self._items: list[QTreeWidgetItem] = []
        self._matches: list[int] = []
        self._match_length = 0
        self._match_index = -1
        self._folded = ""
        self._build()
        self._load()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText(strings.SEARCH_PLACEHOLDER)
        self.search.setToolTip(strings.SEARCH_TIP)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self.next_match)
        self.previous_button = self._button(strings.PREVIOUS, strings.PREVIOUS_TIP, self.previous_match)
        self.next_button = self._button(strings.NEXT, strings.NEXT_TIP, self.next_match)
        self.match_label = QLabel()
        self.contents = QTreeWidget()
        self.contents.setHeaderLabel(strings.CONTENTS)
        self.contents.itemActivated.connect(self._item_chosen)
        self.contents.itemClicked.connect(self._item_chosen)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link_clicked)
        self.browser.verticalScrollBar().valueChanged.connect(self._follow_scroll)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addWidget(self.match_label)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([290, 710])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.next_match)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, self.previous_match)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self.search.clear)
        QShortcut(QKeySequence.StandardKey.Close, self, self.close)

    @staticmethod
    def _button(text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _load(self) -> None:
        folder = guide_dir()
        path = folder / GUIDE_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            self.browser.setPlainText(strings.MISSING.format(path=path))
            return
        document = self.browser.document()
        document.setBaseUrl(QUrl.fromLocalFile(f"{folder}/"))
        self.browser.setSearchPaths([str(folder)])
        self.browser.setMarkdown(text)
        self._folded = fold_positions(document.toPlainText())
        self._fit_pictures()
        self._read_sections()
        self._fill_contents()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_pictures()

    def _fit_pictures(self) -> None:
        """Pictures no wider than the text (a screenshot is 1000 px): no sideways scrolling."""
        document = self.browser.document()
        room = self.browser.viewport().width() - round(2 * document.documentMargin()) - PICTURE_MARGIN
        if room <= 0:
            return
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            for fragment in _fragments(block):
                if not fragment.charFormat().isImageFormat():
                    continue
                picture = fragment.charFormat().toImageFormat()
                image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture.name()))
                natural = image.width() if isinstance(image, (QImage, QPixmap)) else 0
                wanted = min(natural, room) if natural else room
                if round(picture.width()) != wanted:
                    picture.setWidth(wanted)  # the height follows the picture's proportions
                    cursor.setPosition(fragment.position())
                    cursor.setPosition(
                        fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                    )
                    cursor.setCharFormat(picture)
            block = block.next()

    def _read_sections(self) -> None:
        headings: list[tuple[str, int, int]] = []
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            if level:
                headings.append((block.text().strip(), level, block.position()))
            block = block.next()
        end_of_text = self.browser.document().characterCount()
        for index, (heading, level, start) in enumerate(headings):
            end = headings[index + 1][2] if index + 1 < len(headings) else end_of_text
            if level in CONTENTS_LEVELS:
                self.sections.append(Section(heading, level, start, end))

    def _fill_contents(self) -> None:
        parent: QTreeWidgetItem | None = None
        for index, section in enumerate(self.sections):
            item = QTreeWidgetItem([section.heading])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, section.heading)
            if section.level == CONTENTS_LEVELS[0] or parent is None:
                self.contents.addTopLevelItem(item)
                parent = item
            else:
                parent.addChild(item)
            self._items.append(item)
        self.contents.expandAll()

    # ------------------------------------------------------------------ going to a section
    def show_topic(self, topic: str | None) -> None:
        heading = strings.TOPIC_HEADINGS.get(topic or "")
        if heading is not None:
            self.go_to(heading)

    def go_to(self, heading: str) -> bool:
        wanted = fold(heading)
        for index, section in enumerate(self.sections):
            if fold(section.heading) == wanted:
                self._show_section(index)
                return True
        return False

    def _item_chosen(self, item: QTreeWidgetItem) -> None:
        self._show_section(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _show_section(self, index: int) -> None:
        section = self.sections[index]
        self._scroll_to(section.start)
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(section.start)
        self.browser.setTextCursor(cursor)
        self._select_item(index)

    def _scroll_to(self, position: int) -> None:
        """The block holding `position` at the top of the view (as far as the text allows)."""
        document = self.browser.document()
        block = document.findBlock(position)
        top = document.documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(position - block.position())
        if line.isValid():
            top += line.y()
        self.browser.verticalScrollBar().setValue(round(top))

    def _select_item(self, index: int) -> None:
        item = self._items[index]
        blocked = self.contents.blockSignals(True)
        self.contents.setCurrentItem(item)
        self.contents.scrollToItem(item)
        self.contents.blockSignals(blocked)

    def _section_index_at(self, position: int) -> int | None:
        found = None
        for index, section in enumerate(self.sections):
            if section.start <= position:
                found = index
        return found

    def _follow_scroll(self) -> None:
        index = self._section_index_at(self.browser.cursorForPosition(TOP_PROBE).position())
        if index is not None:
            self._select_item(index)

    def current_section(self) -> str:
        """The heading of the contents entry currently selected."""
        item = self.contents.currentItem()
        return item.text(0) if item is not None else ""

    def section_at_top(self) -> str:
        """The heading of the section shown at the top of the text."""
        index = self._section_index_at(self.browser.cursorForPosition(TOP_PROBE).position())
        return self.sections[index].heading if index is not None else ""

    def shown_sections(self) -> list[str]:
        """The headings the contents list shows (all of them, or those matching the search)."""
        return [item.text(0) for item in self._items if not item.isHidden()]

    # ------------------------------------------------------------------ search
    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        query = fold(text)
        self._matches = []
        self._match_index = -1
        self._match_length = len(query)
        if query:
            start = self._folded.find(query)
            while start >= 0:
                self._matches.append(start)
                start = self._folded.find(query, start + 1)
        self._filter_contents(bool(query))
        self._highlight()
        if self._matches:
            self._go_to_match(0)
        else:
            self._show_count()

    def _filter_contents(self, searching: bool) -> None:
        hits = set()
        for position in self._matches:
            index = self._section_index_at(position)
            if index is not None:
                hits.add(index)
        for index, item in enumerate(self._items):
            item.setHidden(searching and index not in hits)
        for item in self._items:  # a chapter stays while one of its parts matches
            if any(not child.isHidden() for child in _children(item)):
                item.setHidden(False)

    def _highlight(self) -> None:
        selections = []
        match_format = QTextCharFormat()
        match_format.setBackground(MATCH_COLOUR)
        for position in self._matches:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor_over(position)
            selection.format = match_format
            selections.append(selection)
        self.browser.setExtraSelections(selections)

    def _cursor_over(self, position: int) -> QTextCursor:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position)
        cursor.setPosition(position + self._match_length, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def next_match(self) -> None:
        if self._matches:
            self._go_to_match((self._match_index + 1) % len(self._matches))

    def previous_match(self) -> None:
        if self._matches:
            self._go_to_match((self._match_index - 1) % len(self._matches))

    def _go_to_match(self, index: int) -> None:
        self._match_index = index
        position = self._matches[index]
        self.browser.setTextCursor(self._cursor_over(position))
        self.browser.ensureCursorVisible()
        section = self._section_index_at(position)
        if section is not None:
            self._select_item(section)
        self._show_count()

    def _show_count(self) -> None:
        if not self.search.text().strip():
            self.match_label.clear()
        elif not self._matches:
            self.match_label.setText(strings.NO_MATCH)
        else:
            self.match_label.setText(
                strings.MATCHES.format(current=self._match_index + 1, total=len(self._matches))
            )

    # ------------------------------------------------------------------ links
    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)


def show_guide(owner: QWidget, current: GuideWindow | None, topic: str | None) -> GuideWindow:
    """The guide window of `owner` (made on first use), in front, at `topic`'s section.

    With a dialog open the guide is modal too: a dialog opened with exec()/open() blocks every other
    window of the application, so a non-modal guide could not be scrolled or searched."""
    guide = current if current is not None else GuideWindow(owner)
    blocking = QApplication.activeModalWidget()
    modality = (
        Qt.WindowModality.ApplicationModal
        if blocking is not None and blocking is not guide
        else Qt.WindowModality.NonModal
    )
    if guide.windowModality() != modality:
        guide.hide()  # modality takes effect when shown
        guide.setWindowModality(modality)
    guide.show()
    guide.raise_()
    guide.activateWindow()
    guide.show_topic(topic)
    return guide
