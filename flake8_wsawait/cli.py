"""The `wsawait` command: a thin adapter over the same Settings and checker as flake8's."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from typing import Callable, Optional, Sequence, Union

from . import __version__
from .files.discovery import discover
from .command.lint import RunOptions, lint_bytes, lint_file, may_need_checking
from .model import FileResult, Report
from .command.output import FORMATS, render
from .config.projects import CommandLine, Configs
from .config.selection import parse_codes
from .rules import (
    ALL_CODES, COMMAND_RULES, RULES, RULES_BY_CODE, RULES_BY_SLUG, FixSafety, rule_fields, rule_help,
)
from .config.settings import ConfigError, RawValue, Settings, split_list
from .errors import first_line
from .sourcefile import read_bytes


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


# What each file is checked with: (settings, run options) per configuration.
Job = tuple[Settings, RunOptions]
_JOBS: list[Job] = []  # set in each worker by its initializer


def _lint_all(
    tasks: Sequence[tuple[str, int]], jobs_by_index: list[Job], workers: int,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[FileResult]:
    """Lint (path, job index) tasks, in worker processes when that pays; while they
    work, this process runs `meanwhile()` (if they do not, it is not run)."""
    if workers == 1:
        return [lint_file(path, *jobs_by_index[n]) for path, n in tasks]
    sharing = min(workers, len(tasks) // _MIN_FILES_PER_WORKER)
    if sharing >= 2:
        # Reading every file is most of a large tree's time: the workers share it,
        # each testing and checking the files it reads.
        return _in_workers(tasks, jobs_by_index, sharing, meanwhile)
    # A smaller tree: the main process reads and tests every file (most never spell
    # a getter), and starts workers only for enough bytes of candidates.
    results, candidates, candidate_bytes = [], [], 0
    for path, n in tasks:
        try:
            data = read_bytes(path)
        except OSError:
            results.append(lint_file(path, *jobs_by_index[n]))  # reports why, as one line
            continue
        settings, options = jobs_by_index[n]
        if may_need_checking(data, settings, options.selection, path):
            candidates.append((path, n, data))
            candidate_bytes += len(data)
        else:
            results.append(FileResult(path))  # nothing to report: kept in the cache too
    workers = min(workers, candidate_bytes // _MIN_BYTES_PER_WORKER)
    if workers < 2:
        return results + [lint_bytes(data, path, *jobs_by_index[n]) for path, n, data in candidates]
    return results + _in_workers([(path, n) for path, n, _ in candidates], jobs_by_index, workers)


# Measured on 2 cores: from about 1,000 files, two workers sharing the reads
# beat the main process reading alone (forking two costs ~5 ms), and no more
# workers than one per this many files are forked (on many cores, forking
# costs more than a worker's share of a small tree). Below that, workers pay
# only for this many bytes of candidates each (checking 84 KB of dense files
# was faster in-process, 244 KB faster in two workers).
_MIN_FILES_PER_WORKER = 500
_MIN_BYTES_PER_WORKER = 64_000


def _in_workers(
    tasks: Sequence[tuple[str, int]], jobs_by_index: list[Job], workers: int,
    meanwhile: Callable[[], None] = lambda: None,
) -> list[FileResult]:
    """Lint the tasks in worker processes, in interleaved batches (files of one
    folder often cost alike: dense ones should not all land in one batch)."""
    from functools import partial

    from .command.workers import MAX_BATCHES, run_batches

    count = min(len(tasks), workers * 8, MAX_BATCHES)
    batches = [tasks[k::count] for k in range(count)]
    start = partial(_start_worker, jobs_by_index)
    found = run_batches(_lint_batch, batches, min(workers, count), start, meanwhile)
    results = [FileResult(path) for path, _ in tasks]
    for k, batch_found in enumerate(found):
        for i, result in batch_found:
            results[k + i * count] = result
    return results


def _start_worker(jobs_by_index: list[Job]) -> None:
    _JOBS[:] = jobs_by_index


def _lint_batch(batch: Sequence[tuple[str, int]]) -> list[tuple[int, FileResult]]:
    """(position in the batch, result) of each file with something to report or fix:
    the other results (most) are empty, and cost nothing to send back."""
    results = ((i, lint_file(path, *_JOBS[n])) for i, (path, n) in enumerate(batch))
    return [(i, result) for i, result in results if not result.is_empty()]


def _summary(reports, fixed: int, options: RunOptions) -> str:
    """The closing line. Its hints count what the flags they name would fix: `--fix`
    alone applies the safe fixes only, whatever `--unsafe-fixes` said without it."""
    unsafe = sum(1 for r in reports if r.fix and r.fix.safety is FixSafety.UNSAFE)
    hidden = 0 if options.unsafe_fixes and options.fix else unsafe
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


def _shown_fixes(results: Sequence[FileResult]) -> str:
    lines = []
    for result in results:
        for code, count in sorted(result.fixed_codes.items()):
            lines.append(f"  {result.path}: {count} x {code} ({ALL_CODES[code].slug})\n")
    total = sum(sum(r.fixed_codes.values()) for r in results)
    return f"Fixed {total} violation{'s' if total != 1 else ''}:\n" + "".join(lines) if lines else ""


def _colour(args: argparse.Namespace) -> bool:
    """Colour text output as `--color` says; `auto`, as ruff does: on a terminal, NO_COLOR
    turns it off, FORCE_COLOR on."""
    if args.format != "text" or args.output_file or args.color == "never":
        return False
    if args.color == "always":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or (sys.stdout is not None and sys.stdout.isatty())


def check(args: argparse.Namespace) -> int:
    if not args.watch:
        return _check_once(args)
    return _watch(args)


def _watch(args: argparse.Namespace) -> int:
    """Check, then check again whenever a file the run checked, or a folder it walked,
    changes (polled twice a second: no dependency on a file-system notifier), until
    interrupted."""
    import time

    if args.fix or args.fix_only or args.diff or args.add_noqa or args.stdin_filename is not None:
        print("wsawait: error: --watch only reports (no --fix, --diff, --add-noqa or stdin)", file=sys.stderr)
        return 2
    while True:
        status = _check_once(args)
        if status == 2:
            return status
        print("Watching for file changes.", file=sys.stderr)
        seen = _state(args.paths)
        while _state(args.paths) == seen:
            time.sleep(0.5)


def _state(paths: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Size and time stamp of every Python file and folder below the paths."""
    found = {}
    for given in paths:
        for folder, _, names in os.walk(given) if os.path.isdir(given) else [("", [], [given])]:
            for name in [""] + [n for n in names if n.endswith(".py")]:
                path = os.path.join(folder, name) if name else folder
                try:
                    status = os.stat(path or ".")
                except OSError:
                    continue
                found[path] = (status.st_size, status.st_mtime_ns)
    return found


