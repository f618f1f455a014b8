"""`cchc` speaks Vietnamese wherever argparse speaks: the help of the command and of every subcommand
(found by walking the parser, so a new command is covered without touching this file), argparse's own
words (headings, `-h`, the usage line) and its errors (exit 2); and `cchc … | head -1` ends quietly when
the reader leaves early."""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from cchc_desktop.app import main
from cchc_desktop.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _argparse_messages() -> list[tuple[str, ...]]:
    """Every string the running Python's argparse passes to gettext (`_(…)`, `ngettext(…)`), as
    xgettext would extract it: a Python upgrade that adds one fails the catalogue test below."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: list[tuple[str, ...]] = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            texts = tuple(
                a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
            if texts:
                found.append(texts)
    return found


_PLACEHOLDER = re.compile(r"%(\([a-z_]+\))?[sr]")
# argparse's English words, from its own messages (placeholders left out), and the `--version` help,
# which Python 3.11 does not pass to gettext.
ENGLISH_WORDS = sorted(
    {
        word
        for texts in _argparse_messages()
        for text in texts
        for word in re.findall(r"[A-Za-z]{3,}", _PLACEHOLDER.sub(" ", text))
    }
    | {"show", "program", "version", "number", "exit", "subcommands"}
)
ENGLISH = re.compile(r"(?<![\w-])(" + "|".join(ENGLISH_WORDS) + r")(?![\w-])", re.IGNORECASE)
OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*")  # option names are the command's words, not English


def english_in(text: str) -> list[str]:
    return ENGLISH.findall(OPTION.sub(" ", text))


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


COMMANDS = [path for path, _ in _parsers(build_parser())]


def test_the_walk_reaches_every_level() -> None:
    assert {
        (),
        ("due",),
        ("calendar", "set"),
        ("print", "receipt"),
        ("user", "add"),
        ("audit", "list"),
    } <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "cchc")
def test_every_help_is_vietnamese(capsys: pytest.CaptureFixture[str], path: tuple[str, ...]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*path, "--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith(f"Cách dùng: cchc {' '.join(path)}".rstrip())
    assert "Tùy chọn:" in text
    assert "-h, --help" in text and "in hướng dẫn này rồi thoát" in text
    assert english_in(text) == []


def test_every_value_an_option_takes_is_named_in_vietnamese() -> None:
    """Without a metavar argparse names the value after the option in English capitals (`--year YEAR`)."""
    unnamed = [
        (" ".join(path), action.option_strings or action.dest)
        for path, parser in _parsers(build_parser())
        for action in parser._actions
        if action.nargs != 0 and action.metavar is None and action.help != argparse.SUPPRESS
    ]
    assert unnamed == []


def test_every_value_name_is_one_word() -> None:
    """A value's name with a space ("BIỂU MẪU") reads as two values in the usage line."""
    spaced = [
        (" ".join(path), action.metavar)
        for path, parser in _parsers(build_parser())
        for action in parser._actions
        if isinstance(action.metavar, str) and " " in action.metavar
    ]
    assert spaced == []


def test_every_argument_says_what_it_is() -> None:
    """Every option and value has its line in the help; a new one without it fails here."""
    silent = [
        (" ".join(path), action.option_strings or action.metavar)
        for path, parser in _parsers(build_parser())
        for action in parser._actions
        if not action.help and not isinstance(action, argparse._SubParsersAction)
    ]
    assert silent == []


def test_the_version_option_is_described_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "in số phiên bản rồi thoát" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["calendar", "list"], "còn thiếu phần bắt buộc: --year"),
        (["calendar"], "còn thiếu phần bắt buộc: LỆNH"),
        (["check", "--bogus"], "không hiểu phần này của lệnh: --bogus"),
        (["check", "thừa"], "không hiểu phần này của lệnh: thừa"),
        (["nope"], "LỆNH: không có lựa chọn 'nope'; hãy chọn một trong: 'due', 'calendar'"),
        (
            ["calendar", "set", "--date", "2027-01-02", "--kind", "holiday", "--name", "x"],
            "--kind: không có lựa chọn 'holiday'; hãy chọn một trong: 'day_off', 'make_up_workday'",
        ),
        (
            ["calendar", "list", "--year", "x"],
            "--year: 'x' không phải là một số nguyên; hãy viết bằng chữ số",
        ),
        (["audit", "list", "--limit", "năm"], "--limit: 'năm' không phải là một số nguyên"),
        (["backup", "--to"], "--to: cần một giá trị đi kèm"),
        (["attach", "MÃ", "--document", "1"], "còn thiếu phần bắt buộc: TỆP"),
        (["agency", "--sig", "Nguyễn"], "tùy chọn --sig chưa rõ: có thể là --signer, --signer-title"),
        (["import", "a.csv", "--dry-run=có"], "--dry-run: tùy chọn này không nhận giá trị, hãy bỏ 'có'"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_mistyped_command_is_refused_in_vietnamese_with_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], expected: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert lines[0].startswith("Cách dùng: cchc")
    assert f"Lỗi: {expected}" in captured.err
    assert re.fullmatch(r"Xem hướng dẫn: cchc[a-z -]* --help", lines[-1])
    assert english_in(captured.err) == []


