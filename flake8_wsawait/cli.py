"""The `wsawait` command: a thin adapter over the same Settings and checker as flake8's."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from typing import Optional, Sequence, Union

from . import __version__
from .config_files import ConfigFiles, configured_excludes, read_ini_section
from .discovery import discover
from .lint import FileResult, RunOptions, Selection, lint_file, parse_codes
from .output import FORMATS, render
from .paths import PathPattern
from .rules import RULES_BY_CODE, FixSafety, rule_help
from .settings import ConfigError, RawValue, Settings, resolve_settings


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2
        self.exit(2, f"wsawait: error: {message} (see 'wsawait --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="wsawait", description="Find awaited sync getters and un-awaited async getters.")
    parser.add_argument("--version", action="version", version=f"wsawait {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and directories")
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, unsafe fixes too")
    check.add_argument("--diff", action="store_true", help="print fixes as a unified diff; write nothing")
    check.add_argument("--format", choices=FORMATS, default="text", help="output format (default: text)")
    check.add_argument("--select", metavar="CODES", help="codes or prefixes to report (default: WSA)")
    check.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to report")
    check.add_argument("--config", metavar="FILE", help="an INI file ([flake8]) or a pyproject.toml")
    check.add_argument("-j", "--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes (default: all cores)")
    check.add_argument("--infer", action="store_true", help="inference mode (wsawait-infer)")
    check.add_argument("--statistics", action="store_true", help="count the violations by code")

    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def load_settings(
    cwd: str, config: Optional[str], infer: bool
) -> tuple[Settings, list[PathPattern], dict[str, str]]:
    """Settings, excludes, and the `[flake8]` section (for flake8's own ignore options)."""
    files = ConfigFiles.discover(cwd, explicit=config)
    command_line = {"wsawait-infer": RawValue("true", "command line", cwd)} if infer else {}
    settings = resolve_settings([command_line] + files.layers(), files.project_root(cwd))
    excludes = [PathPattern.from_glob(glob, base) for glob, base in configured_excludes(files)]
    return settings, excludes, read_ini_section(files.ini) if files.ini else {}


def selection_from(args: argparse.Namespace, section: dict[str, str], cwd: str) -> Selection:
    """--select/--ignore, plus flake8's ignore, extend-ignore and per-file-ignores from
    `[flake8]`, so that the two front ends report the same on the same configuration."""
    # Codes from [flake8] may be any plugin's (ASYNC100): they only ever ignore, so
    # they are taken as they are; the command line's are checked.
    select = parse_codes(args.select, "--select") if args.select else ("WSA",)
    ignore = parse_codes(args.ignore, "--ignore") if args.ignore else _tokens(section.get("ignore", ""))
    ignore += _tokens(section.get("extend-ignore", ""))
    per_file = []
    if section.get("per-file-ignores", "").strip():
        from flake8.utils import parse_files_to_codes_mapping

        try:
            mapping = parse_files_to_codes_mapping(section["per-file-ignores"])
        except Exception as exc:  # flake8 raises ValueError (a subclass of its own) here
            raise ValueError(f"per-file-ignores in [flake8]: {exc}".splitlines()[0]) from None
        for glob, codes in mapping:
            # flake8 makes these patterns absolute against the working directory.
            per_file.append((PathPattern.from_glob(glob, cwd), tuple(codes)))
    return Selection(select, ignore, tuple(per_file))


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t for t in re.split(r"[,\s]+", text) if t)


