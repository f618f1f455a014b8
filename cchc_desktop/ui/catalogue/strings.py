"""What the catalogue window and its dialogs say (Vietnamese)."""

from __future__ import annotations

# --- the window ---------------------------------------------------------------------------------------
TITLE = "Danh mục thủ tục"
HEADERS = (
    "Mã",
    "Tên thủ tục",
    "Lĩnh vực",
    "Thời hạn",
    "Phí/lệ phí",
    "Trạng thái",
    "Áp dụng từ",
    "Phiên bản sau",
)
VIEW_DAY = "Xem n&gày:"
VIEW_DAY_TIP = "Trạng thái của các thủ tục được tính cho ngày này"
SEARCH = "&Tìm:"
SEARCH_PLACEHOLDER = "mã hoặc tên thủ tục, gõ có dấu hay không dấu đều được"
ALL_FIELDS = "Tất cả lĩnh vực"
ALL_STATES = "Tất cả trạng thái"
FIELD_FILTER_TIP = "Chỉ hiện thủ tục của một lĩnh vực"
STATE_FILTER_TIP = "Chỉ hiện thủ tục ở một trạng thái"
COUNT = "{shown} thủ tục"
COUNT_OF = "{shown} / {total} thủ tục"
COUNT_NEEDS_TIME = " · {count} cần xác định thời hạn"
NEXT_FROM_TIP = "Đã có phiên bản mới áp dụng từ ngày {day}"
NEEDS_TIME_TIP = "Chưa có thời hạn giải quyết: chưa tiếp nhận được hồ sơ cho đến khi đặt thời hạn (Sửa…)."
RETIRED_TIP = "Đã bãi bỏ từ ngày {day}: không tiếp nhận nữa; hồ sơ đã nhận vẫn giữ nguyên."
UPCOMING_TIP = "Áp dụng từ ngày {day}"

ADD = "Thê&m thủ tục…"
ADD_TIP = "Thêm một thủ tục mới vào danh mục"
EDIT = "&Sửa…"
EDIT_TIP = "Sửa thủ tục đang chọn (Enter hoặc nhấp đúp)"
NEW_VERSION = "&Phiên bản mới từ ngày…"
NEW_VERSION_TIP = "Thay đổi thủ tục đang chọn từ một ngày; hồ sơ nhận trước ngày đó giữ phiên bản cũ"
RETIRE = "&Bãi bỏ…"
RETIRE_TIP = "Bãi bỏ thủ tục đang chọn từ một ngày; hồ sơ đã tiếp nhận vẫn giữ nguyên"
HISTORY = "&Lịch sử phiên bản"
HISTORY_TIP = "Các phiên bản của thủ tục đang chọn và ngày áp dụng"
IMPORT = "&Nhập danh mục…"
IMPORT_TIP = "Nhập danh mục do tỉnh công bố (.xlsx, .csv): xem trước mọi thay đổi rồi mới ghi"
EXPORT = "&Xuất danh mục…"
EXPORT_TIP = "Lưu danh mục đang áp dụng vào ngày đang xem thành tệp .xlsx hoặc .csv"

NONE_CHOSEN = "Hãy chọn một thủ tục trong bảng trước."
SAVED = "Đã lưu thủ tục {code}, áp dụng từ ngày {day}."
RETIRED = "Đã bãi bỏ thủ tục {code} từ ngày {day}."
ALREADY_RETIRED = "Thủ tục {code} đã bãi bỏ; để dùng lại, bấm “Phiên bản mới từ ngày…”."
READING = "Đang đọc tệp danh mục…"
FAILED = "Lỗi: {message}"
UNEXPECTED = "lỗi không mong muốn ({detail}); đã ghi vào nhật ký, hãy báo bộ phận hỗ trợ."
EXPORTED = "Đã xuất {count} thủ tục vào {path}."
WAIT_READING = "Đang đọc tệp danh mục; chờ đọc xong rồi đóng."

