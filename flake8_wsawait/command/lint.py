"""Linting one file for the standalone command: read, pre-check, parse, check,
apply `# noqa` and the code selection, and fix when asked.

Runs in worker processes, so everything here takes and returns plain data.
"""

from __future__ import annotations

import gc
import re
from collections import Counter
from typing import NamedTuple, Optional

from ..model import FileResult, Report, Violation
from .project_methods import is_guess
from ..rules import FILE_NOT_CHECKED, SYNTAX_ERROR, UNUSED_NOQA, FixSafety
from ..config.selection import Selection
from ..analysis.prefilter import prefilter
from ..config.settings import Settings
from ..errors import first_line, internal_error
from ..sourcefile import Source, SourceError, analysis_text, decode, read_bytes, split_lines

MAX_FIX_ROUNDS = 100  # far above any real need


class RunOptions(NamedTuple):
    selection: Selection = Selection()
    fix: bool = False  # apply fixes
    diff: bool = False  # show fixes as a diff, write nothing
    unsafe_fixes: bool = False
    write: bool = True  # write fixes to the file (else keep the fixed source in the result)
    ignore_noqa: bool = False  # report what `# noqa` comments suppress

    def wants(self, safety: FixSafety) -> bool:
        return (self.fix or self.diff) and (safety is FixSafety.SAFE or self.unsafe_fixes)


def _file_error(path: str, code: str, text: str, line: int = 1, col: int = 1) -> FileResult:
    return FileResult(path, [Report(path, line, col, code, text)])


def _parse(text: str, path: str):
    """The tree, or a FileResult reporting why there is none."""
    import ast  # like the checker, imported on first use: a run served from the cache never parses

    try:
        return ast.parse(text, filename=path)
    except SyntaxError as exc:
        line = exc.lineno or 1
        col = exc.offset or 1
        return _file_error(path, SYNTAX_ERROR.code, f"{type(exc).__name__}: {exc.msg}", line, max(col, 1))
    except (ValueError, RecursionError, MemoryError) as exc:  # NUL bytes, too deep, too big
        return _file_error(path, SYNTAX_ERROR.code, f"{type(exc).__name__}: {first_line(exc)}")


def _violations(text: str, path: str, settings: Settings, options: RunOptions):
    """(lines, selected and not suppressed violations) or a FileResult for a broken file."""
    selection = options.selection
    tree = _parse(text, path)
    if isinstance(tree, FileResult):
        return tree
    # Imported on first use: a run served from the cache never needs them.
    from ..analysis.checker import check_tree
    from .noqa import NoqaLines, file_is_exempt
    from .project_index import project_index

    lines = split_lines(text)
    if file_is_exempt(lines) and not options.ignore_noqa:
        return lines, []

    try:
        everything = check_tree(tree, text, path, settings, lines, project_index(settings))
    except Exception as exc:  # a bug of ours: this file says so, the other files are still checked
        return _file_error(path, FILE_NOT_CHECKED.code, internal_error(exc))
    found = [v for v in everything if selection.selects(v.code, path)]
    if options.ignore_noqa:
        return lines, found
    stale = selection.names(UNUSED_NOQA.code, path)
    if found or stale:
        noqa = NoqaLines(lines)
        found = [v for v in found if not noqa.suppresses(v.line, v.code)]
        if stale:  # judged against every finding: a deselected code's comment still suppresses it
            found = sorted(found + noqa.unused(everything), key=lambda v: v.sort_key)
    return lines, found


def lint_file(path: str, settings: Settings, options: RunOptions) -> FileResult:
    try:
        data = read_bytes(path)
    except OSError as exc:
        return _file_error(path, FILE_NOT_CHECKED.code, f"{type(exc).__name__}: {exc.strerror or exc}")
    return lint_bytes(data, path, settings, options)


_WSA_NOQA = re.compile(rb"(?i)#\s*noqa\s*:[^\n]*WSA")


def may_need_checking(data: bytes, settings: Settings, selection: Selection, path: str) -> bool:
    """The byte test on a file's bytes as read. With a non-ASCII getter name, a file in
    another encoding (a latin-1 cookie) is tested as UTF-8, as the flake8 plugin tests
    the text flake8 decoded. A stale `# noqa: WSA...` (WSA100) may be in any file
    that has one, whatever its calls are."""
    test = prefilter(settings)
    if test.may_contain_getters(data):
        return True
    if _WSA_NOQA.search(data) and selection.names(UNUSED_NOQA.code, path):
        return True
    if test.names_are_ascii or data.isascii():
        return False
    try:
        return test.may_contain_getters(decode(data).text.encode("utf-8", "surrogatepass"))
    except SourceError:
        return True  # undecodable: checking it reports why


def lint_bytes(data: bytes, path: str, settings: Settings, options: RunOptions) -> FileResult:
    if not may_need_checking(data, settings, options.selection, path):
        return FileResult(path)
    try:
        source = decode(data)
    except SourceError as exc:
        return _file_error(path, FILE_NOT_CHECKED.code, str(exc))
    # The cyclic collector keeps rescanning the large, all-alive trees the parser
    # builds; nothing made while checking one file is a cycle worth collecting.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return lint_source(source, path, settings, options)
    finally:
        if collecting:
            gc.enable()