def _check_once(args: argparse.Namespace) -> int:
    cwd = os.getcwd()
    if "" in args.paths:
        print("wsawait: error: an empty path names no file (use '.' for the working directory)",
              file=sys.stderr)
        return 2
    try:
        line = command_line(args, cwd)
        configs = Configs(cwd, line, explicit=config_file(args), isolated=args.isolated)
        configs.for_cwd()  # a broken configuration fails before any work
    except (ConfigError, ValueError) as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    fix = (args.fix or args.fix_only) and not args.diff
    jobs_by_index: list[Job] = []
    index_of: dict[int, int] = {}
    job_by_directory: dict[str, int] = {}  # most files share a few folders

    def job_of(path: str) -> int:
        directory = os.path.dirname(path)
        n = job_by_directory.get(directory)
        if n is None:
            config = configs.for_directory(directory)
            if id(config) not in index_of:
                options = RunOptions(config.selection, fix=fix, diff=args.diff,
                                     unsafe_fixes=args.unsafe_fixes, write=args.stdin_filename is None,
                                     ignore_noqa=args.ignore_noqa)
                index_of[id(config)] = len(jobs_by_index)
                jobs_by_index.append((config.settings, options))
            n = job_by_directory[directory] = index_of[id(config)]
        return n

    try:
        if args.show_settings is not None:
            from .command.show import shown_settings

            write_output(shown_settings(configs, args.show_settings))
            return 0
        if args.stdin_filename is not None:
            return _check_stdin(args, configs, job_of, jobs_by_index)
        found = discover(args.paths, configs.exclusions, args.gitignore)
        if args.show_files:
            from .command.show import shown_files

            write_output(shown_files(found.files))
            return 0
        tasks = [(path, job_of(path)) for path in found.files]
    except ConfigError as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    if not found.files and not found.problems and not args.quiet:
        print("wsawait: warning: No Python files found under the given path(s)", file=sys.stderr)
    caches = _open_caches(args, configs, jobs_by_index)
    walked = [os.path.join(os.path.abspath(p), "") for p in args.paths if os.path.isdir(p)]
    for cache in filter(None, caches):
        cache.forget_unseen(walked, found.files)
    results, tasks = _cached_results(tasks, caches, jobs_by_index)
    statuses: dict[str, os.stat_result] = {}
    # While workers check the files, this process takes their time stamps for the cache.
    fresh = _lint_all(tasks, jobs_by_index, args.jobs, lambda: statuses.update(_statuses(tasks, caches)))
    _store(fresh, tasks, caches, statuses)
    results += fresh
    reports = sorted(
        found.problems + _decided(results, job_of, jobs_by_index),
        key=lambda r: (r.path, r.line, r.col, r.code),
    )
    if args.add_noqa:
        return _add_noqa(reports)
    options = RunOptions(fix=fix, diff=args.diff, unsafe_fixes=args.unsafe_fixes)
    return _finish(args, reports, results, options)


