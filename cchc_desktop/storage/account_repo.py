"""The accounts table: look-ups by username, the list, and whether any account exists."""

from __future__ import annotations

from sqlmodel import Session, func, select

from cchc_desktop.storage.tables import AccountRow


def by_username(session: Session, username: str) -> AccountRow | None:
    return session.exec(select(AccountRow).where(AccountRow.username == username)).first()


def all_accounts(session: Session) -> list[AccountRow]:
    return list(session.exec(select(AccountRow).order_by(AccountRow.username)))


def count_accounts(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(AccountRow)).one())


def add(session: Session, row: AccountRow) -> AccountRow:
    session.add(row)
    session.flush()
    return row
