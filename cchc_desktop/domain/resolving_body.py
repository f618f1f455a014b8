"""The resolving body as printed on the forms (Mẫu 06, Mẫu 07): the catalogue names it without the
commune ("Ủy ban nhân dân xã", "Chủ tịch Ủy ban nhân dân xã"), since one catalogue serves every commune;
the printed form names the commune ("Ủy ban nhân dân xã Đại Hợp")."""

from __future__ import annotations

import re

COMMUNE_BODY = "Ủy ban nhân dân xã"  # what a procedure without a resolving body is resolved by
# A body ending in "xã" or "cấp xã" ("Ủy ban nhân dân cấp xã", "UBND xã") names no commune yet.
_BARE_COMMUNE = re.compile(r"(?:\bcấp\s+)?\b(xã)\s*$", re.IGNORECASE)


def resolving_body_name(body: str, commune_name: str) -> str:
    """`body` (from the procedure, as stored with the dossier) with the commune's name where it ends in
    a bare "xã"; a body that already names a place or a person ("Công chức Tư pháp - Hộ tịch") is kept."""
    text = " ".join(body.split()) or COMMUNE_BODY
    commune = " ".join(commune_name.split())
    if not commune:
        return text
    return _BARE_COMMUNE.sub(lambda match: f"{match.group(1)} {commune}", text)
