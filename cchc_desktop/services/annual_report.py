"""The annual CCHC report of a period: statistics + the text template + the agency's settings → the
plain data of the PDF, DOCX and XLSX documents. Nothing is produced when the statistics fail their
invariants."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from cchc_desktop.core.files import write_file_atomically, write_files_atomically
from cchc_desktop.documents.report_data import AnnualReportData, StatisticsRow
from cchc_desktop.documents.report_figures_data import ReportFigures
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.statistics import Statistics
from cchc_desktop.services import audit_log, reporting
from cchc_desktop.services.permissions import require
from cchc_desktop.services.report_texts import ReportTexts, fill, report_key
from cchc_desktop.services.workspace import Workspace

# The 11 numbers of biểu II.06a, columns (3) … (13).
TABLE_COLUMNS = (
    "received_total", "received_online", "received_direct_postal", "carried_over", "resolved_total",
    "resolved_early", "resolved_on_time", "resolved_late", "in_progress_total", "in_progress_within",
    "in_progress_overdue",
)  # fmt: skip
TOTAL_LABEL = "Tổng số"


@dataclass(frozen=True)
class ReportFiles:
    pdf: Path | None = None
    docx: Path | None = None
    xlsx: Path | None = None


def report_data(
    ws: Workspace,
    stats: Statistics,
    issued_on: date | None = None,
    template_path: Path | None = None,
    texts: ReportTexts | None = None,
    figures: ReportFigures | None = None,
) -> AnnualReportData:
    """`texts`: the clerk's edited text (report tab); None fills the template. `figures`: the charts'
    page after the appendix, None for none."""
    from cchc_desktop.documents.report_template import load_template, subject_line

    reporting.check(stats)
    settings = ws.settings()
    settings.require_for_print()
    year = str(stats.period_to.year)
    template = load_template(template_path)
    opening, sections, closing, recipients = fill(template, stats, settings.commune_name)
    rows = tuple(
        StatisticsRow(str(number), field, tuple(getattr(values, c) for c in TABLE_COLUMNS))
        for number, (field, values) in enumerate(stats.by_field.items(), start=1)
    )
    total = StatisticsRow("", TOTAL_LABEL, tuple(getattr(stats.totals, c) for c in TABLE_COLUMNS))
    data = AnnualReportData(
        commune_name=settings.commune_name,
        province_name=settings.province_name,
        place_name=settings.place_name,
        issued_on=issued_on or date.today(),
        number="",
        year_label=f"năm {year}",
        title_subject=subject_line(template, year=year),
        opening=opening,
        sections=sections,
        closing=closing,
        recipients=recipients,
        signer_authority=settings.signer_authority,
        signer_title=settings.signer_title,
        signer_name=settings.signer_name,
        period_from=stats.period_from,
        period_to=stats.period_to,
        statistics=(*rows, total),
        rule_note=reporting.RULE_FOOTNOTES[stats.rule],
        closed_otherwise=(stats.totals.refused, stats.totals.withdrawn, stats.totals.stopped),
        figures=figures,
    )
    if texts is None:
        return data
    return replace(
        data,
        opening=texts.opening,
        sections=texts.sections,
        closing=texts.closing,
        recipients=texts.recipients,
    )


def render_pdf(data: AnnualReportData) -> bytes:
    from cchc_desktop.documents.annual_report import render_annual_report

    return render_annual_report(data)


def render_docx(data: AnnualReportData) -> bytes:
    from cchc_desktop.documents.report_docx import render_report_docx

    return render_report_docx(data)


def render_xlsx(data: AnnualReportData) -> bytes:
    from cchc_desktop.documents.report_xlsx import render_report_xlsx

    return render_report_xlsx(data)


def render_report(
    ws: Workspace,
    stats: Statistics,
    files: ReportFiles,
    now: datetime | None = None,
    texts: ReportTexts | None = None,
    figures: ReportFigures | None = None,
) -> dict[Path, bytes]:
    """The requested documents' bytes by target path; the statistics are checked first."""
    data = report_data(ws, stats, (now or datetime.now()).date(), texts=texts, figures=figures)
    renders = ((files.pdf, render_pdf), (files.docx, render_docx), (files.xlsx, render_xlsx))
    return {target: render(data) for target, render in renders if target is not None}


def write_report(
    ws: Workspace,
    stats: Statistics,
    files: ReportFiles,
    now: datetime | None = None,
    texts: ReportTexts | None = None,
) -> ReportFiles:
    """Render and write the requested files, all or none (core.files.write_files_atomically), recorded."""
    require(ws, Permission.REPORT)
    written = write_files_atomically(render_report(ws, stats, files, now, texts))
    record_written(ws, stats, written)
    return files


def save_report_pdf(ws: Workspace, stats: Statistics, pdf: bytes, target: Path) -> Path:
    """The report tab's "Lưu PDF": the rendered `pdf` written to `target`, recorded."""
    require(ws, Permission.REPORT)
    written = write_file_atomically(target, pdf)
    record_written(ws, stats, [written])
    return written


def record_report_output(
    ws: Workspace, stats: Statistics, *, files: Iterable[Path] = (), printer: str = ""
) -> None:
    """One REPORT entry for a report of `stats`' period that left the screen: written to `files`, or
    printed on `printer` (the window prints it). Reading the numbers on screen is not recorded."""
    require(ws, Permission.REPORT)
    where: dict[str, object] = (
        {"output": "in ra máy in", "printer": printer}
        if printer
        else {"output": "ghi ra tệp", "files": [str(path) for path in files]}
    )
    after = {**where, "period_from": stats.period_from, "period_to": stats.period_to}
    with ws.db.write() as tx:
        audit_log.record(
            tx, ws, AuditAction.REPORT, ObjectKind.REPORT, report_key(stats.period_to.year), after=after
        )


def record_written(ws: Workspace, stats: Statistics, written: list[Path]) -> None:
    """Record files just written; a report the log cannot name does not stay on the disk."""
    try:
        record_report_output(ws, stats, files=written)
    except BaseException:
        for path in written:
            with contextlib.suppress(OSError):
                path.unlink(missing_ok=True)
        raise
