"""A procedure of the catalogue, one version of it (in force from `effective_from`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cchc_desktop.domain.deadlines import Duration

DOCUMENT_KINDS = ("bản chính", "bản sao", "bản chứng thực", "bản photo", "bản sao hoặc bản chụp")


@dataclass(frozen=True)
class RequiredDocument:
    name: str
    kind: str = "bản chính"
    count: int = 1
    required: bool = True


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    duration: Duration
    effective_from: date
    max_extension_days: int = 0
    fee_amount: int = 0
    fee_text: str = ""
    resolving_body: str = ""
    documents: tuple[RequiredDocument, ...] = ()
    id: int | None = None
    active: bool = True
