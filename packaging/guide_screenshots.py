"""The pictures of the user guide (docs/guide/images/*.png), taken from the real window on a demo database.

    .venv/bin/python packaging/guide_screenshots.py [--out docs/guide/images]

A demo commune's database (bench/generate.py: a filled agency and dossiers across the year, some overdue,
most returned) is built in a temporary folder, the main window opens offscreen at 1280×720 and each
screen the guide shows is grabbed. The pictures are scaled to at most MAX_WIDTH pixels and stored as
256-colour palette PNGs: they ship inside the bundle, whose size is budgeted.
Run it again after changing a screen; tests/test_guide_screenshots.py checks that the guide and this
script name the same pictures.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WINDOW_SIZE = (1280, 720)
MAX_WIDTH = 1000
DEMO_DOSSIERS = 400  # over one year: about a dozen still open, one or two overdue
APPLICANT = {
    "name": "Nguyễn Thị Thu Hà",
    "id_number": "034190012345",
    "phone": "0912345678",
    "address": "Thôn Đông, xã Đại Hợp, Hải Phòng",
}


def _isolate(home: Path) -> None:
    """Settings, logs and the scanner folder of the run live under `home`, not the user's own."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(home / variable.lower())
    os.environ.pop("CCHC_DB", None)


def settle(app: Any, seconds: float, until: Callable[[], bool] | None = None) -> None:
    """Let background loads answer: events for `seconds`, or until `until()` holds."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        if until is not None and until():
            break
        time.sleep(0.02)
    app.processEvents()


def save_picture(widget: Any, path: Path) -> None:
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt

    image = widget.grab().toImage()
    if image.width() > MAX_WIDTH:
        image = image.scaledToWidth(MAX_WIDTH, Qt.TransformationMode.SmoothTransformation)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")
    palette = picture.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    palette.save(path, optimize=True)


class Photographer:
    def __init__(self, app: Any, window: Any, out: Path) -> None:
        self.app = app
        self.window = window
        self.out = out
        self.taken: list[Path] = []

    def take(self, widget: Any, name: str) -> None:
        settle(self.app, 0.2)
        path = self.out / name
        save_picture(widget, path)
        self.taken.append(path)

    def dialog(self, dialog: Any, name: str, size: tuple[int, int] | None = None) -> None:
        if size is not None:
            dialog.resize(*size)
        dialog.show()
        settle(self.app, 1.0)
        self.take(dialog, name)
        dialog.reject()
        dialog.deleteLater()
        settle(self.app, 0.1)


def _intake(shots: Photographer) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    window = shots.window
    window.tabs.setCurrentWidget(window.intake_tab)
    form = window.intake_tab.form
    form.picker.setFocus()
    QTest.keyClicks(form.picker, "2.000815")  # typed, then Enter: as the clerk chooses
    settle(shots.app, 0.5)
    QTest.keyClick(form.picker, Qt.Key.Key_Return)
    settle(shots.app, 2.0, lambda: form.picker.procedure is not None)
    for field, text in APPLICANT.items():
        getattr(form.applicant, field).setText(text)
    form.applicant.name.setFocus()
    shots.take(window, "tiep-nhan.png")


def _tracking(shots: Photographer) -> None:
    window = shots.window
    window.tabs.setCurrentWidget(window.tracking_tab)
    view = window.tracking_tab.view
    settle(shots.app, 5.0, lambda: view.model().rowCount() > 0)
    shots.take(window, "theo-doi.png")


def _dossier(shots: Photographer, code: str) -> None:
    from cchc_desktop.ui.dossier.detail_dialog import DossierDetailDialog

    shots.window.open_dossier(code)
    settle(
        shots.app, 3.0, lambda: any(isinstance(w, DossierDetailDialog) for w in shots.app.topLevelWidgets())
    )
    dialog = next(
        w for w in shots.app.topLevelWidgets() if isinstance(w, DossierDetailDialog) and w.isVisible()
    )
    dialog.resize(1100, 700)
    settle(shots.app, 1.0)
    shots.take(dialog, "cua-so-ho-so.png")
    _hand_over(shots, dialog)
    dialog.close()
    settle(shots.app, 0.1)


def _hand_over(shots: Photographer, dossier_window: Any) -> None:
    """The step form the dossier window's "Chuyển hồ sơ…" opens, filled as the clerk would."""
    from PySide6.QtWidgets import QComboBox, QPushButton

    from cchc_desktop.ui.dossier.action_forms import HandOverForm

    dossier_window.findChild(QPushButton, "action_hand_over").click()
    settle(shots.app, 2.0, lambda: _visible(shots.app, HandOverForm) is not None)
    form = _visible(shots.app, HandOverForm)
    if form is None:
        raise SystemExit("Không mở được biểu mẫu Chuyển hồ sơ.")
    taker, unit = form.findChildren(QComboBox)[:2]
    taker.setEditText("Trần Thị Lan")
    unit.setEditText("Công chức Tư pháp - Hộ tịch")
    shots.take(form, "chuyen-ho-so.png")
    form.reject()
    settle(shots.app, 0.2)


