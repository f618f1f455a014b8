"""Trim the ICU data library that PySide6 ships on Linux (libicudata.so.NN, 31 MB) to what Qt can use here.

Qt uses ICU for collation (QCollator), locale-aware case mapping, text codecs other than UTF-8/16/32,
normalisation and time-zone names. The app speaks Vietnamese (and English for Qt's own fall-backs), so
this keeps the root, Vietnamese and English bundles of every tree, the collation root + vi, time zones,
normalisation and the converter alias table, and drops the charset tables (*.cnv), the break-iterator
dictionaries (*.dict), transliteration, spell-out rules, character names, spoof-checker and StringPrep
data, and the bundles of every other language.

The data is the `icudtNN_dat` blob exported by the library. It is cut out of the ELF file, trimmed with
`icupkg` and compiled back with `genccode` and the C compiler into a library with the same soname and
symbol. The ICU tools come with the `icu-devtools` package (Debian/Ubuntu, in /usr/sbin); any recent ICU
version reads and writes this package format. Without them nothing is trimmed and the full library stays.

    python packaging/slim_icu.py PySide6/Qt/lib/libicudata.so.73 OUT_DIR    # writes OUT_DIR/libicudata.so.73

(exit status 1, nothing written, when the tools are missing). cchc.spec calls `slim_or_keep`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from bundle_libs import dynamic_symbol  # packaging/bundle_libs.py

KEPT_LANGUAGES = ("root", "vi", "en")
# Items dropped whatever their tree (matched on the item name without the package prefix).
_DROPPED = (
    re.compile(r"[^/]+\.cnv"),  # charset converters: Qt converts UTF-8/16/32 and Latin-1 itself
    re.compile(r".*\.dict"),  # word-break dictionaries of Thai, Lao, Khmer, Burmese, CJK
    re.compile(r"(translit|rbnf)/.*"),  # transliterators, spelled-out numbers: not used by Qt
    re.compile(r"[^/]+\.spp"),  # StringPrep profiles (IDNA 2003, XMPP): Qt has its own IDNA
    re.compile(r"unames\.icu|confusables\.cfu"),  # character names, spoof checker
)
# A locale bundle: `vi.res`, `coll/en_US_POSIX.res`, `coll/de__PHONEBOOK.res`, `curr/zh_Hant_HK.res`.
_LOCALE_BUNDLE = re.compile(r"(?:[a-z]+/)?(?P<language>[a-z]{2,3})(?:_[A-Za-z0-9_]*)?\.res")
_DATA_SYMBOL = re.compile(rb"icudt(\d+)_dat")
_SEARCHED = ("/usr/sbin", "/usr/local/sbin", "/sbin")  # Debian puts icupkg and genccode there


def item_is_kept(item: str) -> bool:
    """Whether the data item `item` ("coll/vi.res", "ibm-1047_P100-1995.cnv") stays in the library."""
    if any(pattern.fullmatch(item) for pattern in _DROPPED):
        return False
    if item.rpartition("/")[2] == "res_index.res":  # the list of locales of a tree, not a locale
        return True
    bundle = _LOCALE_BUNDLE.fullmatch(item)
    return bundle is None or bundle["language"] in KEPT_LANGUAGES


def find_tools() -> dict[str, str] | None:
    """Paths of icupkg, genccode and a C compiler; None (after saying what is missing) if one lacks."""
    path = os.pathsep.join([os.environ.get("PATH", ""), *_SEARCHED])
    tools = {name: shutil.which(name, path=path) for name in ("icupkg", "genccode")}
    tools["cc"] = shutil.which(os.environ.get("CC", "cc"), path=path) or shutil.which("gcc", path=path)
    missing = [name for name, found in tools.items() if found is None]
    if missing:
        print(
            f"slim_icu: {', '.join(missing)} not found: the full ICU data library is kept "
            "(install icu-devtools and gcc to trim it)",
            file=sys.stderr,
        )
        return None
    return {name: str(found) for name, found in tools.items()}


def slim_library(library: Path, out_dir: Path, tools: dict[str, str]) -> Path:
    """Write a trimmed copy of `library` to `out_dir` (same file name, soname and symbol) and return it."""
    symbol, blob = dynamic_symbol(library, _DATA_SYMBOL)
    entry = symbol.removesuffix("_dat")  # icudt73
    work = out_dir / "icu-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    package = work / f"{entry}l.dat"  # the item prefix inside the package is icudt73l
    package.write_bytes(blob)

    listing = subprocess.run(
        [tools["icupkg"], "--ignore-deps", "-l", str(package)], check=True, capture_output=True, text=True
    ).stdout.split()
    dropped = [item for item in listing if not item_is_kept(item)]
    (work / "dropped.txt").write_text("\n".join(dropped) + "\n", encoding="ascii")
    subprocess.run(
        [tools["icupkg"], "--ignore-deps", "-r", str(work / "dropped.txt"), str(package)],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [tools["genccode"], "-q", "-e", entry, "-a", "gcc", "-d", str(work), str(package)],
        check=True,
        capture_output=True,
    )
    target = out_dir / library.name
    subprocess.run(
        [
            tools["cc"], "-shared", "-nostdlib", "-Wl,-soname," + library.name, "-Wl,-z,noexecstack",
            "-o", str(target), str(work / f"{entry}l_dat.S"),
        ],
        check=True,
    )  # fmt: skip
    if dynamic_symbol(target, _DATA_SYMBOL) != (symbol, package.read_bytes()):
        raise RuntimeError(f"{target}: the rebuilt library does not hold the trimmed data")
    print(
        f"slim_icu: {library.name} {len(blob) // 1024} KB -> {len(package.read_bytes()) // 1024} KB of data "
        f"({len(listing) - len(dropped)} of {len(listing)} items kept)",
        file=sys.stderr,
    )
    shutil.rmtree(work)
    return target


def slim_or_keep(library: Path, out_dir: Path) -> Path:
    """The trimmed library, or `library` itself when the tools are missing (the bundle then still works)."""
    tools = find_tools()
    return library if tools is None else slim_library(library, out_dir, tools)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out_dir = Path(argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    return 0 if slim_or_keep(Path(argv[0]), out_dir) != Path(argv[0]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
