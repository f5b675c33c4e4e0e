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
_NOQA_INLINE = re.compile(r"# noqa(?::[\s]?(?P<codes>([A-Z]+[0-9]+(?:[,\s]+)?)+))?", re.IGNORECASE)
_NOQA_FILE = re.compile(r"\s*# flake8[:=]\s*noqa", re.IGNORECASE)
_SEPARATORS = re.compile(r"[,\s]")
_ANY_NOQA = re.compile("noqa", re.IGNORECASE)


def file_is_exempt(lines: Sequence[str]) -> bool:
    return any(_NOQA_FILE.match(line) for line in lines)


class NoqaLines:
    """For each line number, the text flake8 searches for `# noqa` in."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = lines
        self._mapping: Optional[dict[int, str]] = None
        # Tokenizing is the expensive part; a file that never says "noqa" needs none.
        self.any = _ANY_NOQA.search("".join(lines)) is not None

    def _build(self) -> dict[int, str]:
        mapping: dict[int, str] = {}
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO("".join(self.lines)).readline))
        except (tokenize.TokenError, SyntaxError):
            return mapping
        low, high = len(self.lines) + 2, -1
        for kind, _, (start, _), (end, _), _ in tokens:
            if kind in (tokenize.ENDMARKER, tokenize.DEDENT):
                continue
            low, high = min(low, start), max(high, end)
            if kind in (tokenize.NL, tokenize.NEWLINE):
                joined = "".join(self.lines[low - 1:high])
                mapping.update(dict.fromkeys(range(low, high + 1), joined))
                low, high = len(self.lines) + 2, -1
        return mapping

    def suppresses(self, line: int, code: str) -> bool:
        if not self.any:
            return False
        if self._mapping is None:
            self._mapping = self._build()
        text = self._mapping.get(line)
        if text is None:  # flake8 falls back to the physical line
            text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        match = _NOQA_INLINE.search(text)
        if match is None:
            return False
        codes_text = match.group("codes")
        if codes_text is None:
            return True
        codes = {c for c in _SEPARATORS.split(codes_text) if c}
        return code in codes or code.startswith(tuple(codes))
