"""Text edits at AST positions, built only where the source text confirms the node.

The ast module gives columns as UTF-8 byte offsets; edits use character
columns so they apply to decoded text.  Every builder checks that the text at
the position is what the node says (e.g. the word `await`) and offers no fix
otherwise, so a position quirk can never turn into a wrong edit.
"""

from __future__ import annotations

import ast
from typing import Optional, Sequence

from ..rules import FixSafety
from ..sourcefile import char_column
from ..model import Edit, Fix


def _text_at(lines: Sequence[str], lineno: int, col: int, length: int) -> str:
    return lines[lineno - 1][col:col + length]


def remove_await(await_node: ast.Await, lines: Sequence[str]) -> Optional[Fix]:
    """Delete the `await` keyword and the blanks after it (safe)."""
    col = char_column(lines, await_node.lineno, await_node.col_offset)
    if col is None or _text_at(lines, await_node.lineno, col, 5) != "await":
        return None
    line = lines[await_node.lineno - 1]
    end = col + 5
    while end < len(line) and line[end] in " \t":
        end += 1
    return Fix(FixSafety.SAFE, (Edit(await_node.lineno, col, await_node.lineno, end, ""),))


def insert_await(call: ast.Call, lines: Sequence[str], parenthesize: bool) -> Optional[Fix]:
    """Insert `await` before the call, as `(await call)` when it is a primary's base (unsafe)."""
    col = char_column(lines, call.lineno, call.col_offset)
    if col is None or call.end_lineno is None or call.end_col_offset is None:
        return None
    if not parenthesize:
        return Fix(FixSafety.UNSAFE, (Edit(call.lineno, col, call.lineno, col, "await "),))
    end_col = char_column(lines, call.end_lineno, call.end_col_offset)
    if end_col is None or _text_at(lines, call.end_lineno, end_col - 1, 1) != ")":
        return None
    return Fix(
        FixSafety.UNSAFE,
        (
            Edit(call.lineno, col, call.lineno, col, "(await "),
            Edit(call.end_lineno, end_col, call.end_lineno, end_col, ")"),
        ),
    )


def replace_name(func: ast.expr, new_name: str, lines: Sequence[str]) -> Optional[Fix]:
    """Replace a callee's final name (a Name, or an Attribute's attribute) (unsafe)."""
    if func.end_lineno is None or func.end_col_offset is None:
        return None
    old = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    end = char_column(lines, func.end_lineno, func.end_col_offset)
    if old is None or end is None:
        return None
    start = end - len(old)
    if start < 0 or _text_at(lines, func.end_lineno, start, len(old)) != old:
        return None
    return Fix(FixSafety.UNSAFE, (Edit(func.end_lineno, start, func.end_lineno, end, new_name),))


def apply_fixes(lines: Sequence[str], fixes: Sequence[Fix]) -> tuple[str, int]:
    """Apply the fixes whose edits do not overlap, from the end of the file backwards.

    `lines` keep their original endings; edit columns never reach into an
    ending, so CRLF and lone CR files keep theirs.  Returns the new text and
    how many fixes were applied (an overlapping one waits for the next round).
    """
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:
        return starts[line - 1] + col

    spans = []
    for fix in fixes:
        edits = [(offset(e.line, e.col), offset(e.end_line, e.end_col), e.text) for e in fix.edits]
        spans.append((max(end for _, end, _ in edits), min(start for start, _, _ in edits), edits))
    spans.sort(key=lambda span: (span[0], span[1]), reverse=True)
    text = "".join(lines)
    limit = len(text) + 1  # where the earliest accepted edit starts
    accepted = []
    applied = 0
    for end, start, edits in spans:
        if end < limit:  # strictly before: two edits at one point wait for the next round
            accepted.extend(edits)
            applied += 1
            limit = start
    pieces = []
    position = len(text)
    for start, end, replacement in sorted(accepted, reverse=True):
        pieces.append(text[end:position])
        pieces.append(replacement)
        position = start
    pieces.append(text[:position])
    return "".join(reversed(pieces)), applied
