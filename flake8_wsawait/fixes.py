"""Text edits at AST positions, built only where the source text confirms the node.

The ast module gives columns as UTF-8 byte offsets; edits use character
columns so they apply to decoded text.  Every builder checks that the text at
the position is what the node says (e.g. the word `await`) and offers no fix
otherwise, so a position quirk can never turn into a wrong edit.
"""

from __future__ import annotations

import ast
from typing import Optional, Sequence

from .rules import FixSafety
from .violation import Edit, Fix


def _char_col(lines: Sequence[str], lineno: int, byte_col: int) -> Optional[int]:
    if not 1 <= lineno <= len(lines):
        return None
    line = lines[lineno - 1]
    if line.isascii():
        return byte_col
    prefix = line.encode("utf-8", "surrogatepass")[:byte_col]
    try:
        return len(prefix.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def _text_at(lines: Sequence[str], lineno: int, col: int, length: int) -> str:
    return lines[lineno - 1][col:col + length]


def remove_await(await_node: ast.Await, lines: Sequence[str]) -> Optional[Fix]:
    """Delete the `await` keyword and the blanks after it (safe)."""
    col = _char_col(lines, await_node.lineno, await_node.col_offset)
    if col is None or _text_at(lines, await_node.lineno, col, 5) != "await":
        return None
    line = lines[await_node.lineno - 1]
    end = col + 5
    while end < len(line) and line[end] in " \t":
        end += 1
    return Fix(FixSafety.SAFE, (Edit(await_node.lineno, col, await_node.lineno, end, ""),))


def insert_await(call: ast.Call, lines: Sequence[str], parenthesize: bool) -> Optional[Fix]:
    """Insert `await` before the call, as `(await call)` when it is a primary's base (unsafe)."""
    col = _char_col(lines, call.lineno, call.col_offset)
    if col is None or call.end_lineno is None or call.end_col_offset is None:
        return None
    if not parenthesize:
        return Fix(FixSafety.UNSAFE, (Edit(call.lineno, col, call.lineno, col, "await "),))
    end_col = _char_col(lines, call.end_lineno, call.end_col_offset)
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
    end = _char_col(lines, func.end_lineno, func.end_col_offset)
    if old is None or end is None:
        return None
    start = end - len(old)
    if start < 0 or _text_at(lines, func.end_lineno, start, len(old)) != old:
        return None
    return Fix(FixSafety.UNSAFE, (Edit(func.end_lineno, start, func.end_lineno, end, new_name),))
