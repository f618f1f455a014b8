"""argparse in Vietnamese: its own words (the usage line, the headings, `-h`) and its error messages.

argparse marks every text it prints for gettext: it calls `_(…)` and `ngettext(…)`, names it imports from
the gettext module into its own globals and looks up there at each call. gettext's documented route
(a `.mo` file, `textdomain`) would make the text domain process-wide and takes the language only from
LANGUAGE/LC_ALL/LC_MESSAGES/LANG, which a Windows counter does not set. So the parser lends argparse
this catalogue (a gettext NullTranslations) in those two names for the length of each of its own calls
(building, parsing, formatting) and puts argparse's back afterwards: other argparse users in the process
keep their words. Not thread-safe, and it need not be: the app parses once, on the main thread, at start.

MESSAGES holds every text Python 3.11's argparse marks (tests/cli/test_cli_vietnamese.py extracts them
from the running Python's argparse source, as xgettext would, so a new Python's new text fails the test).
"""

from __future__ import annotations

import argparse
import gettext
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

# argparse's text (msgid) → what the clerk reads. Vietnamese has no plural: an ngettext text is keyed by
# its singular form. The ones a clerk never sees (mistakes in building a parser) are here too, so that
# the catalogue stays exactly the list argparse marks.
MESSAGES = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "Đối số",
    "options": "Tùy chọn",
    "subcommands": "Lệnh",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "còn thiếu phần bắt buộc: %s",
    "one of the arguments %s is required": "cần có một trong các tùy chọn: %s",
    "unrecognized arguments: %s": "không hiểu phần này của lệnh: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có lựa chọn %(value)r; hãy chọn một trong: %(choices)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "không có lệnh %(parser_name)r; các lệnh: %(choices)s",
    "invalid %(type)s value: %(value)r": "giá trị %(value)r không hợp lệ",
    "expected one argument": "cần một giá trị đi kèm",
    "expected at most one argument": "chỉ được kèm nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị đi kèm",
    "expected %s argument": "cần %s giá trị đi kèm",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tùy chọn %(option)s chưa rõ: có thể là %(matches)s; hãy viết đủ tên tùy chọn"
    ),
    "not allowed with argument %s": "không dùng được cùng với %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị, hãy bỏ %r",
    "unexpected option string: %s": "tùy chọn không đúng chỗ: %s",
    "can't open '%(filename)s': %(error)s": "không mở được tệp '%(filename)s': %(error)s",
    'argument "-" with mode %r': 'đối số "-" với chế độ %r',
    # Mistakes in building a parser (for the developer).
    ".__call__() not defined": ".__call__() chưa được định nghĩa",
    "'required' is an invalid argument for positionals": "đối số vị trí không nhận 'required'",
    "mutually exclusive arguments must be optional": "các đối số loại trừ nhau phải là tùy chọn",
    "%r is not callable": "%r không gọi được",
    "cannot merge actions - two groups are named %r": "không gộp được: hai nhóm cùng tên %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "tên tùy chọn %(option)r không hợp lệ: phải bắt đầu bằng ký tự %(prefix_chars)r"
    ),
    "dest= is required for options like %r": "tùy chọn dạng %r cần có dest=",
    "invalid conflict_resolution value: %r": "giá trị conflict_resolution không hợp lệ: %r",
    "cannot have multiple subparser arguments": "không thể có nhiều nhóm lệnh con",
    "conflicting subparser: %s": "trùng tên lệnh con: %s",
    "conflicting subparser alias: %s": "trùng tên khác của lệnh con: %s",
    "conflicting option string: %s": "trùng tên tùy chọn: %s",
}


class _Catalogue(gettext.NullTranslations):
    """MESSAGES as gettext translations; a text not in it stays as argparse wrote it."""

    def gettext(self, message: str) -> str:
        # argparse also passes None (a subparsers group without a description).
        return MESSAGES.get(message, message) if message else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return MESSAGES.get(msgid1) or (msgid1 if n == 1 else msgid2)


_CATALOGUE = _Catalogue()


@contextmanager
def _vietnamese() -> Iterator[None]:
    names = vars(argparse)  # the module's globals, where argparse looks `_` and `ngettext` up
    saved = names["_"], names["ngettext"]
    names["_"], names["ngettext"] = _CATALOGUE.gettext, _CATALOGUE.ngettext
    try:
        yield
    finally:
        names["_"], names["ngettext"] = saved


class VietnameseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose every word is Vietnamese. An error prints the usage, `Lỗi: …` (as the
    commands' own errors do) and where to read more, and exits 2 as argparse does."""

    # Every public entry that reaches one of argparse's texts: the headings and `-h` are made in
    # __init__, a subcommand group's title in add_subparsers, the errors while parsing (the unknown
    # arguments in parse_args itself), the usage line while formatting.
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _vietnamese():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with _vietnamese():
            return super().add_subparsers(**kwargs)

    def parse_args(self, args: Iterable[str] | None = None, namespace: Any = None) -> Any:
        with _vietnamese():
            return super().parse_args(args, namespace)

    def parse_known_args(
        self, args: Iterable[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        with _vietnamese():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with _vietnamese():
            return super().format_usage()

    def format_help(self) -> str:
        with _vietnamese():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"Lỗi: {message}\nXem hướng dẫn: {self.prog} --help\n")


def whole_number(text: str) -> int:
    """An option's whole number (`type=whole_number`), refused in the clerk's words."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} không phải là một số nguyên; hãy viết bằng chữ số"
        ) from None
