"""Where the app keeps its files: the database, backups and logs.

The database is chosen, first match wins, by `--db PATH_OR_URL`, the environment variable `CCHC_DB`, the
centre server saved on the "Máy chủ dữ liệu" settings page (`core/saved_server.py`), then the default
file in the user data folder (platformdirs). A `postgresql://` URL names a centre server instead of a
file; backups then go to the user data folder. The other folders follow the data folder.

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
from cchc_desktop.core.saved_server import load_saved_server
from cchc_desktop.core.server_address import ServerAddress, is_server_url, parse_server_url

APP_DIR_NAME = "CCHCDesk"
DB_ENV_VAR = "CCHC_DB"
DEFAULT_DB_NAME = "cchc.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    database: Path
    backups: Path
    logs: Path
    chosen: bool = False  # named by --db or CCHC_DB (not the default file)
    # A centre's PostgreSQL server; `database` is then unused (the default file's path).
    server: ServerAddress | None = None

    @property
    def label(self) -> str:
        """The database as the clerk sees it named: the file's path or the server without password."""
        return f"máy chủ {self.server.display}" if self.server is not None else str(self.database)

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
    data_dir = default_data_dir()
    default = AppPaths(data_dir / DEFAULT_DB_NAME, data_dir / "backups", default_log_dir())
    if chosen and is_server_url(chosen):
        return AppPaths(default.database, default.backups, default.logs, True, parse_server_url(chosen))
    if chosen:
        database = Path(chosen).expanduser().resolve()
        return AppPaths(database, database.parent / "backups", default.logs, chosen=True)
    saved = load_saved_server()
    if saved is not None:
        return AppPaths(default.database, default.backups, default.logs, server=saved)
    return default


def check_database_folder(paths: AppPaths) -> AppPaths:
    """Refuse a chosen database whose folder does not exist (see the module's docstring)."""
    folder = paths.database.parent
    if paths.chosen and paths.server is None and not folder.is_dir():
        raise UserFacingError(
            f"Thư mục {folder} không tồn tại. Hãy kiểm tra lại đường dẫn cơ sở dữ liệu (--db hoặc CCHC_DB) "
            "hoặc tạo thư mục đó trước."
        )
    return paths
