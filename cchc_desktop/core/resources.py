"""Where the shipped resources (fonts, catalogue, calendar defaults, templates) live.

From a source checkout or an editable install they are the repository's top-level `resources/`;
a PyInstaller bundle puts them under `sys._MEIPASS/resources`.
"""

import sys
from pathlib import Path


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