def _add_noqa(reports: list[Report]) -> int:
    from .command.add_noqa import add_noqa_everywhere

    added, errors = add_noqa_everywhere(reports)
    for error in errors:
        print(f"wsawait: error: {error}", file=sys.stderr)
    print(f"Added {added} noqa directive{'s' if added != 1 else ''}.", file=sys.stderr)
    return 1 if errors else 0


def _decided(results: Sequence[FileResult], job_of, jobs_by_index: list[Job]) -> list[Report]:
    """Every result's reports but those that the project's methods make a guess
    (project_methods.py): looked up here, once per run, after the cache and the
    workers, so that a cached result holds whatever the other files now define."""
    from .command.project_methods import without_guesses

    return [
        report
        for result in results
        for report in without_guesses(result.reports, jobs_by_index[job_of(result.path)][0])
    ]


def _open_caches(args: argparse.Namespace, configs: Configs, jobs_by_index: list[Job]) -> list:
    """A cache per job, or None where results cannot be cached. In inference mode a
    result may depend on any module of the project, so the cache holds only while
    no file of the project (nor an installed package) changed."""
    if not args.cache:
        return [None] * len(jobs_by_index)
    from .command.cache import ResultCache, cache_directory, fingerprint, project_state

    directory = cache_directory(args.cache_dir, configs.for_cwd().settings.project_root)
    caches = []
    for settings, options in jobs_by_index:
        state = ""
        if settings.infer:
            state = project_state(settings.import_roots)
        key = fingerprint(settings, options.selection, options.ignore_noqa)
        caches.append(None if state is None else ResultCache(directory, key, state))
    return caches


def _cached_results(tasks, caches: list, jobs_by_index: list[Job]):
    """(results of unchanged files, the tasks left): a cached result is used unless
    the run would apply one of its fixes. A clean file gives no result at all:
    it has nothing to show."""
    results, left = [], []
    for path, n in tasks:
        cache = caches[n]
        # An empty cache (a first run) has nothing: no lookup per file.
        reports = cache.get(path) if cache is not None and cache.entries else None
        if reports is None:
            left.append((path, n))
        elif reports:
            options = jobs_by_index[n][1]
            if any(r.fix is not None and options.wants(r.fix.safety) for r in reports):
                left.append((path, n))
            else:
                results.append(FileResult(path, reports))
    return results, left


