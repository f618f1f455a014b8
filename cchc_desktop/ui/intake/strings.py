"""Every word the clerk sees on the intake tab, in one place for review."""

from cchc_desktop.domain.dossiers import PaymentMethod

# ------------------------------------------------------------------ actions (text, shortcut, tooltip)
ACTION_SAVE = "&Lưu hồ sơ"
ACTION_SAVE_TIP = "Lưu hồ sơ, cấp mã hồ sơ và số thứ tự trong sổ theo dõi"
ACTION_PRINT = "&In giấy tiếp nhận và phiếu kiểm soát"
ACTION_PRINT_TIP = (
    "In Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01) và Phiếu kiểm soát (Mẫu 06) ra máy in mặc định"
)
ACTION_PRINT_DIALOG = "In và &chọn máy in…"
ACTION_PRINT_DIALOG_TIP = "Chọn máy in, số bản… rồi in giấy tiếp nhận và phiếu kiểm soát"
ACTION_REPRINT = "In lại hồ sơ &vừa lưu"
ACTION_REPRINT_TIP = "In lại giấy tiếp nhận và phiếu kiểm soát của hồ sơ vừa lưu (ghi “BẢN IN LẠI”)"
ACTION_NEW = "Nhập hồ sơ &mới"
ACTION_NEW_TIP = "Xóa biểu mẫu để tiếp nhận hồ sơ của công dân tiếp theo"
ACTION_CORRECT = "&Sửa thông tin hồ sơ vừa lưu…"
ACTION_CORRECT_TIP = "Sửa thủ tục, thông tin người nộp hoặc thời gian nhận của hồ sơ vừa lưu, có ghi lý do"
STATUS_NOTHING_TO_CORRECT = "Chưa có hồ sơ nào vừa lưu để sửa."
STATUS_CORRECTED = "Đã sửa hồ sơ {code} ({fields}). Nhấn F5 để in lại giấy tiếp nhận."
CORRECTED_FIELD_LABELS = {
    "procedure_code": "thủ tục",
    "applicant_name": "họ tên",
    "applicant_id_number": "số định danh",
    "applicant_birth_date": "ngày sinh",
    "applicant_phone": "điện thoại",
    "applicant_email": "email",
    "applicant_address": "địa chỉ",
    "received_at": "thời gian nhận",
    "due_at": "hạn trả kết quả",
}
ACTION_NOW = "Bây giờ"
ACTION_NOW_TIP = "Lấy thời gian hiện tại làm thời gian nhận hồ sơ"
TIP_WITH_SHORTCUT = "{tip} ({shortcut})"
# Alt+letter mnemonics of the labels avoid T, H and G, which open the Tệp, Hệ thống and Trợ giúp menus.

# ------------------------------------------------------------------ procedure and documents
GROUP_PROCEDURE = "Thủ tục hành chính"
PROCEDURE_LABEL = "Thủ tụ&c:"
PROCEDURE_PLACEHOLDER = "Gõ tên hoặc mã thủ tục, ví dụ: khai sinh, chung thuc, 2.000815 (↓ chọn, Enter nhận)"
PROCEDURE_TIP = (
    "Tìm theo tên, mã thủ tục hoặc lĩnh vực, không cần gõ dấu. Mũi tên xuống để chọn, Enter để nhận."
)
PROCEDURE_MATCH_DETAIL = "{code} · {field}"
PROCEDURE_CHOSEN = "{name} ({code})"
PROCEDURE_INFO = "Lĩnh vực: {field} · Thời hạn giải quyết: {duration}"
NO_MATCH = "Không tìm thấy thủ tục nào khớp với “{text}”."
DOCUMENTS_LABEL = "Thành phần hồ sơ:"
DOCUMENTS_TIP = "Mũi tên lên/xuống chọn giấy tờ, Phím cách: đánh dấu đã nhận, F2: sửa hình thức hoặc số lượng"
DOCUMENT_HEADERS = ("Đã nhận", "Tên giấy tờ", "Hình thức", "Số lượng", "Bản quét")
NOT_SCANNED_TIP = "Chưa số hóa: kéo thả tệp quét vào dòng này, hoặc bấm “Gắn bản quét…” bên dưới"
ATTACH_FILES = "Gắn &bản quét…"
ATTACH_FILES_TIP = (
    "Chọn tệp quét (PDF, JPEG, PNG, TIFF) để gắn vào giấy tờ đang chọn; cũng có thể kéo thả tệp vào dòng"
)
ATTACH_NEWEST = "Gắn bản quét mới nhất"
ATTACH_NEWEST_TIP = "Ctrl+G: gắn tệp mới nhất trong thư mục máy quét vào giấy tờ đang chọn"
ATTACH_NEWEST_NONE_TIP = (
    "Chưa có bản quét mới trong thư mục máy quét (đặt thư mục trong Hệ thống → Thông tin cơ quan…)"
)
CLEAR_SCANS = "Bỏ bản quét"
CLEAR_SCANS_TIP = "Bỏ các bản quét đã gắn vào giấy tờ đang chọn (chưa lưu nên không cần xóa)"
PICK_A_DOCUMENT = "Hãy chọn giấy tờ trong danh sách trước khi gắn bản quét."
PREPARING_SCANS = "Đang đọc {count} tệp quét…"
STATUS_SCANS_PENDING = "Đang đọc tệp quét; chờ đọc xong (vài giây) rồi lưu lại."
READING_SCANS = "Đang đọc tệp quét {done}/{total}…"
SCANS_UNEXPECTED = "Không đọc được tệp quét (lỗi không mong muốn, đã ghi vào nhật ký). Hãy quét lại."
SCANS_ADDED = "Đã gắn {pages} trang vào “{name}”; lưu hồ sơ để lưu cả bản quét."


