"""A month of dossiers whose digitised papers were counted by hand, for the report's "số hóa hồ sơ"
figures (services, command line and report tab use it).

Received in March 2026 (6):
- FULL: both required papers scanned, the first one twice (two scans on one line are one line);
- FULL_OPTIONAL: both required papers scanned, its optional third paper not;
- PARTIAL: only the second required paper scanned;
- NONE: nothing scanned;
- DELETED: its only paper scanned, then the scan deleted: not digitised;
- IMPORTED: brought from the online system (no papers, no scans): not digitised.
Received on 28/2 (outside the month): EARLIER, fully scanned.
So March: 2 full, 1 partial, 3 not digitised, 2/6 = 33,3 %.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from cchc_desktop.domain.digitisation import DigitisationCounts
from cchc_desktop.domain.intake import ReceivedItem
from cchc_desktop.services import attachments
from cchc_desktop.services.intake import save_intake
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace
from tests import scan_samples
from tests.services.intake_helpers import request
from tests.services.test_reporting import import_rows

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
AFTER = datetime(2026, 4, 10, 9, 0)
EXPECTED = DigitisationCounts(full=2, partial=1, none=3)
SENTENCE = (
    "Số hóa hồ sơ từ ngày 01/03/2026 đến ngày 31/03/2026: 2/6 hồ sơ tiếp nhận được số hóa đầy đủ thành phần "
    "hồ sơ (đạt 33,3%), 1 hồ sơ số hóa một phần, 3 hồ sơ chưa số hóa."
)
OPTIONAL = ReceivedItem("Giấy tờ chứng minh nơi cư trú", "bản sao", 1, required=False)


def build(ws: Workspace, folder: Path) -> dict[str, str]:
    """The dossiers above in `ws` (agency set up); their codes by name."""
    scans = prepare_scans([scan_samples.pdf(folder / "ban-quet.pdf", pages=1)])
    two = request().documents
    plan: dict[str, tuple[datetime, tuple[ReceivedItem, ...], tuple[int, ...]]] = {
        "FULL": (datetime(2026, 3, 2, 8, 0), two, (0, 0, 1)),
        "FULL_OPTIONAL": (datetime(2026, 3, 3, 8, 0), (*two, OPTIONAL), (0, 1)),
        "PARTIAL": (datetime(2026, 3, 4, 8, 0), two, (1,)),
        "NONE": (datetime(2026, 3, 5, 8, 0), two, ()),
        "DELETED": (datetime(2026, 3, 31, 16, 0), two[:1], (0,)),
        "EARLIER": (datetime(2026, 2, 28, 8, 0), two, (0, 1)),
    }
    codes = {}
    for name, (received, documents, lines) in plan.items():
        saved = save_intake(
            ws, request(received_at=received, documents=documents), now=received + timedelta(minutes=5)
        )
        codes[name] = code = saved.record.code
        for line in lines:
            attachments.attach(ws, code, line, scans)
    deleted = attachments.scans_of(ws, codes["DELETED"]).attachments[0]
    attachments.delete_attachment(ws, codes["DELETED"], deleted.id, "Quét nhầm hồ sơ")
    import_rows(ws, folder, {"IMPORTED-1": {"procedure_code": "1.004873", "received_at": "2026-03-10T09:00"}})
    codes["IMPORTED"] = "IMPORTED-1"
    return codes
