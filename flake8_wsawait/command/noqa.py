"""`# noqa` exactly as flake8 applies it, for the standalone command.

flake8 searches for the comment in the reported line's whole logical line (a
statement spanning several lines, or a multi-line string, shares one noqa
text), codes match by prefix, and `# flake8: noqa` on a line of its own
exempts the whole file.
"""

from __future__ import annotations

import io
import re
import tokenize
from typing import Optional, Sequence

# The same patterns as flake8's defaults.NOQA_INLINE_REGEXP and NOQA_FILE.
NOQA_INLINE = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
_NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)
_SEPARATORS = re.compile(r"[,\s]")
_ANY_NOQA = re.compile("noqa", re.IGNORECASE)


def noqa_rows(reports: Sequence, texts: Optional[dict] = None) -> dict[tuple[str, int], int]:
    """(path, line) -> the line its `# noqa` goes on (NoqaLines.row), for reports of
    files read from disk, or from `texts` (path -> text: standard input). Worked out
    only for the outputs that show it, from the files as they are now (after a fix:
    the file the reports are of)."""
    from ..sourcefile import SourceError, analysis_text, decode, read_bytes, split_lines

    found: dict[tuple[str, int], int] = {}
    for path in dict.fromkeys(r.path for r in reports):
        text = (texts or {}).get(path)
        if text is None:
            try:
                text = decode(read_bytes(path)).text
            except (OSError, SourceError):
                continue
        rows = NoqaLines(split_lines(analysis_text(text)))
        for report in reports:
            if report.path == path:
                found[(path, report.line)] = rows.row(report.line)
    return found


def file_is_exempt(lines: Sequence[str]) -> bool:
    return any(_NOQA_FILE.match(line) for line in lines)


class NoqaLines:
    """For each line number, the text flake8 searches for `# noqa` in, and the line
    where a `# noqa` comment for it belongs."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self._mapping: Optional[dict[int, tuple[int, int]]] = None  # line -> its logical line's span
        self._comments: dict[int, tuple[int, str]] = {}  # line -> (column, text) of its comment
        # Tokenizing is the expensive part; a file that never says "noqa" needs none.
        self.any = _ANY_NOQA.search("".join(lines)) is not None

    def _build(self) -> dict[int, tuple[int, int]]:
        mapping: dict[int, tuple[int, int]] = {}
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO("".join(self.lines)).readline))
        except (tokenize.TokenError, SyntaxError):
            return mapping
        low, high = len(self.lines) + 2, -1
        for kind, string, (start, column), (end, _), _ in tokens:
            if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            if kind == tokenize.COMMENT:
                self._comments[start] = (column, string)
            low, high = min(low, start), max(high, end)
            if kind in (tokenize.NL, tokenize.NEWLINE):
                mapping.update(dict.fromkeys(range(low, high + 1), (low, high)))
                low, high = len(self.lines) + 2, -1
        return mapping

    def _span(self, line: int) -> Optional[tuple[int, int]]:
        if self._mapping is None:
            self._mapping = self._build()
        return self._mapping.get(line)

    def row(self, line: int) -> int:
        """The line a `# noqa` comment for a report on `line` goes on: the last line of
        its logical line (after a backslash continuation, a bracketed statement or a
        multi-line string ends), where a comment is code's and suppresses it."""
        span = self._span(line)
        return span[1] if span is not None else line

    def suppresses(self, line: int, code: str) -> bool:
        if not self.any:
            return False
        span = self._span(line)
        if span is not None:
            text = "".join(self.lines[span[0] - 1:span[1]])
        else:  # flake8 falls back to the physical line
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        match = NOQA_INLINE.search(text)
        if match is None:
            return False
        codes_text = match.group("codes")
        if codes_text is None:
            return True
        codes = {c for c in _SEPARATORS.split(codes_text) if c}
        return code in codes or code.startswith(tuple(codes))

    def unused(self, violations: Sequence) -> list:
        """WSA100 for each `# noqa: ...` comment naming WSA codes that no violation of
        its logical line has (`violations`: before noqa applied), with the fix that
        removes them. Other tools' codes and a bare `# noqa` are not judged."""
        if not self.any:
            return []
        from ..rules import UNUSED_NOQA, FixSafety, message
        from ..model import Edit, Fix, Violation

        if self._mapping is None:
            self._mapping = self._build()
        found = []
        for row, (column, comment) in sorted(self._comments.items()):
            match = NOQA_INLINE.search(comment)
            if match is None or match.group("codes") is None:
                continue
            codes = [c for c in _SEPARATORS.split(match.group("codes")) if c]
            span = self._span(row)
            here = {v.code for v in violations if self._span(v.line) == span or v.line == row}
            unused = [c for c in codes if c.upper().startswith("WSA") and not any(
                code.startswith(c.upper()) for code in here
            )]
            if not unused:
                continue
            kept = [c for c in codes if c not in unused]
            start, end = column + match.start(), column + match.end()
            line = self.lines[row - 1]
            if kept:
                replacement = f"# noqa: {', '.join(kept)}"
            else:  # the whole directive goes, with the blanks before it
                replacement = ""
                start = len(line[:start].rstrip(" \t"))
                if comment[match.end():].strip() == "" and line[end:].strip() == "":
                    end = len(line.rstrip("\r\n"))
            fix = Fix(FixSafety.SAFE, (Edit(row, start, row, end, replacement),))
            text = message(UNUSED_NOQA.code, "plain", codes=", ".join(unused))
            end_col = column + len(comment)
            found.append(Violation(row, column, UNUSED_NOQA.code, text, None, fix, row, end_col))
        return found
