"""The command-line tests: `main` installs the app's log handler; each test gets the root logger back."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    level = root.level
    yield
    for handler in [h for h in root.handlers if getattr(h, "_cchc", False)]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
