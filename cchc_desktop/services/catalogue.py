"""The procedure catalogue: seeding a new database from the shipped list, look-ups by code and date, the
catalogue window's list, and the clerk's edits (a new version from a date, retiring a procedure).

Versions never change what a dossier already received: a dossier keeps the version it was received under
(`dossier.procedure_id`) and its due date. A version is rewritten in place only while no dossier refers
to it; otherwise a change is a new version from a later date.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cchc_desktop.core.errors import InvalidInputError, NotFoundError, UserFacingError
from cchc_desktop.core.resources import resource_path
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.catalogue_text import is_code, write_document_lines
from cchc_desktop.domain.deadlines import Duration, DurationUnit
from cchc_desktop.domain.procedures import (
    DOCUMENT_KINDS,
    Procedure,
    ProcedureState,
    RequiredDocument,
    changed_fields,
)
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.text import fold, nfc
from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.services import audit_log
from cchc_desktop.services.permissions import require
from cchc_desktop.storage import audit_repo, catalogue_repo
from cchc_desktop.storage.database import Database, Tx

if TYPE_CHECKING:  # the workspace seeds the catalogue when it opens
    from cchc_desktop.services.workspace import Workspace

SEED_FILE = ("catalogue", "procedures.json")
MAX_NAME = 1000
MAX_TEXT = 20_000


# --- the shipped list ------------------------------------------------------------------------------------


def parse_catalogue(data: dict[str, Any]) -> list[Procedure]:
    """Procedures from the shipped catalogue file (see docs/catalogue.md)."""
    procedures = []
    for index, item in enumerate(data["procedures"], start=1):
        try:
            duration = item.get("duration")
            procedures.append(
                Procedure(
                    code=nfc(item["code"]),
                    name=nfc(item["name"]),
                    field=nfc(item["field"]),
                    duration=None
                    if duration is None
                    else Duration(
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
                    duration_text=nfc(item.get("duration_text", "")),
                    fee_exemptions=nfc(item.get("fee_exemptions", "")),
                    result=nfc(item.get("result", "")),
                    legal_basis=nfc(item.get("legal_basis", "")),
                    decision=nfc(item.get("decision", "")),
                )
            )
        except (KeyError, ValueError, TypeError, AttributeError) as error:
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


# --- look-ups ----------------------------------------------------------------------------------------------


def procedure_for(db: Database, code: str, on: date) -> Procedure:
    """The version of `code` in force on `on`, whatever its state (a dossier's history, a reprint)."""
    with db.read() as tx:
        procedure = catalogue_repo.procedure_in_force(tx, code.strip(), on)
    if procedure is None:
        raise NotFoundError(f"Không có thủ tục mã {code} trong danh mục. Kiểm tra lại mã thủ tục.")
    return procedure


def intake_refusal(procedure: Procedure, on: date) -> str | None:
    """Why a dossier of this version cannot be taken in on `on`, or None."""
    state = procedure.state_on(on)
    if state is ProcedureState.RETIRED:
        return f"Thủ tục {procedure.code} đã bãi bỏ từ ngày {short_date(procedure.effective_from)}; chọn thủ tục khác."
    if procedure.duration is None:
        return (
            f"Thủ tục {procedure.code} chưa có thời hạn giải quyết (cần xác định thời hạn); "
            "người quản trị đặt thời hạn trong Hệ thống → Danh mục thủ tục rồi mới tiếp nhận được."
        )
    return None


def procedures_in_force(db: Database, on: date) -> list[Procedure]:
    """The procedures a dossier can be taken in for on `on` (not retired, with a processing time)."""
    with db.read() as tx:
        return [p for p in catalogue_repo.procedures_in_force(tx, on) if p.duration is not None]


@dataclass(frozen=True)
class CatalogueEntry:
    """A procedure as the catalogue window lists it on a day: the version in force then (or the first one
    to come), its state, and the date of its next version, if one is planned."""

    procedure: Procedure
    state: ProcedureState
    versions: int
    next_from: date | None


def catalogue_entries(
    db: Database, on: date, *, search: str = "", field: str = "", state: ProcedureState | None = None
) -> list[CatalogueEntry]:
    """Every procedure code, filtered by words of its code or name (without diacritics), field and state,
    ordered by field and name."""
    with db.read() as tx:
        versions = catalogue_repo.all_versions(tx)
    entries = list(_entries(versions, on))
    words = fold(search).split()
    chosen = []
    for entry in entries:
        procedure = entry.procedure
        haystack = fold(f"{procedure.code} {procedure.name}")
        if words and not all(word in haystack for word in words):
            continue
        if field and procedure.field != field:
            continue
        if state is not None and entry.state is not state:
            continue
        chosen.append(entry)
    chosen.sort(key=lambda e: (fold(e.procedure.field), fold(e.procedure.name), e.procedure.code))
    return chosen


def _entries(versions: list[Procedure], on: date) -> Iterable[CatalogueEntry]:
    by_code: dict[str, list[Procedure]] = {}
    for version in versions:
        by_code.setdefault(version.code, []).append(version)
    for code_versions in by_code.values():
        code_versions.sort(key=lambda v: v.effective_from)
        past = [v for v in code_versions if v.effective_from <= on]
        shown = past[-1] if past else code_versions[0]
        later = [v.effective_from for v in code_versions if v.effective_from > shown.effective_from]
        yield CatalogueEntry(shown, shown.state_on(on), len(code_versions), later[0] if later else None)


def catalogue_for_export(db: Database, on: date) -> list[Procedure]:
    """The list as it stands on `on` (retired procedures left out), for `catalogue_file.write_catalogue_file`:
    imported again from the same date, it changes nothing."""
    return [
        entry.procedure
        for entry in catalogue_entries(db, on)
        if entry.state in (ProcedureState.IN_FORCE, ProcedureState.NEEDS_TIME)
    ]


def catalogue_stamp(db: Database) -> int:
    """Changes whenever the catalogue is imported or edited, at any counter (every change is a CATALOGUE
    entry of the audit log); one indexed read, so a screen can tell whether to read the list again."""
    with db.read() as tx:
        return audit_repo.last_seq_of(tx, AuditAction.CATALOGUE.value)


def fields_in_use(db: Database) -> list[str]:
    """The fields of the catalogue (the report's "Lĩnh vực" rows come from the dossiers' own field)."""
    with db.read() as tx:
        return sorted(catalogue_repo.fields_in_use(tx), key=fold)


def versions_of(db: Database, code: str) -> list[Procedure]:
    with db.read() as tx:
        return catalogue_repo.versions_of(tx, code)


# --- the clerk's edits -------------------------------------------------------------------------------------


def procedure_errors(procedure: Procedure) -> dict[str, str]:
    """What is wrong with a procedure the clerk typed, by field (empty when it can be saved)."""
    errors: dict[str, str] = {}
    if not procedure.code:
        errors["code"] = "Nhập mã thủ tục."
    elif not is_code(procedure.code):
        errors["code"] = "Mã có dạng 1.001193 (mã quốc gia) hoặc chữ, số, dấu chấm, gạch (tối đa 30 ký tự)."
    for key, label in (("name", "tên thủ tục"), ("field", "lĩnh vực")):
        value = getattr(procedure, key)
        if not value.strip():
            errors[key] = f"Nhập {label}."
        elif "\n" in value or len(value) > MAX_NAME:
            errors[key] = f"{label.capitalize()} là một dòng, tối đa {MAX_NAME} ký tự."
    if procedure.fee_amount < 0 or procedure.fee_amount > 100_000_000:
        errors["fee_amount"] = "Mức thu từ 0 đến 100.000.000 đồng."
    if not 0 <= procedure.max_extension_days <= 60:
        errors["max_extension_days"] = "Gia hạn tối đa từ 0 đến 60 ngày làm việc."
    for key in ("fee_text", "fee_exemptions", "result", "legal_basis", "decision", "duration_text"):
        if len(getattr(procedure, key)) > MAX_TEXT:
            errors[key] = f"Tối đa {MAX_TEXT} ký tự."
    for index, document in enumerate(procedure.documents, start=1):
        if not document.name.strip() or len(document.name) > MAX_NAME:
            errors["documents"] = f"Giấy tờ thứ {index}: nhập tên (tối đa {MAX_NAME} ký tự)."
        elif document.kind not in DOCUMENT_KINDS:
            errors["documents"] = (
                f"Giấy tờ thứ {index}: loại bản phải là một trong: {', '.join(DOCUMENT_KINDS)}."
            )
        elif not 1 <= document.count <= 100:
            errors["documents"] = f"Giấy tờ thứ {index}: số bản từ 1 đến 100."
    return errors


def clean(procedure: Procedure) -> Procedure:
    """Text in NFC without surrounding spaces, as stored."""
    text_fields = ("code", "name", "field", "fee_text", "fee_exemptions", "resolving_body", "duration_text",
                   "result", "legal_basis", "decision")  # fmt: skip
    values: dict[str, Any] = {key: nfc(getattr(procedure, key)).strip() for key in text_fields}
    values["documents"] = tuple(
        dataclasses.replace(d, name=nfc(d.name).strip()) for d in procedure.documents if d.name.strip()
    )
    return dataclasses.replace(procedure, **values)


def save_procedure(ws: Workspace, procedure: Procedure, from_date: date) -> Procedure:
    """Save the clerk's procedure as its version from `from_date` (CATALOGUE, audited): a new version, or
    the version of that very date rewritten while no dossier was received under it."""
    require(ws, Permission.CATALOGUE)
    procedure = dataclasses.replace(clean(procedure), effective_from=from_date, active=True, id=None)
    errors = procedure_errors(procedure)
    if errors:
        raise InvalidInputError(" ".join(errors.values()))
    with ws.db.write() as tx:
        before = catalogue_repo.procedure_in_force(tx, procedure.code, from_date)
        if before is not None and before.effective_from > from_date:
            before = None  # the code's first version comes later: this one is new
        if before is not None and before.active and not changed_fields(before, procedure):
            raise InvalidInputError("Thủ tục không có thay đổi nào so với phiên bản đang áp dụng từ ngày đó.")
        saved_id = _write_version(tx, before, procedure)
        audit_log.record(
            tx, ws, AuditAction.CATALOGUE, ObjectKind.CATALOGUE, procedure.code,
            before=None if before is None else change_view(before, changed_fields(before, procedure)),
            after=change_view(procedure, changed_fields(before, procedure) if before else None),
        )  # fmt: skip
    return dataclasses.replace(procedure, id=saved_id)


def retire_procedure(ws: Workspace, code: str, from_date: date) -> Procedure:
    """Retire `code` from `from_date`: hidden at intake from then on, kept for the dossiers before it."""
    require(ws, Permission.CATALOGUE)
    with ws.db.write() as tx:
        before = catalogue_repo.procedure_in_force(tx, code, from_date)
        if before is None or before.effective_from > from_date:
            raise InvalidInputError(
                f"Thủ tục {code} chưa có hiệu lực vào ngày {short_date(from_date)}; không bãi bỏ được."
            )
        if not before.active:
            raise InvalidInputError(f"Thủ tục {code} đã bãi bỏ từ ngày {short_date(before.effective_from)}.")
        retired = dataclasses.replace(before, effective_from=from_date, active=False, id=None)
        saved_id = _write_version(tx, before, retired)
        audit_log.record(
            tx, ws, AuditAction.CATALOGUE, ObjectKind.CATALOGUE, code, after={"retired_from": from_date}
        )
    return dataclasses.replace(retired, id=saved_id)


def _write_version(tx: Tx, before: Procedure | None, version: Procedure) -> int:
    """Insert `version`, or rewrite `before` when it has the same date and no dossier refers to it."""
    if before is None or before.effective_from != version.effective_from:
        return catalogue_repo.add_procedure(tx, version)
    assert before.id is not None
    if catalogue_repo.versions_with_dossiers(tx, [before.id]):
        raise UserFacingError(used_version_message(before))
    catalogue_repo.replace_version(tx, before.id, version)
    return before.id


def used_version_message(version: Procedure) -> str:
    return (
        f"Đã có hồ sơ tiếp nhận theo phiên bản của thủ tục {version.code} áp dụng từ ngày "
        f"{short_date(version.effective_from)}; phiên bản đó giữ nguyên. Hãy chọn ngày áp dụng sau ngày đó."
    )


def change_view(procedure: Procedure, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The procedure's fields (all, or those named) as the audit log and the import preview show them."""
    view: dict[str, Any] = {"code": procedure.code, "effective_from": procedure.effective_from}
    for key in fields if fields is not None else ("name", "field", "duration", "fee_text", "documents"):
        view[key] = field_text(procedure, key)
    return view


def field_text(procedure: Procedure, key: str) -> str | int:
    value = getattr(procedure, key)
    if key == "duration":
        return procedure.time_text
    if key == "documents":
        return write_document_lines(value) or "(không có)"
    return value if isinstance(value, int) else str(value)


def require_unchanged(expected: object, found: object) -> None:
    if expected != found:
        raise UserFacingError(
            "Danh mục thủ tục vừa được thay đổi ở quầy khác; hãy xem lại bản xem trước rồi ghi lại."
        )
