"""A procedure of the catalogue, one version of it (in force from `effective_from`).

A version with `active` false retires the procedure from its `effective_from`: hidden at intake, kept for
the dossiers received under the earlier versions (history, reports, reprints). A version whose `duration`
is None carries published wording the app could not read ("cần xác định thời hạn"): it cannot be chosen at
intake until the clerk sets the time.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, fields
from datetime import date

from cchc_desktop.domain.deadlines import Duration

DOCUMENT_KINDS = ("bản chính", "bản sao", "bản chứng thực", "bản photo", "bản sao hoặc bản chụp")


class ProcedureState(enum.StrEnum):
    IN_FORCE = "in_force"
    NEEDS_TIME = "needs_time"
    UPCOMING = "upcoming"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]


_STATE_LABELS = {
    ProcedureState.IN_FORCE: "Đang áp dụng",
    ProcedureState.NEEDS_TIME: "Cần xác định thời hạn",
    ProcedureState.UPCOMING: "Chưa có hiệu lực",
    ProcedureState.RETIRED: "Đã bãi bỏ",
}


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
    duration: Duration | None
    effective_from: date
    max_extension_days: int = 0
    fee_amount: int = 0
    fee_text: str = ""
    resolving_body: str = ""
    documents: tuple[RequiredDocument, ...] = ()
    id: int | None = None
    active: bool = True
    duration_text: str = ""  # the processing time as published, kept beside the rule read from it
    fee_exemptions: str = ""
    result: str = ""
    legal_basis: str = ""
    decision: str = ""  # the decision that published this version

    @property
    def needs_time(self) -> bool:
        return self.duration is None

    @property
    def time_text(self) -> str:
        """What the receipt and the lists show as the processing time."""
        if self.duration is None:
            return "Cần xác định thời hạn"
        return self.duration.describe()

    def state_on(self, day: date) -> ProcedureState:
        """The state of this version seen on `day` (the caller passes the version in force or the next one)."""
        if self.effective_from > day:
            return ProcedureState.UPCOMING
        if not self.active:
            return ProcedureState.RETIRED
        return ProcedureState.NEEDS_TIME if self.duration is None else ProcedureState.IN_FORCE


# What a new version may differ in; `id`, `effective_from` and `active` belong to the version itself.
CONTENT_FIELDS = tuple(
    f.name for f in fields(Procedure) if f.name not in ("id", "effective_from", "active", "code")
)

CONTENT_LABELS = {
    "name": "Tên thủ tục",
    "field": "Lĩnh vực",
    "duration": "Thời hạn giải quyết",
    "duration_text": "Thời hạn theo văn bản công bố",
    "max_extension_days": "Gia hạn tối đa",
    "fee_amount": "Mức thu",
    "fee_text": "Phí, lệ phí",
    "fee_exemptions": "Miễn, giảm phí",
    "resolving_body": "Cơ quan giải quyết",
    "documents": "Thành phần hồ sơ",
    "result": "Kết quả",
    "legal_basis": "Căn cứ pháp lý",
    "decision": "Quyết định công bố",
}


def changed_fields(old: Procedure, new: Procedure) -> tuple[str, ...]:
    """The content fields in which `new` differs from `old`, in the order of CONTENT_FIELDS."""
    return tuple(name for name in CONTENT_FIELDS if getattr(old, name) != getattr(new, name))
