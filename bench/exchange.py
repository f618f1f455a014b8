"""Exchange-file speed: export the 200,000 dossiers of the big database to CSV, then import that file into
an empty database, beside a floor measured in the same run.

The floor is a plain `sqlite3` `executemany` of the same rows (the values the import wrote, read back from
its database without SQLAlchemy) into a fresh database with the app's pragmas (WAL, synchronous FULL,
foreign keys on), in one transaction: into the dossier table with its indexes (what the import has to
maintain too), the same with the larger page cache the import takes for its transaction
(`exchange_repo.IMPORT_CACHE_KIB`), and into the same columns without any index.

python -m bench.exchange                   # 200,000 rows, 3 rounds, medians
python -m bench.exchange --count 20000     # a quick run
python -m bench.exchange --compare-with /tmp/old-tree   # also import with the code of another checkout,
                                                        # alternately with this one, in the same rounds
python -m bench.exchange --without-due     # due times left to the import to compute (working days)

Each import runs in a fresh process (with `PYTHONPATH` set to the checkout it measures), so no round
inherits another's memory or caches.
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import big_database, machine
from cchc_desktop.domain.exchange_format import COLUMNS
from cchc_desktop.storage.exchange_repo import IMPORT_CACHE_KIB

ROOT = Path(__file__).resolve().parent.parent
# Run in the child with PYTHONPATH set to the checkout measured: prints the import's seconds.
_IMPORT_ONE = """
import sys, time
from pathlib import Path
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.exchange import import_file
from cchc_desktop.services.workspace import open_workspace
source, target, again = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "1"
ws = open_workspace(resolve_paths(target))
started = time.perf_counter()
report = import_file(ws, source)
seconds = time.perf_counter() - started
assert report.ok and report.written, report.summary()
line = f"{seconds} {report.added} {report.updated} {report.unchanged}"
if again:
    started = time.perf_counter()
    second = import_file(ws, source)
    line += f" {time.perf_counter() - started} {second.added} {second.updated} {second.unchanged}"
ws.close()
print(line)
"""
PROCEDURE, DUE = COLUMNS.index("procedure_code"), COLUMNS.index("due_at")
PRAGMAS = ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON")  # storage/engine.py


def export_csv(folder: Path, count: int, without_due: bool = False) -> tuple[Path, float]:
    """The big database exported to CSV (timed), cut to its first `count` dossiers; `without_due`: the
    due time left empty where the procedure is in the catalogue, so that the import computes it."""
    from cchc_desktop.core.paths import resolve_paths
    from cchc_desktop.services.exchange import export_file
    from cchc_desktop.services.workspace import open_workspace

    source_db = folder / "source.sqlite3"
    shutil.copy(big_database(), source_db)
    source = open_workspace(resolve_paths(str(source_db)))
    exported = folder / "all.csv"
    started = time.perf_counter()
    export_file(source, exported)
    export_s = time.perf_counter() - started
    source.close()
    source_db.unlink()
    catalogue_db = folder / "catalogue.sqlite3"  # the catalogue the import meets: a new database's
    open_workspace(resolve_paths(str(catalogue_db))).close()
    with sqlite3.connect(catalogue_db) as db:
        # Every version of the code has a duration, so whichever is in force on the day gives one.
        known = {
            code
            for (code,) in db.execute(
                "SELECT code FROM procedure GROUP BY code HAVING min(duration_value IS NOT NULL) = 1"
            )
        }
    part = folder / f"dossiers-{count}.csv"
    with (
        open(exported, encoding="utf-8", newline="") as src,
        open(part, "w", encoding="utf-8", newline="") as dst,
    ):
        writer = csv.writer(dst, lineterminator="\n")
        for index, row in enumerate(csv.reader(src)):
            if index > count:
                break
            if without_due and index > 0 and row[PROCEDURE] in known:
                row[DUE] = ""
            writer.writerow(row)
    exported.unlink()
    return part, export_s


def import_once(tree: Path, source: Path, target: Path, again: bool = False) -> list[float]:
    """Import `source` into a new database `target` with the code of `tree`, in a fresh process."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_ONE, str(source), str(target), "1" if again else "0"],
        env=environment,
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the import with {tree} failed:\n{done.stderr[-3000:]}")
    return [float(v) for v in done.stdout.split()]


