"""Who may do what: the four roles of a commune centre and the permission matrix.

The matrix is data (`ALLOWED`), read by the services (a refused call raises) and by the window (an action
the signed-in user may not take is disabled, its tooltip saying why); docs/decisions.md prints it.
A *Chuyên viên* acts only on the dossiers handed to them (`OWN_DOSSIER_ONLY`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Role(enum.StrEnum):
    RECEPTION = "reception"
    SPECIALIST = "specialist"
    LEADER = "leader"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.RECEPTION: "Tiếp nhận và trả kết quả",
    Role.SPECIALIST: "Chuyên viên xử lý",
    Role.LEADER: "Lãnh đạo",
    Role.ADMIN: "Quản trị",
}


class Permission(enum.StrEnum):
    VIEW_DOSSIERS = "view_dossiers"
    INTAKE = "intake"
    CORRECT = "correct"
    PRINT = "print"
    HAND_OVER = "hand_over"
    RECORD_RESULT = "record_result"
    RETURN_RESULT = "return_result"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECEIVE_SUPPLEMENT = "receive_supplement"
    REFUSE = "refuse"
    WITHDRAW = "withdraw"
    STOP = "stop"
    EXTEND = "extend"
    REGISTER = "register"
    REPORT = "report"
    EXPORT = "export"
    BACKUP = "backup"
    AUDIT_LOG = "audit_log"
    SETTINGS = "settings"
    CALENDAR = "calendar"
    CATALOGUE = "catalogue"
    ACCOUNTS = "accounts"
    IMPORT = "import"
    RESTORE = "restore"


PERMISSION_LABELS = {
    Permission.VIEW_DOSSIERS: "Xem danh sách hồ sơ",
    Permission.INTAKE: "Tiếp nhận hồ sơ",
    Permission.CORRECT: "Sửa thông tin hồ sơ đã tiếp nhận",
    Permission.PRINT: "In phiếu hồ sơ",
    Permission.HAND_OVER: "Chuyển hồ sơ cho chuyên viên",
    Permission.RECORD_RESULT: "Ghi nhận kết quả giải quyết",
    Permission.RETURN_RESULT: "Trả kết quả cho công dân",
    Permission.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung hồ sơ",
    Permission.RECEIVE_SUPPLEMENT: "Nhận hồ sơ bổ sung",
    Permission.REFUSE: "Từ chối giải quyết",
    Permission.WITHDRAW: "Ghi nhận công dân rút hồ sơ",
    Permission.STOP: "Dừng giải quyết",
    Permission.EXTEND: "Duyệt gia hạn (Mẫu 04)",
    Permission.REGISTER: "In sổ theo dõi, danh sách trong ngày",
    Permission.REPORT: "Lập và xuất báo cáo CCHC",
    Permission.EXPORT: "Xuất dữ liệu hồ sơ ra tệp",
    Permission.BACKUP: "Sao lưu dữ liệu",
    Permission.AUDIT_LOG: "Xem và xuất nhật ký",
    Permission.SETTINGS: "Sửa thông tin cơ quan",
    Permission.CALENDAR: "Sửa lịch làm việc",
    Permission.CATALOGUE: "Sửa danh mục thủ tục",
    Permission.ACCOUNTS: "Quản lý tài khoản",
    Permission.IMPORT: "Nhập dữ liệu từ tệp",
    Permission.RESTORE: "Khôi phục dữ liệu",
}

R, S, L, A = Role.RECEPTION, Role.SPECIALIST, Role.LEADER, Role.ADMIN

ALLOWED: dict[Permission, frozenset[Role]] = {
    Permission.VIEW_DOSSIERS: frozenset({R, S, L, A}),
    Permission.INTAKE: frozenset({R}),
    Permission.CORRECT: frozenset({R}),
    Permission.PRINT: frozenset({R, S, L}),
    Permission.HAND_OVER: frozenset({R}),
    Permission.RECORD_RESULT: frozenset({R, S}),
    Permission.RETURN_RESULT: frozenset({R}),
    Permission.REQUEST_SUPPLEMENT: frozenset({R, S}),
    Permission.RECEIVE_SUPPLEMENT: frozenset({R}),
    Permission.REFUSE: frozenset({R, S}),
    Permission.WITHDRAW: frozenset({R}),
    Permission.STOP: frozenset({S, L}),
    Permission.EXTEND: frozenset({L}),
    Permission.REGISTER: frozenset({R, L}),
    Permission.REPORT: frozenset({R, L}),
    Permission.EXPORT: frozenset({L, A}),
    Permission.BACKUP: frozenset({R, L, A}),
    Permission.AUDIT_LOG: frozenset({L, A}),
    Permission.SETTINGS: frozenset({A}),
    Permission.CALENDAR: frozenset({A}),
    Permission.CATALOGUE: frozenset({A}),
    Permission.ACCOUNTS: frozenset({A}),
    Permission.IMPORT: frozenset({A}),
    Permission.RESTORE: frozenset({A}),
}

# A Chuyên viên holding only that role may take these on the dossiers handed to them, not on others
# (a counter clerk, a leader or an admin is not limited this way).
OWN_DOSSIER_ONLY = frozenset(
    {
        Permission.PRINT,
        Permission.RECORD_RESULT,
        Permission.REQUEST_SUPPLEMENT,
        Permission.REFUSE,
        Permission.STOP,
    }
)
# A specialist-only account sees the dossiers handed to them; the others see every dossier.
SEES_EVERY_DOSSIER = frozenset({R, L, A})


@dataclass(frozen=True)
class Actor:
    """Who is working: a signed-in account, or the built-in system actor of a database without accounts."""

    username: str
    full_name: str
    position: str = ""
    roles: frozenset[Role] = frozenset()
    system: bool = False

    @property
    def display(self) -> str:
        return self.full_name or self.username

    def roles_text(self) -> str:
        return roles_text(self.roles)

    def sees_every_dossier(self) -> bool:
        return bool(self.roles & SEES_EVERY_DOSSIER)


SYSTEM_USERNAME = "he-thong"
SYSTEM_ACTOR = Actor(username=SYSTEM_USERNAME, full_name="hệ thống", roles=frozenset(Role), system=True)


def refusal(actor: Actor, permission: Permission, *, dossier_assignee: str | None = None) -> str | None:
    """Why `actor` may not take `permission` (on a dossier held by `dossier_assignee`, a username), in
    the clerk's words; None when allowed."""
    allowed = ALLOWED[permission]
    if not actor.roles & allowed:
        names = " hoặc ".join(f"«{ROLE_LABELS[role]}»" for role in Role if role in allowed)
        return (
            f"Tài khoản {actor.username} không có quyền: {PERMISSION_LABELS[permission].lower()}. "
            f"Việc này dành cho vai trò {names}; hãy nhờ người có vai trò đó hoặc quản trị cấp quyền."
        )
    if (
        dossier_assignee is not None
        and permission in OWN_DOSSIER_ONLY
        and not (actor.roles & allowed) - {Role.SPECIALIST}
        and dossier_assignee != actor.username
    ):
        return (
            f"Hồ sơ này không được giao cho tài khoản {actor.username}: chuyên viên chỉ "
            f"{PERMISSION_LABELS[permission].lower()} với hồ sơ được chuyển cho mình."
        )
    return None


def roles_text(roles: frozenset[Role]) -> str:
    """The roles in Vietnamese, in the matrix's order."""
    return ", ".join(ROLE_LABELS[role] for role in Role if role in roles)


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    return frozenset(Role(value) for value in values)
