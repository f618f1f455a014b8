"""Reading the files a clerk attaches (a scanner's PDF, JPEG, PNG or TIFF) into what is stored: a PDF kept
byte for byte as it came, or images combined into one PDF without re-compressing them (img2pdf: a JPEG's
bytes go into the PDF as they are, PNG and TIFF pixels losslessly). Every file is checked first, and what
is wrong is said in Vietnamese naming the file (its name only, never its content)."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cchc_desktop.core.errors import InvalidInputError
from cchc_desktop.storage.attachment_store import sha256_of

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000
PDF_EXTENSIONS = (".pdf",)
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".tif", ".tiff")
ACCEPTED_EXTENSIONS = PDF_EXTENSIONS + IMAGE_EXTENSIONS
ACCEPTED_TEXT = "PDF, JPEG, PNG hoặc TIFF"
# Called with (files read so far, files in all).
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PreparedScan:
    """One file to store: `data` is a PDF; `kind` 'pdf' (kept as it came) or 'images' (combined)."""

    data: bytes
    sha256: str
    pages: int
    kind: str
    file_name: str
    source_names: tuple[str, ...]


def sniff(head: bytes) -> str | None:
    """'pdf', 'image' or None from a file's first bytes."""
    if head.lstrip(b" \t\r\n").startswith(b"%PDF-"):  # not anywhere in the head: a zip holding a PDF
        return "pdf"
    if head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"II*\x00", b"MM\x00*")):
        return "image"
    return None


def prepare_scans(files: Sequence[Path], progress: Progress | None = None) -> list[PreparedScan]:
    """Each PDF as one scan, and every image of `files` combined into one more, in the order given."""
    if not files:
        raise InvalidInputError("Chưa chọn tệp nào để gắn.")
    pdfs: list[PreparedScan] = []
    images: list[tuple[str, bytes]] = []
    for done, path in enumerate(files):
        data = _read(path)
        kind = sniff(data[:2048])
        if kind is None:
            raise InvalidInputError(
                f"Tệp “{path.name}” không phải {ACCEPTED_TEXT} (nội dung không đúng định dạng). "
                "Hãy quét lại hoặc chọn tệp khác."
            )
        if kind == "pdf":
            pdfs.append(_pdf_scan(path.name, data))
        else:
            images.append((path.name, data))
        if progress is not None:
            progress(done + 1, len(files) + (1 if images else 0))
    scans = list(pdfs)
    if images:
        scans.append(combine_images(images))
        if progress is not None:
            progress(len(files) + 1, len(files) + 1)
    return scans


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InvalidInputError(
                f"Tệp “{path.name}” quá lớn ({size // (1024 * 1024)} MB; tối đa {MAX_FILE_BYTES // (1024 * 1024)}"
                " MB một tệp). Hãy quét với độ phân giải thấp hơn (200-300 dpi) hoặc chia thành nhiều tệp."
            )
        if size == 0:
            raise InvalidInputError(f"Tệp “{path.name}” rỗng (0 byte). Hãy quét lại.")
        return path.read_bytes()
    except FileNotFoundError as error:
        raise InvalidInputError(f"Không tìm thấy tệp “{path.name}” (đã bị xóa hoặc đổi tên?).") from error
    except IsADirectoryError as error:
        raise InvalidInputError(f"“{path.name}” là thư mục, không phải tệp.") from error
    except OSError as error:
        raise InvalidInputError(
            f"Không đọc được tệp “{path.name}” ({error.strerror or 'lỗi đọc'}). Hãy kiểm tra ổ đĩa rồi thử lại."
        ) from error


def pdf_pages(data: bytes) -> int:
    """The page count of a readable, unencrypted PDF; ValueError saying (in Vietnamese) what is wrong."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValueError("được đặt mật khẩu; hãy quét lại không đặt mật khẩu")
            pages = len(reader.pages)
    except ValueError:
        raise
    except (PyPdfError, OSError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        log.info("unreadable PDF: %s", type(error).__name__)
        raise ValueError("bị hỏng hoặc chưa ghi xong") from error
    if pages < 1:
        raise ValueError("không có trang nào")
    return pages


def _pdf_scan(name: str, data: bytes) -> PreparedScan:
    try:
        pages = pdf_pages(data)
    except ValueError as error:
        raise InvalidInputError(f"Tệp PDF “{name}” {error}.") from error
    if pages > MAX_PAGES:
        raise InvalidInputError(f"Tệp PDF “{name}” có {pages} trang; tối đa {MAX_PAGES} trang một tệp.")
    return PreparedScan(data, sha256_of(data), pages, "pdf", name, (name,))


def combine_images(images: Sequence[tuple[str, bytes]]) -> PreparedScan:
    """One PDF of every page of `images` (name, bytes), the pixels as they were scanned."""
    import img2pdf
    from PIL import Image

    for name, data in images:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    # Every page decoded once: verify() alone passes a JPEG cut short by a scanner
                    # still writing it.
                    for frame in range(getattr(image, "n_frames", 1)):
                        image.seek(frame)
                        image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise InvalidInputError(
                f"Ảnh “{name}” quá lớn (quá nhiều điểm ảnh). Hãy quét với độ phân giải 200-300 dpi."
            ) from error
        except (OSError, SyntaxError, ValueError) as error:
            raise InvalidInputError(f"Ảnh “{name}” bị hỏng hoặc chưa ghi xong. Hãy quét lại.") from error
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            data = img2pdf.convert(
                [data for _name, data in images],
                engine=img2pdf.Engine.internal,
                rotation=img2pdf.Rotation.ifvalid,
            )
    except Exception as error:  # img2pdf raises its own and PIL's errors for a file it cannot embed
        log.info("images not combined: %s", type(error).__name__)
        names = ", ".join(f"“{name}”" for name, _data in images)
        raise InvalidInputError(
            f"Không ghép được ảnh {names} thành PDF (ảnh hỏng hoặc kiểu ảnh không hỗ trợ). Hãy quét lại dạng PDF hoặc JPEG."
        ) from error
    assert isinstance(data, bytes)
    pages = pdf_pages(data)
    first = images[0][0]
    return PreparedScan(
        data, sha256_of(data), pages, "images", Path(first).stem + ".pdf", tuple(n for n, _d in images)
    )
