"""The `wsawait` command's front end: its arguments, what they set, and `main`; the run
itself is command/run.py."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from . import __version__
from .command import run
from .command.output import FORMATS
from .command.printing import OutputError, tolerant_streams, write_output
from .config.projects import CommandLine, Configs
from .config.selection import parse_codes
from .config.settings import ConfigError, RawValue, split_list
from .errors import first_line
from .rules import COMMAND_RULES, RULES, RULES_BY_CODE, RULES_BY_SLUG, rule_fields, rule_help


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """argparse's own formatter, given the width it would ask shutil for: every
    add_argument makes a formatter, and importing shutil (and the compression
    modules it imports) cost every run 1.7 ms, for a help text rarely shown."""

    def __init__(self, prog: str, **kwargs) -> None:
        kwargs.setdefault("width", _terminal_columns() - 2)
        super().__init__(prog, **kwargs)


def _terminal_columns() -> int:
    """shutil.get_terminal_size().columns: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns > 0:
        return columns
    try:
        columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        columns = 0
    return columns or 80


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, exit status 2
        self.exit(2, f"wsawait: error: {message} (see 'wsawait --help')\n")


_EXIT_STATUSES = """\
exit status:
  0  no violation left
  1  violations found (or a file could not be read or parsed)
  2  a usage or configuration error (one line on stderr)
  130  interrupted (Ctrl-C)
"""


# Long by nature: one declaration per flag, in the order --help shows them.
def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wsawait", description="Find awaited sync getters and un-awaited async getters.",
        epilog=_EXIT_STATUSES,
    )
    parser.add_argument("-V", "--version", action="version", version=f"wsawait {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("check", help="lint files and directories", epilog=_EXIT_STATUSES)
    check.add_argument("paths", nargs="*", default=["."], metavar="PATH",
                       help="files and directories to check (default: .)")
    check.add_argument("--fix", action="store_true", help="apply safe fixes")
    check.add_argument("--fix-only", action="store_true",
                       help="apply fixes, and neither report nor fail on what is left (implies --fix)")
    check.add_argument("--exit-non-zero-on-fix", action="store_true",
                       help="exit with status 1 when a fix was applied, even if nothing is left")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, unsafe fixes too")
    check.add_argument("--diff", action="store_true",
                       help="print fixes as a unified diff (apply with patch -p0); write nothing")
    check.add_argument("--add-noqa", action="store_true",
                       help="add a '# noqa: CODE' comment for every finding, and report nothing")
    check.add_argument("--show-fixes", action="store_true",
                       help="with --fix, list what was fixed in each file")
    check.add_argument("--output-format", "--format", dest="format", choices=FORMATS, default="text",
                       help="output format (default: text)")
    check.add_argument("-o", "--output-file", metavar="FILE",
                       help="write the output to FILE instead of stdout")
    check.add_argument("--select", metavar="CODES", help="codes or prefixes to report (default: WSA)")
    check.add_argument("--extend-select", metavar="CODES", help="codes or prefixes added to the selection")
    check.add_argument("--ignore", metavar="CODES", help="codes or prefixes not to report")
    check.add_argument("--extend-ignore", metavar="CODES",
                       help="codes or prefixes not to report, besides the configured ones")
    check.add_argument("--per-file-ignores", metavar="MAPPING",
                       help="'GLOB:CODES' pairs, separated by blanks, as flake8 writes them")
    check.add_argument("--ignore-noqa", action="store_true", help="report what '# noqa' comments suppress")
    check.add_argument("--exclude", metavar="GLOBS",
                       help="path globs to skip, replacing the configured 'exclude'")
    check.add_argument("--extend-exclude", metavar="GLOBS",
                       help="path globs to skip, besides the configured ones")
    check.add_argument("--no-respect-gitignore", dest="gitignore", action="store_false",
                       help="also check files that .gitignore, .ignore and git's excludes ignore")
    check.add_argument("--show-files", action="store_true",
                       help="list every file that would be checked, and check nothing")
    check.add_argument("--show-settings", metavar="FILE",
                       help="show the configuration that applies to FILE, and check nothing")
    check.add_argument("--config", metavar="FILE|KEY=VALUE", action="append", default=[],
                       help="an INI file ([flake8]) or a pyproject.toml, for every file; or a TOML "
                            "'KEY = VALUE' of [tool.wsawait] overriding every configuration (repeatable)")
    check.add_argument("--isolated", action="store_true", help="read no configuration file")
    check.add_argument("--project-root", metavar="DIR",
                       help="where module paths are counted from (wsawait-project-root)")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="check standard input as if it were PATH (with --fix, print the fixed source)")
    check.add_argument("-n", "--no-cache", dest="cache", action="store_false",
                       help="neither read nor write the result cache")
    check.add_argument("--cache-dir", metavar="DIR",
                       help="where the result cache lives (default: WSAWAIT_CACHE_DIR, else .wsawait_cache "
                            "in the project root)")
    check.add_argument("-j", "--jobs", type=_positive, default=os.cpu_count() or 1, metavar="N",
                       help="worker processes (default: all cores)")
    check.add_argument("--infer", action="store_true", help="inference mode (wsawait-infer)")
    check.add_argument("--statistics", action="store_true", help="count the violations by code")
    check.add_argument("-e", "--exit-zero", action="store_true",
                       help="exit with status 0 even when violations remain")
    check.add_argument("-q", "--quiet", action="store_true", help="print the violations only, no summary")
    check.add_argument("-s", "--silent", action="store_true",
                       help="print nothing (the exit status still tells)")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text output: auto (on a terminal), always or never")
    check.add_argument("--watch", action="store_true", help="check again whenever a checked file changes")

    clean = commands.add_parser("clean", help="remove the result cache")
    clean.add_argument("--cache-dir", metavar="DIR", help="the cache to remove (as for check)")

    rule = commands.add_parser("rule", help="show a rule's documentation")
    rule.add_argument("code", nargs="?", help="a rule code or name, such as WSA001 or await-sync-getter")
    rule.add_argument("--all", action="store_true", help="every rule's documentation")
    rule.add_argument("--output-format", dest="format", choices=("text", "json"), default="text",
                      help="text (the documentation) or json (ruff's fields)")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _globs(text: Optional[str]) -> tuple[str, ...]:
    return split_list(text or "")


