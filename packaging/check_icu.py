"""Check the ICU libraries of a Linux bundle: Vietnamese collation, casing, formats and time zones.

    python packaging/check_icu.py dist/cchc        # exit status 0 when every check passes

The frozen app cannot run a script, so this runs PySide6 from the current environment (the build's,
with the same Qt) on the ICU libraries of the bundle: libQt6Core looks for them through LD_LIBRARY_PATH
before its own RUNPATH. It prints which ICU data library was loaded. A missing data item does not fail
loudly in ICU (it falls back to the root locale), hence the checks on results.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_CHILD = "CCHC_CHECK_ICU_LIBRARIES"  # set in the child: the bundle's library folder


def _checks() -> list[tuple[str, object, object]]:
    """(what, got, expected) for each check; run with the bundle's ICU already loaded."""
    from PySide6.QtCore import QCollator, QDate, QDateTime, QLocale, QTimeZone

    vietnamese = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
    collator = QCollator(vietnamese)
    # Vietnamese collation puts a < ă < â and d < đ as letters; the root order would give Ân < Anh.
    names = ["Đặng Văn Ân", "Dương Thị Ấn", "Âu Cơ", "Anh", "Ăn", "Bình", "Ân"]
    ordered = sorted(names, key=collator.sortKey)
    decomposed = "A\u0302n"  # Ân typed with a combining circumflex (NFD) equals the precomposed one
    zone = QTimeZone(b"Asia/Ho_Chi_Minh")
    moment = QDateTime(QDate(2026, 3, 2).startOfDay(zone))
    return [
        ("QCollator(vi) order", ordered, ["Anh", "Ăn", "Ân", "Âu Cơ", "Bình", "Dương Thị Ấn", "Đặng Văn Ân"]),
        ("QCollator(vi) NFC = NFD", collator.compare("Ân", decomposed), 0),
        ("QLocale(vi).toUpper", vietnamese.toUpper("nguyễn thị đặng"), "NGUYỄN THỊ ĐẶNG"),
        ("QLocale(vi) number", vietnamese.toString(1234567.5, "f", 1), "1.234.567,5"),
        (
            "QLocale(vi) date",
            vietnamese.toString(QDate(2026, 3, 2), "dddd, d MMMM yyyy"),
            "Thứ Hai, 2 tháng 3 2026",
        ),
        ("QTimeZone Asia/Ho_Chi_Minh", (zone.isValid(), zone.offsetFromUtc(moment)), (True, 7 * 3600)),
        (
            "QTimeZone name in Vietnamese",
            zone.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, vietnamese),
            "Giờ Đông Dương",
        ),
    ]


def _icu_data_library() -> str:
    maps = Path("/proc/self/maps").read_text(encoding="utf-8").splitlines()
    return next((line.split()[-1] for line in maps if "libicudata" in line), "(not loaded)")


def _child(libraries: str) -> int:
    results = _checks()
    loaded = _icu_data_library()
    print(f"ICU data library: {loaded}")
    failed = 0
    for what, got, expected in [
        ("ICU data from the bundle", Path(loaded).parent == Path(libraries), True),
        *results,
    ]:
        ok = got == expected
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {what}: {got!r}" + ("" if ok else f" (expected {expected!r})"))
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    if _CHILD in os.environ:
        return _child(os.environ[_CHILD])
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    libraries = (Path(argv[0]) / "_internal" / "PySide6" / "Qt" / "lib").resolve()
    if not any(libraries.glob("libicudata.so.*")):
        print(f"no ICU library in {libraries}", file=sys.stderr)
        return 2
    environment = {
        **os.environ,
        _CHILD: str(libraries),
        "LD_LIBRARY_PATH": os.pathsep.join(filter(None, [str(libraries), os.environ.get("LD_LIBRARY_PATH")])),
    }
    child = subprocess.run([sys.executable, __file__], env=environment, check=False)
    return child.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
