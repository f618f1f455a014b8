"""Composition root: arguments → paths → logging → crash hook → migrate → services → GUI or CLI."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Sequence

from cchc_desktop import cli
from cchc_desktop.core.logging_setup import configure_logging
from cchc_desktop.core.paths import default_log_dir


def main(argv: Sequence[str] | None = None) -> int:
    started = time.perf_counter()
    args = cli.parse(sys.argv[1:] if argv is None else argv)
    configure_logging(default_log_dir())
    logging.getLogger(__name__).info("start: %s", args.command or "gui")
    if args.command:
        return cli.run_command(args)
    from cchc_desktop.ui.launcher import run_gui

    return run_gui(args.db, smoke=args.smoke, soak=args.soak, started=started)
