"""Writing the audit log: one chained entry per change of data or sensitive read-out, in the same
transaction as the change (a rolled-back action leaves no entry, a committed one always has its entry).

Entries are appended under the write lock every `db.write()` takes, so two counters never chain to the
same predecessor. An entry about a dossier stores the digest of the row as the change left it, read back
from the database (the verification compares it with the row as it is then).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cchc_desktop.domain.audit import (
    GENESIS_HASH,
    AuditAction,
    AuditContent,
    ObjectKind,
    canonical_json,
    entry_hash,
    state_digest,
    with_digests,
)
from cchc_desktop.domain.roles import SYSTEM_ACTOR, Actor
from cchc_desktop.storage import audit_repo, settings_repo
from cchc_desktop.storage.database import Database, Tx
from cchc_desktop.storage.tables import DossierRow

if TYPE_CHECKING:
    from cchc_desktop.services.workspace import Workspace

log = logging.getLogger(__name__)
BASELINE_KEY = "audit_baseline"


@dataclass(frozen=True)
class Entry:
    """One entry to append; `before`/`after` are any JSON-able values (None: nothing recorded)."""

    kind: ObjectKind
    key: str
    before: Any = None
    after: Any = None
    digest: str = ""


def _text(value: Any) -> str:
    return "" if value is None else canonical_json(value)


def append(tx: Tx, actor: Actor, counter: str, action: AuditAction, entries: Iterable[Entry]) -> int:
    """Chain `entries` after the newest one; returns how many were written."""
    link = audit_repo.last_link(tx)
    seq, previous = link if link is not None else (0, GENESIS_HASH)
    now = datetime.now()
    rows: list[dict[str, Any]] = []
    texts: dict[int, str] = {}  # an import's entries share one `after`: its JSON once, not per entry

    def text_of(value: Any) -> str:
        if value is None:
            return ""
        if id(value) not in texts:
            texts[id(value)] = _text(value)
        return texts[id(value)]

    for entry in entries:
        seq += 1
        content = AuditContent(
            seq=seq,
            at=now,
            username=actor.username,
            user_name=actor.display,
            counter=counter,
            action=action.value,
            object_kind=entry.kind.value,
            object_key=entry.key[:120],
            before=text_of(entry.before),
            after=text_of(entry.after),
            state_digest=entry.digest,
        )
        digest = entry_hash(previous, content)
        rows.append({**content.__dict__, "prev_hash": previous, "hash": digest})
        previous = digest
    audit_repo.append(tx, rows)
    return len(rows)


def record(
    tx: Tx,
    ws: Workspace,
    action: AuditAction,
    kind: ObjectKind,
    key: str,
    *,
    before: Any = None,
    after: Any = None,
) -> None:
    """One entry by the current user at this counter."""
    append(tx, ws.actor, ws.counter, action, [Entry(kind, key, before, after)])


def record_dossier(
    tx: Tx, ws: Workspace, action: AuditAction, row: DossierRow, *, before: Any = None, after: Any = None
) -> None:
    """An entry about a dossier, carrying the digest of the row as this change left it."""
    tx.flush()  # a new dossier gets its id, a changed one its new values, before the digest is read
    assert row.id is not None
    digest = state_digest(next(audit_repo.dossier_states(tx, [row.id])))
    entry = Entry(ObjectKind.DOSSIER, row.code, before, after, digest)
    append(tx, ws.actor, ws.counter, action, [entry])


def record_dossiers(
    tx: Tx, actor: Actor, counter: str, action: AuditAction, ids: Iterable[int], after: Any = None
) -> int:
    """One entry per dossier (an import, a baseline), each with its row's digest, in bulk."""
    tx.flush()
    entries = (
        Entry(ObjectKind.DOSSIER, str(state["code"]), None, after, digest)
        for state, digest in with_digests(audit_repo.dossier_states(tx, ids))
    )
    return append(tx, actor, counter, action, list(entries))


def write_baseline_if_needed(ws: Workspace) -> None:
    """Give every dossier of a database that had no audit log yet (made by an older version) its first
    entry, so that a row changed from now on behind the app's back is caught. Once per database, marked
    by a setting; read first, so an ordinary start takes no write lock."""
    with ws.db.read() as tx:
        if settings_repo.read_all(tx).get(BASELINE_KEY) is not None:
            return
    _write_baseline(ws.db, ws.counter)


def _write_baseline(db: Database, counter: str) -> None:
    with db.write() as tx:
        if settings_repo.read_all(tx).get(BASELINE_KEY) is not None:
            return
        entries = [
            Entry(ObjectKind.DOSSIER, str(state["code"]), None, None, digest)
            for state, digest in with_digests(audit_repo.dossier_states(tx))
        ]
        append(tx, SYSTEM_ACTOR, counter, AuditAction.BASELINE, entries)
        settings_repo.write_many(
            tx, {BASELINE_KEY: {"at": datetime.now().isoformat(), "dossiers": len(entries)}}
        )
    if entries:
        log.info("wrote the audit baseline of %d dossiers", len(entries))
