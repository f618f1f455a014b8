"""The shared libraries of the Linux bundle: what each ELF file needs, and which nothing needs any more.

PyInstaller collects a plugin together with the libraries it links to; taking the plugin out of
`Analysis.binaries` afterwards leaves those libraries behind. `prune` removes the plugins the app does
not use, then every library that no remaining extension module, plugin or library needs (DT_NEEDED).
Qt and Python load these plugins and extension modules by path and the libraries by name, so the
DT_NEEDED graph from them is what the dynamic loader will ask for.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath

# (destination in the bundle, source path or symlink target, PyInstaller type code)
Entry = tuple[str, str, str]
Section = tuple[int, int, int, int, int, int, int, int, int, int]

_SHT_DYNAMIC, _SHT_DYNSYM, _DT_NEEDED = 6, 11, 1
_LIBRARY = re.compile(r"lib.+\.so(\.\d+)*")


def _sections(elf: bytes) -> list[Section]:
    """The section headers of a 64-bit little-endian ELF file (empty for anything else)."""
    if elf[:6] != b"\x7fELF\x02\x01":
        return []
    (table,) = struct.unpack_from("<Q", elf, 0x28)
    entry_size, count = struct.unpack_from("<HH", elf, 0x3A)
    return [struct.unpack_from("<IIQQQQIIQQ", elf, table + index * entry_size) for index in range(count)]


def _string(elf: bytes, offset: int) -> bytes:
    return elf[offset : elf.index(b"\0", offset)]


def dynamic_symbol(library: Path, name: re.Pattern[bytes]) -> tuple[str, bytes]:
    """The first exported data symbol whose name matches `name`: its name and its bytes."""
    elf = library.read_bytes()
    sections = _sections(elf)
    for _, kind, _, _, offset, size, link, _, _, entry_size in sections:
        if kind != _SHT_DYNSYM:
            continue
        strings = sections[link][4]
        for position in range(offset, offset + size, entry_size):
            name_offset, _, _, section, value, length = struct.unpack_from("<IBBHQQ", elf, position)
            symbol = _string(elf, strings + name_offset)
            if name.fullmatch(symbol):
                start = value - sections[section][3] + sections[section][4]  # address -> file offset
                return symbol.decode(), elf[start : start + length]
    raise ValueError(f"{library}: no exported symbol matching {name.pattern!r}")


def needed(path: Path) -> list[str]:
    """The sonames an ELF file needs (DT_NEEDED), [] for a file that is not a 64-bit ELF file."""
    elf = path.read_bytes()
    sections = _sections(elf)
    names = []
    for _, kind, _, _, offset, size, link, _, _, _ in sections:
        if kind == _SHT_DYNAMIC:
            strings = sections[link][4]
            for position in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", elf, position)
                if tag == _DT_NEEDED:
                    names.append(_string(elf, strings + value).decode())
    return names


def _is_library(destination: str) -> bool:
    """A library loaded by name (not a plugin, an extension module or libpython, which are loaded by path)."""
    path = PurePosixPath(destination)
    return (
        _LIBRARY.fullmatch(path.name) is not None
        and "plugins" not in path.parts
        and not path.name.startswith("libpython")
    )


def prune(
    binaries: Sequence[Entry],
    *,
    dropped: Callable[[str], bool],
    not_followed: Callable[[str], bool] = lambda destination: False,
) -> tuple[list[Entry], list[str]]:
    """`binaries` without the entries `dropped` says to drop and the libraries left unneeded; and the
    destinations removed. The libraries needed only by an entry `not_followed` says not to follow are
    removed too: the system provides them to it."""
    kept = [entry for entry in binaries if not dropped(entry[0])]
    files = {destination: source for destination, source, kind in kept if kind != "SYMLINK"}
    by_name: dict[str, list[str]] = {}
    for destination in files:
        by_name.setdefault(PurePosixPath(destination).name, []).append(destination)
    reached = {destination for destination in files if not _is_library(destination)}
    pending = list(reached)
    while pending:
        destination = pending.pop()
        if not_followed(destination):
            continue
        for name in needed(Path(files[destination])):
            for library in by_name.get(name, []):
                if library not in reached:
                    reached.add(library)
                    pending.append(library)
    removed = [
        destination for destination, _, kind in binaries if kind != "SYMLINK" and destination not in reached
    ]
    result = [
        (destination, source, kind)
        for destination, source, kind in kept
        if destination in reached or (kind == "SYMLINK" and source in reached)
    ]
    return result, sorted(removed)
