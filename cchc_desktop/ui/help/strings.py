"""Every word the clerk sees in the guide window, and which guide section each screen opens at."""

TITLE = "Hướng dẫn sử dụng — CCHC Desk"
CONTENTS = "Mục lục"
SEARCH_PLACEHOLDER = "Tìm trong hướng dẫn (không cần dấu)… (Ctrl+F)"
SEARCH_TIP = "Enter hoặc F3: chỗ tìm thấy tiếp theo · Shift+F3: chỗ trước · Esc: xóa ô tìm"
PREVIOUS = "Trước"
PREVIOUS_TIP = "Chỗ tìm thấy trước (Shift+F3)"
NEXT = "Sau"
NEXT_TIP = "Chỗ tìm thấy tiếp theo (F3)"
MATCHES = "{current}/{total}"
NO_MATCH = "Không thấy"
MISSING = "Không tìm thấy tệp hướng dẫn sử dụng ({path}). Hãy cài lại phần mềm hoặc báo người quản trị."

# A screen's topic → the heading (## or ###) of docs/guide/huong-dan-su-dung.md that F1 opens at.
# tests/ui/test_guide_window.py checks that each heading exists in the guide.
TOPIC_HEADINGS = {
    "intake": "Tiếp nhận hồ sơ",
    "tracking": "Theo dõi hạn giải quyết",
    "report": "Báo cáo",
    "first_run": "Lần đầu mở phần mềm",
    "sign_in": "Đăng nhập, đổi người dùng, khóa màn hình",
    "correction": "Sửa thông tin hồ sơ vừa lưu",
    "dossier": "Cửa sổ hồ sơ",
    "hand_over": "Chuyển hồ sơ",
    "receive_result": "Nhận kết quả và trả kết quả",
    "supplement": "Yêu cầu bổ sung (Mẫu 02) và nhận hồ sơ bổ sung",
    "refuse": "Từ chối giải quyết (Mẫu 03)",
    "extend": "Xin lỗi và gia hạn (Mẫu 04)",
    "stop": "Dừng giải quyết (Mẫu 05) và rút hồ sơ",
    "registers": "Sổ theo dõi và danh sách hồ sơ trong ngày",
    "report_cells": "Kỳ báo cáo và bảng số liệu",
    "report_export": "Xem trước, in và xuất ra USB",
    "exchange": "Nhập và xuất dữ liệu",
    "backup": "Sao lưu và khôi phục",
    "settings": "Thông tin cơ quan và giờ làm việc",
    "calendar": "Lịch ngày nghỉ, ngày làm bù",
    "catalogue": "Danh mục thủ tục",
    "accounts": "Tài khoản và vai trò",
    "audit": "Nhật ký",
    "server": "Máy chủ dữ liệu của Trung tâm",
    "scans": "Bản số hóa",
    "scanner_folder": "Thư mục máy quét",
    "about": "Khi gặp sự cố",
}

# Where F1 is pressed (the class name of the focused widget or of one of its parents, nearest first) →
# its topic. A widget may also carry its own topic as the dynamic property "helpTopic".
WINDOW_TOPICS = {
    "IntakeTab": "intake",
    "TrackingTab": "tracking",
    "ReportTab": "report",
    "DossierScansTab": "scans",
    "ScannerFolderPanel": "scanner_folder",
    "ScannerFolderSetting": "scanner_folder",
    "FirstRunDialog": "first_run",
    "SignInDialog": "sign_in",
    "CorrectionDialog": "correction",
    "DossierDetailDialog": "dossier",
    "OpenDossierDialog": "dossier",
    "HandOverForm": "hand_over",
    "ReceiveResultForm": "receive_result",
    "ReturnForm": "receive_result",
    "SupplementRequestForm": "supplement",
    "SupplementReceivedForm": "supplement",
    "RefuseForm": "refuse",
    "ExtendForm": "extend",
    "StopForm": "stop",
    "WithdrawForm": "stop",
    "DeleteScanDialog": "dossier",
    "RegisterDialog": "registers",
    "DailyListDialog": "registers",
    "CellDossiersDialog": "report_cells",
    "UsbExportDialog": "report_export",
    "ImportDialog": "exchange",
    "ExportDialog": "exchange",
    "BackupDialog": "backup",
    "RestoreDialog": "backup",
    "SettingsDialog": "settings",
    "CalendarDialog": "calendar",
    "CatalogueWindow": "catalogue",
    "ProcedureDialog": "catalogue",
    "VersionsDialog": "catalogue",
    "DatePrompt": "catalogue",
    "AccountsDialog": "accounts",
    "AccountFormDialog": "accounts",
    "PasswordDialog": "accounts",
    "AuditDialog": "audit",
    "ServerDialog": "server",
    "MoveDialog": "server",
    "AboutDialog": "about",
}