def config_file(args: argparse.Namespace) -> Optional[str]:
    """The one configuration file `--config` names, if any (the others are overrides)."""
    files = [item for item in args.config if not _is_override(item)]
    if len(files) > 1:
        raise ConfigError(f"--config names two files ({files[0]} and {files[1]}): give one")
    return files[0] if files else None


def _is_override(item: str) -> bool:
    """ruff's rule: an existing file is a file; text with `=` is a `KEY = VALUE`."""
    return "=" in item and not os.path.isfile(item)


def command_line(args: argparse.Namespace, cwd: str) -> CommandLine:
    """What the command line says (a ValueError names a bad code; a ConfigError a bad
    `--config KEY=VALUE`)."""
    from .config.config_files import parse_override

    options, given = {}, {}
    for item in filter(_is_override, args.config):
        values, standalone = parse_override(item, cwd)
        options.update(values)
        given.update(standalone)
    if args.infer:
        options["wsawait-infer"] = RawValue("true", "command line", cwd)
    if args.project_root is not None:
        options["wsawait-project-root"] = RawValue(args.project_root, "command line", cwd)

    def codes(flag: str, key: str, default):
        text = getattr(args, flag.lstrip("-").replace("-", "_"))
        if text is not None:
            return parse_codes(text, flag) if text or flag == "--ignore" else default
        if key in given:
            return parse_codes(" ".join(given[key]), f"--config {key}")
        return default

    per_file = [(glob, tuple(found)) for glob, found in given.get("per-file-ignores", {}).items()]
    if args.per_file_ignores:
        per_file += _per_file_ignores(args.per_file_ignores)
    for glob, found in per_file:
        parse_codes(" ".join(found), "--per-file-ignores")
    exclude = _globs(args.exclude) if args.exclude is not None else given.get("exclude")
    return CommandLine(
        options=options,
        select=codes("--select", "select", None) or None,
        extend_select=codes("--extend-select", "extend-select", ()),
        ignore=codes("--ignore", "ignore", None),
        exclude=tuple(exclude) if exclude is not None else None,
        extend_exclude=_globs(args.extend_exclude) + tuple(given.get("extend-exclude", ())),
        extend_ignore=codes("--extend-ignore", "extend-ignore", ()),
        per_file_ignores=tuple(per_file),
    )


def _per_file_ignores(text: str) -> list[tuple[str, tuple[str, ...]]]:
    from flake8.utils import parse_files_to_codes_mapping

    try:
        return [(glob, tuple(codes)) for glob, codes in parse_files_to_codes_mapping(text)]
    except Exception as exc:  # flake8 raises its own ValueError subclass
        raise ConfigError(f"--per-file-ignores: {first_line(exc)}") from None


def main(argv: Optional[Sequence[str]] = None) -> int:
    tolerant_streams()
    try:
        args = build_parser().parse_args(argv)
        if args.command == "rule":
            return _rule(args)
        if args.command == "clean":
            return _clean(args)
        return _check(args)
    except OutputError as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _check(args: argparse.Namespace) -> int:
    if "" in args.paths:
        print("wsawait: error: an empty path names no file (use '.' for the working directory)",
              file=sys.stderr)
        return 2
    try:
        line = command_line(args, os.getcwd())
        explicit = config_file(args)
    except (ConfigError, ValueError) as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    return run.check(args, line, explicit)


def _clean(args: argparse.Namespace) -> int:
    from .command.cache import cache_directory, clean

    try:
        root = Configs(os.getcwd(), CommandLine()).for_cwd().settings.project_root
    except ConfigError as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    directory = cache_directory(args.cache_dir, root)
    if clean(directory):
        print(f"Removed {directory}", file=sys.stderr)
    return 0


def _rule(args: argparse.Namespace) -> int:
    if args.all:
        rules = list(RULES + COMMAND_RULES)
    elif args.code is None:
        print("wsawait: error: name a rule (such as WSA001) or use --all", file=sys.stderr)
        return 2
    else:
        rule = RULES_BY_CODE.get(args.code.upper()) or RULES_BY_SLUG.get(args.code.lower())
        if rule is None:
            print(f"wsawait: error: unknown rule {args.code!r} (known: {', '.join(RULES_BY_CODE)}, "
                  f"or their names: {', '.join(RULES_BY_SLUG)}; or --all)", file=sys.stderr)
            return 2
        rules = [rule]
    if args.format == "json":
        import json

        items = [rule_fields(rule) for rule in rules]
        write_output(json.dumps(items if args.all else items[0], indent=2) + "\n")
    else:
        write_output("\n".join(rule_help(rule) for rule in rules))
    return 0
