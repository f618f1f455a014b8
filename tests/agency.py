"""The agency a test counter works for: a new database is not set up (first run), tests fill this in."""

from __future__ import annotations

import dataclasses

from cchc_desktop.services.settings import load_settings, save_settings
from cchc_desktop.services.workspace import Workspace

# The example commune of the forms in docs/domain.md; the tests' expected texts use it.
TEST_AGENCY = {
    "commune_name": "Đại Hợp",
    "province_name": "Hải Phòng",
    "agency_identifier": "000.00.00.H00",
    "place_name": "Đại Hợp",
    "clerk_name": "Lê Văn Tâm",
    "signer_name": "Nguyễn Văn Hùng",
}


def set_up_agency(ws: Workspace) -> None:
    """What the clerk types in the first-run dialog, stored as the dialog stores it."""
    save_settings(ws, dataclasses.replace(load_settings(ws.db), **TEST_AGENCY))
