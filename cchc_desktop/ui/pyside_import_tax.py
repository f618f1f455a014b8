"""Stop PySide6 from reading the source of every module imported after it.

PySide6 wraps `__import__` to support `from __feature__ import snake_case, true_property`. After each
import it calls `_mod_uses_pyside`, which reads the module's whole source file (`inspect.getsource`) to
look for the word "PySide6". For the few hundred modules the app imports at start-up that costs about
150 ms on the reference machine, a sixth of the start-up budget. The app uses no `__feature__`, so every
module can be marked "ignore" (-1) without looking at it; an explicit `from __feature__ import ...`
would still be honoured, because that import path sets the flag itself.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (installs the import hook this module adjusts)

_FEATURE_MODULE = "shibokensupport.feature"
_IGNORE_MODULE = False  # `_mod_uses_pyside` → False makes PySide store -1, "ignore this module"


def _never_scan(_module: ModuleType) -> bool:
    return _IGNORE_MODULE


def skip_feature_source_scan() -> bool:
    """True when the hook was found and adjusted (False on a PySide6 that no longer has it)."""
    feature = sys.modules.get(_FEATURE_MODULE)
    if feature is None or not hasattr(feature, "_mod_uses_pyside"):
        return False
    setattr(feature, "_mod_uses_pyside", _never_scan)  # noqa: B010  (a private name mypy cannot see)
    return True
