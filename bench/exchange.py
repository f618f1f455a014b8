"""Exchange-file speed: export 200,000 dossiers to CSV, then import that file into an empty database.

python -m bench.exchange
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from bench.common import big_database, machine
from cchc_desktop.core.paths import resolve_paths
from cchc_desktop.services.exchange import export_file, import_file
from cchc_desktop.services.workspace import open_workspace


def run() -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="cchc-exchange-"))
    source_db = folder / "source.sqlite3"
    shutil.copy(big_database(), source_db)
    source = open_workspace(resolve_paths(str(source_db)))
    exported = folder / "dossiers.csv"
    started = time.perf_counter()
    count = export_file(source, exported)
    export_s = time.perf_counter() - started
    source.close()
    target = open_workspace(resolve_paths(str(folder / "target.sqlite3")))
    started = time.perf_counter()
    report = import_file(target, exported)
    import_s = time.perf_counter() - started
    started = time.perf_counter()
    again = import_file(target, exported)
    reimport_s = time.perf_counter() - started
    target.close()
    shutil.rmtree(folder)
    assert report.ok and report.added == count and again.unchanged == count and again.updated == 0
    return {
        "rows": float(count),
        "export_s": export_s,
        "import_s": import_s,
        "import_rows_per_s": count / import_s,
        "reimport_s": reimport_s,
    }


def main() -> None:
    print(f"machine: {machine()}")
    for key, value in run().items():
        print(f"{key:20} {value:12.1f}")


if __name__ == "__main__":
    main()