def scanned_text(pages: int) -> str:
    return f"{pages} trang"


DOCUMENT_REQUIRED_TIP = "Giấy tờ bắt buộc"
DOCUMENT_OPTIONAL_TIP = "Giấy tờ nộp khi có (không bắt buộc)"
SET_COUNT_LABEL = "Số &lượng hồ sơ:"
SET_COUNT_SUFFIX = " bộ"

# ------------------------------------------------------------------ applicant and submitter
GROUP_APPLICANT = "Người nộp hồ sơ (cá nhân, tổ chức)"
NAME_LABEL = "Họ và tê&n:"
NAME_PLACEHOLDER = "Họ tên công dân hoặc tên tổ chức"
ID_LABEL = "Số định &danh:"
ID_PLACEHOLDER = "CCCD 12 số, CMND 9 số, hộ chiếu"
PHONE_LABEL = "Điện th&oại:"
PHONE_PLACEHOLDER = "ví dụ 0912 345 678"
EMAIL_LABEL = "&Email:"
ADDRESS_LABEL = "Đị&a chỉ:"
ADDRESS_PLACEHOLDER = "Số nhà, thôn/tổ dân phố, xã/phường, tỉnh/thành phố"
BIRTH_LABEL = "N&gày sinh:"
BIRTH_TIP = "Không bắt buộc; gõ dd/mm/yyyy, ví dụ 12051990 → 12/05/1990 (thẻ căn cước quét vào tự điền)"
SCANNED_GENDER = "Theo thẻ căn cước: giới tính {gender}"
OPEN_DOSSIER_ONE = (
    "Công dân này đã có hồ sơ {code} cùng thủ tục chưa trả kết quả (tiếp nhận {day}, {status})."
)
OPEN_DOSSIER_MANY = (
    "Công dân này đã có {count} hồ sơ cùng thủ tục chưa trả kết quả, mới nhất là {code}"
    " (tiếp nhận {day}, {status})."
)
OPEN_DOSSIER_STILL_OK = "Vẫn có thể tiếp nhận hồ sơ mới."
OPEN_DOSSIER_LINK = "Mở hồ sơ {code}"
OPEN_DOSSIER_TIP = "Bấm vào liên kết để xem hồ sơ đó (hoặc Ctrl+O rồi gõ mã hồ sơ)"
SAVED_OPEN_BEFORE = "<br>Lưu ý: {text}"
GROUP_SUBMITTER = "Người nộp thay (được ủ&y quyền)"
SUBMITTER_TIP = (
    "Phím cách: đánh dấu khi người khác nộp thay theo ủy quyền (mở phần ghi thông tin người nộp thay)"
)
SUBMITTER_NAME_LABEL = "Họ và tên:"
SUBMITTER_ID_LABEL = "Số định danh:"
SUBMITTER_PHONE_LABEL = "Điện thoại:"
SUBMITTER_ADDRESS_LABEL = "Địa chỉ:"
AUTHORISATION_LABEL = "Văn bản ủy quyền:"
AUTHORISATION_PLACEHOLDER = "Số, ngày của giấy ủy quyền, ví dụ: Giấy ủy quyền ngày 01/11/2026"

