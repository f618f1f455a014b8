"""The clerk's text of the annual report, kept per report year in the settings table
(`report_text:<year>`), and the default text made from the template with the generated paragraphs.

A text is the report's opening, its sections (heading, level, paragraphs), the closing line and the
recipients. The statistics and payment paragraphs and the sentence on digitised papers live in section
II.2 like any other paragraph, so the clerk may edit them; `regenerate` puts freshly generated ones back
in their place, finding them by how they begin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.documents.report_data import ReportSection
from cchc_desktop.documents.report_template import (
    DIGITISATION_START,
    PAYMENT_MARKER,
    STATISTICS_MARKER,
    digitisation_wording,
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


DIGITISATION = "digitisation"


def generated_paragraphs(stats: Statistics, template_path: Path | None = None) -> tuple[str, str, str]:
    """(statistics paragraph, payment paragraph, sentence on digitised papers) for the report year of
    `stats`; the sentence in the template's wording, or the default one when the template has none."""
    try:
        wording = digitisation_wording(load_template(template_path))
    except InvalidInputError:  # a broken template is reported where the text is made from it
        wording = None
    return (
        reporting.statistics_paragraph(stats),
        reporting.payment_paragraph(stats),
        reporting.digitisation_paragraph(stats, wording or reporting.DIGITISATION_WORDING),
    )


def fill(
    template: dict[str, Any], stats: Statistics, commune: str
) -> tuple[tuple[str, ...], tuple[ReportSection, ...], str, tuple[str, ...]]:
    """`fill_template` with the year, the commune and the generated paragraphs of `stats`."""
    return fill_template(
        template,
        year=str(stats.period_to.year),
        commune=commune,
        statistics=reporting.statistics_paragraph(stats),
        payment=reporting.payment_paragraph(stats),
        digitisation=lambda wording: reporting.digitisation_paragraph(stats, wording),
    )


def default_texts(ws: Workspace, stats: Statistics, template_path: Path | None = None) -> ReportTexts:
    """The template filled with the year, the commune and the generated paragraphs."""
    opening, sections, closing, recipients = fill(
        load_template(template_path), stats, ws.settings().commune_name
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
    if text.startswith(DIGITISATION_START):
        return DIGITISATION
    return ""


def regenerate(texts: ReportTexts, statistics: str, payment: str, digitisation: str = "") -> ReportTexts:
    """The text with its statistics and payment paragraphs and its sentence on digitised papers replaced
    by the given ones ("Tạo lại đoạn thống kê"). When the clerk removed all of them they go at the end of
    section "2. Cải cách thủ tục hành chính" (or the last one); a text without the sentence (saved before
    it existed, or the clerk removed it) gets it after the payment paragraph."""
    generated = _replaced(
        texts, {STATISTICS_MARKER: statistics, PAYMENT_MARKER: payment, DIGITISATION: digitisation}
    )
    sections = list(generated.sections)
    kinds = [_kind(p) for s in sections for p in s.paragraphs]
    if not any(kinds) and sections:
        index = next(
            (i for i, s in enumerate(sections) if STATISTICS_SECTION in s.heading.lower()), len(sections) - 1
        )
        target = sections[index]
        added = tuple(p for p in (statistics, payment, digitisation) if p)
        sections[index] = ReportSection(target.heading, (*target.paragraphs, *added), target.level)
    elif digitisation and DIGITISATION not in kinds:
        after = PAYMENT_MARKER if PAYMENT_MARKER in kinds else STATISTICS_MARKER
        for index, section in enumerate(sections):
            at = [i for i, p in enumerate(section.paragraphs) if _kind(p) == after]
            if at:
                paragraphs = list(section.paragraphs)
                paragraphs.insert(at[-1] + 1, digitisation)
                sections[index] = ReportSection(section.heading, tuple(paragraphs), section.level)
                break
    return ReportTexts(texts.opening, tuple(sections), texts.closing, texts.recipients)


def follow(texts: ReportTexts, generated: tuple[str, ...]) -> ReportTexts:
    """The generated paragraphs the text holds replaced by new ones (`generated_paragraphs`), none added:
    what an untouched text does when the numbers change."""
    return _replaced(
        texts, dict(zip((STATISTICS_MARKER, PAYMENT_MARKER, DIGITISATION), generated, strict=True))
    )


def untouched(texts: ReportTexts, generated: tuple[str, ...]) -> bool:
    """Whether the text holds generated paragraphs and each is the one of `generated`: the clerk did not
    edit them."""
    new = dict(zip((STATISTICS_MARKER, PAYMENT_MARKER, DIGITISATION), generated, strict=True))
    found = [(kind, p) for s in texts.sections for p in s.paragraphs if (kind := _kind(p))]
    return bool(found) and all(new[kind] == p for kind, p in found)


def _replaced(texts: ReportTexts, new: dict[str, str]) -> ReportTexts:
    sections = tuple(
        ReportSection(
            section.heading,
            tuple(new[kind] if (kind := _kind(p)) and new[kind] else p for p in section.paragraphs),
            section.level,
        )
        for section in texts.sections
    )
    return ReportTexts(texts.opening, sections, texts.closing, texts.recipients)


def statistics_paragraphs(texts: ReportTexts) -> tuple[str, ...]:
    """The generated paragraphs found in the text (statistics, payment, digitised papers), in order."""
    return tuple(p for s in texts.sections for p in s.paragraphs if _kind(p))
