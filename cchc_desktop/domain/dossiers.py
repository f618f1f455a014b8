"""Dossier states, channels and the other closed vocabularies, with their Vietnamese labels."""

from __future__ import annotations

import enum
import re


class DossierStatus(enum.StrEnum):
    RECEIVED = "received"
    IN_PROCESSING = "in_processing"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    WAITING_SUPPLEMENT = "waiting_supplement"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"
    STOPPED = "stopped"


STATUS_LABELS = {
    DossierStatus.RECEIVED: "Đã tiếp nhận",
    DossierStatus.IN_PROCESSING: "Đang giải quyết",
    DossierStatus.RESULT_READY: "Đã có kết quả",
    DossierStatus.RETURNED: "Đã trả kết quả",
    DossierStatus.WAITING_SUPPLEMENT: "Chờ bổ sung",
    DossierStatus.REFUSED: "Từ chối",
    DossierStatus.WITHDRAWN: "Rút hồ sơ",
    DossierStatus.STOPPED: "Dừng giải quyết",
}


class Channel(enum.StrEnum):
    DIRECT = "direct"
    ONLINE = "online"
    POSTAL = "postal"


CHANNEL_LABELS = {
    Channel.DIRECT: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POSTAL: "Bưu chính công ích",
}


class ResultDelivery(enum.StrEnum):
    COUNTER = "counter"
    POSTAL = "postal"
    ONLINE = "online"


RESULT_DELIVERY_LABELS = {
    ResultDelivery.COUNTER: "Tại Trung tâm Phục vụ hành chính công",
    ResultDelivery.POSTAL: "Qua dịch vụ bưu chính công ích",
    ResultDelivery.ONLINE: "Trực tuyến (trên Cổng Dịch vụ công)",
}


class PaymentMethod(enum.StrEnum):
    CASH = "cash"
    TRANSFER = "transfer"
    ONLINE = "online"
    NONE = "none"


PAYMENT_LABELS = {
    PaymentMethod.CASH: "Tiền mặt",
    PaymentMethod.TRANSFER: "Chuyển khoản",
    PaymentMethod.ONLINE: "Trực tuyến",
    PaymentMethod.NONE: "Không thu",
}


class EventKind(enum.StrEnum):
    RECEIVED = "received"
    IMPORTED = "imported"  # brought in by `cchc import` / Nhập dữ liệu (from another system or a counter)
    PRINTED_RECEIPT = "printed_receipt"
    PRINTED_CONTROL_SLIP = "printed_control_slip"
    PRINTED_SUPPLEMENT_REQUEST = "printed_supplement_request"
    PRINTED_REFUSAL = "printed_refusal"
    PRINTED_EXTENSION = "printed_extension"
    PRINTED_STOP_NOTICE = "printed_stop_notice"
    CORRECTED = "corrected"


EVENT_LABELS = {
    EventKind.RECEIVED: "Tiếp nhận hồ sơ",
    EventKind.IMPORTED: "Nhập từ tệp dữ liệu",
    EventKind.PRINTED_RECEIPT: "In Giấy tiếp nhận và hẹn trả kết quả",
    EventKind.PRINTED_CONTROL_SLIP: "In Phiếu kiểm soát",
    EventKind.PRINTED_SUPPLEMENT_REQUEST: "In Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    EventKind.PRINTED_REFUSAL: "In Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    EventKind.PRINTED_EXTENSION: "In Văn bản xin lỗi và đề nghị gia hạn",
    EventKind.PRINTED_STOP_NOTICE: "In Thông báo dừng giải quyết hồ sơ",
    EventKind.CORRECTED: "Sửa thông tin hồ sơ",
}


def dossier_code(agency_identifier: str, day_yymmdd: str, sequence: int) -> str:
    """`<identifier>-<yyMMdd>-<NNNN>`: at least four digits, more when a day passes 9999."""
    return f"{dossier_code_prefix(agency_identifier, day_yymmdd)}{sequence:04d}"


def dossier_code_prefix(agency_identifier: str, day_yymmdd: str) -> str:
    """What every code of that agency and day starts with: `<identifier>-<yyMMdd>-`."""
    return f"{agency_identifier}-{day_yymmdd}-"


# Up to nine digits: a day never reaches a billion dossiers, and a longer tail is not one of ours.
_CODE = re.compile(r"(?P<identifier>.+)-(?P<day>[0-9]{6})-(?P<sequence>[0-9]{4,9})")


def parse_dossier_code(code: str) -> tuple[str, str, int] | None:
    """(identifier, yyMMdd, sequence) of a code of the `dossier_code` shape, else None."""
    match = _CODE.fullmatch(code)
    if match is None:
        return None
    return match["identifier"], match["day"], int(match["sequence"])