# --- file choosers -----------------------------------------------------------------------------------
OPEN_TITLE = "Chọn tệp danh mục thủ tục để nhập"
OPEN_FILTER = "Danh mục thủ tục (*.xlsx *.csv);;Bảng tính Excel (*.xlsx);;Tệp CSV (*.csv)"
SAVE_TITLE = "Xuất danh mục thủ tục"
SAVE_FILTER = "Bảng tính Excel (*.xlsx);;Tệp CSV (*.csv)"
EXPORT_NAME = "Danh-muc-thu-tuc_{day:%Y-%m-%d}.xlsx"

# --- asking a date -----------------------------------------------------------------------------------
IMPORT_DATE_TITLE = "Nhập danh mục thủ tục"
IMPORT_DATE_TEXT = (
    "Tệp: {name}\nDanh mục trong tệp được áp dụng từ ngày nào? Hồ sơ tiếp nhận trước ngày đó giữ "
    "thủ tục như cũ. Chưa có gì được ghi cho đến khi xem trước và bấm “Ghi vào danh mục”."
)
FROM_DAY = "Áp dụng &từ ngày:"
PREVIEW = "&Xem trước"
RETIRE_TITLE = "Bãi bỏ thủ tục {code}"
RETIRE_QUESTION = "Bãi bỏ thủ tục {code} từ ngày {day}? Hồ sơ đã tiếp nhận vẫn giữ nguyên."
RETIRE_BUTTON = "&Bãi bỏ"
CANCEL = "Hủy"

# --- the procedure form ------------------------------------------------------------------------------
FORM_ADD_TITLE = "Thêm thủ tục"
FORM_EDIT_TITLE = "Sửa thủ tục {code}"
FORM_VERSION_TITLE = "Phiên bản mới của thủ tục {code}"
VERSION_NOTE = "Nhập ngày áp dụng phiên bản mới; hồ sơ tiếp nhận trước ngày đó giữ phiên bản cũ."
EDIT_NOTE = (
    "Phiên bản áp dụng từ ngày {day}. Lưu với ngày này sửa chính phiên bản đó (khi chưa có hồ sơ nào "
    "theo nó); lưu với ngày khác tạo phiên bản mới từ ngày đó."
)
CODE = "&Mã thủ tục:"
CODE_PLACEHOLDER = "ví dụ: 1.001193"
CODE_FIXED_TIP = "Mã thủ tục không đổi được; hồ sơ và báo cáo ghi theo mã này."
CODE_TAKEN = "Mã {code} đã có trong danh mục: chọn thủ tục đó rồi bấm “Sửa…” hoặc “Phiên bản mới từ ngày…”."
NAME = "&Tên thủ tục:"
FIELD = "&Lĩnh vực:"
FIELD_TIP = (
    "Lĩnh vực là một dòng của biểu thống kê II.06a; gõ tên mới để thêm lĩnh vực, báo cáo tự có thêm dòng."
)
BODY = "Cơ &quan giải quyết:"
FROM = "Áp dụng từ &ngày:"
TAB_TIME = "Thời hạn"
TAB_FEE = "Phí, lệ phí"
TAB_DOCUMENTS = "Thành phần hồ sơ"
TAB_RESULT = "Kết quả, căn cứ pháp lý"
WORDING = "Thời hạn theo &văn bản:"
WORDING_PLACEHOLDER = "như trong quyết định công bố, ví dụ: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ"
WORDING_READ = "Đã đọc: {rule}{extension}."
WORDING_EXTENSION = ", gia hạn tối đa {days} ngày làm việc"
RULE = "&Cách tính hạn:"
VALUE = "&Số lượng:"
CUTOFF = "Nhận t&rước (giờ):"
CUTOFF_TIP = "Hồ sơ nhận từ giờ này trở đi trả trong ngày làm việc tiếp theo"
EXTENSION = "&Gia hạn tối đa:"
EXTENSION_SUFFIX = " ngày làm việc"
EXAMPLE = "Ví dụ:"
EXAMPLE_LINE = "Nếu tiếp nhận bây giờ: hẹn trả {hour} giờ {minute}, {weekday} {day}"
EXAMPLE_NEEDS_TIME = "Chưa có thời hạn: chưa tiếp nhận được hồ sơ của thủ tục này cho đến khi đặt thời hạn."
UNIT_SAME_DAY = "Trong ngày"
UNIT_WORKING_DAYS = "ngày làm việc"
UNIT_CALENDAR_DAYS = "ngày (lịch)"
UNIT_WORKING_HOURS = "giờ làm việc"
UNIT_NEEDS_TIME = "Cần xác định thời hạn"
FEE_TEXT = "&Phí, lệ phí:"
FEE_PLACEHOLDER = "như công bố, ví dụ: 8.000 đồng/bản; miễn lệ phí"
FEE_AMOUNT = "Mức th&u (đồng):"
FEE_AMOUNT_TIP = "Số tiền thu mỗi hồ sơ khi tiếp nhận; 0 khi miễn hoặc thu theo trang, theo bản"
EXEMPTIONS = "Miễn, &giảm:"
RESULT = "&Kết quả:"
LEGAL_BASIS = "Căn cứ &pháp lý:"
DECISION = "Quyết định công &bố:"
SAVE = "Lưu"
NO_DOCUMENTS = "(không có)"

