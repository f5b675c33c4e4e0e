"""Text-level facts found before (or instead of) walking the tree.

Everything the checker needs to know about a name (its bindings, a def of
that name, an import of it, a string that patches it, a call of it) is a node
whose source span contains a place where the name is spelled.  So the walk can
skip every node whose span spells none of the names that matter here: the
getters, their import aliases and the consumers.
"""

from __future__ import annotations

import ast
import re
import sys
from bisect import bisect_left
from typing import Iterable


_AS_ALIAS = re.compile(r"\s+as\s+(\w+)")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


_WORD = re.compile(r"\w+")
# Python 3.9's parser gives nodes inside a multi-line f-string wrong columns:
# in a file with one, no node can be skipped by position.
_POSITIONS_UNRELIABLE = sys.version_info < (3, 10)
_MULTILINE_FSTRING = re.compile(r"""(?<![\w'"])(?:[fF][rR]?|[rR][fF])(?:'''|\"\"\")""")
# Past this many names, one pass over every word beats one str.find pass per name.
_FIND_PER_NAME_UP_TO = 16


def occurrences(text: str, names: Iterable[str]) -> list[int]:
    """Sorted offsets where a name stands as a whole word (`m` not inside `manager`).

    For a few names, str.find per name: far faster than a regex, which cannot
    use a literal fast path. For many (every name bound in a long function),
    one pass over the words, so the cost stays linear in the text.
    """
    names = set(names)
    if len(names) > _FIND_PER_NAME_UP_TO:
        return [match.start() for match in _WORD.finditer(text) if match.group() in names]
    found = []
    end = len(text)
    for name in names:
        size = len(name)
        pos = text.find(name)
        while pos != -1:
            after = pos + size
            if (pos == 0 or not _is_word_char(text[pos - 1])) and (
                after == end or not _is_word_char(text[after])
            ):
                found.append(pos)
            pos = text.find(name, after)
    found.sort()
    return found


class PositionIndex:
    """Where the names are spelled, as (line, UTF-8 byte column) like the ast module's.

    `covers(node)` tells whether a node's source span contains one of them:
    the walk descends only into such nodes.
    """

    def __init__(self, text: str, names: Iterable[str], first_line: int = 1) -> None:
        """`text` starts at the beginning of line `first_line` of the file."""
        self.everything = _POSITIONS_UNRELIABLE and _MULTILINE_FSTRING.search(text) is not None
        keys: list[int] = []
        line, last, line_start = first_line, 0, 0
        for start in occurrences(text, [n for n in names if n]):
            newlines = text.count("\n", last, start)
            if newlines:
                line += newlines
                line_start = text.rfind("\n", last, start) + 1
            last = start
            prefix = text[line_start:start]
            col = start - line_start if prefix.isascii() else len(prefix.encode("utf-8", "surrogatepass"))
            keys.append(line << 32 | col)
        self.keys = keys

    def covers(self, node: ast.AST) -> bool:
        if self.everything:
            return True
        keys = self.keys
        start = span_start(node)
        i = bisect_left(keys, start.lineno << 32 | start.col_offset)
        return i < len(keys) and keys[i] < (node.end_lineno << 32 | node.end_col_offset)


DECORATED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def span_start(node: ast.AST) -> ast.AST:
    """The node where `node`'s source starts: a def's or class's first decorator."""
    if type(node) in DECORATED and node.decorator_list:
        return node.decorator_list[0]
    return node


def import_aliases(text: str, getter_names: Iterable[str]) -> set[str]:
    """Names a getter may be imported as (`get_x as gx`); a superset is harmless."""
    aliases = set()
    for name in filter(None, getter_names):  # an empty name would never advance
        pos = text.find(name)
        while pos != -1:
            pos += len(name)
            match = _AS_ALIAS.match(text, pos)
            if match:
                aliases.add(match.group(1))
            pos = text.find(name, pos)
    return aliases
