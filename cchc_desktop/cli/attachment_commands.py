"""`cchc attach CODE --document N FILE…` and `cchc attachments CODE [--extract DIR]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from cchc_desktop.domain.digitisation import DIGITISED_LABELS
from cchc_desktop.domain.vn_format import short_date
from cchc_desktop.services import attachments
from cchc_desktop.services.attachments import Attachment
from cchc_desktop.services.scan_files import prepare_scans
from cchc_desktop.services.workspace import Workspace


def run_attach(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int | None:
    # The dossier and the line are checked before the files are read: a wrong code costs nothing.
    record = attachments.scans_of(ws, args.code).dossier
    attachments.check_line(record, args.document - 1)
    scans = prepare_scans([Path(name) for name in args.files])
    attached = attachments.attach(ws, record.code, args.document - 1, scans)
    pages = sum(item.pages for item in attached)
    print(
        f"Đã gắn {len(attached)} tệp ({pages} trang) vào giấy tờ số {args.document} "
        f"“{record.documents[args.document - 1].name}” của hồ sơ {record.code}.",
        file=out,
    )
    for item in attached:
        print(f"  {_describe(item)}", file=out)
    return None


def run_attachments(ws: Workspace, args: argparse.Namespace, out: TextIO) -> int | None:
    if args.extract:
        written = attachments.extract(ws, args.code, Path(args.extract))
        print(f"Đã ghi {len(written)} tệp vào {args.extract}:", file=out)
        for path in written:
            print(f"  {path.name}", file=out)
        return None
    scans = attachments.scans_of(ws, args.code)
    print(f"Hồ sơ {scans.dossier.code}: {DIGITISED_LABELS[scans.state].lower()}.", file=out)
    for index, document in enumerate(scans.dossier.documents):
        optional = "" if document.required else " (không bắt buộc)"
        print(f"{index + 1}. {document.name}{optional}", file=out)
        items = scans.on_line(index)
        if not items:
            print("   chưa số hóa", file=out)
        for item in items:
            print(f"   {_describe(item)}", file=out)
    return None


def _describe(item: Attachment) -> str:
    kind = "ảnh ghép thành PDF" if item.kind == "images" else "PDF"
    return (
        f"[{item.id}] {item.file_name}: {item.pages} trang, {_size(item.size_bytes)}, {kind}, "
        f"gắn {short_date(item.attached_at.date())} {item.attached_at:%H:%M}"
        + (f" bởi {item.attached_by}" if item.attached_by else "")
        + f", SHA-256 {item.sha256[:12]}…"
    )


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"
