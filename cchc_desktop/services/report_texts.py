"""The clerk's text of the annual report, kept per report year in the settings table
(`report_text:<year>`), and the default text made from the template with the generated paragraphs.

A text is the report's opening, its sections (heading, level, paragraphs), the closing line and the
recipients. The statistics and payment paragraphs live in section II.2 like any other paragraph, so the
clerk may edit them; `regenerate` puts freshly generated ones back in their place.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.documents.report_data import ReportSection
from cchc_desktop.documents.report_template import (
    PAYMENT_MARKER,
    STATISTICS_MARKER,
    fill_template,
    load_template,
)
from cchc_desktop.domain.audit import AuditAction, ObjectKind
from cchc_desktop.domain.roles import Permission
from cchc_desktop.domain.statistics import Statistics
from cchc_desktop.domain.text import nfc
from cchc_desktop.services import audit_log, reporting
from cchc_desktop.services.permissions import require
from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import settings_repo

KEY_PREFIX = "report_text:"
# How the generated paragraphs begin (services.reporting), to find them again in an edited text.
STATISTICS_START = "Tổng số hồ sơ TTHC đã tiếp nhận"
PAYMENT_START = "Tỉ lệ thanh toán trực tuyến"
# The section that holds the statistics when the clerk deleted them: "2. Cải cách thủ tục hành chính".
STATISTICS_SECTION = "thủ tục hành chính"


@dataclass(frozen=True)
class ReportTexts:
    opening: tuple[str, ...]
    sections: tuple[ReportSection, ...]
    closing: str
    recipients: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "opening": list(self.opening),
            "sections": [
                {"heading": s.heading, "level": s.level, "paragraphs": list(s.paragraphs)}
                for s in self.sections
            ],
            "closing": self.closing,
            "recipients": list(self.recipients),
        }

    @staticmethod
    def from_json(value: Any) -> ReportTexts:
        """The stored text; `InvalidInputError` when it is not one (a hand-edited database)."""
        try:
            return ReportTexts(
                opening=tuple(nfc(str(p)) for p in value["opening"]),
                sections=tuple(
                    ReportSection(
                        nfc(str(s["heading"])),
                        tuple(nfc(str(p)) for p in s["paragraphs"]),
                        int(s.get("level", 1)),
                    )
                    for s in value["sections"]
                ),
                closing=nfc(str(value["closing"])),
                recipients=tuple(nfc(str(p)) for p in value["recipients"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise InvalidInputError(
                "Nội dung báo cáo đã lưu bị hỏng, sẽ dùng mẫu mặc định thay thế."
            ) from error


def setting_key(year: int | str) -> str:
    return f"{KEY_PREFIX}{year}"


def load_texts(ws: Workspace, year: int | str) -> ReportTexts | None:
    """The text saved for `year`, or None when nothing was saved."""
    with ws.db.read() as tx:
        value = settings_repo.read_all(tx).get(setting_key(year))
    return None if value is None else ReportTexts.from_json(value)


def report_key(year: int | str) -> str:
    """The report named in the audit log: "năm 2025"."""
    return f"năm {year}"


def save_texts(ws: Workspace, year: int | str, texts: ReportTexts) -> None:
    """Store the text of `year` (REPORT), with an entry naming the parts changed, as they were and are."""
    require(ws, Permission.REPORT)
    with ws.db.write() as tx:
        stored = settings_repo.read_all(tx).get(setting_key(year))
        try:
            old = _parts(None if stored is None else ReportTexts.from_json(stored))
        except InvalidInputError:  # a damaged stored text: all of it is new
            old = {}
        new = _parts(texts)
        changed = [part for part in {**old, **new} if old.get(part) != new.get(part)]
        settings_repo.write_many(tx, {setting_key(year): texts.to_json()})
        if changed:
            audit_log.record(
                tx,
                ws,
                AuditAction.REPORT,
                ObjectKind.REPORT,
                report_key(year),
                before={part: old.get(part) for part in changed},
                after={part: new.get(part) for part in changed},
            )


def _parts(texts: ReportTexts | None) -> dict[str, str]:
    """The text by part, as the log shows a change: the opening, each section by heading, the end."""
    if texts is None:
        return {}
    parts = {"Mở đầu": "\n".join(texts.opening)}
    for number, section in enumerate(texts.sections, start=1):
        heading = section.heading if section.heading not in parts else f"{section.heading} ({number})"
        parts[heading] = "\n".join(section.paragraphs)
    parts["Kết thúc"] = texts.closing
    parts["Nơi nhận"] = "\n".join(texts.recipients)
    return parts


def generated_paragraphs(stats: Statistics) -> tuple[str, str]:
    """(statistics paragraph, payment paragraph) for the report year of `stats`."""
    return reporting.statistics_paragraph(stats), reporting.payment_paragraph(stats)


def default_texts(ws: Workspace, stats: Statistics, template_path: Path | None = None) -> ReportTexts:
    """The template filled with the year, the commune and the generated paragraphs."""
    statistics, payment = generated_paragraphs(stats)
    opening, sections, closing, recipients = fill_template(
        load_template(template_path),
        year=str(stats.period_to.year),
        commune=ws.settings().commune_name,
        statistics=statistics,
        payment=payment,
    )
    return ReportTexts(opening, sections, closing, recipients)


def texts_for_year(ws: Workspace, stats: Statistics) -> tuple[ReportTexts, bool]:
    """The saved text of the report year (True), else the default one (False)."""
    try:
        saved = load_texts(ws, stats.period_to.year)
    except InvalidInputError:
        saved = None
    return (saved, True) if saved is not None else (default_texts(ws, stats), False)


def _kind(paragraph: str) -> str:
    text = paragraph.strip()
    if text == STATISTICS_MARKER or text.startswith(STATISTICS_START):
        return STATISTICS_MARKER
    if text == PAYMENT_MARKER or text.startswith(PAYMENT_START):
        return PAYMENT_MARKER
    return ""


def regenerate(texts: ReportTexts, statistics: str, payment: str) -> ReportTexts:
    """The text with its statistics and payment paragraphs replaced by the given ones; when the clerk
    removed them, they go at the end of section "2. Cải cách thủ tục hành chính" (or the last one)."""
    new = {STATISTICS_MARKER: statistics, PAYMENT_MARKER: payment}
    found = False
    sections: list[ReportSection] = []
    for section in texts.sections:
        paragraphs = []
        for paragraph in section.paragraphs:
            kind = _kind(paragraph)
            found = found or bool(kind)
            paragraphs.append(new[kind] if kind else paragraph)
        sections.append(ReportSection(section.heading, tuple(paragraphs), section.level))
    if not found and sections:
        index = next(
            (i for i, s in enumerate(sections) if STATISTICS_SECTION in s.heading.lower()), len(sections) - 1
        )
        target = sections[index]
        sections[index] = ReportSection(
            target.heading, (*target.paragraphs, statistics, payment), target.level
        )
    return ReportTexts(texts.opening, tuple(sections), texts.closing, texts.recipients)


def statistics_paragraphs(texts: ReportTexts) -> tuple[str, ...]:
    """The statistics and payment paragraphs found in the text, in order."""
    return tuple(p for s in texts.sections for p in s.paragraphs if _kind(p))
