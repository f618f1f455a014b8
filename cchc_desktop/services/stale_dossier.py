"""Two counters on one dossier: an action carries the version the clerk's screen showed
(`expected_version`) and is refused, before anything is written, when another counter changed the
dossier in between. The message names who changed it and when, never the applicant."""

from __future__ import annotations

from datetime import datetime

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.domain.dossiers import EventKind
from cchc_desktop.domain.lifecycle import event_label
from cchc_desktop.storage import dossier_versions
from cchc_desktop.storage.database import Tx
from cchc_desktop.storage.tables import DossierEventRow, DossierRow

# Events that do not change the dossier row (and do not bump its version).
PRINT_KINDS = frozenset(kind.value for kind in EventKind if kind.value.startswith("printed_"))
ANOTHER_COUNTER = "một quầy khác"


class DossierChangedError(UserFacingError):
    """The dossier changed since the clerk's screen read it; nothing was written."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


def require_version(tx: Tx, row: DossierRow, expected: int | None) -> None:
    """Refuse (`DossierChangedError`) when `expected` is not the row's version; else count this change."""
    assert row.id is not None
    if not dossier_versions.is_current(row, expected):
        latest = dossier_versions.latest_change(tx, row.id, PRINT_KINDS)
        raise DossierChangedError(changed_message(row.code, latest, datetime.now()), row.code)
    dossier_versions.bump(row)


def changed_message(code: str, latest: DossierEventRow | None, now: datetime) -> str:
    """ "Hồ sơ … vừa được Quầy 1 – Đất đai (Lê Văn Tâm) cập nhật lúc 10:32 (bước “Chuyển hồ sơ”) …";
    the staff who acted, never the applicant."""
    advice = "Thao tác của bạn chưa được lưu: hãy xem lại hồ sơ (đã tải lại) rồi thao tác lại."
    if latest is None:
        return f"Hồ sơ {code} vừa được cập nhật ở nơi khác. {advice}"
    who = latest.counter or ANOTHER_COUNTER
    if latest.actor:
        who += f" ({latest.actor})"
    moment = f"{latest.at:%H:%M}" if latest.at.date() == now.date() else f"{latest.at:%H:%M ngày %d/%m/%Y}"
    return f"Hồ sơ {code} vừa được {who} cập nhật lúc {moment} (bước “{event_label(latest.kind)}”). {advice}"
