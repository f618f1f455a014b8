"""Writing files so that a crash, a pulled USB stick or a full disk never leaves a half-written file
under the final name: write a temporary file beside it, flush, fsync, then rename.

`write_files_atomically` does the same for several files that belong together (the report's PDF, DOCX
and XLSX): all or none. Every temporary is written and fsynced first; a failure there deletes the
temporaries and leaves the files already under the final names untouched. Then each existing file is
renamed to a backup name, each temporary to its final name, and only when all of them are in place are
the backups deleted; a failure while renaming puts the backups back. (A power cut in the middle of the
rename phase can leave an old copy under its backup name `.<name>.old-<pid>`, never a half-written file.)

The files are created readable by the user only (0o600). The folder must exist: a missing output folder
is the clerk's mistake to fix, not a folder to create silently.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Mapping
from pathlib import Path

from cchc_desktop.core.errors import UserFacingError

PRIVATE_FILE_MODE = 0o600


def write_file_atomically(target: Path, data: bytes) -> Path:
    """Write `data` to `target` through a temporary file; return `target`."""
    (written,) = write_files_atomically({target: data})
    return written


def write_files_atomically(files: Mapping[Path, bytes]) -> list[Path]:
    """Write every file or none of them (see the module's docstring); return the targets."""
    targets = {path.expanduser(): data for path, data in files.items()}
    for target in targets:
        if not target.parent.is_dir():
            raise UserFacingError(
                f"Thư mục {target.parent} không tồn tại. Hãy chọn một thư mục có sẵn hoặc tạo thư mục đó trước."
            )
    temporaries: dict[Path, Path] = {}
    current = next(iter(targets), Path())
    try:
        for current, data in targets.items():
            temporaries[current] = _temporary_name(current, "tmp")
            _write_synced(temporaries[current], data)
        _install(temporaries)
    except OSError as error:
        for temporary in temporaries.values():
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
        raise UserFacingError(_message(current, error)) from error
    for folder in {target.parent for target in targets}:
        fsync_directory(folder)
    return list(targets)


def _temporary_name(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.{kind}-{os.getpid()}")


def _write_synced(path: Path, data: bytes) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
    with open(os.open(path, flags, PRIVATE_FILE_MODE), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _install(temporaries: dict[Path, Path]) -> None:
    """Rename the temporaries to their targets; on failure the targets are as they were."""
    if len(temporaries) == 1:  # one rename is atomic by itself
        ((target, temporary),) = temporaries.items()
        os.replace(temporary, target)
        return
    backups: dict[Path, Path] = {}
    installed: list[Path] = []
    try:
        for target in temporaries:
            if target.exists():
                backup = _temporary_name(target, "old")
                os.replace(target, backup)
                backups[target] = backup
        for target, temporary in temporaries.items():
            os.replace(temporary, target)
            installed.append(target)
    except OSError:
        for target in installed:
            with contextlib.suppress(OSError):
                target.unlink()
        for target, backup in backups.items():
            with contextlib.suppress(OSError):
                os.replace(backup, target)
        raise
    for backup in backups.values():
        with contextlib.suppress(OSError):
            backup.unlink()


def fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` durable (a power cut after it keeps the new name)."""
    with contextlib.suppress(OSError):  # not every file system lets a folder be opened (Windows)
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def _message(target: Path, error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return f"Không đủ chỗ trống để ghi {target}. Hãy giải phóng dung lượng hoặc chọn ổ đĩa khác."
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Không có quyền ghi vào {target.parent} (thư mục chỉ đọc?). Hãy chọn thư mục khác."
    if error.errno in (errno.ENOENT, errno.EIO, errno.ENODEV):
        return f"Không ghi được {target}: ổ đĩa đã bị rút ra hoặc bị lỗi. Hãy cắm lại và thử lại."
    return f"Không ghi được {target}: {error.strerror or error}."
