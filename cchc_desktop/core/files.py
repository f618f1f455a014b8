"""Writing files so that a crash, a pulled USB stick or a full disk never leaves a half-written file
under the final name: write a temporary file beside it, flush, fsync, then rename."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

from cchc_desktop.core.errors import UserFacingError


def write_file_atomically(target: Path, data: bytes) -> Path:
    target = target.expanduser()
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        with contextlib.suppress(OSError):  # not every file system lets a folder be opened (Windows)
            directory = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise UserFacingError(_message(target, error)) from error
    return target


def _message(target: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return f"Không đủ chỗ trống để ghi {target}. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Không có quyền ghi vào {target.parent} (thư mục chỉ đọc?). Hãy chọn thư mục khác."
    if error.errno in (errno.ENOENT, errno.EIO, errno.ENODEV):
        return f"Không ghi được {target}: ổ đĩa đã bị rút ra hoặc bị lỗi. Hãy cắm lại và thử lại."
    return f"Không ghi được {target}: {error.strerror or error}."
