"""Changing a stored scan behind the app's back, on either engine."""

from __future__ import annotations

import os
import stat

from sqlalchemy import text

from cchc_desktop.services.workspace import Workspace
from cchc_desktop.storage import attachment_store


def change_one_byte(ws: Workspace, sha256: str, offset: int = 100) -> None:
    if ws.db.server is not None:
        with ws.db.engine.begin() as connection:
            data = connection.execute(
                text("SELECT data FROM attachment_blob WHERE sha256 = :h"), {"h": sha256}
            ).scalar_one()
            changed = bytearray(data)
            changed[offset] ^= 0x01
            connection.execute(
                text("UPDATE attachment_blob SET data = :d WHERE sha256 = :h"),
                {"d": bytes(changed), "h": sha256},
            )
        return
    path = attachment_store.blob_path(attachment_store.desk_folder(ws.db.path), sha256)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    with path.open("r+b") as handle:
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0x01]))
