"""The Windows installer script (compiled only on Windows) agrees with the code it packages: the
lines its preprocessor reads, the bundle's folder and exe names, and every message it uses."""

from __future__ import annotations

import re
from pathlib import Path

from cchc_desktop import __version__
from cchc_desktop.core.paths import APP_DIR_NAME

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = (ROOT / "packaging" / "cchc.iss").read_text(encoding="utf-8")


def line_read_by_the_installer(path: Path, name: str) -> str:
    """What ReadPyConstant in cchc.iss finds: the first line starting with `NAME = "`, between quotes."""
    line = next(
        line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith(f"{name} = ")
    )
    return line[line.index('"') + 1 : line.rindex('"')]


def test_the_installer_reads_the_version_and_the_data_folder_from_the_code() -> None:
    assert line_read_by_the_installer(ROOT / "cchc_desktop" / "__init__.py", "__version__") == __version__
    assert (
        line_read_by_the_installer(ROOT / "cchc_desktop" / "core" / "paths.py", "APP_DIR_NAME")
        == APP_DIR_NAME
    )
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__), "VersionInfoVersion takes numbers only"


def test_the_installer_packages_the_bundle_the_spec_builds() -> None:
    spec = (ROOT / "packaging" / "cchc.spec").read_text(encoding="utf-8")
    names = set(re.findall(r'name="([^"]+)"', spec))
    assert names == {"cchc"}
    assert '#define AppExe "cchc.exe"' in SCRIPT
    assert 'Source: "..\\dist\\cchc\\*"' in SCRIPT


def test_every_message_the_installer_shows_is_defined_in_vietnamese() -> None:
    section = SCRIPT.split("[CustomMessages]", 1)[1].split("\n[", 1)[0]
    defined = dict(re.findall(r"^(\w+)=(.+)$", section, flags=re.MULTILINE))
    used = set(re.findall(r"\{cm:(\w+)\}", SCRIPT)) | set(re.findall(r"CustomMessage\('(\w+)'\)", SCRIPT))
    assert used and used <= defined.keys()
    vietnamese = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
    assert all(vietnamese.search(defined[name]) for name in used)


def test_uninstalling_never_touches_the_data_folder() -> None:
    deleting = [
        line
        for section in ("[UninstallDelete]", "[InstallDelete]")
        if section in SCRIPT
        for line in SCRIPT.split(section, 1)[1].split("\n[", 1)[0].splitlines()
        if line.startswith("Type:")
    ]
    assert all("{app}" in line and "localappdata" not in line.lower() for line in deleting)
    assert "DelTree" not in SCRIPT and "DeleteFile" not in SCRIPT
