"""Every word the clerk sees on the report tab, in one place for review."""

TAB_TITLE = "Báo cáo"
PERIOD_LABEL = "&Kỳ báo cáo:"
CUSTOM = "Tùy chọn"
FROM_LABEL = "&Từ ngày"
TO_LABEL = "đế&n ngày"
PERIOD_SHOWN = "Từ ngày {start} đến hết ngày {end} · báo cáo năm {year}"
COMPUTING = "Đang tính số liệu…"
TABLE_TITLE = "Biểu II.06a — Tình hình, kết quả giải quyết TTHC (nhấn đúp hoặc Enter vào một số để xem hồ sơ)"
TEXT_TITLE = "Nội dung báo cáo (mỗi dòng là một đoạn)"
PREVIEW_TITLE = "Xem trước bản in"
PREVIEW_EMPTY = "Bản xem trước sẽ hiện ở đây sau khi tính xong số liệu."
PREVIEW_RENDERING = "Đang tạo bản xem trước…"
PREVIEW_READY = "Báo cáo năm {year}: {pages} trang"
TIP_WITH_SHORTCUT = "{tip} ({shortcut})"

# ------------------------------------------------------------------ table
FIELD_HEADER = "Lĩnh vực\n(2)"
NUMBER_HEADER = "TT\n(1)"
TOTAL_ROW = "Tổng số"
# (name of FieldStats, header, tooltip); the 11 columns of biểu II.06a then the closed-apart ones.
COLUMNS = (
    ("received_total", "Tổng tiếp\nnhận (3)", "Tiếp nhận: tổng số (3) = (4) + (5) + (6)"),
    ("received_online", "Trực\ntuyến (4)", "Tiếp nhận trong kỳ: trực tuyến (4)"),
    ("received_direct_postal", "Trực tiếp,\nbưu chính (5)", "Tiếp nhận trong kỳ: trực tiếp, bưu chính (5)"),
    ("carried_over", "Kỳ trước\nchuyển (6)", "Từ kỳ trước chuyển qua (6)"),
    ("resolved_total", "Đã giải\nquyết (7)", "Đã giải quyết: tổng số (7) = (8) + (9) + (10)"),
    ("resolved_early", "Trước\nhạn (8)", "Đã giải quyết trước hạn (8)"),
    ("resolved_on_time", "Đúng\nhạn (9)", "Đã giải quyết đúng hạn (9)"),
    ("resolved_late", "GQ quá\nhạn (10)", "Đã giải quyết nhưng quá hạn (10)"),
    ("in_progress_total", "Đang giải\nquyết (11)", "Đang giải quyết: tổng số (11) = (12) + (13)"),
    ("in_progress_within", "Trong\nhạn (12)", "Đang giải quyết, còn trong hạn (12)"),
    ("in_progress_overdue", "Đang quá\nhạn (13)", "Đang giải quyết, đã quá hạn (13)"),
    ("refused", "Từ\nchối", "Từ chối giải quyết (không tính vào đã giải quyết)"),
    ("withdrawn", "Rút\nhồ sơ", "Người nộp rút hồ sơ (không tính vào đã giải quyết)"),
    ("stopped", "Dừng\nxử lý", "Dừng giải quyết (không tính vào đã giải quyết)"),
)
CELL_TIP = "{column}\n{field}: {count} hồ sơ. Nhấn đúp hoặc Enter để xem danh sách."
DIGITISATION_LINE = (
    "Số hóa hồ sơ tiếp nhận trong kỳ: {full}/{received} hồ sơ số hóa đầy đủ (đạt {rate}%) · "
    "{partial} hồ sơ số hóa một phần · {none} hồ sơ chưa số hóa"
)
DIGITISATION_NO_DOSSIERS = "Số hóa hồ sơ: không có hồ sơ tiếp nhận trong kỳ."
DIGITISATION_TIP = (
    "Hồ sơ tiếp nhận trong kỳ (cột 4 + 5). Số hóa đầy đủ: mọi giấy tờ bắt buộc đều có tệp quét; một phần: "
    "mới có tệp cho một số giấy tờ; chưa số hóa: chưa có tệp nào (kể cả hồ sơ nhập từ hệ thống trực tuyến). "
    "Câu “Số hóa hồ sơ…” trong nội dung báo cáo dùng các số này."
)

# ------------------------------------------------------------------ the dossiers behind a number
CELL_TITLE = "Hồ sơ: {column} — {field}"
CELL_INTRO = "{count} hồ sơ, {period}. Nhấn đúp hoặc Enter để mở hồ sơ."
CELL_EMPTY = "Không có hồ sơ nào trong ô này."
CELL_OPEN = "&Mở hồ sơ"
CLOSE = "Đóng"

