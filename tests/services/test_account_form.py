"""What the account form refuses before anything is written: each message names the field to fix."""

from __future__ import annotations

import pytest

from cchc_desktop.domain.roles import Role
from cchc_desktop.services.accounts import AccountForm, form_errors, password_error

GOOD = AccountForm("nguyenvana", "Nguyễn Văn A", "Công chức Văn phòng", frozenset({Role.RECEPTION}))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"username": "ab"}, "username"),
        ({"username": "Nguyễn"}, "username"),
        ({"username": "he-thong"}, "username"),
        ({"username": "a b c"}, "username"),
        ({"full_name": "   "}, "full_name"),
        ({"full_name": "Nguyễn Văn A\nGiám đốc"}, "full_name"),
        ({"full_name": "Nguyễn\x00Văn A"}, "full_name"),
        ({"full_name": "A" * 101}, "full_name"),
        ({"position": "Công chức\tVăn phòng"}, "position"),
        ({"roles": frozenset()}, "roles"),
    ],
)
def test_a_bad_field_is_named(changes: dict[str, object], field: str) -> None:
    errors = form_errors(AccountForm(**{**GOOD.__dict__, **changes}))  # type: ignore[arg-type]
    assert list(errors) == [field]


def test_a_good_form_passes_and_passwords_are_checked() -> None:
    assert form_errors(GOOD) == {}
    assert password_error("ngan") == "Mật khẩu cần ít nhất 8 ký tự."
    assert password_error(" co-dau-cach ") is not None and password_error("mat\x07khau-dai") is not None
    assert password_error("mat-khau-du-dai") is None