class Floor:
    """The rows an import wrote, and how the dossier table and its indexes are declared."""

    def __init__(self, imported: Path) -> None:
        with sqlite3.connect(imported) as db:
            self.columns = [r[1] for r in db.execute("PRAGMA table_info(dossier)") if r[1] != "id"]
            self.rows = db.execute(f"SELECT {', '.join(self.columns)} FROM dossier ORDER BY id").fetchall()
            schema = db.execute(
                "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'dossier' AND sql IS NOT NULL"
            )
            self.table, self.indexes = "", []
            for kind, sql in schema:
                if kind == "table":
                    self.table = sql
                else:
                    self.indexes.append(sql)
            # The dossier's procedure is a foreign key: the floor checks it too.
            self.procedure_sql = db.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'procedure'"
            ).fetchone()[0]
            self.procedures = db.execute("SELECT * FROM procedure").fetchall()

    def seconds(self, folder: Path, with_indexes: bool, cache_kib: int | None = None) -> float:
        path = folder / f"floor-{with_indexes}.sqlite3"
        db = sqlite3.connect(path, isolation_level=None)
        try:
            for pragma in PRAGMAS:
                db.execute(f"PRAGMA {pragma}")
            if cache_kib is not None:
                db.execute(f"PRAGMA cache_size = -{cache_kib}")
            db.execute(self.procedure_sql)
            if self.procedures:
                marks = ", ".join("?" * len(self.procedures[0]))
                db.executemany(f"INSERT INTO procedure VALUES ({marks})", self.procedures)
            db.execute(self.table)
            for sql in self.indexes if with_indexes else []:
                db.execute(sql)
            insert = f"INSERT INTO dossier ({', '.join(self.columns)}) VALUES ({', '.join('?' * len(self.columns))})"
            started = time.perf_counter()
            db.execute("BEGIN")
            db.executemany(insert, self.rows)
            db.execute("COMMIT")
            return time.perf_counter() - started
        finally:
            db.close()
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


def run(
    count: int = 200_000, rounds: int = 1, compare_with: Path | None = None, without_due: bool = False
) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="cchc-exchange-"))
    try:
        source, export_s = export_csv(folder, count, without_due)
        trees = {"new": ROOT, **({"old": compare_with} if compare_with else {})}
        floors = ["floor", "floor_import_cache", "floor_no_index"]
        times: dict[str, list[float]] = {name: [] for name in [*trees, *floors]}
        floor: Floor | None = None
        reimport_s = 0.0
        for number in range(rounds):
            for name, tree in trees.items() if number % 2 == 0 else reversed(trees.items()):
                target = folder / f"{name}-{number}.sqlite3"
                last = name == "new" and number == rounds - 1
                result = import_once(tree, source, target, again=last)
                assert result[1] == count, result
                times[name].append(result[0])
                if last:
                    reimport_s = result[4]
                    assert result[7] == count and result[6] == 0, result  # nothing changed, nothing written
                if name == "new" and floor is None:
                    floor = Floor(target)
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
            assert floor is not None
            times["floor"].append(floor.seconds(folder, with_indexes=True))
            times["floor_import_cache"].append(floor.seconds(folder, True, IMPORT_CACHE_KIB))
            times["floor_no_index"].append(floor.seconds(folder, with_indexes=False))
        medians = {name: statistics.median(values) for name, values in times.items()}
        result = {
            "rows": float(count),
            "rounds": float(rounds),
            "export_s": export_s,
            "reimport_s": reimport_s,
        }
        for name, seconds in medians.items():
            label = "import" if name == "new" else ("import_before" if name == "old" else name)
            result[f"{label}_s"] = seconds
            result[f"{label}_rows_per_s"] = count / seconds
        result["import_share_of_floor"] = medians["floor"] / medians["new"]
        result["import_share_of_floor_import_cache"] = medians["floor_import_cache"] / medians["new"]
        result["import_share_of_floor_no_index"] = medians["floor_no_index"] / medians["new"]
        for name, values in times.items():
            print(f"# {name}: " + ", ".join(f"{v:.2f}" for v in values) + " s", file=sys.stderr)
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200_000, help="rows in the file (at most 200,000)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--compare-with", type=Path, help="another checkout, imported alternately with this one"
    )
    parser.add_argument(
        "--without-due",
        action="store_true",
        help="leave the due time empty for procedures in the catalogue: the import computes each one",
    )
    arguments = parser.parse_args()
    print(f"machine: {machine()}")
    for key, value in run(
        arguments.count, arguments.rounds, arguments.compare_with, arguments.without_due
    ).items():
        print(f"{key:32} {value:12.2f}")


if __name__ == "__main__":
    main()
