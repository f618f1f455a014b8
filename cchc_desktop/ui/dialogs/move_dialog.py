"""Hệ thống → Chuyển dữ liệu lên máy chủ: the desk's whole history copied onto the centre's server.

The clerk (or the centre's technician) names the server; the copy (`services/move_to.py`) runs on the
dialog's worker thread with a progress bar, since a year of dossiers takes seconds and a dead host
takes the connect timeout. The result says what was copied and where the server's previous data was
backed up; a refusal (codes already on the server, a wrong password) says why, and nothing was written.
The window keeps using this computer's file until the clerk switches in Hệ thống → Máy chủ dữ liệu.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.saved_server import load_saved_server
from cchc_desktop.core.server_address import DEFAULT_PORT, ServerAddress
from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.move_to import MoveResult, move_to_server
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui.dialogs.import_dialog import error_text
from cchc_desktop.ui.dialogs.task_dialog import STRETCH, TaskDialog
from cchc_desktop.ui.icons import icon

MENU_TEXT = "Chuyển dữ liệu lên máy chủ…"
TITLE = "Chuyển dữ liệu lên máy chủ"
INTRO = (
    "Chép toàn bộ dữ liệu của máy này (hồ sơ và quá trình giải quyết, lịch nghỉ, danh mục thủ tục, cài đặt, "
    "lời văn báo cáo) lên máy chủ dữ liệu của Trung tâm, trong một lần ghi: hoặc chép hết, hoặc không chép gì. "
    "Dữ liệu trên máy này không bị thay đổi."
)
FIELDS = {
    "host": "Địa chỉ &máy chủ:",
    "port": "&Cổng:",
    "database": "Tên cơ sở &dữ liệu:",
    "user": "Tên đăng &nhập:",
    "password": "Mật &khẩu:",
}
PLACEHOLDERS = {
    "host": "ví dụ: 192.168.1.10",
    "database": "ví dụ: cchc",
    "user": "ví dụ: cchc",
    "password": "để trống nếu đã ghi nhớ trên máy này (pgpass)",
}
MISSING = {
    "host": "Nhập địa chỉ máy chủ.",
    "database": "Nhập tên cơ sở dữ liệu.",
    "user": "Nhập tên đăng nhập.",
}
BAD_PORT = "Cổng phải là một số từ 1 đến 65535 (thường là 5432)."
MOVE = "&Chuyển lên máy chủ"
MOVE_TIP = "Chép toàn bộ dữ liệu của máy này lên máy chủ đã nhập"
CONNECTING = "Đang kết nối tới {where}…"
MOVING = "Đang chuyển: {done}/{total} dòng…"
DONE = (
    "Đã chuyển {dossiers} hồ sơ và {events} bước xử lý lên {where}{created} trong {seconds} giây. "
    "Dữ liệu trên máy chủ trước khi chuyển được sao lưu ở {backup}.\n"
    "Để máy này làm việc trên máy chủ: Hệ thống → Máy chủ dữ liệu."
)
CREATED = " (cơ sở dữ liệu mới được tạo)"
FAILED = "Chưa chuyển được: {message}"
WAIT = "Đang chuyển; chờ xong rồi đóng."

MoveFunction = Callable[..., MoveResult]


def done_text(result: MoveResult) -> str:
    return DONE.format(
        dossiers=group_thousands(result.merged.dossiers),
        events=group_thousands(result.merged.events),
        where=result.server.display,
        created=CREATED if result.created else "",
        seconds=f"{result.seconds:.1f}".replace(".", ","),
        backup=result.server_backup,
    )


class MoveDialog(TaskDialog):
    progress_changed = Signal(int, int)  # emitted on the worker thread, shown on the GUI thread

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, move: MoveFunction = move_to_server
    ) -> None:
        super().__init__(TITLE, "moveMessage", parent)
        self.workspace = workspace
        self.move_function = move
        self.outcome: MoveResult | None = None
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.fields = {name: QLineEdit() for name in FIELDS}
        for name, field in self.fields.items():
            field.setObjectName(f"move_{name}")
            field.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        self.fields["password"].setEchoMode(QLineEdit.EchoMode.Password)
        self.fields["port"].setText(str(DEFAULT_PORT))
        saved = load_saved_server()
        if saved is not None:
            self.fields["host"].setText(saved.host)
            self.fields["port"].setText(str(saved.port))
            self.fields["database"].setText(saved.database)
            self.fields["user"].setText(saved.user)
        form = QFormLayout()
        for name, label in FIELDS.items():
            form.addRow(label, self.fields[name])
        self.bar = QProgressBar()
        self.bar.setFormat("%p%")
        self.bar.hide()
        self.move_button = QPushButton(icon("save"), MOVE)
        self.move_button.setToolTip(MOVE_TIP)
        self.move_button.setAutoDefault(False)
        self.move_button.setDefault(True)
        self.move_button.clicked.connect(self.start)
        self.progress_changed.connect(self._show_progress)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addLayout(self.button_row(STRETCH, self.move_button))
        self.resize(640, 380)
        first_empty = next(
            (field for field in self.fields.values() if not field.text()), self.fields["password"]
        )
        first_empty.setFocus()

    def address(self) -> ServerAddress:
        """The server typed in; `InvalidInputError` naming what is missing."""
        texts = {name: field.text().strip() for name, field in self.fields.items()}
        for name, message in MISSING.items():
            if not texts[name]:
                self.fields[name].setFocus()
                raise InvalidInputError(message)
        try:
            port = int(texts["port"])
        except ValueError:
            port = 0
        if not 0 < port < 65536:
            self.fields["port"].setFocus()
            raise InvalidInputError(BAD_PORT)
        password = self.fields["password"].text() or None
        return ServerAddress(
            host=texts["host"], port=port, database=texts["database"], user=texts["user"], password=password
        )

    def _update_buttons(self) -> None:
        busy = self.busy
        self.move_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        for field in self.fields.values():
            field.setEnabled(not busy)

    def start(self) -> bool:
        if self.busy:
            return False
        try:
            address = self.address()
        except InvalidInputError as error:
            self.show_message(error.message, error=True)
            return False
        workspace, move, report = self.workspace, self.move_function, self.progress_changed.emit
        self.outcome = None
        self.bar.setRange(0, 0)  # connecting: no count yet
        self.bar.show()
        self.show_message(CONNECTING.format(where=address.display))
        self.runner.submit(
            "move to server", lambda: move(workspace, address, progress=report), self._done, self._failed
        )
        self._update_buttons()
        return True

    def _show_progress(self, done: int, total: int) -> None:
        if not self.busy:
            return
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.show_message(MOVING.format(done=group_thousands(done), total=group_thousands(total)))

    def _done(self, result: object) -> None:
        assert isinstance(result, MoveResult)
        self.outcome = result
        self._update_buttons()
        if self.bar.maximum() == 0:  # no count came (nothing to copy)
            self.bar.setRange(0, 1)
        self.bar.setValue(self.bar.maximum())
        self.fields["password"].clear()
        self.show_message(done_text(result))

    def _failed(self, error: Exception) -> None:
        self._update_buttons()
        self.bar.hide()
        self.show_message(FAILED.format(message=error_text(error)), error=True)

    def reject(self) -> None:
        if self.busy:
            self.show_message(WAIT, error=True)
            return
        super().reject()
