"""Headless commands; they call the same services as the window.

Every command prints what it did in Vietnamese. Exit status: 0 done, 2 bad input or unknown code,
3 database from a newer version, 4 database open in another instance, 5 not allowed (the signed-in
account's roles do not allow it, or the database has accounts and nobody signed in with `--user`),
6 `audit verify` found the audit log or a dossier changed outside the app, or `check` found any problem
(each problem printed),
1 anything else the clerk must fix (a refused sign-in too), and 1 for an unexpected error (one masked
line, the details in the log), 130 when interrupted (Ctrl+C).

Signing in: `--user NAME`, before or after the command's name; the password comes from the
CCHC_PASSWORD variable, else from standard input (asked without echo on a terminal), never from an
argument (cli/sign_in.py). While a database has no accounts, commands run as the built-in system actor.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

from cchc_desktop import __version__
from cchc_desktop.cli.vietnamese_argparse import MESSAGES, VietnameseArgumentParser, whole_number
from cchc_desktop.core.errors import PermissionDeniedError, UserFacingError
from cchc_desktop.core.log_redaction import one_line, redact
from cchc_desktop.domain.calendar import OverrideKind

INTERRUPTED = 130


USER_HELP = (
    "đăng nhập bằng tài khoản này (khi dữ liệu đã có tài khoản người dùng); mật khẩu lấy từ biến "
    "CCHC_PASSWORD, nếu không có thì nhập từ bàn phím (hoặc dòng đầu của đầu vào chuẩn)"
)


class _CommandParser(VietnameseArgumentParser):
    """A command's parser: it takes `--user` too, so the sign-in can follow the command's name
    (`cchc audit verify --user quantri`) as well as precede it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # SUPPRESS: when absent here, the value given before the command's name stays.
        self.add_argument("--user", metavar="TÊN_ĐĂNG_NHẬP", default=argparse.SUPPRESS, help=USER_HELP)

    def parse_known_args(
        self, args: Iterable[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        # argparse leaves what a command does not know to the top-level parser, whose usage and help
        # are not the command's: the command refuses it itself.
        parsed, unknown = super().parse_known_args(args, namespace)
        if unknown:
            self.error(MESSAGES["unrecognized arguments: %s"] % " ".join(unknown))
        return parsed, unknown


CODE_HELP = "mã hồ sơ, ví dụ 000.17.22.H56-261205-0001 (in trên Giấy tiếp nhận)"
TO_HELP = "đến ngày này (tính cả ngày này)"

# `cchc agency` options: (option, metavar, help); the option's name after "--" is the settings field.
AGENCY_OPTIONS = (
    ("--commune", "TÊN", "tên xã (không ghi chữ “xã”)"),
    ("--province", "TÊN", "tỉnh/thành phố"),
    ("--identifier", "MÃ", "mã định danh cơ quan, ví dụ 000.17.22.H56 (đứng đầu mã hồ sơ)"),
    ("--place", "TÊN", "địa danh ở dòng ngày tháng"),
    ("--clerk", "HỌ_TÊN", "công chức tiếp nhận"),
    ("--signer", "HỌ_TÊN", "họ tên người ký"),
    ("--signer-title", "CHỨC_DANH", "chức danh người ký, ví dụ CHỦ TỊCH"),
    ("--counter", "TÊN", "tên quầy, ví dụ Quầy số 1"),
)


def build_parser() -> argparse.ArgumentParser:
    parser = VietnameseArgumentParser(prog="cchc", description="CCHC Desk — phần mềm một cửa cấp xã.")
    parser.add_argument(
        "--db",
        metavar="TỆP|URL",
        help="tệp cơ sở dữ liệu, hoặc máy chủ dữ liệu của Trung tâm dạng "
        "postgresql://tên_đăng_nhập@địa_chỉ:5432/tên_csdl (mật khẩu: biến PGPASSWORD hoặc tệp pgpass; "
        "thêm ?sslmode=require để bắt buộc mã hóa). Mặc định: biến CCHC_DB, máy chủ đã lưu trong "
        "Hệ thống → Máy chủ dữ liệu, rồi tệp trong thư mục dữ liệu người dùng",
    )
    parser.add_argument("--user", metavar="TÊN_ĐĂNG_NHẬP", help=USER_HELP)
    parser.add_argument(
        "--version", action="version", version=f"CCHC Desk {__version__}", help="in số phiên bản rồi thoát"
    )
    # Open the window, report the start-up time and close: for the packaging check and the benchmark.
    parser.add_argument("--smoke", action="store_true", help=argparse.SUPPRESS)
    # A working day of Qt traffic (signals, typing, refreshes), then exit: catches a leaking Qt binding.
    parser.add_argument("--soak", action="store_true", help=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="LỆNH", parser_class=_CommandParser)

    due = commands.add_parser("due", help="tính hạn trả kết quả của một thủ tục")
    due.add_argument("--procedure", required=True, metavar="MÃ", help="mã thủ tục, ví dụ 2.000815")
    due.add_argument("--received", required=True, metavar="YYYY-MM-DDTHH:MM", help="thời điểm tiếp nhận")

    calendar = commands.add_parser("calendar", help="lịch làm việc: ngày nghỉ, ngày làm bù")
    calendar_commands = calendar.add_subparsers(
        dest="calendar_command", metavar="LỆNH", required=True, parser_class=_CommandParser
    )
    listing = calendar_commands.add_parser("list", help="liệt kê ngày nghỉ và ngày làm bù trong năm")
    listing.add_argument("--year", type=whole_number, required=True, metavar="NĂM", help="ví dụ 2027")
    setting = calendar_commands.add_parser("set", help="thêm hoặc sửa một ngày nghỉ / ngày làm bù")
    setting.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="ngày cần điều chỉnh")
    setting.add_argument(
        "--kind",
        required=True,
        choices=[k.value for k in OverrideKind],
        metavar="LOẠI",
        help=f"{OverrideKind.DAY_OFF.value} (ngày nghỉ) hoặc {OverrideKind.MAKE_UP_WORKDAY.value} (ngày làm bù)",
    )
    setting.add_argument(
        "--name", required=True, metavar="TÊN", help="tên ngày, ví dụ Nghỉ bù Tết Dương lịch"
    )
    setting.add_argument("--basis", default="", metavar="CĂN_CỨ", help="căn cứ pháp lý (số văn bản)")
    removing = calendar_commands.add_parser("remove", help="bỏ một ngày đã điều chỉnh")
    removing.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="ngày đã điều chỉnh cần bỏ")

    importing = commands.add_parser("import", help="nhập hồ sơ từ tệp trao đổi (.csv, .xlsx)")
    importing.add_argument("file", metavar="TỆP", help="tệp .csv hoặc .xlsx theo định dạng trao đổi")
    importing.add_argument("--dry-run", action="store_true", help="chỉ kiểm tra, không ghi gì")
    exporting = commands.add_parser("export", help="xuất hồ sơ ra tệp trao đổi (.csv, .xlsx)")
    exporting.add_argument("--out", required=True, metavar="TỆP.csv|TỆP.xlsx", help="tệp ghi ra")
    exporting.add_argument(
        "--from",
        dest="date_from",
        metavar="YYYY-MM-DD",
        help="chỉ hồ sơ nhận từ ngày này (mặc định: mọi hồ sơ)",
    )
    exporting.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help=TO_HELP)

    report = commands.add_parser("report", help="thống kê và báo cáo cải cách hành chính của một kỳ")
    report.add_argument("--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="ngày đầu kỳ")
    report.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=TO_HELP)
    report.add_argument("--json", metavar="TỆP.json", help="ghi số liệu ra tệp JSON")
    report.add_argument("--pdf", metavar="TỆP.pdf", help="ghi báo cáo ra tệp PDF")
    report.add_argument("--docx", metavar="TỆP.docx", help="ghi báo cáo ra tệp Word để sửa tiếp")
    report.add_argument("--xlsx", metavar="TỆP.xlsx", help="ghi biểu số liệu ra tệp Excel")
    report.add_argument(
        "--charts", action="store_true", help="kèm trang biểu đồ sau biểu II.06a trong tệp PDF và Word"
    )

    agency = commands.add_parser(
        "agency",
        help="xem hoặc nhập thông tin cơ quan in trên biểu mẫu (như hộp thoại lần đầu)",
        description="Không có tùy chọn: in thông tin hiện có. Có tùy chọn: sửa các mục được nêu, giữ các mục khác.",
    )
    for option, metavar, help_text in AGENCY_OPTIONS:
        agency.add_argument(option, metavar=metavar, help=help_text)

    backup = commands.add_parser("backup", help="sao lưu dữ liệu vào một thư mục hoặc ổ USB")
    backup.add_argument("--to", required=True, metavar="THƯ_MỤC", help="thư mục hoặc ổ USB nhận bản sao lưu")
    restore = commands.add_parser("restore", help="khôi phục dữ liệu từ tệp sao lưu")
    restore.add_argument("file", metavar="TỆP", help="tệp sao lưu do lệnh backup hoặc phần mềm tạo")
    restore.add_argument("--yes", action="store_true", help="đồng ý thay dữ liệu hiện tại")
    restore.add_argument(
        "--force",
        action="store_true",
        help="trên máy chủ: khôi phục cả khi quầy khác còn đang mở phần mềm",
    )
    commands.add_parser(
        "check",
        help="kiểm tra toàn bộ: cơ sở dữ liệu, nhật ký, mã băm của mọi bản số hóa",
        description="Thoát với mã 0 khi không có vấn đề, mã 6 khi có (in mỗi vấn đề một dòng, nêu mã hồ sơ).",
    )
    move_to = commands.add_parser(
        "move-to",
        help="chuyển toàn bộ dữ liệu của bàn làm việc (--db TỆP) lên máy chủ dữ liệu của Trung tâm",
        description="Chép mọi hồ sơ, quá trình giải quyết, lịch, danh mục thủ tục và cài đặt của tệp dữ liệu "
        "lên máy chủ trong một lần ghi; mã hồ sơ đã có trên máy chủ thì không chuyển gì.",
    )
    move_to.add_argument("url", metavar="URL", help="postgresql://tên_đăng_nhập@địa_chỉ:5432/tên_csdl")

    dossier = commands.add_parser("dossier", help="xem một hồ sơ và quá trình giải quyết")
    dossier.add_argument("code", metavar="MÃ_HỒ_SƠ", help=CODE_HELP)

    printing = commands.add_parser("print", help="in biểu mẫu của một hồ sơ ra tệp PDF")
    print_commands = printing.add_subparsers(
        dest="print_command", metavar="BIỂU_MẪU", required=True, parser_class=_CommandParser
    )
    for name, help_text in (
        ("receipt", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)"),
        ("control-slip", "Phiếu kiểm soát quá trình giải quyết hồ sơ (Mẫu 06)"),
    ):
        form = print_commands.add_parser(name, help=help_text)
        form.add_argument("code", metavar="MÃ_HỒ_SƠ", help=CODE_HELP)
        form.add_argument("--out", required=True, metavar="TỆP.pdf", help="tệp PDF ghi ra")
    register = print_commands.add_parser("register", help="Sổ theo dõi hồ sơ (Mẫu 07) theo khoảng ngày nhận")
    register.add_argument(
        "--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="hồ sơ nhận từ ngày này"
    )
    register.add_argument("--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help=TO_HELP)
    register.add_argument(
        "--out", required=True, metavar="TỆP.pdf|TỆP.xlsx", help="tệp PDF để in, hoặc tệp Excel"
    )
    daily = print_commands.add_parser(
        "daily", help="danh sách hồ sơ nhận trong ngày và đến hạn ngày làm việc tiếp theo"
    )
    daily.add_argument("--date", metavar="YYYY-MM-DD", help="mặc định: hôm nay")
    daily.add_argument("--out", required=True, metavar="TỆP.pdf", help="tệp PDF ghi ra")
    _add_attachment_commands(commands)
    _add_user_commands(commands)
    _add_audit_commands(commands)
    _add_catalogue_commands(commands)
    return parser


NEW_PASSWORD_HELP = (
    "Mật khẩu không bao giờ ghi trên dòng lệnh: nhập khi được hỏi (hai lần), hoặc đưa vào đầu vào chuẩn "
    "một dòng; khi đăng nhập bằng --user mà không đặt biến CCHC_PASSWORD thì dòng đầu là mật khẩu đăng "
    "nhập, dòng sau là mật khẩu mới."
)


def _add_user_commands(commands: Any) -> None:
    from cchc_desktop.domain.roles import ROLE_LABELS, Role  # plain Python, no database

    user = commands.add_parser("user", help="tài khoản người dùng: thêm, liệt kê, khóa, đặt lại mật khẩu")
    user_commands = user.add_subparsers(
        dest="user_command", metavar="LỆNH", required=True, parser_class=_CommandParser
    )
    roles = ", ".join(f"{role.value} ({ROLE_LABELS[role]})" for role in Role)
    adding = user_commands.add_parser(
        "add",
        help="thêm tài khoản (tài khoản đầu tiên phải có vai trò admin)",
        description=NEW_PASSWORD_HELP,
    )
    adding.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP", help="ví dụ nguyenvana")
    adding.add_argument("--name", required=True, metavar="HỌ_TÊN", help="họ và tên (in trên phiếu)")
    adding.add_argument("--position", default="", metavar="CHỨC_VỤ", help="chức vụ, ví dụ Công chức Tư pháp")
    adding.add_argument(
        "--role",
        dest="roles",
        action="append",
        required=True,
        choices=[role.value for role in Role],
        metavar="VAI_TRÒ",
        help=f"vai trò, ghi nhiều lần nếu có nhiều vai trò: {roles}",
    )
    user_commands.add_parser("list", help="liệt kê tài khoản")
    for name, help_text in (
        ("disable", "vô hiệu hóa (khóa) một tài khoản"),
        ("enable", "mở lại một tài khoản"),
    ):
        toggling = user_commands.add_parser(name, help=help_text)
        toggling.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP", help="tài khoản cần đổi")
    resetting = user_commands.add_parser(
        "reset-password",
        help="đặt lại mật khẩu (và mở khóa sau nhiều lần nhập sai)",
        description=NEW_PASSWORD_HELP,
    )
    resetting.add_argument("username", metavar="TÊN_ĐĂNG_NHẬP", help="tài khoản cần đặt lại mật khẩu")


def _add_attachment_commands(commands: Any) -> None:
    attach = commands.add_parser(
        "attach",
        help="gắn bản quét (PDF, JPEG, PNG, TIFF) vào một giấy tờ của hồ sơ",
        description="Mỗi tệp PDF được giữ nguyên; các ảnh được ghép thành một tệp PDF, không nén lại.",
    )
    attach.add_argument("code", metavar="MÃ_HỒ_SƠ", help=CODE_HELP)
    attach.add_argument(
        "--document",
        type=whole_number,
        required=True,
        metavar="N",
        help="số thứ tự giấy tờ trong hồ sơ (từ 1; xem bằng lệnh cchc attachments MÃ_HỒ_SƠ)",
    )
    attach.add_argument(
        "files", nargs="+", metavar="TỆP", help="một hoặc nhiều tệp quét; các ảnh ghép theo thứ tự ghi"
    )
    listing = commands.add_parser(
        "attachments", help="liệt kê bản số hóa của một hồ sơ, hoặc ghi chúng ra thư mục"
    )
    listing.add_argument("code", metavar="MÃ_HỒ_SƠ", help=CODE_HELP)
    listing.add_argument(
        "--extract",
        metavar="THƯ_MỤC",
        help="ghi các bản số hóa ra thư mục: tệp PDF đúng từng byte như khi gắn, ảnh thành từng trang ảnh",
    )


def _add_catalogue_commands(commands: Any) -> None:
    catalogue_parser = commands.add_parser(
        "catalogue", help="danh mục thủ tục: nhập danh mục tỉnh công bố, xuất, liệt kê"
    )
    sub = catalogue_parser.add_subparsers(
        dest="catalogue_command", metavar="LỆNH", required=True, parser_class=_CommandParser
    )
    importing = sub.add_parser(
        "import",
        help="nhập danh mục thủ tục (.xlsx, .csv) áp dụng từ một ngày",
        description="Tệp có lỗi: in từng lỗi «dòng N: cột: lý do», thoát với mã 2, không ghi gì. Thủ tục có "
        "trong danh mục mà không có trong tệp được bãi bỏ từ ngày áp dụng.",
    )
    importing.add_argument("file", metavar="TỆP", help="danh mục tỉnh công bố (.xlsx, .csv)")
    importing.add_argument(
        "--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="ngày áp dụng"
    )
    importing.add_argument("--dry-run", action="store_true", help="chỉ xem những gì sẽ thay đổi, không ghi")
    exporting = sub.add_parser("export", help="xuất danh mục ra tệp (.xlsx, .csv) cùng định dạng khi nhập")
    exporting.add_argument("--out", required=True, metavar="TỆP.xlsx|TỆP.csv", help="tệp ghi ra")
    exporting.add_argument(
        "--on", metavar="YYYY-MM-DD", help="danh mục áp dụng vào ngày này (mặc định: hôm nay)"
    )
    listing = sub.add_parser("list", help="liệt kê thủ tục trong danh mục")
    listing.add_argument("--search", metavar="CHỮ", help="tìm theo mã hoặc tên (không cần dấu)")
    listing.add_argument(
        "--on", metavar="YYYY-MM-DD", help="danh mục áp dụng vào ngày này (mặc định: hôm nay)"
    )


def _add_audit_commands(commands: Any) -> None:
    from cchc_desktop.domain.audit import AUDIT_ACTION_LABELS  # plain Python, no database

    audit = commands.add_parser("audit", help="nhật ký thao tác: kiểm tra tính nguyên vẹn, liệt kê")
    audit_commands = audit.add_subparsers(
        dest="audit_command", metavar="LỆNH", required=True, parser_class=_CommandParser
    )
    audit_commands.add_parser(
        "verify",
        help="kiểm tra nhật ký và hồ sơ có bị sửa, xóa, chèn ngoài phần mềm không",
        description="Thoát với mã 0 khi nguyên vẹn, mã 6 khi có chỗ bị thay đổi (in từng chỗ).",
    )
    listing = audit_commands.add_parser(
        "list",
        help="liệt kê các mục nhật ký, mới nhất trước",
        description="Các tùy chọn lọc có thể dùng cùng nhau; không có tùy chọn nào: các mục mới nhất.",
    )
    # Not `--user`: that one signs in, wherever it stands on the line.
    listing.add_argument(
        "--by", metavar="TÊN_ĐĂNG_NHẬP", default="", help="chỉ các việc do tài khoản này làm"
    )
    listing.add_argument(
        "--action",
        default="",
        metavar="VIỆC",
        help="chỉ một loại việc: "
        + ", ".join(f"{action.value} ({label.lower()})" for action, label in AUDIT_ACTION_LABELS.items()),
    )
    listing.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", help="từ ngày (tính cả ngày này)")
    listing.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="đến ngày (tính cả ngày này)")
    listing.add_argument("--dossier", default="", metavar="MÃ_HỒ_SƠ", help="chỉ các mục về hồ sơ này")
    listing.add_argument(
        "--limit",
        type=whole_number,
        default=50,
        metavar="SỐ",
        help="in nhiều nhất bấy nhiêu mục (mặc định 50)",
    )


