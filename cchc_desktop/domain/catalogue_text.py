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
# Not required: a paper for one case only ("Trường hợp …", "… trong trường hợp …", "(nếu có)") or for online
# filing only; "Giấy chứng sinh; trường hợp không có … thì …" names an alternative and stays required.
_OPTIONAL = re.compile(
    r"^(?:trường hợp|nếu)\b|\(nếu có\)|\btrong trường hợp\b|điện tử tương tác|nộp trực tuyến", re.IGNORECASE
)
_AMOUNT = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d{1,9})\s*(?:đồng|đ\b|vnđ|vnd)", re.IGNORECASE)
_BY_QUANTITY = re.compile(r"/\s*(?:trang|bản)\b", re.IGNORECASE)
_FREE = re.compile(r"^(?:không|không có|miễn phí|miễn|không thu|0|0 đồng|-)$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d{1,2})?[.)]?\s*lĩnh vực\s*:?\s*(?P<name>.+)$", re.IGNORECASE)
MAX_DOCUMENTS = 60
MAX_DOCUMENT_NAME = 1000


def document_lines(cell: str) -> tuple[RequiredDocument, ...]:
    """The documents of a published "Thành phần hồ sơ" cell, one per non-empty line, in order.

    A line we wrote carries its kind and count exactly; a published line gets its kind from the words in
    it ("bản sao", "bản chụp" …, else "bản chính"), its count from "NN bản" (else 1), and is optional when
    it is for one case only ("Trường hợp …", "trong trường hợp", "(nếu có)") or for online filing. Lines
    that only head the list ("Thành phần hồ sơ:", "Số lượng hồ sơ: 01 bộ") are left out."""
    documents = []
    for raw in nfc(cell).splitlines():
        line = raw.strip()
        folded = fold(line)
        if not line or _is_list_heading(folded):
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
                _kind_in(folded),
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


def _is_list_heading(folded_line: str) -> bool:
    folded = folded_line.rstrip(":").strip()
    return folded in ("thanh phan ho so", "thanh phan ho so gom", "ho so gom") or folded.startswith(
        ("so luong ho so", "thanh phan ho so bao gom")
    )


def _kind_in(folded: str) -> str:
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
    """The amount in đồng a dossier owes when the published fee's headline (before any bracket or ";") is one
    amount: "50.000 đồng", "10.000 đồng/trường hợp", "50.000 đồng/giao dịch"; "Không", "Miễn phí" → 0.
    A fee by page or by copy ("2.000 đồng/trang", anywhere in the text), a range, or "theo quy định của tỉnh"
    gives 0: the amount is entered at intake, never guessed."""
    text = nfc(fee_text).strip().rstrip(".")
    headline = re.split(r"[(;]", text, maxsplit=1)[0].strip()
    if not headline or _FREE.match(headline) or headline.lower().startswith("miễn"):
        return 0
    if _BY_QUANTITY.search(text) or "từ" in headline.lower():
        return 0
    amounts = {int(match.group(1).replace(".", "")) for match in _AMOUNT.finditer(headline)}
    if len(amounts) != 1 or re.search(r"\d", _AMOUNT.sub("", headline)):
        return 0
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
