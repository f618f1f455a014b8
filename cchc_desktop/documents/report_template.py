"""The text template of the annual CCHC report: a JSON file of the opening, the sections I … IV, the
closing line and the recipients, with placeholders the product fills.

Placeholders: `{year}` ("2023"), `{commune}` ("Đại Hợp") anywhere in the text; `{statistics}` and
`{payment}` as whole paragraphs (in II.2), replaced by the generated paragraphs, one per line of the given
text (an empty text removes the marker). Other braces are left alone, so the clerk may type them.

The sentence on digitised papers is a paragraph of the template, worded by the clerk, beginning with
"Số hóa hồ sơ" (how the report text finds it again to put new figures in) and holding any of
`{digitised_full}`, `{digitised_partial}`, `{digitised_none}`, `{digitised_rate}` (a number: the
template writes the "%"), with `{received}` and `{period}` ("trong năm 2026") beside them; the services
fill it (`services.reporting.digitisation_paragraph`, which says instead that no dossier was received
when none was). A template without it simply has no such sentence.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.core.resources import resource_path
from cchc_desktop.documents.report_data import ReportSection
from cchc_desktop.domain.text import nfc

STATISTICS_MARKER = "{statistics}"
PAYMENT_MARKER = "{payment}"
DIGITISATION_START = "Số hóa hồ sơ"
DIGITISATION_PLACEHOLDERS = (
    "{digitised_full}",
    "{digitised_partial}",
    "{digitised_none}",
    "{digitised_rate}",
)
REQUIRED_KEYS = ("opening", "sections", "closing", "recipients")
BAD_TEMPLATE = "Mẫu báo cáo {path} không dùng được: {reason}. Hãy chọn lại mẫu hoặc dùng mẫu mặc định."


def default_template_path() -> Path:
    return resource_path("report_templates", "default.json")


def load_template(path: Path | str | None = None) -> dict[str, Any]:
    """The template at `path` (the shipped default when None), checked: a broken file is the clerk's to
    fix, so it raises InvalidInputError with a Vietnamese message."""
    path = Path(path) if path is not None else default_template_path()
    try:
        template = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InvalidInputError(
            BAD_TEMPLATE.format(path=path, reason=f"không đọc được tệp ({error})")
        ) from error
    except ValueError as error:
        raise InvalidInputError(
            BAD_TEMPLATE.format(path=path, reason=f"sai cấu trúc JSON ({error})")
        ) from error
    problem = _problem(template)
    if problem:
        raise InvalidInputError(BAD_TEMPLATE.format(path=path, reason=problem))
    return dict(template)


def _problem(template: Any) -> str:
    if not isinstance(template, dict):
        return "nội dung không phải một đối tượng JSON"
    missing = [key for key in REQUIRED_KEYS if key not in template]
    if missing:
        return "thiếu mục " + ", ".join(missing)
    if not _strings(template["opening"]) or not _strings(template["recipients"]):
        return "“opening” và “recipients” phải là danh sách câu chữ"
    if not isinstance(template["closing"], str):
        return "“closing” phải là câu chữ"
    sections = template["sections"]
    if not isinstance(sections, list) or not all(_section_ok(section) for section in sections):
        return "mỗi mục trong “sections” cần “heading”, “paragraphs” và “level” 1 hoặc 2"
    markers = [p for section in sections for p in section["paragraphs"] if p.strip() == STATISTICS_MARKER]
    if len(markers) != 1:
        return f"cần đúng một đoạn {STATISTICS_MARKER} (nơi đặt số liệu thống kê)"
    wordings = [p for section in sections for p in section["paragraphs"] if is_digitisation_wording(p)]
    if any(not p.strip().startswith(DIGITISATION_START) for p in wordings):
        return f"đoạn có số liệu số hóa hồ sơ (như {DIGITISATION_PLACEHOLDERS[0]}) phải bắt đầu bằng “{DIGITISATION_START}”"
    return ""


def is_digitisation_wording(paragraph: str) -> bool:
    """Whether a paragraph of a template is the sentence on digitised papers (it holds their figures)."""
    return any(placeholder in paragraph for placeholder in DIGITISATION_PLACEHOLDERS)


def digitisation_wording(template: dict[str, Any]) -> str | None:
    """The template's sentence on digitised papers, placeholders unfilled; None when it has none."""
    return next(
        (p for s in template["sections"] for p in s["paragraphs"] if is_digitisation_wording(p)), None
    )


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _section_ok(section: Any) -> bool:
    return (
        isinstance(section, dict)
        and isinstance(section.get("heading"), str)
        and _strings(section.get("paragraphs"))
        and section.get("level", 1) in (1, 2)
    )


def subject_line(template: dict[str, Any], *, year: str) -> str:
    """ "Công tác cải cách hành chính năm 2023", the subject under "BÁO CÁO"."""
    subject = template.get("subject") or "Công tác cải cách hành chính năm {year}"
    return nfc(str(subject).replace("{year}", year))


def fill_template(
    template: dict[str, Any],
    *,
    year: str,
    commune: str,
    statistics: str,
    payment: str,
    digitisation: Callable[[str], str] | None = None,
) -> tuple[tuple[str, ...], tuple[ReportSection, ...], str, tuple[str, ...]]:
    """(opening, sections, closing, recipients) with the placeholders filled, NFC, blank lines gone.
    `digitisation` writes the sentence on digitised papers from its wording; without it the sentence is
    left out."""

    def text(value: str) -> str:
        return nfc(value.replace("{year}", year).replace("{commune}", commune))

    generated = {STATISTICS_MARKER: _lines(text(statistics)), PAYMENT_MARKER: _lines(text(payment))}

    def paragraphs(values: list[str]) -> tuple[str, ...]:
        result: list[str] = []
        for value in values:
            marker = value.strip()
            if marker in generated:
                result += generated[marker]
            elif is_digitisation_wording(value):
                result += _lines(text(digitisation(value))) if digitisation is not None else []
            else:
                result.append(text(value))
        return tuple(paragraph for paragraph in result if paragraph)

    sections = tuple(
        ReportSection(
            text(section["heading"]), paragraphs(section["paragraphs"]), int(section.get("level", 1))
        )
        for section in template["sections"]
    )
    return (
        paragraphs(template["opening"]),
        sections,
        text(template["closing"]),
        paragraphs(template["recipients"]),
    )


def _lines(text: str) -> list[str]:
    return [nfc(line) for line in text.splitlines() if line.strip()]
