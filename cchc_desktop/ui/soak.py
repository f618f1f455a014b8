"""A working day of Qt traffic in under a minute: `cchc --soak`.

Some PySide6 releases drop a reference to `None`, `True` or `False` on every signal emitted from Python
or every Qt call that returns nothing; on Python 3.11 the interpreter then aborts ("deallocating None")
after a few thousand calls, minutes into a clerk's day. The soak emits Python-side signals of every
shape the window uses, types into the real procedure picker as a clerk does and refreshes the tracking
list, then compares the reference counts of the three singletons with those it started with. The
packaging check runs it inside the bundle, so the Qt binding that ships is the one that is checked.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from cchc_desktop.ui.intake.procedure_picker import ProcedurePicker
from cchc_desktop.ui.main_window import MainWindow

SIGNALS = 200_000
KEYS = 30_000
# What a clerk types into the procedure box: codes, names without diacritics, with them.
TYPED = ("2.000815", "khai sinh", "kết hôn", "chung thuc", "xác nhận tình trạng hôn nhân", "ho tich")
# Live Python objects come and go during the run; a leak of one reference per call loses thousands.
ALLOWED_DRIFT = 2_000
SINGLETONS = {"None": None, "True": True, "False": False}


@dataclass(frozen=True)
class SoakResult:
    signals: int
    keys: int
    before: dict[str, int]
    after: dict[str, int]

    @property
    def fallen(self) -> dict[str, int]:
        return {
            name: self.before[name] - self.after[name]
            for name in SINGLETONS
            if self.after[name] < self.before[name] - ALLOWED_DRIFT
        }

    def summary(self) -> str:
        changes = " ".join(f"{name}={self.after[name] - self.before[name]:+d}" for name in SINGLETONS)
        verdict = "ok" if not self.fallen else "LEAK"
        return f"soak: signals={self.signals} keys={self.keys} {changes} {verdict}"


class _Emitter(QObject):
    # The shapes of the window's own signals: nothing, a flag, a text, a number, any object.
    nothing = Signal()
    flag = Signal(bool)
    text = Signal(str)
    number = Signal(int)
    anything = Signal(object)


def _refcounts() -> dict[str, int]:
    gc.collect()
    return {name: sys.getrefcount(value) for name, value in SINGLETONS.items()}


def _emit_signals(count: int) -> int:
    emitter = _Emitter()
    received: list[int] = [0]

    def slot(*_args: object) -> None:
        received[0] += 1

    for signal in (emitter.nothing, emitter.flag, emitter.text, emitter.number, emitter.anything):
        signal.connect(slot)
    emits = (
        emitter.nothing.emit,
        lambda: emitter.flag.emit(True),
        lambda: emitter.flag.emit(False),
        lambda: emitter.text.emit("Nguyễn"),
        lambda: emitter.number.emit(7),
        lambda: emitter.anything.emit(None),
    )
    for index in range(count):
        emits[index % len(emits)]()
    emitter.deleteLater()
    return received[0]


def _press(
    widget: QObject, key: int, text: str = "", modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))


def _type_into_picker(picker: ProcedurePicker, window: MainWindow, count: int) -> int:
    """Type `count` keys the way a clerk does: a search, a look at the list, clear, the next search."""
    picker.setFocus()
    typed = 0
    searches = 0
    while typed < count:
        for character in TYPED[searches % len(TYPED)]:
            _press(
                picker, Qt.Key.Key_unknown if not character.isascii() else ord(character.upper()), character
            )
            typed += 1
        _press(picker, Qt.Key.Key_Down)
        _press(picker, Qt.Key.Key_A, "", Qt.KeyboardModifier.ControlModifier)
        _press(picker, Qt.Key.Key_Backspace)
        typed += 3
        searches += 1
        if searches % 50 == 0:
            window.tracking_tab.refresh()  # what the one-minute timer does
            QCoreApplication.processEvents()
    _press(picker, Qt.Key.Key_Escape)
    QCoreApplication.processEvents()
    return typed


def run_soak(window: MainWindow, signals: int = SIGNALS, keys: int = KEYS) -> SoakResult:
    before = _refcounts()
    emitted = _emit_signals(signals)
    picker = window.intake_tab.findChild(ProcedurePicker)
    if picker is None:
        raise RuntimeError("the intake tab has no procedure picker")
    typed = _type_into_picker(picker, window, keys)
    return SoakResult(signals=emitted, keys=typed, before=before, after=_refcounts())
