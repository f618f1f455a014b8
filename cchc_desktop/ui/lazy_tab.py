"""A tab page that builds its content the first time it is shown (or asked for), keeping screens the
clerk has not opened yet out of start-up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

ContentT = TypeVar("ContentT", bound=QWidget)


class LazyTab(QWidget, Generic[ContentT]):
    def __init__(self, build: Callable[[], ContentT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], ContentT] | None = build
        self._content: ContentT | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def content(self) -> ContentT:
        if self._content is None:
            assert self._build is not None
            self._content, self._build = self._build(), None
            self._layout.addWidget(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)
