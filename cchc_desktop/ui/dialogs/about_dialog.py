"""Trợ giúp → Giới thiệu: the version, the database and its last backup, and a button that copies
everything support needs (with the end of the log) to the clipboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.vn_format import group_thousands
from cchc_desktop.services.diagnostics import Diagnostics, diagnostics
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.ui import strings

HEADLINE = (
    "<b>CCHC Desk {version}</b><br>Phần mềm tiếp nhận, theo dõi và báo cáo hồ sơ thủ tục hành chính "
    "tại Trung tâm Phục vụ hành chính công xã."
)
COPY_BUTTON = "Sao chép thông tin chẩn đoán"
COPIED = "Đã sao chép, có thể dán vào tin nhắn gửi bộ phận hỗ trợ."
LOG_LABEL = "Nhật ký (50 dòng cuối, đã che số định danh và số điện thoại):"


class AboutDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(strings.ACTION_ABOUT)
        self.resize(720, 520)
        self.info: Diagnostics = diagnostics(workspace, qt_version=qVersion())
        info = self.info
        headline = QLabel(HEADLINE.format(version=info.app_version))
        headline.setWordWrap(True)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for key, label, value in [
            ("version", "Phiên bản:", info.app_version),
            ("runtime", "Python / Qt:", f"{info.python_version} / {info.qt_version}"),
            ("database", "Cơ sở dữ liệu:", info.database),
            ("size", "Dung lượng:", info.database_size),
            ("dossiers", "Số hồ sơ:", group_thousands(info.dossier_count)),
            ("backup", "Sao lưu gần nhất:", info.last_backup_text),
        ]:
            shown = QLabel(value)
            shown.setObjectName(f"about_{key}")
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            self.values[key] = shown
            form.addRow(label, shown)
        self.log_view = QPlainTextEdit("\n".join(info.log_tail))
        self.log_view.setReadOnly(True)
        self.log_view.setFont(QFont("monospace"))
        self.status = QLabel()
        self.copy_button = QPushButton(COPY_BUTTON)
        self.copy_button.clicked.connect(self.copy_diagnostics)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(headline)
        layout.addLayout(form)
        layout.addWidget(QLabel(LOG_LABEL))
        layout.addWidget(self.log_view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self.info.as_text())
        self.status.setText(COPIED)
