"""The report's files written together: all or none, and a failed re-export keeps the last good copies
(core.files.write_files_atomically).

`export_report` (the report tab's "USB" export) renders the PDF, DOCX and XLSX, checks them in memory
(a PDF header, DOCX/XLSX readable zip archives), writes them and reads them back: a stick that accepts
the bytes but gives back others is caught, and that export's files are removed. `write_report_outputs`
(`cchc report`) writes the JSON statistics and the documents asked for, all or none.
"""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.files import write_files_atomically
from cchc_desktop.documents.report_figures_data import ReportFigures
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.statistics import Statistics, to_json_dict
from cchc_desktop.services.annual_report import ReportFiles, record_written, render_report
from cchc_desktop.services.permissions import require
from cchc_desktop.services.report_texts import ReportTexts
from cchc_desktop.services.workspace import Workspace

BAD_FILE = "Tệp {path} ghi ra không đọc lại được ({reason}). Hãy thử lại hoặc dùng ổ khác."


def report_files(folder: Path, stem: str) -> ReportFiles:
    return ReportFiles(folder / f"{stem}.pdf", folder / f"{stem}.docx", folder / f"{stem}.xlsx")


def export_report(
    ws: Workspace,
    stats: Statistics,
    texts: ReportTexts,
    folder: Path,
    now: datetime,
    stem: str,
    figures: ReportFigures | None = None,
) -> ReportFiles:
    """`folder/stem.pdf|.docx|.xlsx`, written all or none, then read back, and recorded (REPORT);
    `figures`: the charts' page in the PDF and DOCX."""
    require(ws, Permission.REPORT)
    files = report_files(folder, stem)
    contents = render_report(ws, stats, files, now=now, texts=texts, figures=figures)
    for path, data in contents.items():
        check_document(path, data)
    write_files_atomically(contents)
    try:
        for path, data in contents.items():
            if path.read_bytes() != data:
                raise UserFacingError(BAD_FILE.format(path=path, reason="nội dung đọc lại khác nội dung ghi"))
    except (OSError, UserFacingError) as error:
        for path in contents:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        if isinstance(error, UserFacingError):
            raise
        raise UserFacingError(BAD_FILE.format(path=error.filename, reason=error.strerror)) from error
    record_written(ws, stats, list(contents))
    return files


def write_report_outputs(
    ws: Workspace,
    stats: Statistics,
    files: ReportFiles,
    json_file: Path | None = None,
    figures: ReportFigures | None = None,
) -> list[Path]:
    """The JSON statistics (if asked) and the documents asked for, all or none, recorded (REPORT); the
    written paths. `figures`: the charts' page in the PDF and DOCX."""
    require(ws, Permission.REPORT)
    contents: dict[Path, bytes] = {}
    if json_file is not None:
        contents[json_file] = json.dumps(to_json_dict(stats), ensure_ascii=False, indent=2).encode("utf-8")
    if files != ReportFiles():
        contents.update(render_report(ws, stats, files, figures=figures))
    if contents:
        record_written(ws, stats, write_files_atomically(contents))
    return list(contents)


def check_document(path: Path, data: bytes) -> None:
    """Not empty, a PDF header, DOCX/XLSX readable zip archives."""
    try:
        if not data:
            raise ValueError("tệp rỗng")
        if path.suffix == ".pdf" and not data.startswith(b"%PDF"):
            raise ValueError("không phải tệp PDF")
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if archive.testzip() is not None:
                    raise ValueError("tệp nén bị hỏng")
    except (ValueError, zipfile.BadZipFile) as error:
        raise UserFacingError(BAD_FILE.format(path=path, reason=error)) from error
