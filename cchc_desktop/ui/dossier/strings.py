"""Every word the clerk sees in the dossier window, its action forms and the open-by-code dialog."""

from cchc_desktop.domain.lifecycle import Action
from cchc_desktop.services.printing import PrintedForm

TIP_WITH_SHORTCUT = "{tip} ({shortcut})"
MOMENT = "{:%H:%M %d/%m/%Y}"

# ------------------------------------------------------------------ the dossier window
TITLE = "Hồ sơ {code}"
HEADING = "Hồ sơ <b>{code}</b> · {status}"
GROUP_DETAILS = "Thông tin hồ sơ"
GROUP_TIMELINE = "Quá trình giải quyết"
TAB_DOSSIER = "Hồ sơ và quá trình"
GROUP_ACTIONS = "Bước tiếp theo"
NO_ACTIONS = "Hồ sơ đã kết thúc ({status}): không còn bước nào để thực hiện."
LABEL_PROCEDURE = "Thủ tục:"
LABEL_APPLICANT = "Người nộp:"
LABEL_ADDRESS = "Địa chỉ:"
LABEL_SUBMITTER = "Người nộp thay:"
LABEL_CHANNEL = "Hình thức nộp:"
LABEL_RECEIVED = "Thời gian nhận:"
LABEL_DUE = "Hạn trả kết quả:"
LABEL_APPOINTMENT = "Hẹn trả (đã gia hạn):"
LABEL_ORIGINAL_DUE = "Hạn ban đầu:"
LABEL_STATUS = "Trạng thái:"
LABEL_HOLDER = "Đang ở:"
LABEL_REGISTER = "Sổ theo dõi:"
LABEL_FEE = "Phí, lệ phí:"
PROCEDURE_VALUE = "{name}<br><span style='color:#5f6b7a'>Mã {code} · Lĩnh vực {field}</span>"
APPLICANT_VALUE = "<b>{name}</b> · Số định danh {id_number}"
PHONE_PART = " · Điện thoại {phone}"
SUBMITTER_VALUE = "{name} · Số định danh {id_number} · {document}"
CHANNEL_VALUE = "{channel} · Nhận kết quả: {delivery}"
DUE_VALUE = "{moment} · <b>{left}</b>"
ORIGINAL_DUE_VALUE = "{moment} (trước khi yêu cầu bổ sung; hạn trên đã tính lại)"
STATUS_VALUE = "{status} từ {moment}"
RECEIVED_VALUE = "{moment} · {counter}"  # the counter that took the dossier in
REGISTER_VALUE = "Quyển số {volume}, số thứ tự {row}"
NOBODY = "—"

ALERT_NEAR_DUE = (
    "Hồ sơ sắp đến hạn mà chưa có văn bản xin lỗi, gia hạn (Mẫu 04): hạn trả kết quả {due} ({left})."
)
ALERT_EXTEND_BY = "Nếu không kịp trả kết quả, lập Mẫu 04 chậm nhất trong ngày {day} (Gia hạn, Alt+G)."
ALERT_EXTEND_TOO_LATE = (
    "Đã quá thời hạn lập Mẫu 04 (chậm nhất 01 ngày làm việc trước hạn): cần trả kết quả đúng hạn."
)
ALERT_OVERDUE = "Hồ sơ đã quá hạn giải quyết ({left}; hạn {due}) và chưa có văn bản xin lỗi (Mẫu 04)."
ALERT_SUPPLEMENT = (
    "Đã quá 15 ngày kể từ khi yêu cầu bổ sung ({requested}) mà công dân chưa nộp đủ giấy tờ: "
    "đề nghị đóng hồ sơ."
)