# ------------------------------------------------------------------ text sections
PART_OPENING = "Mở đầu"
PART_CLOSING = "Câu kết"
PART_RECIPIENTS = "Nơi nhận"
SECTION_NO_HEADING = "(không tiêu đề)"

# ------------------------------------------------------------------ actions
ACTION_REGENERATE = "Tạo lại đoạn &thống kê"
ACTION_REGENERATE_TIP = (
    "Viết lại đoạn số liệu hồ sơ, tỉ lệ thanh toán trực tuyến và câu “Số hóa hồ sơ…” theo bảng hiện tại"
)
ACTION_SAVE = "Lưu nội dung"
ACTION_SAVE_TIP = "Lưu nội dung báo cáo của năm này để lần sau mở lại"
ACTION_PRINT = "In…"
ACTION_PRINT_TIP = "In báo cáo (chọn máy in)"
ACTION_SAVE_PDF = "Lưu PDF…"
ACTION_SAVE_PDF_TIP = "Lưu báo cáo thành tệp PDF"
ACTION_EXPORT = "Xuất ra USB…"
ACTION_EXPORT_TIP = "Ghi báo cáo (PDF, Word, Excel) ra ổ USB hoặc thư mục"
ACTION_REFRESH = "Tính lại"
ACTION_REFRESH_TIP = "Tính lại số liệu từ dữ liệu hồ sơ"

SAVED = "Đã lưu nội dung báo cáo năm {year} lúc {moment:%H:%M}."
UNSAVED = "Nội dung báo cáo năm {year} có thay đổi chưa lưu (Ctrl+S)."
FROM_SAVED = "Nội dung báo cáo năm {year}: bản đã lưu."
FROM_TEMPLATE = "Nội dung báo cáo năm {year}: theo mẫu mặc định, chưa lưu."
UNSAVED_ON_CLOSE_TITLE = "Nội dung báo cáo chưa lưu"
UNSAVED_ON_CLOSE = "Nội dung báo cáo năm {years} đã được sửa nhưng chưa lưu. Lưu trước khi đóng chương trình?"
SAVE_AND_CLOSE = "Lưu rồi đóng"
CLOSE_WITHOUT_SAVING = "Đóng, không lưu"
KEEP_EDITING = "Quay lại sửa"
CELL_LOOKING_UP = "Đang tìm các hồ sơ của ô số liệu…"
REGENERATED = "Đã viết lại đoạn thống kê theo số liệu hiện tại."
PRINTING = "Đang in báo cáo…"
PRINTED = "Đã gửi báo cáo tới {target}."
PDF_SAVED = "Đã lưu {path}."
SAVE_PDF_TITLE = "Lưu báo cáo thành PDF"
PDF_FILTER = "Tệp PDF (*.pdf)"
FAILED = "Chưa làm được: {message}"
NOT_READY = "Chưa có báo cáo để in hoặc xuất: hãy chờ tính xong số liệu."
OK_STYLE = "color: #1e4620;"
ERROR_STYLE = "color: #b00020; font-weight: bold;"

# ------------------------------------------------------------------ export to USB
EXPORT_TITLE = "Xuất báo cáo ra USB/thư mục"
EXPORT_INTRO = (
    "Chọn ổ USB hoặc thư mục để ghi báo cáo năm {year} thành ba tệp: PDF (để in), Word (để sửa) và "
    "Excel (biểu II.06a). Các tệp được đọc lại để kiểm tra trước khi báo xong."
)
EXPORT_DRIVES = "Ổ &USB đang cắm:"
EXPORT_NO_DRIVES = "Không thấy ổ USB nào. Hãy cắm ổ rồi bấm “Tìm lại ổ”, hoặc chọn thư mục khác."
EXPORT_REFRESH = "&Tìm lại ổ"
EXPORT_OTHER = "Chọn thư mục &khác…"
EXPORT_WRITE = "&Xuất báo cáo"
EXPORT_CHOOSE = "Chọn thư mục để ghi báo cáo"
EXPORT_BUSY = "Đang ghi báo cáo vào {folder}…"
EXPORT_DONE = "Đã ghi và kiểm tra {count} tệp trong {folder}:\n{files}"
EXPORT_FAILED = "Chưa xuất được báo cáo: {message}"
EXPORT_BAD_FILE = "Tệp {path} ghi ra không đọc lại được ({reason}). Hãy thử lại hoặc dùng ổ khác."
FILE_STEM = "Bao-cao-CCHC-{year}"
