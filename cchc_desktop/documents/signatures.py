"""Signature blocks of the forms: title, the signing hints, room to sign and the printed name."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from cchc_desktop.documents.form_styles import FormStyles, table_style
from cchc_desktop.documents.markup import esc

SIGN_HINT = "(Ký và ghi rõ họ tên)"
DIGITAL_SIGN_HINT = "(Chữ ký số của {signer} nếu là biểu mẫu điện tử)"


def signature_block(title: str, signer: str, styles: FormStyles, name: str = "") -> list[Flowable]:
    """Title, the two hints, room to sign, then the printed name when known (bold, as signed names are)."""
    block: list[Flowable] = [
        Paragraph(esc(title), styles.sign_title),
        Paragraph(esc(SIGN_HINT), styles.sign_hint),
        Paragraph(esc(DIGITAL_SIGN_HINT.format(signer=signer)), styles.sign_hint),
        Spacer(1, styles.sign_space),
    ]
    if name:
        block.append(Paragraph(esc(name), styles.sign_name))
    return block


def signature_row(left: Sequence[Flowable], right: Sequence[Flowable], width: float) -> Table:
    table = Table([[list(left), list(right)]], colWidths=[width / 2, width / 2])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table