# (button text with its Alt mnemonic, tooltip, shortcut shown in the tooltip)
ACTIONS: dict[Action, tuple[str, str, str]] = {
    Action.HAND_OVER: (
        "&Chuyển hồ sơ…",
        "Giao hồ sơ cho công chức chuyên môn, lãnh đạo hoặc đơn vị khác",
        "Alt+C",
    ),
    Action.RECEIVE_RESULT: ("&Nhận kết quả…", "Nhận lại hồ sơ đã có kết quả về bộ phận một cửa", "Alt+N"),
    Action.RETURN_RESULT: ("&Trả kết quả…", "Trả kết quả giải quyết cho công dân", "Alt+T"),
    Action.REQUEST_SUPPLEMENT: (
        "Yêu cầu &bổ sung…",
        "Ghi giấy tờ còn thiếu và in Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
        "Alt+B",
    ),
    Action.SUPPLEMENT_RECEIVED: (
        "Nhận hồ &sơ bổ sung…",
        "Công dân đã nộp đủ giấy tờ bổ sung: tính lại hạn giải quyết",
        "Alt+S",
    ),
    Action.REFUSE: ("Từ c&hối…", "Từ chối giải quyết và in Phiếu từ chối (Mẫu 03)", "Alt+H"),
    Action.WITHDRAW: ("&Rút hồ sơ…", "Công dân xin rút hồ sơ", "Alt+R"),
    Action.STOP: (
        "&Dừng giải quyết…",
        "Dừng giải quyết theo đề nghị của công dân và in Thông báo dừng giải quyết (Mẫu 05)",
        "Alt+D",
    ),
    Action.EXTEND: (
        "&Gia hạn (Mẫu 04)…",
        "Lập Văn bản xin lỗi và hẹn lại ngày trả kết quả (Mẫu 04): một lần, chậm nhất 01 ngày làm việc trước hạn",
        "Alt+G",
    ),
}
RETURN_HINT = "Nhấn Enter để trả kết quả cho công dân."
RETURN_DEFAULT_TIP = "Trả kết quả giải quyết cho công dân (Enter hoặc Alt+T)"
REPRINT = "&In lại…"
REPRINT_TIP = "In lại giấy tiếp nhận, phiếu kiểm soát hoặc biểu mẫu đã lập (Alt+I)"
CLOSE = "Đóng"
CLOSE_TIP = "Đóng cửa sổ hồ sơ (Esc)"

FORM_NAMES = {
    PrintedForm.RECEIPT: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
    PrintedForm.CONTROL_SLIP: "Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06)",
    PrintedForm.SUPPLEMENT_REQUEST: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
    PrintedForm.REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)",
    PrintedForm.EXTENSION: "Văn bản xin lỗi và đề nghị gia hạn (Mẫu 04)",
    PrintedForm.STOP_NOTICE: "Thông báo dừng giải quyết hồ sơ (Mẫu 05)",
}
STATUS_DONE = "Đã ghi: {action} lúc {moment}."
STATUS_PRINTING = "{done} Đang in {form}…"
STATUS_PRINTED = "Đã in {form}."
STATUS_REPRINTED = "Đã in lại (lần {number}) {form}."
STATUS_PRINT_FAILED = "Lỗi khi in: {message} Chọn “In lại…” (Alt+I) để in lại."
STATUS_PRINT_BUSY = "Đang in biểu mẫu trước, chờ in xong rồi thử lại."

# ------------------------------------------------------------------ timeline
TIMELINE_HEADERS = (
    "Thời gian",
    "Bước",
    "Giao → Nhận (đơn vị)",
    "Kết quả",
    "Ghi chú",
    "Người thực hiện",
    "Người ghi",
    "Quầy",
)
RECORDED_BY_TIP = "{name} (tài khoản {username}) ghi bước này vào phần mềm"
HAND_OVER_TEXT = "{giver} → {taker}"
UNIT_SUFFIX = " ({unit})"
UNKNOWN_PERSON = "…"
ITEMS_NOTE = "Cần bổ sung: {items}"
APPOINTMENT_NOTE = "Hẹn trả mới: {moment}"
STOP_NOTE = "Ngày đề nghị dừng: {day}; trả lại: {items}"
NEW_DUE_NOTE = "Hạn mới: {moment}"
PRINT_TARGET_NOTE = "→ {target}"

