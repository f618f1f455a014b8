"""The cells of a published procedure list, read and written: document lists, fees, field headings, codes.

Provinces publish the list as a table whose documents cell holds one document per line ("- Tờ khai …;"),
sometimes with the kind and the count in the line ("bản chính", "01 bản"). What we write back is the same
shape with the kind and count always in a closing parenthesis, "- Tờ khai … (bản chính, 01 bản)", and
"(nếu có)" for a document that is not required, so an exported list imports to the same catalogue.
"""

from __future__ import annotations

import re

from cchc_desktop.domain.procedures import DOCUMENT_KINDS, RequiredDocument
from cchc_desktop.domain.text import fold, nfc

NATIONAL_CODE = re.compile(r"^\d\.\d{6}$")
# A local code for a procedure without a national one: letters, digits, dot, dash, underscore.
LOCAL_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")

_BULLET = re.compile(r"^\s*(?:[-+•*–—]+|\(?\d{1,2}[.)]|\(?[a-zđ][.)])\s*", re.IGNORECASE)
_WRITTEN = re.compile(
    r"\s*\((?P<kind>" + "|".join(re.escape(k) for k in DOCUMENT_KINDS) + r"),\s*(?P<count>\d{1,3}) bản\)"
    r"(?P<optional>\s*\(nếu có\))?\s*$"
)
_COUNT = re.compile(r"\b(\d{1,3})\s*bản\b", re.IGNORECASE)
_OPTIONAL = re.compile(r"\(nếu có\)|trường hợp|nếu có", re.IGNORECASE)
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d{1,9})\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
_FREE = re.compile(r"^(?:không|không có|miễn phí|miễn|không thu|0|0 đồng|-)$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d{1,2})?[.)]?\s*lĩnh vực\s*:?\s*(?P<name>.+)$", re.IGNORECASE)
MAX_DOCUMENTS = 60
MAX_DOCUMENT_NAME = 1000


def document_lines(cell: str) -> tuple[RequiredDocument, ...]:
    """The documents of a published "Thành phần hồ sơ" cell, one per non-empty line, in order.

    A line we wrote carries its kind and count exactly; a published line gets its kind from the words in
    it ("bản sao", "bản chụp" …, else "bản chính"), its count from "NN bản" (else 1), and is optional when
    it says "nếu có" or "trường hợp". Lines that only head the list ("Thành phần hồ sơ:", "Số lượng hồ sơ:
    01 bộ") are left out."""
    documents = []
    for raw in nfc(cell).splitlines():
        line = raw.strip()
        if not line or _is_list_heading(line):
            continue
        written = _WRITTEN.search(line)
        if written:
            name = line[: written.start()].removeprefix("- ").strip()
            documents.append(
                RequiredDocument(name, written["kind"], int(written["count"]), not written["optional"])
            )
            continue
        name = _BULLET.sub("", line).strip().rstrip(";.").strip()
        if not name:
            continue
        count = _COUNT.search(name)
        documents.append(
            RequiredDocument(
                name,
                _kind_in(name),
                max(1, int(count.group(1))) if count else 1,
                not _OPTIONAL.search(name),
            )
        )
    return tuple(documents)


def write_document_lines(documents: tuple[RequiredDocument, ...]) -> str:
    """The cell that `document_lines` reads back to the same documents."""
    lines = []
    for document in documents:
        optional = " (nếu có)" if not document.required else ""
        lines.append(f"- {document.name} ({document.kind}, {document.count:02d} bản){optional}")
    return "\n".join(lines)


def _is_list_heading(line: str) -> bool:
    folded = fold(line).rstrip(":").strip()
    return folded in ("thanh phan ho so", "thanh phan ho so gom", "ho so gom") or folded.startswith(
        ("so luong ho so", "thanh phan ho so bao gom")
    )


def _kind_in(name: str) -> str:
    folded = fold(name)
    if "ban sao hoac ban chup" in folded:
        return "bản sao hoặc bản chụp"
    if re.search(r"ban sao (?:co |da |duoc )*chung thuc", folded):
        return "bản chứng thực"
    if "ban sao" in folded:
        return "bản sao"
    if "ban chup" in folded or "ban photo" in folded:
        return "bản photo"
    return "bản chính"


def fee_amount_in(fee_text: str) -> int:
    """The amount in đồng when the published fee is one plain amount ("50.000 đồng", "Không"), else 0:
    a fee by page, by case or "theo quy định của tỉnh" is entered at intake, never guessed."""
    text = nfc(fee_text).strip().rstrip(".")
    if not text or _FREE.match(text):
        return 0
    amounts = {int(match.group(1).replace(".", "")) for match in _AMOUNT.finditer(text)}
    if len(amounts) != 1:
        return 0
    rest = _AMOUNT.sub("", text)
    if re.search(r"\d", rest) or "/" in rest or "mỗi" in rest.lower() or "từ" in rest.lower():
        return 0  # "2.000 đồng/trang", "từ trang thứ ba": a fee by quantity is counted at intake
    return amounts.pop()


def field_heading(cells: list[str]) -> str | None:
    """The field a heading row names ("I. LĨNH VỰC HỘ TỊCH", "Lĩnh vực: Chứng thực"), in sentence case;
    None for any other row. A heading row has one non-empty cell."""
    texts = [c.strip() for c in cells if c.strip()]
    if len(texts) > 2:
        return None
    text = " ".join(texts)
    match = _HEADING.match(text)
    if not match:
        return None
    name = match["name"].strip().strip(":.").strip()
    if not name:
        return None
    return name[0].upper() + name[1:].lower() if name.isupper() else name


def is_code(code: str) -> bool:
    return bool(NATIONAL_CODE.match(code) or LOCAL_CODE.match(code))
