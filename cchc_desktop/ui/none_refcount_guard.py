"""Keep `None` alive under PySide6 6.12.0 on Python 3.11.

PySide6 6.12.0 drops one reference to `None` on every call of a Qt function that returns nothing. On
Python 3.12 and later `None` is immortal (PEP 683) and this is harmless; on 3.11 the interpreter aborts
("deallocating None") after a few thousand such calls, i.e. minutes into a clerk's day. Giving `None` a
huge reference count does on 3.11 what 3.12 does by design: `None` is never freed anyway, and 2**40
calls are far beyond any session. Remove this module once the app requires Python 3.12 or a fixed
PySide6.
"""

from __future__ import annotations

import ctypes
import sys

_PADDING = 1 << 40


def make_none_immortal() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every CPython object, a Py_ssize_t at the object's address.
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _PADDING:
        refcount.value += _PADDING