def _reports(path: str, violations) -> list[Report]:
    return [
        Report(
            path, v.line, v.col + 1, v.code, v.message.partition(" ")[2], v.fix,
            v.end_line, None if v.end_col is None else v.end_col + 1, v.unless,
        )
        for v in violations
    ]


def lint_source(source: Source, path: str, settings: Settings, options: RunOptions) -> FileResult:
    """The file's result, with the project files its answers were read from (every
    round of fixes included)."""
    from .project_index import project_index

    index = project_index(settings)
    index.start()
    result = _lint_source(source, path, settings, options)
    result.dependencies = dict(index.consulted)
    return result


def _lint_source(source: Source, path: str, settings: Settings, options: RunOptions) -> FileResult:
    outcome = _violations(analysis_text(source.text), path, settings, options)
    if isinstance(outcome, FileResult):
        return outcome
    first_violations = violations = outcome[1]
    text, fixed = source.text, 0
    must_compile: Optional[bool] = None  # the original compiles: so must every fixed text
    # Fix, re-check, repeat until nothing changes, as ruff does: an edit that
    # overlapped another waits for the next round, and a fix may uncover another
    # violation (`await (await get_x())`). Each round applies at least one fix.
    rounds = 0
    while True:
        # A report that is a guess (project_methods.py) is left to the main process
        # to drop; its fix is never applied.
        wanted = [
            v.fix for v in violations
            if v.fix is not None and options.wants(v.fix.safety) and not is_guess(v, settings)
        ]
        if not wanted or rounds == MAX_FIX_ROUNDS:
            break
        rounds += 1
        if must_compile is None:
            must_compile = compiles(source.text, path)
        outcome = _fix_round(text, wanted, path, settings, options, must_compile)
        if outcome is None:
            break
        text, applied, violations = outcome
        fixed += applied
    if rounds == MAX_FIX_ROUNDS and wanted:  # said, never silent; what is left is reported
        code = FILE_NOT_CHECKED.code
        said = f"{code} fixes did not settle after {MAX_FIX_ROUNDS} rounds; run --fix again to go on"
        unsettled = Violation(1, 0, code, said, None)
        violations = [unsettled] + violations
    if text == source.text:
        return FileResult(path, _reports(path, violations))
    fixed_codes = Counter(v.code for v in first_violations) - Counter(v.code for v in violations)
    from ..files.writes import FileChanged, replace_contents

    if options.diff:  # nothing is written: every violation is still there
        from .diffs import unified_diff

        diff = unified_diff(path, source.data, source.encode(text))
        return FileResult(path, _reports(path, first_violations), fixed_codes=fixed_codes, diff=diff)
    if not options.write:
        fixed_source = source.encode(text)
        return FileResult(path, _reports(path, violations), fixed, fixed_codes, fixed_source=fixed_source)
    try:
        replace_contents(path, source.encode(text), source.data)
    except FileChanged:
        said = "the file changed while it was being fixed; fixes not written"
        failure = Report(path, 1, 1, FILE_NOT_CHECKED.code, said)
        return FileResult(path, [failure] + _reports(path, first_violations))
    except (OSError, UnicodeEncodeError) as exc:
        failure = Report(path, 1, 1, FILE_NOT_CHECKED.code, f"cannot write fixes: {exc}")
        return FileResult(path, [failure] + _reports(path, first_violations))
    return FileResult(path, _reports(path, violations), fixed=fixed, fixed_codes=fixed_codes)


def _fix_round(
    text: str, wanted: list, path: str, settings: Settings, options: RunOptions, must_compile: bool,
):
    """(new text, fixes applied, its violations), or None when no fix can be applied.

    A text that `ast.parse` accepts may still be refused by the compiler
    (`await` in an annotation or, on Python 3.9, in a nested comprehension):
    a fix whose result would not compile is left out.
    """
    from ..analysis.fixes import apply_fixes

    lines = split_lines(text)
    new_text, applied = apply_fixes(lines, wanted)
    if must_compile and not compiles(new_text, path):
        kept = [fix for fix in wanted if compiles(apply_fixes(lines, [fix])[0], path)]
        if not kept or len(kept) == len(wanted):
            return None
        new_text, applied = apply_fixes(lines, kept)
        if not compiles(new_text, path):
            return None
    outcome = _violations(analysis_text(new_text), path, settings, options)
    if not applied or isinstance(outcome, FileResult):
        return None  # a fix whose result does not parse is never written
    return new_text, applied, outcome[1]


def compiles(text: str, path: str) -> bool:
    """Whether the compiler accepts the text (compiled only, never run)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SyntaxWarnings of the linted code are not ours to print
        try:
            compile(analysis_text(text), path, "exec", dont_inherit=True)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True
