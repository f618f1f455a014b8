"""How each clerk paid the last fee, kept in the user's settings so the next fee starts with it.

The user's settings are a small INI file in the user's config folder (platformdirs, like the data
folder): this is the clerk's habit at this computer, not the agency's data, so it stays out of the
database that a backup or another counter shares.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings

from cchc_desktop.core.paths import APP_DIR_NAME
from cchc_desktop.domain.dossiers import PaymentMethod

FILE_NAME = "giao-dien.ini"
GROUP = "last_payment_method"
NO_CLERK = "-"


def user_settings_file() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)) / FILE_NAME


class PaymentMemory:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path

    def _settings(self) -> QSettings:
        return QSettings(str(self.path or user_settings_file()), QSettings.Format.IniFormat)

    def last(self, clerk: str) -> PaymentMethod:
        """The clerk's last payment method; NONE when there is none (or the file holds something else)."""
        value = self._settings().value(f"{GROUP}/{clerk.strip() or NO_CLERK}", "")
        try:
            return PaymentMethod(str(value))
        except ValueError:
            return PaymentMethod.NONE

    def remember(self, clerk: str, method: PaymentMethod) -> None:
        if method is PaymentMethod.NONE:
            return
        settings = self._settings()
        settings.setValue(f"{GROUP}/{clerk.strip() or NO_CLERK}", method.value)
        settings.sync()