def _statuses(tasks, caches: list) -> dict[str, os.stat_result]:
    """The files' time stamps, for those that have a cache. Taken after the run
    started: a file changed meanwhile is too recent to be stored."""
    found = {}
    for path, n in tasks:
        if caches[n] is not None:
            try:
                found[path] = os.stat(path)
            except OSError:
                pass
    return found


def _store(results: Sequence[FileResult], tasks, caches: list, statuses: dict[str, os.stat_result]) -> None:
    """Keep each checked file's result: after a fix, the file as written now."""
    if not any(caches):
        return
    by_path = {path: n for path, n in tasks}
    for result in results:
        n = by_path.get(result.path)
        cache = caches[n] if n is not None else None
        if cache is None or result.diff:
            continue
        status = statuses.get(result.path) if not result.fixed else None  # a fix rewrote it since
        try:
            cache.put(result.path, status or os.stat(result.path), result.reports)
        except OSError:
            pass
    for cache in caches:
        if cache is not None:
            cache.save()


def _check_stdin(args: argparse.Namespace, configs: Configs, job_of, jobs_by_index: list[Job]) -> int:
    """Standard input as the file `--stdin-filename` names: its configuration, excludes,
    allowlists and module path. With --fix, the fixed source is the output and the
    reports go to stderr."""
    path = args.stdin_filename
    data = sys.stdin.buffer.read()
    if configs.for_path(path).excluded(path):
        result = FileResult(path)
    else:
        result = lint_bytes(data, path, *jobs_by_index[job_of(path)])
    options = RunOptions(fix=args.fix or args.fix_only, diff=args.diff, unsafe_fixes=args.unsafe_fixes)
    fixed = options.fix and not args.diff
    texts = _stdin_text(path, result.fixed_source if fixed and result.fixed_source is not None else data)
    reports = _decided([result], job_of, jobs_by_index)
    if fixed:
        write_output(result.fixed_source if result.fixed_source is not None else data)
        return _finish(args, reports, [result], options, stream=sys.stderr, texts=texts)
    return _finish(args, reports, [result], options, texts=texts)


def _stdin_text(path: str, data: bytes) -> dict[str, str]:
    """The text standard input gave, for outputs that read the checked file again."""
    from .sourcefile import SourceError, decode

    try:
        return {path: decode(data).text}
    except SourceError:
        return {}


def _finish(args, reports, results, options: RunOptions, stream=None, texts=None) -> int:
    """Print the output, the statistics and the summary; the exit status."""
    fixed = sum(result.fixed for result in results)
    if args.diff:
        output = b"".join(result.diff for result in results)
    else:
        output = render(reports, args.format, colour=_colour(args), texts=texts)
    statistics = ""
    if args.statistics:
        counts = Counter(r.code for r in reports)
        for code, count in sorted(counts.items()):
            statistics += f"{count:<5} {code} {ALL_CODES[code].slug}\n"
        if args.format == "text" and not args.diff:
            output, statistics = output + statistics, ""
    if args.output_file:
        try:
            with open(args.output_file, "wb" if isinstance(output, bytes) else "w", **(
                {} if isinstance(output, bytes) else {"encoding": "utf-8", "errors": "wsawait.printable"}
            )) as handle:
                handle.write(output)
        except OSError as exc:
            raise OutputError(f"cannot write {args.output_file}: {exc.strerror or exc}") from None
    elif args.silent or args.fix_only:
        pass  # the violations are not shown
    elif stream is not None:
        stream.write(output if isinstance(output, str) else output.decode("utf-8", "replace"))
    else:
        write_output(output)
    if not (args.quiet or args.silent):
        sys.stderr.write(statistics)
        if args.show_fixes and (options.fix or args.diff):
            sys.stderr.write(_shown_fixes(results))
        if args.fix_only:
            if fixed:
                print(f"Fixed {fixed} violation{'s' if fixed != 1 else ''}.", file=sys.stderr)
        else:
            print(_summary(reports, fixed, options), file=sys.stderr)
    if args.exit_non_zero_on_fix and fixed:
        return 1
    return 1 if reports and not (args.exit_zero or args.fix_only) else 0


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
            return _rule(args)
        if args.command == "clean":
            return _clean(args)
        return check(args)
    except OutputError as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


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
