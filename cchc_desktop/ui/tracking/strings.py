"""Every word the clerk sees on the tracking tab, in one place for review."""

from cchc_desktop.domain.dossiers import Channel, DossierStatus
from cchc_desktop.domain.urgency import Urgency

TAB_TITLE = "Theo dõi hạn giải quyết"
TITLE_COUNTS = "{title} ({counts})"
TITLE_COUNT_PARTS = {Urgency.OVERDUE: "{n} quá hạn", Urgency.DUE_TODAY: "{n} hạn hôm nay"}

# ------------------------------------------------------------------ table
HEADERS = (
    "Mã hồ sơ",
    "Người nộp",
    "Thủ tục",
    "Lĩnh vực",
    "Ngày nhận",
    "Hạn trả",
    "Thời gian còn lại",
    "Trạng thái",
    "Đang xử lý",
)
DATE_TIME = "{:%d/%m/%Y %H:%M}"
RESULT_READY_LEFT = "đã có kết quả, chờ trả"
WAITING_LEFT = "dừng tính hạn"
EXTENDED_SUFFIX = " · hẹn lại {:%d/%m}"
TIP_PROCEDURE = "{procedure}\nLĩnh vực: {field} · Kênh: {channel}"
TIP_DUE = "Hạn trả kết quả: {due:%H:%M} ngày {due:%d/%m/%Y}"
TIP_APPOINTMENT = "\nĐã gia hạn (Mẫu 04): hẹn trả lại {appointment:%H:%M} ngày {appointment:%d/%m/%Y}"
TIP_URGENCY = {
    Urgency.OVERDUE: "Quá hạn giải quyết",
    Urgency.DUE_TODAY: "Đến hạn trả trong hôm nay",
    Urgency.DUE_NEXT_DAY: "Đến hạn vào ngày làm việc tiếp theo",
    Urgency.WAITING: "Đang chờ công dân bổ sung hồ sơ: thời hạn tạm dừng, không tính quá hạn",
}
TIP_OPEN_ROW = "Enter hoặc nhấp đúp để mở hồ sơ"

# ------------------------------------------------------------------ filters
STATUS_LABEL = "Trạ&ng thái:"
STATUS_OPEN = "Đang mở (chưa trả)"
STATUS_ALL = "Tất cả"
FIELD_LABEL = "&Lĩnh vực:"
FIELD_ALL = "Tất cả lĩnh vực"
CHANNEL_LABEL = "&Kênh:"
CHANNEL_ALL = "Mọi kênh"
CHANNEL_LABELS = {
    Channel.DIRECT: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POSTAL: "Bưu chính",
}
DUE_LABEL = "Hạn trả:"
DUE_FROM_LABEL = "từ"
DUE_TO_LABEL = "đến"
DUE_ANY = "&Mọi ngày"
DUE_ANY_TIP = "Bỏ đánh dấu để chỉ xem hồ sơ có hạn trả trong khoảng ngày đã chọn"
HOLDER_LABEL = "Đang &xử lý:"
HOLDER_ALL = "Mọi người"
MINE = "Hồ sơ của tô&i"
MINE_TIP = "Chỉ xem các hồ sơ đã được chuyển cho tài khoản đang đăng nhập"
MINE_FORCED_TIP = (
    "Tài khoản chuyên viên chỉ xem các hồ sơ được chuyển cho mình; "
    "cần vai trò tiếp nhận, lãnh đạo hoặc quản trị để xem mọi hồ sơ"
)
SEARCH_PLACEHOLDER = "Tìm mã hồ sơ, tên người nộp (không cần dấu), số định danh, điện thoại… (Ctrl+F)"
SEARCH_TIP = "Gõ một phần mã hồ sơ hoặc tên; số định danh và điện thoại tìm theo các chữ số đầu. Esc để xóa."
STATES_ORDER = (
    DossierStatus.RECEIVED,
    DossierStatus.IN_PROCESSING,
    DossierStatus.WAITING_SUPPLEMENT,
    DossierStatus.RESULT_READY,
    DossierStatus.RETURNED,
    DossierStatus.REFUSED,
    DossierStatus.WITHDRAWN,
    DossierStatus.STOPPED,
)

# ------------------------------------------------------------------ urgency chips (text, tip, shortcut)
CHIPS = {
    Urgency.OVERDUE: ("Quá hạn ({n})", "Chỉ xem hồ sơ đã quá hạn giải quyết"),
    Urgency.DUE_TODAY: ("Hôm nay ({n})", "Chỉ xem hồ sơ đến hạn trả trong hôm nay"),
    Urgency.DUE_NEXT_DAY: ("Ngày mai ({n})", "Chỉ xem hồ sơ đến hạn vào ngày làm việc tiếp theo ({day})"),
    Urgency.WAITING: ("Chờ bổ sung ({n})", "Chỉ xem hồ sơ đang chờ công dân bổ sung"),
}
CHIP_SHORTCUTS = {
    Urgency.OVERDUE: "Ctrl+1",
    Urgency.DUE_TODAY: "Ctrl+2",
    Urgency.DUE_NEXT_DAY: "Ctrl+3",
    Urgency.WAITING: "Ctrl+4",
}
CHIP_TIP_AGAIN = "; nhấn lần nữa để bỏ chọn"

# ------------------------------------------------------------------ actions (text, tip, shortcut)
TIP_WITH_SHORTCUT = "{tip} ({shortcut})"
ACTION_SEARCH = "Tìm hồ sơ"
ACTION_SEARCH_TIP = "Đưa con trỏ vào ô tìm kiếm"
ACTION_REFRESH = "Làm mới"
ACTION_REFRESH_TIP = "Đọc lại danh sách và số hồ sơ quá hạn, giữ nguyên bộ lọc và cách sắp xếp"
ACTION_OPEN = "Mở hồ sơ"
ACTION_OPEN_TIP = "Mở hồ sơ đang chọn (Enter hoặc nhấp đúp vào dòng)"
ACTION_CLEAR = "Bỏ lọc"
ACTION_CLEAR_TIP = "Trở về danh sách hồ sơ đang mở, bỏ mọi điều kiện lọc và từ khóa tìm kiếm"

# ------------------------------------------------------------------ totals and status bar
SHOWN = "{total} hồ sơ"
NOTHING_FOUND = "Không có hồ sơ nào khớp với bộ lọc."
# Until the first list and counts come back from the worker (the window shows before any dossier is read).
READING = "Đang đọc danh sách hồ sơ…"
SUMMARY = (
    "Hồ sơ đang giải quyết: {overdue} quá hạn · {today} đến hạn hôm nay · "
    "{next_day} đến hạn ngày làm việc tiếp theo · {waiting} chờ bổ sung"
)
SUMMARY_MINE = (
    "Hồ sơ của tôi đang giải quyết: {overdue} quá hạn · {today} đến hạn hôm nay · "
    "{next_day} đến hạn ngày làm việc tiếp theo · {waiting} chờ bổ sung"
)
LOAD_FAILED = "Không đọc được danh sách hồ sơ: {message}"
