"""The dossier's version (optimistic lock): what a screen showed against what the row holds now.

Services read the row inside `Database.write()`, which holds the write lock on both engines (SQLite's
BEGIN IMMEDIATE, the server's advisory lock), so comparing the version and bumping it in the same
transaction cannot interleave with another counter's save.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session, col, select

from cchc_desktop.storage.tables import DossierEventRow, DossierRow


def is_current(row: DossierRow, expected: int | None) -> bool:
    """True when `expected` (the version the screen showed; None: no check) is the row's version."""
    return expected is None or row.version == expected


def bump(row: DossierRow) -> None:
    """Mark one more change of the row; the caller adds and flushes it with the change itself."""
    row.version += 1


def latest_change(session: Session, dossier_id: int, ignored_kinds: Iterable[str]) -> DossierEventRow | None:
    """The last event recorded (in the order of recording, not of the step's time) whose kind is not
    one of `ignored_kinds` (events that do not change the dossier, such as prints)."""
    return session.exec(
        select(DossierEventRow)
        .where(
            DossierEventRow.dossier_id == dossier_id, col(DossierEventRow.kind).not_in(list(ignored_kinds))
        )
        .order_by(col(DossierEventRow.id).desc())
        .limit(1)
    ).first()
