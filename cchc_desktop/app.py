"""Composition root: arguments → paths → logging → crash hook → migrate → services → GUI or CLI."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence

from cchc_desktop import cli
from cchc_desktop.core.errors import UserFacingError
from cchc_desktop.core.logging_setup import configure_logging
from cchc_desktop.core.paths import default_log_dir

PRIVATE_UMASK = 0o077


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    # Every file the process creates (the database and SQLite's -wal/-shm, backups, exports, the log)
    # is readable by the user only; the places that create files also give explicit modes.
    os.umask(PRIVATE_UMASK)
    args = cli.parse(sys.argv[1:] if argv is None else argv)
    try:
        configure_logging(default_log_dir())
        logging.getLogger(__name__).info("start: %s", args.command or "gui")
        if args.command:
            return cli.run_command(args)
        from cchc_desktop.ui.launcher import run_gui

        return run_gui(args.db, smoke=args.smoke, soak=args.soak, started=started)
    except UserFacingError as error:
        return cli.user_error(error, sys.stderr)
    except KeyboardInterrupt:
        return cli.INTERRUPTED
    except Exception as error:
        return cli.unexpected_error(error, sys.stderr)
