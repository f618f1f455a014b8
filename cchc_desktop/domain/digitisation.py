"""Whether a received dossier's papers were digitised ("số hóa hồ sơ", Thông tư 03/2025/TT-VPCP).

A dossier is fully digitised when every paper the procedure requires, among those received, has a stored
scan; partly when some paper has one but not all required ones; not at all when none has. A dossier whose
received papers are all optional counts as full once any of them is scanned. docs/decisions.md,
"Digitised papers".
"""

from __future__ import annotations

import enum
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from cchc_desktop.domain.intake import ReceivedItem


class Digitised(enum.StrEnum):
    FULL = "full"
    PARTIAL = "partial"
    NONE = "none"


DIGITISED_LABELS = {
    Digitised.FULL: "Đã số hóa đủ",
    Digitised.PARTIAL: "Số hóa một phần",
    Digitised.NONE: "Chưa số hóa",
}


def digitised_state(documents: Sequence[ReceivedItem], scanned_lines: Collection[int]) -> Digitised:
    """`scanned_lines`: the positions in `documents` (from 0) that hold a live attachment."""
    lines = {line for line in scanned_lines if 0 <= line < len(documents)}
    if not lines:
        return Digitised.NONE
    required = [index for index, item in enumerate(documents) if item.required]
    if all(index in lines for index in required):
        return Digitised.FULL
    return Digitised.PARTIAL


@dataclass(frozen=True)
class DigitisationCounts:
    """Dossiers received in a period by how far their papers were digitised."""

    full: int = 0
    partial: int = 0
    none: int = 0

    @property
    def received(self) -> int:
        return self.full + self.partial + self.none

    @property
    def rate(self) -> float:
        """The share fully digitised, in percent (0 when nothing was received)."""
        return 100.0 * self.full / self.received if self.received else 0.0