def _visible(app: Any, kind: type) -> Any:
    return next((w for w in app.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)


def _report(shots: Photographer) -> None:
    window = shots.window
    window.tabs.setCurrentWidget(window.report_page)
    settle(shots.app, 1.0)
    report = window.report_tab
    settle(shots.app, 20.0, lambda: report.model.rowCount() > 1 and getattr(report, "pdf", None) is not None)
    settle(shots.app, 0.5)  # the preview paints its first page
    shots.take(window, "bao-cao.png")
    report.pages.setCurrentIndex(1)  # the charts of the same period
    settle(shots.app, 0.5)
    shots.take(window, "bieu-do.png")
    report.pages.setCurrentIndex(0)


def _dialogs(shots: Photographer) -> None:
    from cchc_desktop.ui.catalogue.window import CatalogueWindow
    from cchc_desktop.ui.dialogs.backup_dialog import BackupDialog
    from cchc_desktop.ui.dialogs.calendar_dialog import CalendarDialog
    from cchc_desktop.ui.dialogs.settings_dialog import SettingsDialog

    window, workspace = shots.window, shots.window.workspace
    shots.dialog(SettingsDialog(workspace, window), "thong-tin-co-quan.png")
    shots.dialog(CalendarDialog(workspace, window), "lich-ngay-nghi.png")
    shots.dialog(BackupDialog(workspace, window, list_drives=lambda: []), "sao-luu.png")
    shots.dialog(CatalogueWindow(workspace, window), "danh-muc.png", (1100, 680))


def _open_dossier_code(workspace: Any) -> str:
    """A dossier still being worked on (the window then offers its next steps)."""
    from sqlalchemy import text

    with workspace.db.engine.connect() as connection:
        row = connection.execute(
            text("SELECT code FROM dossier WHERE status = 'in_processing' ORDER BY received_at DESC LIMIT 1")
        ).first()
    if row is None:
        raise SystemExit("Dữ liệu mẫu không có hồ sơ đang giải quyết.")
    return str(row[0])


def take_pictures(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="cchc-guide-") as temporary:
        home = Path(temporary)
        _isolate(home)
        sys.path.insert(0, str(ROOT))
        from PySide6.QtWidgets import QApplication

        from bench.generate import build_database
        from cchc_desktop.core.paths import resolve_paths
        from cchc_desktop.services.workspace import open_workspace
        from cchc_desktop.ui.fonts import register_fonts
        from cchc_desktop.ui.main_window import MainWindow

        app = QApplication.instance() or QApplication(sys.argv)
        register_fonts()
        database = build_database(home / "cchc.sqlite3", count=DEMO_DOSSIERS, years=1)
        workspace = open_workspace(resolve_paths(str(database)))
        window = MainWindow(workspace, live=False)
        window.resize(*WINDOW_SIZE)
        window.show()
        settle(app, 1.0)
        shots = Photographer(app, window, out)
        _intake(shots)
        _tracking(shots)
        _dossier(shots, _open_dossier_code(workspace))
        _report(shots)
        _dialogs(shots)
        window.close_without_questions()
        settle(app, 0.2)
        workspace.close()
        return shots.taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "guide" / "images")
    args = parser.parse_args()
    taken = take_pictures(args.out)
    total = sum(path.stat().st_size for path in taken)
    for path in taken:
        print(f"{path.name}\t{path.stat().st_size // 1024} KB")
    print(f"{len(taken)} ảnh, {total / 2**20:.2f} MB trong {args.out}")


if __name__ == "__main__":
    main()
