"""The folder this computer's scanner saves into ("scan to folder"), kept on this computer like its counter
name: each counter has its own scanner, and the shared database knows nothing of local folders.

Loading never checks that the folder is there: a USB stick or a network share may be away for a while,
and the screen that watches the folder says so. Saving refuses only what can never be a folder path."""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.core.computer_choices import load_choice, save_choice
from cchc_desktop.core.errors import InvalidInputError

SCANNER_FILE = "scanner.json"
MAX_LENGTH = 1000


def tidy_folder_text(text: str) -> str:
    """What the clerk typed or pasted, without surrounding spaces and the quotes Windows Explorer's
    "Copy as path" adds."""
    return text.strip().strip('"').strip()


def load_scanner_folder() -> Path | None:
    """The saved folder, or None when none was chosen (or the saved choice cannot be read)."""
    text = tidy_folder_text(load_choice(SCANNER_FILE, "folder"))
    return Path(text) if text else None


def checked_folder(text: str) -> Path | None:
    """The folder `text` names (None for an empty text); InvalidInputError when it cannot be one."""
    tidy = tidy_folder_text(text)
    if not tidy:
        return None
    if len(tidy) > MAX_LENGTH or "\x00" in tidy:
        raise InvalidInputError("Đường dẫn thư mục máy quét không hợp lệ. Hãy bấm “Chọn…” để chọn lại.")
    folder = Path(tidy).expanduser()
    if not folder.is_absolute():
        raise InvalidInputError(
            "Thư mục máy quét phải là đường dẫn đầy đủ (ví dụ: D:\\Scan hoặc \\\\may-chu\\scan). "
            "Hãy bấm “Chọn…” để chọn thư mục."
        )
    return folder


def save_scanner_folder(folder: Path | None) -> None:
    """Save `folder` (None forgets it). OSError and UserFacingError reach the caller."""
    save_choice(SCANNER_FILE, "folder", str(folder) if folder is not None else "")
