"""One open database: the engine plus short transactions for reads and writes."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlmodel import Session

from cchc_desktop.storage.engine import IMMEDIATE_OPTION, make_engine

# Services receive these sessions and pass them to the query modules; they never build SQL themselves.
Tx = Session


class Database:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._write_engine = self.engine.execution_options(**{IMMEDIATE_OPTION: True})

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction that takes the write lock first; committed on success, rolled back on error."""
        with Session(self._write_engine, expire_on_commit=False) as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
