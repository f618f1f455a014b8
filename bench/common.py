"""Shared helpers of the benchmarks: the big database, timing, machine description."""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from bench.generate import build_database

DATA_DIR = Path(__file__).resolve().parent / "data"
BIG_DATABASE = DATA_DIR / "cchc-200k.sqlite3"


def big_database(count: int = 200_000) -> Path:
    """The 200,000-dossier database, built once and reused."""
    if not BIG_DATABASE.exists():
        build_database(BIG_DATABASE, count)
    return BIG_DATABASE


def median_ms(action: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), timings


def machine() -> str:
    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
