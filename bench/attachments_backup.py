"""A busy year of scans through backup, restore and the health check, beside a plain folder copy.

    python -m bench.attachments_backup [--count 20000] [--size 300000] [--work DIR] [--keep]

Makes a desk with `count` stored scans of `size` random bytes each (written straight into the desk's
folder and its rows added in one transaction: 20,000 files do not go through prepare_scans), then times:
the floor (`shutil.copytree` of the desk's scan folder), the first backup into an empty folder (every scan
copied, read back and hashed), the second backup after 1% more scans (only those copied), the daily
backup into the data folder (hard links), the restore of the first backup into a new desk (every scan
hash-checked while copied) and the hash pass of `cchc check`. Everything is deleted afterwards unless
`--keep`. The page cache holds the scans when the machine's memory allows (warm figures).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import machine  # noqa: E402
from bench.generate import BENCH_AGENCY  # noqa: E402
from bench.intake import _request  # noqa: E402
from cchc_desktop.core.paths import resolve_paths  # noqa: E402
from cchc_desktop.services.backup import automatic_daily_backup, backup_to  # noqa: E402
from cchc_desktop.services.health import altered_scans  # noqa: E402
from cchc_desktop.services.intake import save_intake  # noqa: E402
from cchc_desktop.services.restore import restore_from  # noqa: E402
from cchc_desktop.services.settings import load_settings, save_settings  # noqa: E402
from cchc_desktop.services.workspace import Workspace, open_workspace  # noqa: E402
from cchc_desktop.storage import attachment_repo, attachment_store  # noqa: E402
from cchc_desktop.storage.tables import AttachmentRow  # noqa: E402

T = TypeVar("T")


def add_scans(ws: Workspace, dossier_id: int, count: int, size: int) -> int:
    """`count` scans of random bytes stored in the desk's folder, with their rows; returns the bytes."""
    folder = attachment_store.desk_folder(ws.db.path)
    now = datetime.now()
    hashes = []
    for _ in range(count):
        data = os.urandom(size)
        sha = attachment_store.sha256_of(data)
        target = attachment_store.blob_path(folder, sha)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.chmod(target, stat.S_IRUSR)
        hashes.append(sha)
    with ws.db.write() as tx:
        for index, sha in enumerate(hashes):
            attachment_repo.add_blob(tx, sha, size, now)
            tx.add(
                AttachmentRow(
                    dossier_id=dossier_id,
                    document_index=0,
                    sha256=sha,
                    file_name=f"scan-{index}.pdf",
                    kind="pdf",
                    pages=1,
                    size_bytes=size,
                    attached_at=now,
                )
            )
    return count * size


def timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def run(count: int, size: int, work: Path) -> dict[str, float]:
    desk = work / "ban" / "cchc.sqlite3"
    desk.parent.mkdir(parents=True)
    usb = work / "usb"
    usb.mkdir()
    paths = resolve_paths(str(desk))
    ws = open_workspace(paths)
    try:
        save_settings(ws, dataclasses.replace(load_settings(ws.db), **BENCH_AGENCY))  # type: ignore[arg-type]
        now = datetime.now()
        record = save_intake(ws, _request(now, 0), now=now).record
        assert record.id is not None
        setup_s, total_bytes = timed(lambda: add_scans(ws, record.id, count, size))
        store = attachment_store.desk_folder(desk)
        floor_s, _ = timed(lambda: shutil.copytree(store, work / "floor"))
        shutil.rmtree(work / "floor")
        first_s, first = timed(lambda: backup_to(paths, usb, now=now))
        add_scans(ws, record.id, max(1, count // 100), size)
        second_s, second = timed(lambda: backup_to(paths, usb, now=now + timedelta(seconds=1)))
        daily_s, _ = timed(lambda: automatic_daily_backup(paths, now))
        check_s, problems = timed(lambda: altered_scans(ws.db))
        assert not problems, problems
    finally:
        ws.close()
    new = resolve_paths(str(work / "may-moi" / "cchc.sqlite3"))
    (work / "may-moi").mkdir()
    restore_s, _ = timed(lambda: restore_from(new, first.path))
    gigabytes = total_bytes / 1e9
    return {
        "scans": count,
        "scan_bytes_gb": round(gigabytes, 2),
        "setup_s": round(setup_s, 1),
        "floor_copytree_s": round(floor_s, 1),
        "first_backup_s": round(first_s, 1),
        "first_backup_copied": first.scans_copied,
        "second_backup_s": round(second_s, 1),
        "second_backup_copied": second.scans_copied,
        "daily_backup_hard_links_s": round(daily_s, 1),
        "restore_new_desk_s": round(restore_s, 1),
        "check_hash_pass_s": round(check_s, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--size", type=int, default=300_000)
    parser.add_argument("--work", type=Path, default=None, help="folder for the desks and backups")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cchc-bench-scans-", dir=args.work))
    try:
        results = run(args.count, args.size, work)
    finally:
        if not args.keep:
            for path in work.rglob("*"):
                if path.is_file():
                    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
            shutil.rmtree(work, ignore_errors=True)
    print(f"machine: {machine()}")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
