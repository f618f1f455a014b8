"""Where the app keeps its files: the database, backups and logs.

The database is chosen, first match wins, by `--db PATH`, the environment variable `CCHC_DB`, then the
default file in the user data folder (platformdirs). The other folders follow the data folder.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "CCHCDesk"
DB_ENV_VAR = "CCHC_DB"
DEFAULT_DB_NAME = "cchc.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    database: Path
    backups: Path
    logs: Path

    @property
    def lock_file(self) -> Path:
        return self.database.with_name(self.database.name + ".lock")


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def resolve_paths(db_argument: str | None = None, environ: dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    chosen = db_argument or env.get(DB_ENV_VAR)
    if chosen:
        database = Path(chosen).expanduser().resolve()
        backups = database.parent / "backups"
    else:
        data_dir = default_data_dir()
        database = data_dir / DEFAULT_DB_NAME
        backups = data_dir / "backups"
    return AppPaths(database=database, backups=backups, logs=default_log_dir())
