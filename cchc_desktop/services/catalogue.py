"""The procedure catalogue: seeding from the shipped file (the system's, once per new database), importing
a newer catalogue file (CATALOGUE, audited), look-ups by code and date."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_desktop.core.errors import InvalidInputError, NotFoundError
from cchc_desktop.core.resources import resource_path
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure, RequiredDocument
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import nfc
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.storage import catalogue_repo
from cchc_desktop.storage.database import Database, Tx

if TYPE_CHECKING:  # the workspace seeds the catalogue when it opens
    from cchc_desktop.services.workspace import Workspace

SEED_FILE = ("catalogue", "procedures.json")
MAX_CATALOGUE_BYTES = 5_000_000  # the shipped catalogue is about 100 KB


@dataclass(frozen=True)
class CatalogueImport:
    added: tuple[Procedure, ...]  # the versions that were new
    kept: int  # versions already in the catalogue (same code and date), left as they are


def parse_catalogue(data: dict[str, Any]) -> list[Procedure]:
    """Procedures from the catalogue file format (see docs/catalogue.md)."""
    procedures = []
    for index, item in enumerate(data["procedures"], start=1):
        try:
            duration = item["duration"]
            procedures.append(
                Procedure(
                    code=nfc(item["code"]),
                    name=nfc(item["name"]),
                    field=nfc(item["field"]),
                    duration=Duration(
                        DurationUnit(duration["unit"]),
                        int(duration.get("value", 0)),
                        time.fromisoformat(duration.get("cutoff", "15:00")),
                    ),
                    effective_from=date.fromisoformat(item["effective_from"]),
                    max_extension_days=int(item.get("max_extension_days", 0)),
                    fee_amount=int(item.get("fee_amount", 0)),
                    fee_text=nfc(item.get("fee_text", "")),
                    resolving_body=nfc(item.get("resolving_body", "")),
                    documents=tuple(
                        RequiredDocument(
                            nfc(d["name"]),
                            nfc(d.get("kind", "bản chính")),
                            int(d.get("count", 1)),
                            bool(d.get("required", True)),
                        )
                        for d in item.get("documents", [])
                    ),
                )
            )
        except (KeyError, ValueError, TypeError) as error:
            raise InvalidInputError(
                f"Thủ tục thứ {index} trong tệp danh mục không hợp lệ: {error}"
            ) from error
    return procedures


def seed_catalogue(tx: Tx, source: Path | None = None) -> int:
    path = source or resource_path(*SEED_FILE)
    procedures = parse_catalogue(json.loads(path.read_text(encoding="utf-8")))
    for procedure in procedures:
        catalogue_repo.add_procedure(tx, procedure)
    return len(procedures)


def import_catalogue(ws: Workspace, source: Path) -> CatalogueImport:
    """Add the procedure versions of a catalogue file (docs/catalogue.md) that this catalogue lacks, in one
    transaction, each with its CATALOGUE entry. A version already here (same code, same effective date)
    is kept as it is: the deadlines of dossiers already taken in were computed from it."""
    require(ws, Permission.CATALOGUE)
    procedures = parse_catalogue(_read_catalogue(source))
    added: list[Procedure] = []
    with ws.db.write() as tx:
        present = {(p.code, p.effective_from) for p in catalogue_repo.all_versions(tx)}
        for procedure in procedures:
            if (procedure.code, procedure.effective_from) in present:
                continue
            present.add((procedure.code, procedure.effective_from))
            catalogue_repo.add_procedure(tx, procedure)
            added.append(procedure)
            after = {
                "code": procedure.code,
                "name": procedure.name,
                "effective_from": procedure.effective_from,
                "duration": procedure.duration.describe(),
                "file": str(source),
            }
            audit_log.record(tx, ws, AuditAction.CATALOGUE, ObjectKind.CATALOGUE, procedure.code, after=after)
    return CatalogueImport(tuple(added), len(procedures) - len(added))


def _read_catalogue(source: Path) -> dict[str, Any]:
    try:
        if source.stat().st_size > MAX_CATALOGUE_BYTES:
            raise InvalidInputError(f"Tệp {source} quá lớn để là một danh mục thủ tục; hãy kiểm tra lại tệp.")
        data = json.loads(source.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInputError(f"Không đọc được tệp {source}; hãy kiểm tra đường dẫn và ổ đĩa.") from error
    except ValueError as error:  # not UTF-8, not JSON
        raise InvalidInputError(
            f"Tệp {source} không phải tệp danh mục thủ tục (JSON, xem docs/catalogue.md)."
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("procedures"), list):
        raise InvalidInputError(f"Tệp {source} không có danh sách thủ tục («procedures»).")
    return data


def procedure_for(db: Database, code: str, on: date) -> Procedure:
    with db.read() as tx:
        procedure = catalogue_repo.procedure_in_force(tx, code.strip(), on)
    if procedure is None:
        raise NotFoundError(f"Không có thủ tục mã {code} trong danh mục. Kiểm tra lại mã thủ tục.")
    return procedure


def procedures_in_force(db: Database, on: date) -> list[Procedure]:
    with db.read() as tx:
        return catalogue_repo.procedures_in_force(tx, on)
