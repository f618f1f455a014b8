"""Opening the database: migrate (backing up first), seed a new file, and hold what the screens share."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass, field

from cchc_desktop.core.counter_identity import load_counter_name
from cchc_desktop.core.paths import AppPaths
from cchc_desktop.domain.calendar import WorkingCalendar
from cchc_desktop.domain.roles import SYSTEM_ACTOR, Actor
from cchc_desktop.services import calendar as calendar_service
from cchc_desktop.services import catalogue
from cchc_desktop.services.audit_log import write_baseline_if_needed
from cchc_desktop.services.settings import AgencySettings, load_settings
from cchc_desktop.storage import account_repo, settings_repo
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.database_files import remove_leftovers
from cchc_desktop.storage.migrate import MigrationOutcome, prepare_database

log = logging.getLogger(__name__)
SEEDED_KEY = "seeded"


@dataclass
class Workspace:
    paths: AppPaths
    db: Database
    migration: MigrationOutcome
    counter: str = ""  # this counter's name (core/counter_identity.py), stamped on what it writes
    # Who works now: the signed-in account, or the built-in system actor (only while no account exists:
    # `has_accounts`, kept up to date by services/accounts.py; services/permissions.py reads both).
    actor: Actor = SYSTEM_ACTOR
    has_accounts: bool = False
    _calendar: WorkingCalendar | None = field(default=None, repr=False)

    @property
    def calendar(self) -> WorkingCalendar:
        """The working calendar, cached until `calendar_changed()`."""
        if self._calendar is None:
            self._calendar = calendar_service.load_calendar(self.db)
        return self._calendar

    def calendar_changed(self) -> None:
        self._calendar = None

    def settings(self) -> AgencySettings:
        return load_settings(self.db)

    def close(self) -> None:
        self.db.close()


def _seed_if_new(db: Database) -> None:
    """Fill a new database with the catalogue, calendar defaults and settings, in one transaction
    marked by the `seeded` setting (so a start killed half-way seeds again, never twice). The mark is
    read first, so an ordinary start takes no write lock (a report runs while the window saves)."""
    with db.read() as tx:
        if settings_repo.read_all(tx).get(SEEDED_KEY):
            return
    with db.write() as tx:
        if settings_repo.read_all(tx).get(SEEDED_KEY):
            return
        count = catalogue.seed_catalogue(tx)
        calendar_service.seed_calendar(tx)
        settings_repo.write_many(tx, {**dataclasses.asdict(AgencySettings()), SEEDED_KEY: True})
    log.info("seeded a new database with %d procedures", count)


def _remove_leftovers(paths: AppPaths) -> None:
    """The temporary copies of a backup or restore killed half-way (power cut, task manager)."""
    folders = {paths.backups} if paths.server is not None else {paths.database.parent, paths.backups}
    for folder in folders:
        removed = remove_leftovers(folder)
        if removed:
            log.info("removed %d temporary files left by a killed copy in %s", len(removed), folder)


def open_workspace(paths: AppPaths, *, counter: str | None = None) -> Workspace:
    """Open (creating if needed) the database at `paths.database` or on `paths.server`, migrated to
    this version's schema. `counter` is this counter's name: by default the one saved on this computer
    (each counter of a centre names itself), else the agency settings' "Tên quầy" (the one desk's)."""
    _remove_leftovers(paths)
    location = paths.server if paths.server is not None else paths.database
    db = Database(location)
    try:
        outcome = prepare_database(db.engine, location, paths.backups)
        _seed_if_new(db)
        if counter is None:
            counter = load_counter_name() or load_settings(db).counter_name
        db.set_counter(counter)
        with db.read() as tx:
            has_accounts = account_repo.count_accounts(tx) > 0
        workspace = Workspace(
            paths=paths, db=db, migration=outcome, counter=counter, has_accounts=has_accounts
        )
        write_baseline_if_needed(workspace)
        if paths.server is None:
            paths.database.chmod(0o600)
    except BaseException:
        db.close()
        raise
    return workspace