# ------------------------------------------------------------------ action forms
FORM_TITLES = {
    Action.HAND_OVER: "Chuyển hồ sơ {code}",
    Action.RECEIVE_RESULT: "Nhận kết quả hồ sơ {code}",
    Action.RETURN_RESULT: "Trả kết quả hồ sơ {code}",
    Action.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung, hoàn thiện hồ sơ {code} (Mẫu 02)",
    Action.SUPPLEMENT_RECEIVED: "Nhận hồ sơ bổ sung {code}",
    Action.REFUSE: "Từ chối giải quyết hồ sơ {code} (Mẫu 03)",
    Action.WITHDRAW: "Rút hồ sơ {code}",
    Action.STOP: "Dừng giải quyết hồ sơ {code} (Mẫu 05)",
    Action.EXTEND: "Xin lỗi và gia hạn hồ sơ {code} (Mẫu 04)",
}
FORM_INTROS = {
    Action.HAND_OVER: "Người giao: {giver} ({unit}). Ghi người và đơn vị nhận hồ sơ.",
    Action.RECEIVE_RESULT: "Kết quả giải quyết được giao về bộ phận một cửa{receiver}.",
    Action.RETURN_RESULT: "Công dân <b>{applicant}</b> nhận kết quả {procedure}.",
    Action.REQUEST_SUPPLEMENT: (
        "Đánh dấu giấy tờ còn thiếu (phím cách) và ghi thêm nội dung khác nếu có. "
        "Sau khi lưu, Phiếu yêu cầu bổ sung (Mẫu 02) được in ngay."
    ),
    Action.SUPPLEMENT_RECEIVED: "Công dân đã nộp đủ giấy tờ bổ sung: {rule}",
    Action.REFUSE: "Sau khi lưu, Phiếu từ chối (Mẫu 03) được in ngay. Hồ sơ kết thúc.",
    Action.WITHDRAW: "Hồ sơ kết thúc theo đề nghị rút hồ sơ của công dân.",
    Action.STOP: "Sau khi lưu, Thông báo dừng giải quyết (Mẫu 05) được in ngay. Hồ sơ kết thúc.",
    Action.EXTEND: (
        "Hạn trả kết quả: {due}. Hẹn trả hiện tại: {appointment}. "
        "Chỉ được gia hạn một lần; sau khi lưu, Mẫu 04 được in ngay."
    ),
}
SUPPLEMENT_RULES = {
    "restart": "thời hạn giải quyết được tính lại từ đầu kể từ thời điểm nhận.",
    "pause": "thời hạn giải quyết tiếp tục với số ngày làm việc còn lại kể từ thời điểm nhận.",
}
NEW_DUE_STATUS = " Hạn trả kết quả mới: {moment}."
LABEL_TAKER = "Người &nhận:"
TAKER_PLACEHOLDER = "Họ tên người nhận hồ sơ"
LABEL_TAKER_UNIT = "Đơn &vị nhận:"
TAKER_UNIT_PLACEHOLDER = "Chọn hoặc gõ tên đơn vị, bộ phận"
# Suggestions before any hand-over was recorded; the clerk may type any other unit.
DEFAULT_UNITS = (
    "Công chức Tư pháp - Hộ tịch",
    "Văn phòng HĐND và UBND xã",
    "Phòng Kinh tế",
    "Phòng Văn hóa - Xã hội",
    "Lãnh đạo UBND xã",
)
LABEL_GIVER = "Người &giao kết quả:"
RECEIVER_PART = "; người nhận: {name}"
LABEL_NOTE = "Ghi &chú:"
LABEL_AT = "Thời đ&iểm:"
AT_TIP = "Mặc định là bây giờ; sửa nếu ghi lại việc đã làm trước đó"
LABEL_SUGGESTED_ITEMS = "Giấy tờ &theo quy định của thủ tục:"
SUGGESTED_ITEM = "{name} ({kind})"
LABEL_OTHER_ITEMS = "Nội dung &khác (mỗi dòng một mục):"
LABEL_REASON = "&Lý do:"
SUPPLEMENT_REASON_PLACEHOLDER = "Ví dụ: Hồ sơ chưa đủ thành phần theo quy định"
LABEL_REQUESTED_ON = "Ngày công dân đề &nghị dừng:"
LABEL_RETURNED_ITEMS = "Giấy tờ, phí &trả lại:"
RETURNED_ITEMS_PLACEHOLDER = "Ví dụ: Bản chính giấy tờ đã nộp; phí đã nộp 50.000 đồng"
LABEL_NEW_APPOINTMENT = "&Hẹn trả mới:"
NOT_WORKING_DAY = "Ngày {day} ({weekday}) không phải ngày làm việc: chọn ngày làm việc khác."
SAVE = "Lưu"
SAVE_RETURN = "Xác nhận trả kết quả"
CANCEL = "Hủy"

# ------------------------------------------------------------------ open a dossier by its code
OPEN_TITLE = "Mở hồ sơ theo mã"
OPEN_LABEL = "&Mã hồ sơ:"
OPEN_PLACEHOLDER = "Quét mã trên giấy tiếp nhận hoặc gõ mã hồ sơ, rồi Enter"
OPEN_BUTTON = "Mở hồ sơ"
NOT_FOUND = "Không tìm thấy hồ sơ mã {code}."
FINISH_FORM_FIRST = "Đang mở biểu mẫu của hồ sơ {code}: lưu hoặc hủy biểu mẫu đó trước khi mở hồ sơ khác."
# The hand-over and result forms once the database has accounts: people are chosen from the accounts.
HAND_OVER_INTRO_ACCOUNTS = (
    "Chọn người nhận trong danh sách tài khoản (hồ sơ vào mục «Hồ sơ của tôi» của người đó) "
    "hoặc gõ tên người chưa có tài khoản."
)
LABEL_HAND_OVER_GIVER = "Người &giao:"
GIVER_PLACEHOLDER = "Họ tên người giao hồ sơ"
PERSON_CHOICE = "{name} ({username})"