WAITING = "Đang chờ dữ liệu được giải phóng…"


def run_command(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run one command; an unexpected error becomes one masked line pointing to the log, exit 1."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        return _run_command(args, out, err)
    except UserFacingError as error:
        return user_error(error, err)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        raise  # the reader of the output left: app.main ends quietly
    except Exception as error:
        return unexpected_error(error, err)


def _run_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # The commands (and the services behind them) are imported only when a command runs, so the
    # window starts without loading them.
    from cchc_desktop.cli.commands import COMMANDS, FILE_COMMANDS
    from cchc_desktop.core.paths import check_database_folder, resolve_paths
    from cchc_desktop.services.workspace import open_workspace

    paths = check_database_folder(resolve_paths(args.db))
    try:
        if args.command in FILE_COMMANDS:
            FILE_COMMANDS[args.command](paths, args, out)
            return 0
        workspace = open_workspace(paths)
        # A write that meets another program's write says it is waiting before the busy timeout runs out.
        workspace.db.on_waiting = lambda waiting: print(WAITING, file=err, flush=True) if waiting else None
        try:
            if args.user:
                from cchc_desktop.cli.sign_in import sign_in_for_command

                sign_in_for_command(workspace, args.user)
            return COMMANDS[args.command](workspace, args, out) or 0
        finally:
            workspace.close()
    except PermissionDeniedError as error:
        if not args.user:  # the database has accounts and nobody signed in
            raise SignInNeededError(error.message) from None
        raise


class SignInNeededError(PermissionDeniedError):
    command_line_hint = (
        "Dữ liệu này đã có tài khoản người dùng: thêm --user TÊN_ĐĂNG_NHẬP vào lệnh để đăng nhập "
        "(mật khẩu: biến CCHC_PASSWORD, hoặc nhập khi được hỏi)."
    )


def user_error(error: UserFacingError, err: TextIO) -> int:
    # A server failure's `reason` leaves out what the window says about the screen it keeps.
    print(f"Lỗi: {redact(getattr(error, 'reason', None) or error.message)}", file=err)
    if hint := getattr(error, "command_line_hint", ""):  # what the window's menu is on the command line
        print(hint, file=err)
    return error.exit_code


def unexpected_error(error: Exception, err: TextIO) -> int:
    """Log `error` with its traceback (masked by the log filter) and print one masked line."""
    from cchc_desktop.core.logging_setup import LOG_FILE_NAME
    from cchc_desktop.core.paths import default_log_dir

    logging.getLogger(__name__).error("unexpected error", exc_info=error)
    summary = one_line(error).rstrip(".")
    print(
        f"Lỗi không mong muốn: {summary}. Chi tiết trong nhật ký: {default_log_dir() / LOG_FILE_NAME}",
        file=err,
    )
    return 1


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
