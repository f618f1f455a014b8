"""Words of the sign-in dialog and the lock."""

TITLE = "Đăng nhập — CCHC Desk"
LOCKED_TITLE = "Màn hình đã khóa — CCHC Desk"
INTRO = "Đăng nhập bằng tài khoản của mình để làm việc."
LOCKED_INTRO = (
    "<b>Màn hình đã khóa.</b> Công việc đang làm dở vẫn được giữ nguyên. "
    "Đăng nhập (cùng người hoặc người khác) để làm việc tiếp."
)
IDLE_INTRO = (
    "<b>Màn hình đã tự khóa sau {minutes} phút không sử dụng.</b> Công việc đang làm dở vẫn được giữ "
    "nguyên. Đăng nhập (cùng người hoặc người khác) để làm việc tiếp."
)
USERNAME = "&Tên đăng nhập:"
PASSWORD = "&Mật khẩu:"
USERNAME_PLACEHOLDER = "ví dụ: nguyenvana"
SIGN_IN = "Đăng nhập"
QUIT = "Thoát"
QUIT_APP = "Thoát chương trình"
QUIT_APP_TIP = "Đóng CCHC Desk (nếu đang nhập dở hồ sơ, chương trình sẽ hỏi trước)."
EMPTY_USERNAME = "Nhập tên đăng nhập."
EMPTY_PASSWORD = "Nhập mật khẩu."
FIRST_ACCOUNT_INTRO = (
    "<b>Đã có tài khoản người dùng.</b> Từ nay mỗi người đăng nhập bằng tài khoản của mình để làm việc."
)
