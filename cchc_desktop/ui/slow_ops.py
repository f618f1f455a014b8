"""A warning in the log when something done on the GUI thread keeps the window frozen too long."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)
SLOW_MS = 100.0  # beyond this a click visibly lags


@contextmanager
def slow_op(name: str, threshold_ms: float = SLOW_MS) -> Iterator[None]:
    """`with slow_op("settings save"): ...` logs a warning if the block took more than `threshold_ms`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = (time.perf_counter() - started) * 1000
        if elapsed > threshold_ms:
            log.warning(
                "slow UI-thread operation: %s took %.0f ms (budget %.0f ms)", name, elapsed, threshold_ms
            )