def test_an_unknown_option_is_refused_by_the_command_it_follows(capsys: pytest.CaptureFixture[str]) -> None:
    """The usage and the pointer to the help are the command's own, not the whole program's."""
    with pytest.raises(SystemExit) as exit_info:
        main(["print", "receipt", "MÃ", "--out", "a.pdf", "--copies", "2"])
    assert exit_info.value.code == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("Cách dùng: cchc print receipt [-h]")
    assert lines[-2:] == [
        "Lỗi: không hiểu phần này của lệnh: --copies 2",
        "Xem hướng dẫn: cchc print receipt --help",
    ]


def test_every_argparse_message_has_a_vietnamese_translation_that_formats() -> None:
    from cchc_desktop.cli.vietnamese_argparse import MESSAGES

    missing = [texts[0] for texts in _argparse_messages() if texts[0] not in MESSAGES]
    assert missing == []
    for english, vietnamese in MESSAGES.items():
        named = set(re.findall(r"%\(([a-z_]+)\)", english))
        positional = len(re.findall(r"%[sr]", english))
        if named:
            vietnamese % dict.fromkeys(named, "x")  # no placeholder the English lacks
        else:
            assert len(re.findall(r"%[sr]", vietnamese)) == positional, vietnamese


def test_exclusive_options_are_refused_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    """The project has no such options yet; a parser of its class shows what a later one would print."""
    from cchc_desktop.cli.vietnamese_argparse import VietnameseArgumentParser

    parser = VietnameseArgumentParser(prog="cchc thử")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--pdf", action="store_true")
    group.add_argument("--xlsx", action="store_true")
    with pytest.raises(SystemExit):
        parser.parse_args(["--pdf", "--xlsx"])
    assert "Lỗi: --xlsx: không dùng được cùng với --pdf" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser.parse_args([])
    assert "Lỗi: cần có một trong các tùy chọn: --pdf --xlsx" in capsys.readouterr().err


def test_the_translation_stays_inside_the_command_s_parser(capsys: pytest.CaptureFixture[str]) -> None:
    """Other argparse users in the process (pytest itself) keep their own words."""
    with pytest.raises(SystemExit):
        main(["calendar", "list"])
    capsys.readouterr()
    assert argparse.ArgumentParser(prog="other").format_usage() == "usage: other [-h]\n"


@pytest.mark.parametrize(
    "entry",
    [[str(ROOT / "main.py")], ["-m", "cchc_desktop"]],
    ids=["main.py", "python -m cchc_desktop"],
)
def test_every_entry_uses_the_same_parser(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, entry: list[str]
) -> None:
    """`python main.py` (what the bundle is built from) and the package's entry print the same help."""
    monkeypatch.setenv("COLUMNS", "100")  # the same width in this process and in the child
    with pytest.raises(SystemExit):
        main(["--help"])
    expected = capsys.readouterr().out
    result = subprocess.run(
        [sys.executable, *entry, "--help"], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, expected, "")


# 128 + SIGPIPE: what a shell reports for a Unix tool whose reader left.
READER_GONE = 141


@pytest.mark.parametrize(
    "argv",
    [["catalogue", "list"], ["calendar", "list", "--year", "2027"]],
    ids=["catalogue list (20 kB)", "calendar list"],
)
def test_a_reader_that_leaves_early_ends_the_output_quietly(db_path: Path, argv: list[str]) -> None:
    """`cchc catalogue list | head -1`: once the reader has closed the pipe, the command stops without a
    traceback or an error line, as Unix tools do."""
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db_path), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # the reader leaves before the command has written anything
    err = child.stderr.read().decode()
    assert (child.wait(timeout=120), err) == (READER_GONE, "")
