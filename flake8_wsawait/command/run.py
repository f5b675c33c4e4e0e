"""One `wsawait check` run: configurations, the walk, the cache, the checks, the output
and the exit status."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from typing import Callable, Optional, Sequence

from ..config.projects import CommandLine, Configs
from ..config.settings import ConfigError
from ..files.discovery import discover
from ..model import FileResult, Report
from ..rules import ALL_CODES, FixSafety
from .lint import RunOptions, lint_bytes
from .output import render
from .printing import OutputError, write_output
from .scheduling import Job, lint_all


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


def check(args: argparse.Namespace, line: CommandLine, explicit: Optional[str]) -> int:
    """`wsawait check` with its parsed arguments, what they set (`line`) and the
    configuration file `--config` names (`explicit`)."""
    if not args.watch:
        return _check_once(args, line, explicit)
    return _watch(args, line, explicit)


def _watch(args: argparse.Namespace, line: CommandLine, explicit: Optional[str]) -> int:
    """Check, then check again whenever a file the run checked, or a folder it walked,
    changes (polled twice a second: no dependency on a file-system notifier), until
    interrupted."""
    import time

    if args.fix or args.fix_only or args.diff or args.add_noqa or args.stdin_filename is not None:
        print("wsawait: error: --watch only reports (no --fix, --diff, --add-noqa or stdin)", file=sys.stderr)
        return 2
    while True:
        status = _check_once(args, line, explicit)
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


def _check_once(args: argparse.Namespace, line: CommandLine, explicit: Optional[str]) -> int:
    cwd = os.getcwd()
    try:
        configs = Configs(cwd, line, explicit=explicit, isolated=args.isolated)
        configs.for_cwd()  # a broken configuration fails before any work
    except (ConfigError, ValueError) as exc:
        print(f"wsawait: error: {exc}", file=sys.stderr)
        return 2
    fix = (args.fix or args.fix_only) and not args.diff
    job_of, jobs_by_index = _jobs(args, configs, fix)
    try:
        if args.show_settings is not None:
            from .show import shown_settings

            write_output(shown_settings(configs, args.show_settings))
            return 0
        if args.stdin_filename is not None:
            return _check_stdin(args, configs, job_of, jobs_by_index)
        found = discover(args.paths, configs.exclusions, args.gitignore)
        if args.show_files:
            from .show import shown_files

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
    fresh = lint_all(tasks, jobs_by_index, args.jobs, lambda: statuses.update(_statuses(tasks, caches)))
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


def _jobs(args: argparse.Namespace, configs: Configs, fix: bool) -> tuple[Callable[[str], int], list[Job]]:
    """(the job index of a path, the jobs): one job per configuration the run meets,
    numbered as met, so that workers are handed small indexes, not settings."""
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

    return job_of, jobs_by_index


def _add_noqa(reports: list[Report]) -> int:
    from .add_noqa import add_noqa_everywhere

    added, errors = add_noqa_everywhere(reports)
    for error in errors:
        print(f"wsawait: error: {error}", file=sys.stderr)
    print(f"Added {added} noqa directive{'s' if added != 1 else ''}.", file=sys.stderr)
    return 1 if errors else 0


def _decided(results: Sequence[FileResult], job_of, jobs_by_index: list[Job]) -> list[Report]:
    """Every result's reports but those that the project's methods make a guess
    (project_methods.py): looked up here, once per run, after the cache and the
    workers, so that a cached result holds whatever the other files now define."""
    from .project_methods import without_guesses

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
    from .cache import ResultCache, cache_directory, fingerprint, project_state
    from ..files.site_packages import library_roots

    directory = cache_directory(args.cache_dir, configs.for_cwd().settings.project_root)
    caches = []
    for settings, options in jobs_by_index:
        state = ""
        if settings.infer:
            state = project_state(settings.import_roots)
        # Which installed libraries the index reads is not a setting, yet answers depend on it.
        libraries = library_roots(settings.project_root)
        key = fingerprint(settings, options.selection, options.ignore_noqa, libraries)
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
            cache.put(result.path, status or os.stat(result.path), result.reports, result.dependencies)
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
    from ..sourcefile import SourceError, decode

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
