"""The permission matrix printed in docs/decisions.md is the one the code enforces."""

from __future__ import annotations

from pathlib import Path

from cchc_desktop.domain.roles import ALLOWED, OWN_DOSSIER_ONLY, PERMISSION_LABELS, ROLE_LABELS, Role

DECISIONS = Path(__file__).parents[1] / "docs" / "decisions.md"


def _expected_rows() -> list[str]:
    rows = []
    for permission, allowed in ALLOWED.items():
        cells = [
            ("✓ own" if role is Role.SPECIALIST and permission in OWN_DOSSIER_ONLY else "✓")
            if role in allowed
            else "–"
            for role in Role
        ]
        rows.append(f"| {PERMISSION_LABELS[permission]} (`{permission.value}`) | " + " | ".join(cells) + " |")
    return rows


def test_the_documented_matrix_is_the_enforced_one() -> None:
    lines = DECISIONS.read_text(encoding="utf-8").splitlines()
    header = "| Action | " + " | ".join(ROLE_LABELS[role] for role in Role) + " |"
    start = lines.index(header) + 2
    documented = lines[start : start + len(ALLOWED)]
    assert documented == _expected_rows()
    assert not lines[start + len(ALLOWED)].startswith("|")
