"""Modules imported after PySide6 are not read back from disk (a sixth of the start-up budget)."""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

import pytest

import cchc_desktop.ui  # noqa: F401  (adjusts the hook)


def test_a_module_naming_pyside_is_imported_without_reading_its_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "clerk_module_using_qt.py").write_text("from PySide6.QtCore import QDate\nTODAY = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    reads: list[object] = []
    original = inspect.getsource
    monkeypatch.setattr(inspect, "getsource", lambda obj: reads.append(obj) or original(obj))

    module = __import__("clerk_module_using_qt")  # the hook wraps `import`, not importlib

    assert module.TODAY == 1
    assert reads == []
    feature = sys.modules["shibokensupport.feature"]
    assert feature.pyside_feature_dict["clerk_module_using_qt"] == -1


def test_qt_objects_keep_their_normal_names_in_such_a_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "clerk_dates.py").write_text(
        "from PySide6.QtCore import QDate\n\ndef day():\n    return QDate(2026, 11, 25).toString('dd/MM/yyyy')\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert __import__("clerk_dates").day() == "25/11/2026"