# ------------------------------------------------------------------ receipt, result, fee
GROUP_RECEIPT = "Tiếp nhận và trả kết quả"
CHANNEL_LABEL = "Hình thức nộ&p:"
DELIVERY_LABEL = "Nhận &kết quả:"
RECEIVED_AT_LABEL = "Thờ&i gian nhận:"
RECEIVED_AT_TIP = "Mặc định là thời điểm hiện tại; gõ ngày giờ khác nếu vào sổ muộn"
FOLLOWING_CLOCK = "theo giờ hiện tại"
BACK_ENTRY_LABEL = "Lý do vào sổ m&uộn:"
BACK_ENTRY_PLACEHOLDER = "Bắt buộc khi thời gian nhận sớm hơn hiện tại quá 30 phút"
DUE_NO_PROCEDURE = "Hẹn trả: chọn thủ tục để tính ngày hẹn trả"
DUE_NO_RECEIPT_TIME = "Hẹn trả: sửa thời gian nhận để tính ngày hẹn trả"
DUE_LINE = "Hẹn trả: {clock}, {weekday} {day}"
DUE_SPAN_SAME_DAY = "trong ngày"
DUE_SPAN_WORKING_DAYS = "{count} ngày làm việc"
DUE_SPAN_CALENDAR_DAYS = "{count} ngày (tính theo ngày lịch)"
DUE_SPAN_WORKING_HOURS = "{count} giờ làm việc"
DUE_OUTSIDE_HOURS = "Nhận ngoài giờ làm việc: tính từ {clock}, {weekday} {day}"
GROUP_FEE = "Phí, lệ phí"
FEE_LABEL = "Phí, lệ phí (&số tiền):"
FEE_SUFFIX = " đồng"
FEE_EXEMPT = "&Miễn phí, lệ phí"
FEE_EXEMPT_REASON_PLACEHOLDER = "Lý do miễn (bắt buộc khi miễn), ví dụ: đăng ký khai sinh đúng hạn"
PAYMENT_LABEL = "Nộp tiền &bằng:"
PAYMENT_CHOICES = {
    PaymentMethod.NONE: "— Chọn —",
    PaymentMethod.CASH: "Tiền mặt",
    PaymentMethod.TRANSFER: "Chuyển khoản",
    PaymentMethod.ONLINE: "Trực tuyến",
}

# ------------------------------------------------------------------ after save, printing, status
PREVIEW_EMPTY = (
    "Giấy tiếp nhận và hẹn trả kết quả của hồ sơ sẽ hiện ở đây sau khi lưu (Ctrl+S).\n\n"
    "Ctrl+P: in giấy tiếp nhận và phiếu kiểm soát · F5: in lại hồ sơ vừa lưu"
)
PREVIEW_TITLE = "Xem trước: Giấy tiếp nhận và hẹn trả kết quả — {code}"
SAVED_STRIP = (
    "Đã lưu hồ sơ <b>{code}</b> · Sổ theo dõi hồ sơ quyển số <b>{volume}</b>, số thứ tự <b>{row}</b>"
    " · Hẹn trả {due}. Ctrl+P để in giấy tiếp nhận và phiếu kiểm soát."
)
STATUS_SAVED = "Đã lưu hồ sơ {code} (quyển {volume}, số thứ tự {row})."
STATUS_NOT_SAVED = "Chưa lưu: còn {count} mục cần sửa (đánh dấu đỏ)."
STATUS_RETURNING = "Công dân đã từng nộp hồ sơ: đã điền thông tin lần trước"
STATUS_SCANNED = "Đã đọc thẻ căn cước của {name}."
STATUS_SCAN_UNREADABLE = "Không đọc được mã QR trên thẻ căn cước; hãy quét lại."
UNSAVED_ON_CLOSE_TITLE = "Hồ sơ đang nhập chưa lưu"
UNSAVED_ON_CLOSE = "Hồ sơ đang nhập{who} chưa được lưu. Đóng chương trình sẽ bỏ hồ sơ này."
UNSAVED_WHO = " của {name}"
KEEP_TYPING = "Quay lại nhập tiếp"
CLOSE_AND_DROP = "Đóng, bỏ hồ sơ này"
UNSAVED_ON_NEW = "Hồ sơ đang nhập{who} chưa được lưu. Nhập hồ sơ mới sẽ bỏ hồ sơ này."
NEW_AND_DROP = "Bỏ hồ sơ này, nhập hồ sơ mới"
STATUS_SETUP_FIRST = "Hồ sơ đang nhập vẫn giữ nguyên. {message}"
STATUS_NOTHING_TO_PRINT = "Chưa có hồ sơ nào vừa lưu để in. Lưu hồ sơ trước (Ctrl+S)."
STATUS_PRINTING = "Đang in hồ sơ {code}…"
STATUS_PRINT_BUSY = "Đang in hồ sơ trước, chờ in xong rồi thử lại."
STATUS_PRINTED = "Đã in {forms} của hồ sơ {code}."
STATUS_REPRINTED = "Đã in lại (lần {number}) {forms} của hồ sơ {code}."
STATUS_PRINT_FAILED = "Lỗi khi in: {message} In lại: F5; chọn máy in khác: Ctrl+Shift+P."
STATUS_PRINT_REFUSED = "{message} Hồ sơ đã lưu; sau khi nhập, nhấn F5 để in."
STATUS_PREVIEW_FAILED = "Không tạo được bản xem trước: {message}"
PRINTED_FORMS = {"receipt": "giấy tiếp nhận", "control_slip": "phiếu kiểm soát"}
FORMS_JOINER = " và "
PRINT_DIALOG_TITLE = "In giấy tiếp nhận và phiếu kiểm soát"
UNEXPECTED_PRINT_ERROR = "lỗi không mong muốn ({detail}); đã ghi vào nhật ký."

# Short labels of the buttons under the form (the menu shows the full action names).
BUTTON_LABELS = {
    "save": "Lưu",
    "print": "In",
    "print_dialog": "Chọn máy in…",
    "reprint": "In lại",
    "new": "Hồ sơ mới",
    "correct": "Sửa…",
}
