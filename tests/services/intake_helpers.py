"""A valid intake request to start tests from."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from cchc_desktop.domain.dossiers import Channel, PaymentMethod
from cchc_desktop.domain.intake import IntakeRequest, ReceivedItem

RECEIVED = datetime(2026, 3, 2, 10, 5)


def request(**changes: Any) -> IntakeRequest:
    base = IntakeRequest(
        procedure_code="1.004873",
        applicant_name="Nguyễn Thị Hoa",
        applicant_id_number="030185001234",
        applicant_phone="0912 345 678",
        applicant_address="Thôn Đông, xã Đại Hợp, thành phố Hải Phòng",
        received_at=RECEIVED,
        documents=(
            ReceivedItem("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân", "bản chính", 1),
            ReceivedItem("Giấy tờ tùy thân để xuất trình", "bản chính", 1),
        ),
        channel=Channel.DIRECT,
        fee_amount=0,
        payment_method=PaymentMethod.NONE,
        clerk_name="Lê Văn Tâm",
    )
    return dataclasses.replace(base, **changes)
