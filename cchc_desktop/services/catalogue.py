"""The procedure catalogue: seeding from the shipped file, look-ups by code and date."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError, NotFoundError
from cchc_desktop.core.resources import resource_path
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.procedures import Procedure, RequiredDocument
from cchc_desktop.domain.text import nfc
from cchc_desktop.storage import catalogue_repo
from cchc_desktop.storage.database import Database, Tx

SEED_FILE = ("catalogue", "procedures.json")


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


def procedure_for(db: Database, code: str, on: date) -> Procedure:
    with db.read() as tx:
        procedure = catalogue_repo.procedure_in_force(tx, code.strip(), on)
    if procedure is None:
        raise NotFoundError(f"Không có thủ tục mã {code} trong danh mục. Kiểm tra lại mã thủ tục.")
    return procedure


def procedures_in_force(db: Database, on: date) -> list[Procedure]:
    with db.read() as tx:
        return catalogue_repo.procedures_in_force(tx, on)
