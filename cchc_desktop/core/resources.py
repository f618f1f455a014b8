"""Where the shipped resources (fonts, catalogue, calendar defaults, templates) and the user guide live.

From a source checkout or an editable install they are the repository's top-level `resources/` and
`docs/guide/`; a PyInstaller bundle puts them under `sys._MEIPASS/resources` and `sys._MEIPASS/guide`
(packaging/cchc.spec).
"""

import sys
from pathlib import Path

GUIDE_FILE = "huong-dan-su-dung.md"


def _frozen_root() -> Path | None:
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else None


def _checkout_root() -> Path:
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    frozen_root = _frozen_root()
    if frozen_root is not None:
        return frozen_root / "resources"
    return _checkout_root() / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def guide_dir() -> Path:
    """The user guide's folder: the Markdown text (GUIDE_FILE) and its pictures under images/."""
    frozen_root = _frozen_root()
    if frozen_root is not None:
        return frozen_root / "guide"
    return _checkout_root() / "docs" / "guide"
