"""Every word the clerk sees about digitised papers (attaching scans, the dossier window's tab)."""

from cchc_desktop.services.scan_files import ACCEPTED_TEXT

MOMENT = "{:%H:%M %d/%m/%Y}"

# ------------------------------------------------------------------ picking and preparing files
PICK_TITLE = "Chọn bản quét để gắn vào “{line}”"
PICK_FILTER = "Bản quét (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"
PICK_FILTER_ALL = "Mọi tệp (*)"
SKIPPED = "Bỏ qua {count} tệp không phải " + ACCEPTED_TEXT + ": {names}."
NOTHING_ACCEPTED = "Không có tệp nào là " + ACCEPTED_TEXT + " ({names}). Hãy chọn bản quét đúng định dạng."
PREPARING_TITLE = "Đang gắn bản quét"
PREPARING = "Đang đọc và ghép bản quét: {done}/{total} tệp…"
PREPARING_START = "Đang đọc {total} tệp bản quét…"
CANCEL = "Hủy"
CANCELLED = "Đã hủy gắn bản quét; chưa có tệp nào được lưu."

# ------------------------------------------------------------------ the dossier window's tab
TAB_TITLE = "Bản số hóa"
TAB_TITLE_STATE = "Bản số hóa · {state}"
STATE = "<b>{state}</b> · {files} tệp, {pages} trang đã gắn cho {lines}/{total} giấy tờ"
STATE_EMPTY_LIST = "Hồ sơ không có giấy tờ nào trong danh mục đã nhận: không có gì để số hóa."
COLUMNS = ("Giấy tờ, tệp bản quét", "Số trang", "Gắn lúc", "Người gắn")
LINE = "{number}. {name} ({kind})"
LINE_OPTIONAL = " · không bắt buộc"
LINE_NOT_SCANNED = " · chưa số hóa"
LINE_SCANNED = " · {files} tệp, {pages} trang"
WHO = "{name} · {counter}"
PREVIEW_EMPTY = (
    "Chọn một tệp bản quét bên trái để xem.\n\nKéo thả tệp PDF, JPEG, PNG, TIFF vào một giấy tờ để gắn."
)
PREVIEW_READING = "Đang đọc tệp…"
PREVIEW_UNREADABLE = "Tệp “{name}” không hiển thị được (PDF hỏng?). Hãy gắn lại bản quét."
TIP_WITH_SHORTCUT = "{tip} ({shortcut})"

ATTACH = "Gắn tệp…"
ATTACH_TIP = "Chọn tệp PDF, JPEG, PNG, TIFF để gắn vào giấy tờ đang chọn (có thể chọn nhiều tệp, nhiều trang)"
ATTACH_SHORTCUT = "Ctrl+Shift+G"
NEWEST = "Gắn bản quét mới nhất"
NEWEST_SHORTCUT = "Ctrl+G"
NEWEST_TIP = "Gắn tệp “{name}” vừa quét vào giấy tờ đang chọn"
NEWEST_NO_FOLDER = "Chưa chọn thư mục máy quét (Cài đặt) nên chưa gắn nhanh được"
NEWEST_NOTHING = "Thư mục máy quét chưa có tệp mới nào"
PRINT = "In"
PRINT_TIP = "In tệp bản quét đang chọn ra máy in mặc định"
OPEN = "Mở bằng phần mềm khác"
OPEN_TIP = "Mở tệp bản quét đang chọn bằng phần mềm xem PDF của máy"
DELETE = "Xóa"
DELETE_TIP = "Xóa tệp bản quét đang chọn khỏi hồ sơ (ghi lý do vào lịch sử)"
CHOOSE_LINE = "Chọn một giấy tờ trong danh sách trước"
CHOOSE_FILE = "Chọn một tệp bản quét trong danh sách trước"

ATTACHED = "Đã gắn {files} tệp ({pages} trang) vào “{line}”."
DELETED = "Đã xóa tệp “{name}” khỏi “{line}”."
PRINTED = "Đã in tệp “{name}” ({pages} trang)."
OPENED = "Đã mở tệp “{name}” bằng phần mềm xem PDF của máy."
PRINTING = "Đang in tệp “{name}”…"
BUSY = "Đang gắn bản quét khác; chờ xong rồi thử lại."
CANNOT_OPEN = (
    "Máy chưa có phần mềm mở được tệp PDF. Hãy cài một phần mềm đọc PDF (ví dụ trình duyệt web) rồi thử lại."
)
CANNOT_WRITE_TEMP = "Không ghi được tệp tạm để mở ({reason}). Hãy kiểm tra ổ đĩa còn chỗ trống rồi thử lại."
UNEXPECTED = "Lỗi không mong muốn ({detail}); đã ghi vào nhật ký, hãy báo bộ phận hỗ trợ."

DELETE_TITLE = "Xóa bản số hóa"
DELETE_QUESTION = (
    "Xóa tệp “{name}” ({pages} trang) khỏi giấy tờ “{line}”?\n"
    "Tệp được giữ trong lịch sử hồ sơ và bản sao lưu; lý do được ghi vào nhật ký."
)
DELETE_REASON = "&Lý do xóa:"
DELETE_REASON_PLACEHOLDER = "Ví dụ: gắn nhầm giấy tờ, bản quét mờ"
DELETE_CONFIRM = "&Xóa tệp"