def _lint_all(
    files: Sequence[str], settings: Settings, options: RunOptions, jobs: int
) -> list[FileResult]:
    if jobs == 1:
        return [lint_file(path, settings, options) for path in files]
    # Most files never spell a getter: sending them to workers costs more than
    # the cheap byte test that skips them, so only candidates go to the pool.
    files = [path for path in files if _may_need_checking(path, settings)]
    if len(files) < _MIN_FILES_FOR_WORKERS:
        return [lint_file(path, settings, options) for path in files]
    # Imported here: they cost more start-up time than a small run takes.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods and sys.platform == "linux" else None)
    workers = min(jobs, len(files))
    chunk = max(1, len(files) // (workers * 8))
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        count = len(files)
        results = list(pool.map(lint_file, files, [settings] * count, [options] * count, chunksize=chunk))
    except BaseException:
        # Ctrl-C: the workers ignore it, finish the file at hand (a fix is written
        # whole or not at all) and take no new one.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return results


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


_MIN_FILES_FOR_WORKERS = 8


def _may_need_checking(path: str, settings: Settings) -> bool:
    try:
        with open(path, "rb") as handle:
            return settings.may_contain_getters(handle.read())
    except OSError:
        return True  # the worker reports it


def _summary(reports, fixed: int, options: RunOptions) -> str:
    hidden = sum(1 for r in reports if r.fix is FixSafety.UNSAFE and not options.unsafe_fixes)
    fixable = sum(1 for r in reports if r.fix is not None) - hidden
    if not reports and not fixed:
        return "All checks passed."
    parts = [f"Found {len(reports) + fixed} violation{'s' if len(reports) + fixed != 1 else ''}"]
    if fixed or options.fix:
        parts.append(f" ({fixed} fixed, {len(reports)} remaining)")
    parts.append(".")
    if fixable and not options.fix:
        parts.append(f" {fixable} fixable with --fix.")
    if hidden:
        parts.append(f" {hidden} more fixable with --fix --unsafe-fixes.")
    return "".join(parts)


def check(args: argparse.Namespace) -> int:
    try:
        settings, excludes, flake8_section = load_settings(os.getcwd(), args.config, args.infer)
        selection = selection_from(args, flake8_section, os.getcwd())
    except (ConfigError, ValueError) as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    if "" in args.paths:
        print("wsawait: error: an empty path names no file (use '.' for the working directory)",
              file=sys.stderr)
        return 2
    options = RunOptions(
        selection, fix=args.fix and not args.diff, diff=args.diff, unsafe_fixes=args.unsafe_fixes
    )
    found = discover(args.paths, excludes)
    results = _lint_all(found.files, settings, options, args.jobs)
    reports = sorted(
        found.problems + [r for result in results for r in result.reports],
        key=lambda r: (r.path, r.line, r.col, r.code),
    )
    fixed = sum(result.fixed for result in results)
    if args.diff:
        output = b"".join(result.diff for result in results)
    else:
        output = render(reports, args.format)
    statistics = ""
    if args.statistics:
        counts = Counter(r.code for r in reports)
        for code, count in sorted(counts.items()):
            slug = RULES_BY_CODE[code].slug if code in RULES_BY_CODE else "file could not be checked"
            statistics += f"{count:<5} {code} {slug}\n"
        if args.format == "text" and not args.diff:
            output, statistics = output + statistics, ""
    write_output(output)
    sys.stderr.write(statistics)
    print(_summary(reports, fixed, options), file=sys.stderr)
    return 1 if reports else 0


class OutputError(Exception):
    """Standard output cannot take the output (closed, full): a one-line error."""


def write_output(text: Union[str, bytes]) -> None:
    """Write to standard output (bytes as they are). A reader that went away
    (`| head`) ends the output quietly; any other failure is an OutputError."""
    if not text:
        return
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can be shown; point stdout at /dev/null so that the
        # interpreter's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def _printable(error: UnicodeError):
    """Encoding error handler for the output streams: file names that are not valid in
    the locale's encoding (undecodable bytes kept as surrogates) are written back as
    the bytes they were; any other unencodable character is escaped."""
    import codecs

    try:
        return codecs.lookup_error("surrogateescape")(error)
    except UnicodeError:
        return codecs.lookup_error("backslashreplace")(error)


def _tolerant_streams() -> None:
    import codecs

    codecs.register_error("wsawait.printable", _printable)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="wsawait.printable")


def main(argv: Optional[Sequence[str]] = None) -> int:
    _tolerant_streams()
    try:
        args = build_parser().parse_args(argv)
        if args.command == "rule":
            rule = RULES_BY_CODE.get(args.code.upper())
            if rule is None:
                print(f"wsawait: error: unknown rule {args.code!r} (known: {', '.join(RULES_BY_CODE)})",
                      file=sys.stderr)
                return 2
            write_output(rule_help(rule))
            return 0
        return check(args)
    except OutputError as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
