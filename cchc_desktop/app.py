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
# 128 + SIGPIPE: what the shell reports for a Unix tool whose reader left (`seq 1 100000 | head -1`).
READER_GONE = 141


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    # Every file the process creates (the database and SQLite's -wal/-shm, backups, exports, the log)
    # is readable by the user only; the places that create files also give explicit modes.
    os.umask(PRIVATE_UMASK)
    try:
        try:
            return _main(sys.argv[1:] if argv is None else argv, started)
        finally:
            # Now rather than at the interpreter's exit, where a closed pipe prints a traceback.
            if sys.stdout is not None:  # None in the windowed Windows bundle
                sys.stdout.flush()
    except BrokenPipeError:  # `cchc catalogue list | head -1`: the reader has what it wanted
        return _reader_gone()


def _main(argv: Sequence[str], started: float) -> int:
    args = cli.parse(argv)
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
    except BrokenPipeError:
        raise
    except Exception as error:
        return cli.unexpected_error(error, sys.stderr)


def _reader_gone() -> int:
    """Stop quietly, as the Python documentation advises for a closed pipe (signal module, "Note on
    SIGPIPE"): standard output goes to the null device, so the output still buffered is dropped there
    at exit instead of failing again. SIGPIPE keeps Python's handling: restoring its default would kill
    the process on any closed socket too (a server connection)."""
    logging.getLogger(__name__).info("output closed by its reader")
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no file descriptor behind stdout (a test's capture)
        pass
    return READER_GONE
