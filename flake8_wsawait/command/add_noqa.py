"""`--add-noqa`: a `# noqa: CODE` comment for every current finding, as ruff adds them.

Each comment goes on its report's `noqa_row`, the last line of the logical line,
where a comment is code's (never inside a string, never before a backslash
continuation) and suppresses the report. A line's own `# noqa: X` comment takes
the new codes beside its own; a bare `# noqa` already suppresses everything.
Another comment on the line keeps its text, the `# noqa` follows it. The edited
file is written only if it still compiles where it compiled before, atomically,
with its encoding, BOM and line endings; a second run adds nothing.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Iterable, Optional

from .noqa import NOQA_INLINE, noqa_rows
from ..config.settings import split_list
from ..sourcefile import Source, split_lines

_LINE_END = re.compile(r"[ \t\f]*(\r\n|\r|\n)?\Z")


def with_noqa(text: str, wanted: dict[int, set[str]]) -> Optional[str]:
    """The text with the codes added at those lines, or None when the text cannot be
    tokenized (then no comment can be placed safely)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    comments = {tok.start[0]: tok for tok in tokens if tok.type == tokenize.COMMENT}
    lines = split_lines(text)
    for row, codes in wanted.items():
        if not 0 < row <= len(lines):
            continue
        line = lines[row - 1]
        comment = comments.get(row)
        found = NOQA_INLINE.search(comment.string) if comment is not None else None
        if found is not None:
            if found.group("codes") is None:
                continue  # a bare `# noqa` suppresses every code already
            own = list(split_list(found.group("codes")))
            merged = own + sorted(set(codes) - set(own))
            start = comment.start[1] + found.start()
            end = comment.start[1] + found.end()
            lines[row - 1] = f"{line[:start]}# noqa: {', '.join(merged)}{line[end:]}"
            continue
        ending = _LINE_END.search(line)
        body, newline = line[:ending.start()], ending.group(1) or ""
        lines[row - 1] = f"{body}  # noqa: {', '.join(sorted(codes))}{newline}"
    return "".join(lines)


def _codes_by_row(source: Source, reports: list) -> dict[int, set[str]]:
    """The codes each row needs, from one file's reports."""
    where = noqa_rows(reports, {reports[0].path: source.text}) if reports else {}
    rows: dict[int, set[str]] = {}
    for report in reports:
        rows.setdefault(where.get((report.path, report.line), report.line), set()).add(report.code)
    return rows


def add_noqa(path: str, source: Source, reports: list, compiles) -> tuple[int, Optional[str]]:
    """(comments added, an error) for one file; written only when it changed and
    still compiles wherever it compiled."""
    from ..files.writes import replace_contents

    rows = _codes_by_row(source, reports)
    text = with_noqa(source.text, rows)
    if text is None:
        return 0, "cannot place noqa comments: the file does not tokenize"
    if text == source.text:
        return 0, None
    if compiles(source.text, path) and not compiles(text, path):
        return 0, "noqa comments not added: the result would not compile"
    replace_contents(path, source.encode(text), source.data)
    return sum(1 for a, b in zip(split_lines(source.text), split_lines(text)) if a != b), None


def add_noqa_everywhere(reports: Iterable) -> tuple[int, list[str]]:
    """Add the comments every file's reports need: (comments added, one error line
    per file that was left as it was). File problems (E902, E999) have no line to
    suppress."""
    from ..files.writes import FileChanged
    from .lint import compiles
    from ..rules import FILE_PROBLEMS
    from ..sourcefile import SourceError, decode, read_bytes

    skipped = {rule.code for rule in FILE_PROBLEMS}
    by_path: dict[str, list] = {}
    for report in reports:
        if report.code not in skipped:
            by_path.setdefault(report.path, []).append(report)
    added, errors = 0, []
    for path, found in sorted(by_path.items()):
        try:
            count, error = add_noqa(path, decode(read_bytes(path)), found, compiles)
        except (OSError, SourceError, FileChanged, UnicodeEncodeError) as exc:
            count, error = 0, f"noqa comments not added: {exc or type(exc).__name__}"
        added += count
        if error:
            errors.append(f"{path}: {error}")
    return added, errors