# --- documents editor --------------------------------------------------------------------------------
DOC_HEADERS = ("Tên giấy tờ", "Loại bản", "Số bản", "Bắt buộc")
DOC_ADD = "T&hêm giấy tờ"
DOC_ADD_TIP = "Thêm một dòng giấy tờ ở cuối danh sách"
DOC_REMOVE = "&Xóa"
DOC_REMOVE_TIP = "Xóa giấy tờ đang chọn"
DOC_UP = "Lên"
DOC_UP_TIP = "Đưa giấy tờ đang chọn lên trên"
DOC_DOWN = "Xuống"
DOC_DOWN_TIP = "Đưa giấy tờ đang chọn xuống dưới"

# --- versions ----------------------------------------------------------------------------------------
VERSIONS_TITLE = "Lịch sử phiên bản: {code}"
VERSIONS_HEADERS = ("Áp dụng từ", "Trạng thái", "Tên thủ tục", "Thời hạn", "Phí/lệ phí", "Quyết định công bố")
VERSION_RETIRED = "Bãi bỏ"
VERSION_ACTIVE = "Áp dụng"

# --- import preview ----------------------------------------------------------------------------------
PREVIEW_TITLE = "Xem trước danh mục nhập: {name}"
PREVIEW_SUMMARY = (
    "Từ ngày {day}: {new} mới, {changed} thay đổi, {retired} bãi bỏ, {unchanged} không đổi; "
    "{unreadable} cần xác định thời hạn{problems}."
)
PREVIEW_PROBLEMS = "; {count} lỗi"
TAB_NEW = "Mới ({count})"
TAB_CHANGED = "Thay đổi ({count})"
TAB_RETIRED = "Bãi bỏ ({count})"
TAB_UNREADABLE = "Cần xác định thời hạn ({count})"
TAB_PROBLEMS = "Lỗi ({count})"
NEW_HEADERS = ("Mã", "Tên thủ tục", "Lĩnh vực", "Thời hạn")
CHANGED_HEADERS = ("Thủ tục / nội dung", "Trước", "Sau")
RETIRED_HEADERS = ("Mã", "Tên thủ tục", "Lĩnh vực")
UNREADABLE_HEADERS = ("Mã", "Tên thủ tục", "Thời hạn theo văn bản", "Lý do")
PROBLEM_HEADERS = ("Lỗi",)
WRITE = "&Ghi vào danh mục"
WRITE_TIP = "Ghi tất cả thay đổi trên vào danh mục trong một lần"
READY = "Chưa có gì được ghi. Bấm “Ghi vào danh mục” để ghi tất cả thay đổi trên trong một lần."
HAS_PROBLEMS = "Tệp có {count} lỗi (xem trang “Lỗi”); sửa tệp rồi nhập lại. Chưa có gì được ghi vào danh mục."
NOTHING_CHANGES = "Danh mục đã giống tệp này: không có gì thay đổi, không cần ghi."
WRITING = "Đang ghi vào danh mục…"
IMPORTED = "Đã nhập: {added} mới, {changed} thay đổi, {retired} bãi bỏ; {unreadable} cần xác định thời hạn."
