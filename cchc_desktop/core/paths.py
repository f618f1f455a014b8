"""Where the app keeps its files: the database, backups and logs.

The database is chosen, first match wins, by `--db PATH`, the environment variable `CCHC_DB`, then the
default file in the user data folder (platformdirs). The other folders follow the data folder.

The default folder is created on first start; a database named by the clerk (`--db`, `CCHC_DB`) in a
folder that does not exist is refused (`check_database_folder`): a typo must not silently create a
folder and an empty database beside the real one. A new file in an existing folder is accepted: that is
how a second database is started.
"""

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from cchc_desktop.core.errors import UserFacingError

APP_DIR_NAME = "CCHCDesk"
DB_ENV_VAR = "CCHC_DB"
DEFAULT_DB_NAME = "cchc.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    database: Path
    backups: Path
    logs: Path
    chosen: bool = False  # named by --db or CCHC_DB (not the default file)

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
    return AppPaths(database=database, backups=backups, logs=default_log_dir(), chosen=bool(chosen))


def check_database_folder(paths: AppPaths) -> AppPaths:
    """Refuse a chosen database whose folder does not exist (see the module's docstring)."""
    folder = paths.database.parent
    if paths.chosen and not folder.is_dir():
        raise UserFacingError(
            f"Thư mục {folder} không tồn tại. Hãy kiểm tra lại đường dẫn cơ sở dữ liệu (--db hoặc CCHC_DB) "
            "hoặc tạo thư mục đó trước."
        )
    return paths
