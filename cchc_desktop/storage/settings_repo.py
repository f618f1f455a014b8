"""Key-value settings; each value is stored as JSON text."""

import json
from typing import Any

from sqlmodel import Session, select

from cchc_desktop.storage.tables import SettingRow


def read_all(session: Session) -> dict[str, Any]:
    return {row.key: json.loads(row.value) for row in session.exec(select(SettingRow))}


def write_many(session: Session, values: dict[str, Any]) -> None:
    for key, value in values.items():
        encoded = json.dumps(value, ensure_ascii=False)
        row = session.get(SettingRow, key)
        if row is None:
            session.add(SettingRow(key=key, value=encoded))
        else:
            row.value = encoded
            session.add(row)
