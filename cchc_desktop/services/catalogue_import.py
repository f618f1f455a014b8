"""Importing a published procedure list from a date: what it would change (shown before anything is
written), then all of it in one transaction, or nothing.

Compared with the version of each code in force on the date:
- new: a code the catalogue does not have on that date;
- changed: a code whose content differs, field by field (a new version from the date);
- retired: a code in force on the date that the list no longer has (a retiring version from the date);
- unreadable: new or changed procedures whose processing time could not be read ("cần xác định thời hạn").
A column the file does not have leaves that field as it is. What the app derives from a published text
(the rule read from the time wording, the amount read from the fee text) stays as the clerk last set it
while the published text is the same, so a clerk's reading of odd wording survives the next import.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.procedures import Procedure, changed_fields
from cchc_desktop.domain.roles import Permission
from cchc_desktop.services import audit_log
from cchc_desktop.services.catalogue import change_view, require_unchanged, used_version_message
from cchc_desktop.services.catalogue_file import CatalogueFile, FileProcedure, RowProblem, read_catalogue_file
from cchc_desktop.services.permissions import require
from cchc_desktop.storage import catalogue_repo
from cchc_desktop.storage.database import Tx

if TYPE_CHECKING:
    from cchc_desktop.services.workspace import Workspace

# file column → the procedure fields it carries
_COLUMN_FIELDS = {
    "time": ("duration_text",),
    "fee": ("fee_text",),
    "exemptions": ("fee_exemptions",),
    "documents": ("documents",),
    "result": ("result",),
    "legal_basis": ("legal_basis",),
    "decision": ("decision",),
    "body": ("resolving_body",),
    "fee_amount": ("fee_amount",),
    "extension": ("max_extension_days",),
}


@dataclass(frozen=True)
class Change:
    before: Procedure
    after: Procedure
    fields: tuple[str, ...]
    row: int


@dataclass(frozen=True)
class ImportPlan:
    source: Path
    effective_from: date
    new: tuple[FileProcedure, ...]
    changed: tuple[Change, ...]
    retired: tuple[Procedure, ...]
    unchanged: int
    problems: tuple[RowProblem, ...]

    @property
    def unreadable(self) -> tuple[Procedure, ...]:
        """New or changed procedures whose time the clerk must set ("cần xác định thời hạn")."""
        return tuple(p.procedure for p in self.new if p.procedure.duration is None) + tuple(
            c.after for c in self.changed if c.after.duration is None
        )

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.retired)

    def additions(self) -> tuple[object, ...]:
        """The new and changed versions the preview showed, compared again before writing (each retired
        version is checked on its own)."""
        return (tuple(p.procedure for p in self.new), tuple((c.before.id, c.after) for c in self.changed))


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    retired: int
    unreadable: int


def plan_import(ws: Workspace, source: Path, effective_from: date) -> ImportPlan:
    """Read the file and compare it with the catalogue on `effective_from`; writes nothing."""
    require(ws, Permission.CATALOGUE)
    parsed = read_catalogue_file(source, effective_from)
    with ws.db.read() as tx:
        return _plan(tx, catalogue_repo.all_versions(tx), source, parsed, effective_from)


def apply_import(ws: Workspace, plan: ImportPlan) -> ImportResult:
    """Write the plan in one transaction (refused when it has problems or the catalogue changed since)."""
    require(ws, Permission.CATALOGUE)
    if plan.problems:
        raise_problems(plan.problems)
    parsed = CatalogueFile(
        procedures=[*plan.new, *(FileProcedure(c.after, c.row) for c in plan.changed)],
        columns=frozenset(_COLUMN_FIELDS) | {"field"},
    )
    with ws.db.write() as tx:
        versions = catalogue_repo.all_versions(tx)
        current = _plan(tx, versions, plan.source, parsed, plan.effective_from, retire=False)
        dated = {(version.code, version.effective_from): version for version in versions}
        require_unchanged(plan.additions(), current.additions())
        entries: list[audit_log.Entry] = []  # one entry per procedure, chained in one append
        for entry in plan.new:
            _insert(tx, dated.get((entry.procedure.code, entry.procedure.effective_from)), entry.procedure)
            entries.append(_entry(None, entry.procedure, None, plan.source))
        for change in plan.changed:
            _write(tx, change.before, change.after)
            entries.append(_entry(change.before, change.after, change.fields, plan.source))
        for procedure in plan.retired:
            in_force = catalogue_repo.procedure_in_force(tx, procedure.code, plan.effective_from)
            require_unchanged(procedure, in_force)
            retired = dataclasses.replace(
                procedure, effective_from=plan.effective_from, active=False, id=None
            )
            _write(tx, procedure, retired)
            after = {"retired_from": plan.effective_from, "file": plan.source.name}
            entries.append(audit_log.Entry(ObjectKind.CATALOGUE, procedure.code, after=after))
        audit_log.append(tx, ws.actor, ws.counter, AuditAction.CATALOGUE, entries)
    return ImportResult(len(plan.new), len(plan.changed), len(plan.retired), len(plan.unreadable))


def raise_problems(problems: tuple[RowProblem, ...]) -> None:
    shown = "\n".join(p.describe() for p in problems[:20])
    more = f"\n… và {len(problems) - 20} lỗi khác." if len(problems) > 20 else ""
    raise InvalidInputError(f"Tệp danh mục có {len(problems)} lỗi, chưa nhập gì:\n{shown}{more}")


def _plan(
    tx: Tx,
    versions: list[Procedure],
    source: Path,
    parsed: CatalogueFile,
    effective_from: date,
    *,
    retire: bool = True,
) -> ImportPlan:
    in_force: dict[str, Procedure] = {}
    for version in versions:  # ordered by code and date: the last one not after the date wins
        if version.effective_from <= effective_from:
            in_force[version.code] = version
    used = catalogue_repo.versions_with_dossiers(
        tx, [v.id for v in in_force.values() if v.effective_from == effective_from and v.id is not None]
    )
    problems = list(parsed.problems)
    new: list[FileProcedure] = []
    changed: list[Change] = []
    unchanged = 0
    for entry in parsed.procedures:
        before = in_force.get(entry.procedure.code)
        if before is None or not before.active:
            new.append(entry)
            continue
        after = _merged(before, entry.procedure, parsed.columns)
        fields = changed_fields(before, after)
        if not fields:
            unchanged += 1
            continue
        if before.id in used:
            problems.append(RowProblem(entry.row, "Mã thủ tục", used_version_message(before)))
        changed.append(Change(before, after, fields, entry.row))
    listed = {entry.procedure.code for entry in parsed.procedures}
    retired = [
        version
        for code, version in sorted(in_force.items())
        if retire and version.active and code not in listed
    ]
    problems.extend(
        RowProblem(0, "Mã thủ tục", used_version_message(version))
        for version in retired
        if version.id in used
    )
    return ImportPlan(
        source, effective_from, tuple(new), tuple(changed), tuple(retired), unchanged, tuple(problems)
    )


def _merged(before: Procedure, listed: Procedure, columns: frozenset[str]) -> Procedure:
    """`before` with what the file says, column by column (see the module docstring)."""
    values: dict[str, object] = {"name": listed.name, "field": listed.field}
    for column, names in _COLUMN_FIELDS.items():
        if column in columns:
            values.update({name: getattr(listed, name) for name in names})
    if "time" in columns:
        # A rule set without a published wording is exported as its own description.
        stored_wording = before.duration_text or (before.time_text if before.duration else "")
        same_wording = listed.duration_text == stored_wording
        if same_wording:
            values["duration_text"] = before.duration_text
        values["duration"] = before.duration if same_wording else listed.duration
        if "extension" not in columns:
            values["max_extension_days"] = (
                before.max_extension_days if same_wording else listed.max_extension_days
            )
    if "fee" in columns and "fee_amount" not in columns:
        values["fee_amount"] = before.fee_amount if listed.fee_text == before.fee_text else listed.fee_amount
    return dataclasses.replace(before, **values, effective_from=listed.effective_from, id=None, active=True)  # type: ignore[arg-type]


def _insert(tx: Tx, same_date: Procedure | None, version: Procedure) -> None:
    """A new code, or one brought back after it was retired, perhaps on this very date (`same_date`)."""
    if same_date is not None:
        _write(tx, same_date, version)
    else:
        catalogue_repo.add_procedure(tx, version)


def _write(tx: Tx, before: Procedure, version: Procedure) -> None:
    if before.effective_from == version.effective_from:
        assert before.id is not None
        catalogue_repo.replace_version(tx, before.id, version)
    else:
        catalogue_repo.add_procedure(tx, version)


def _entry(
    before: Procedure | None, after: Procedure, fields: tuple[str, ...] | None, source: Path
) -> audit_log.Entry:
    return audit_log.Entry(
        ObjectKind.CATALOGUE,
        after.code,
        before=None if before is None else change_view(before, fields),
        after={**change_view(after, fields), "file": source.name},
    )
