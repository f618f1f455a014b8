from tests.both_engines import pytest_generate_tests  # noqa: F401
