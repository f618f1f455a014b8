"""The accounts table: look-ups by username, the list, and whether any account exists."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlmodel import Session, func, select

from cchc_desktop.storage.tables import AccountRow


def by_username(session: Session, username: str) -> AccountRow | None:
    return session.exec(select(AccountRow).where(AccountRow.username == username)).first()


def all_accounts(session: Session) -> list[AccountRow]:
    return list(session.exec(select(AccountRow).order_by(AccountRow.username)))


def count_accounts(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(AccountRow)).one())


def has_accounts(session: Session) -> bool:
    """Whether anyone can sign in; False on a database made before accounts existed (no table yet)."""
    if not inspect(session.connection()).has_table(AccountRow.__tablename__):
        return False
    return count_accounts(session) > 0


def add(session: Session, row: AccountRow) -> AccountRow:
    session.add(row)
    session.flush()
    return row
