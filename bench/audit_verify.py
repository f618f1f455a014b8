"""Verifying a 1,000,000-entry audit log (services/audit_verify.verify_audit), beside the cost of only
reading the same rows.

    python bench/audit_verify.py [--entries 1000000] [--engine sqlite|postgresql|both]

The database is a copy of the 200,000-dossier benchmark file (bench/common.py; opening the copy gives
every dossier its baseline entry, the cached file is only read), whose log is then filled up to
`--entries` the way a working centre's grows: dossier events and prints (each carrying the digest of the
dossier's row as recorded, so the log stays whole), sign-ins, a few failed ones, settings and reports,
by a dozen accounts at three counters. The chain is computed in Python by the app's own writer
(services/audit_log.append, batched executemany), a few hundred entries per call, not entry by entry
through the services. With PostgreSQL, that file is loaded into a throwaway local server (bench/postgres.load)
and verified there too.

Figures: the verification's seconds and entries per second, and the floor: a plain loop over the same
reads the verification makes (every entry in order, the newest digest of each dossier, every dossier
row), without hashing or comparing.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `python bench/audit_verify.py` as well as `python -m bench.audit_verify`
    sys.path.insert(0, str(ROOT))

from bench.common import BIG_DATABASE, big_database, machine  # noqa: E402
from cchc_desktop.core.paths import resolve_paths  # noqa: E402
from cchc_desktop.domain.audit import AuditAction, ObjectKind  # noqa: E402
from cchc_desktop.domain.roles import Actor, Role  # noqa: E402
from cchc_desktop.services import audit_log  # noqa: E402
from cchc_desktop.services.audit_verify import verify_audit  # noqa: E402
from cchc_desktop.services.workspace import open_workspace  # noqa: E402
from cchc_desktop.storage import audit_repo  # noqa: E402
from cchc_desktop.storage.database import Database  # noqa: E402

GROUP = 500  # entries per append call (one actor, one action, one counter)
TRANSACTION = 100_000  # entries per write transaction
ACCOUNTS = [
    Actor(f"canbo{number:02d}", f"Cán bộ số {number}", "Công chức", frozenset({Role.RECEPTION}))
    for number in range(1, 13)
]
COUNTERS = ["Quầy số 1", "Quầy số 2", "Quầy số 3"]
# (action, kind, share of the entries in tenths)
MIX = [
    (AuditAction.DOSSIER_EVENT, ObjectKind.DOSSIER, 4),
    (AuditAction.PRINT, ObjectKind.DOSSIER, 2),
    (AuditAction.SIGN_IN, ObjectKind.SESSION, 2),
    (AuditAction.SIGN_IN_FAILED, ObjectKind.SESSION, 1),
    (AuditAction.REPORT, ObjectKind.FILE, 1),
]


def _source() -> Path:
    """The cached 200,000-dossier file as it is (copied, never opened here), built if missing."""
    return BIG_DATABASE if BIG_DATABASE.exists() else big_database()


EVENT_AFTER = {"action": "hand_over", "note": "chuyển bộ phận chuyên môn"}
PRINT_AFTER = {"form": "receipt", "target": "máy in"}
FAILED_AFTER = {"note": "sai mật khẩu"}
REPORT_AFTER = {"from": "2026-01-01", "to": "2026-12-31"}


def _entries(
    action: AuditAction, kind: ObjectKind, codes: list[str], digests: dict[str, str], start: int
) -> Iterator[audit_log.Entry]:
    """GROUP entries of one kind; a dossier's carries the digest recorded for the dossier's row."""
    for number in range(start, start + GROUP):
        if kind is ObjectKind.DOSSIER:
            code = codes[(number * 7919) % len(codes)]
            after = EVENT_AFTER if action is AuditAction.DOSSIER_EVENT else PRINT_AFTER
            yield audit_log.Entry(kind, code, None, after, digests[code])
        elif kind is ObjectKind.SESSION:
            note = FAILED_AFTER if action is AuditAction.SIGN_IN_FAILED else None
            yield audit_log.Entry(kind, ACCOUNTS[number % len(ACCOUNTS)].username, None, note)
        else:
            yield audit_log.Entry(kind, f"bao-cao-{number}.pdf", None, REPORT_AFTER)


def fill_log(db: Database, target: int, progress: Callable[[str], None] = print) -> int:
    """Append entries until the log holds `target`; returns how many it holds."""
    with db.read() as tx:
        present = audit_repo.count_entries(tx)
        digests = {code: digest for code, (_seq, digest) in audit_repo.latest_dossier_digests(tx).items()}
    codes = sorted(digests)
    mix = [item for item in MIX if codes or item[1] is not ObjectKind.DOSSIER]  # a file without dossiers
    kinds = list(itertools.chain.from_iterable([(action, kind)] * share for action, kind, share in mix))
    written, group = present, 0
    started = time.perf_counter()
    while written < target:
        with db.write() as tx:
            in_transaction = 0
            while in_transaction < TRANSACTION and written < target:
                action, kind = kinds[group % len(kinds)]
                actor, counter = ACCOUNTS[group % len(ACCOUNTS)], COUNTERS[group % len(COUNTERS)]
                entries = list(
                    itertools.islice(_entries(action, kind, codes, digests, written), target - written)
                )
                count = audit_log.append(tx, actor, counter, action, entries)
                written += count
                in_transaction += count
                group += 1
        progress(f"  {written:>9,} entries ({time.perf_counter() - started:5.1f} s)")
    return written


def floor_seconds(db: Database) -> dict[str, float]:
    """Only the reads the verification makes: the chain in order, the newest digests, the dossier rows."""
    figures: dict[str, float] = {}
    with db.read() as tx:
        started = time.perf_counter()
        entries = sum(len(rows) for rows in audit_repo.chain_batches(tx))
        figures["read_chain_s"] = time.perf_counter() - started
        started = time.perf_counter()
        audit_repo.latest_dossier_digests(tx)
        figures["read_latest_digests_s"] = time.perf_counter() - started
        started = time.perf_counter()
        dossiers = sum(1 for _ in audit_repo.dossier_states(tx))
        figures["read_dossiers_s"] = time.perf_counter() - started
    figures["floor_s"] = (
        figures["read_chain_s"] + figures["read_latest_digests_s"] + figures["read_dossiers_s"]
    )
    figures["entries"], figures["dossiers"] = entries, dossiers
    return figures


def measure(db: Database, label: str) -> dict[str, float]:
    floor = floor_seconds(db)
    result = verify_audit(db)
    if not result.ok:
        raise SystemExit(f"{label}: the generated log does not verify: {result.problems[:3]}")
    figures = {
        "verify_s": result.seconds,
        "verify_entries_per_s": result.entries / result.seconds,
        "floor_entries_per_s": floor["entries"] / floor["floor_s"],
        **floor,
    }
    print(
        f"{label}: verify_audit {result.seconds:6.1f} s for {result.entries:,} entries and {result.dossiers:,} "
        f"dossiers = {figures['verify_entries_per_s']:,.0f} entries/s; reading alone {floor['floor_s']:5.1f} s "
        f"(chain {floor['read_chain_s']:.1f} s, newest digests {floor['read_latest_digests_s']:.1f} s, "
        f"dossier rows {floor['read_dossiers_s']:.1f} s) = {figures['floor_entries_per_s']:,.0f} entries/s",
        flush=True,
    )
    return figures


def _postgresql(source: Path) -> dict[str, float]:
    from bench.postgres import load
    from tests.pg_server import start_server

    server = start_server()
    try:
        server.admin_sql("CREATE DATABASE cchc_audit_bench")
        address = server.address("cchc_audit_bench")
        started = time.perf_counter()
        load(address, source)
        print(f"  loaded into PostgreSQL in {time.perf_counter() - started:.1f} s", flush=True)
        db = Database(address)
        try:
            return measure(db, "postgresql")
        finally:
            db.close()
    finally:
        server.destroy()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--engine", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args()
    print(machine(), flush=True)
    folder = Path(tempfile.mkdtemp(prefix="cchc-audit-bench-"))
    try:
        copy = folder / "cchc.sqlite3"
        started = time.perf_counter()
        shutil.copy(_source(), copy)
        workspace = open_workspace(resolve_paths(str(copy)))  # upgrade and baseline, on the copy
        try:
            print(f"  copied and opened in {time.perf_counter() - started:.1f} s", flush=True)
            fill_log(workspace.db, args.entries)
            if args.engine in ("sqlite", "both"):
                measure(workspace.db, "sqlite")
        finally:
            workspace.close()
        if args.engine in ("postgresql", "both"):
            _postgresql(copy)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
