"""Text edits at AST positions, built only where the source text confirms the node.

The ast module gives columns as UTF-8 byte offsets; edits use character
columns so they apply to decoded text.  Every builder checks that the text at
the position is what the node says (e.g. the word `await`) and offers no fix
otherwise, so a position quirk can never turn into a wrong edit.
"""

from __future__ import annotations

import ast
import os
import stat
from typing import Optional, Sequence

from .rules import FixSafety
from .sourcefile import char_column
from .violation import Edit, Fix


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


class FileChanged(Exception):
    """The file is no longer what was read: someone saved it meanwhile."""


def replace_contents(path: str, data: bytes, expected: bytes) -> None:
    """Replace the file's contents with `data`, only while it still holds `expected`.

    Through a symlink, its target is written. A file with one link is replaced
    in one step (a temporary file renamed over it: a reader sees the old or
    the new contents), keeping its mode, owner where permitted, and extended
    attributes. A file with several hard links is rewritten in place instead,
    so that every link keeps seeing it; that write is not atomic.
    """
    real = os.path.realpath(path)
    status = os.stat(real)
    if status.st_nlink > 1:
        _rewrite_in_place(real, data, expected)
        return
    import tempfile  # only a run that writes pays for it

    directory, name = os.path.split(real)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".wsawait")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        try:
            os.chown(temporary, status.st_uid, status.st_gid)
        except OSError:
            pass  # not permitted for this user: the new file is theirs
        _copy_extended_attributes(real, temporary)
        with open(real, "rb") as current:
            if current.read() != expected:
                raise FileChanged(real)
        os.replace(temporary, real)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def _rewrite_in_place(real: str, data: bytes, expected: bytes) -> None:
    with open(real, "r+b") as stream:
        if stream.read() != expected:
            raise FileChanged(real)
        stream.seek(0)
        stream.write(data)
        stream.truncate()
        stream.flush()
        os.fsync(stream.fileno())


def _copy_extended_attributes(source: str, target: str) -> None:
    if not hasattr(os, "listxattr"):  # Linux only
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        try:
            os.setxattr(target, name, os.getxattr(source, name))
        except OSError:
            pass  # e.g. a security label this user may not set
