"""Words of the main window, menus and status bar (each tab and dialog keeps its own next to it)."""

APP_TITLE = "CCHC Desk — Một cửa cấp xã"
OPENING_DATA = "Đang mở dữ liệu…"
TAB_INTAKE = "Tiếp nhận hồ sơ"
TAB_TRACKING = "Theo dõi hạn giải quyết"
TAB_REPORT = "Báo cáo"
MENU_FILE = "&Tệp"
MENU_SYSTEM = "&Hệ thống"
MENU_HELP = "Trợ &giúp"
ACTION_QUIT = "Thoát"
ACTION_SETTINGS = "Thông tin cơ quan và giờ làm việc…"
ACTION_CALENDAR = "Lịch ngày nghỉ, ngày làm bù…"
ACTION_SERVER = "Máy chủ dữ liệu…"
ACTION_ABOUT = "Giới thiệu"
ACTION_GUIDE = "Hướng dẫn sử dụng"
ACTION_OPEN_DOSSIER = "Mở hồ sơ theo mã…"
ACTION_DAILY_LIST = "Danh sách hồ sơ trong ngày…"
ACTION_REGISTER = "Sổ theo dõi hồ sơ (Mẫu 07)…"
STATUS_WORKING_DAY = "Hôm nay {weekday}, {day}: ngày làm việc"
STATUS_NON_WORKING_DAY = "Hôm nay {weekday}, {day}: ngày nghỉ"
STATUS_DATABASE = "Dữ liệu: {path}"
ALREADY_RUNNING_TITLE = "CCHC Desk đang mở"
ALREADY_RUNNING = (
    "CCHC Desk đang mở trên cơ sở dữ liệu này (ở cửa sổ khác hoặc máy khác dùng chung thư mục).\n"
    "Hãy dùng cửa sổ đang mở; mỗi cơ sở dữ liệu chỉ được mở một lần để không ghi đè dữ liệu."
)
CANNOT_OPEN_TITLE = "Không mở được dữ liệu"
TAB_TIP = "Mở thẻ này: {shortcut} (Ctrl+Tab: thẻ tiếp theo)"
ACTION_NEXT_TAB = "Thẻ tiếp theo"
ACTION_PREVIOUS_TAB = "Thẻ trước"
# The centre server's connection, in the status bar (ui/waiting_notice.py)
# Short, as a permanent status-bar widget is never squeezed: the rest is its tooltip.
STATUS_SERVER_LOST = "Mất kết nối máy chủ dữ liệu, đang thử kết nối lại…"
STATUS_SERVER_LOST_TIP = (
    "Dữ liệu đang nhập vẫn được giữ trên màn hình. Hãy kiểm tra mạng LAN, hoặc báo người quản trị máy "
    "chủ nếu kéo dài."
)
STATUS_SERVER_BACK = "Đã kết nối lại máy chủ dữ liệu."
SAVE_FAILED_OUTAGE = (
    "<b>Chưa lưu được hồ sơ:</b> {message}<br>Khi máy chủ hoạt động lại, bấm <b>Lưu (Ctrl+S)</b> lần nữa: "
    "hồ sơ trên màn hình được lưu như đã nhập."
)
# Accounts and signing in (the sign-in dialog's own words are in ui/sign_in/strings.py)
ACTION_SWITCH_USER = "Đổi người dùng…"
ACTION_LOCK = "Khóa màn hình"
ACTION_ACCOUNTS = "Tài khoản…"
ACTION_AUDIT = "Nhật ký…"
ACTION_CATALOGUE = "Danh mục thủ tục…"
STATUS_USER = "{name} ({roles})"
STATUS_SIGNED_OUT = "Chưa đăng nhập"
