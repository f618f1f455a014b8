"""Running `cchc …` in the test process, as the clerk would from a terminal."""

from __future__ import annotations

import pytest

from cchc_desktop.app import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err
