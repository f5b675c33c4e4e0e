"""Globs over identifiers (`wsawait-infer-names`), matched in linear time.

`*` matches any run of identifier characters, `?` one, `[abc]`, `[a-z]` and
`[!abc]` one from (or not from) a set, as fnmatch reads them; anything else
matches itself.  No regular expression is built from a glob, so no glob can
make matching backtrack (`*a*a*a*a*b`) or trip the `re` module's warnings
(`[[:alpha:]]`).  Scanning a text first looks for each glob's longest literal
run with `str.find`, then checks only the identifiers around its occurrences.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, Optional

_STAR = "*"
_IDENTIFIER = re.compile(r"(?<!\w)[^\W\d]\w*")
# A definition's name: `def NAME`, also `async def NAME`. No look-behind before
# `def`: a literal start lets `re` scan fast; `undef x` is a harmless extra.


class _Set:
    __slots__ = ("chars", "ranges", "negated")

    def __init__(self, body: str) -> None:
        self.negated = body.startswith("!")
        body = body[1:] if self.negated else body
        self.chars, self.ranges = set(), []
        i = 0
        while i < len(body):
            if i + 2 < len(body) and body[i + 1] == "-":
                self.ranges.append((body[i], body[i + 2]))
                i += 3
            else:
                self.chars.add(body[i])
                i += 1

    def __contains__(self, char: str) -> bool:
        inside = char in self.chars or any(low <= char <= high for low, high in self.ranges)
        return inside != self.negated


def _tokens(glob: str) -> list:
    """A glob as a list of: a literal character, "?" (any one), _STAR, or a _Set."""
    tokens: list = []
    i = 0
    while i < len(glob):
        char = glob[i]
        if char == "[":
            # As fnmatch: a "]" right after "[" or "[!" belongs to the set.
            start = i + 2 if glob[i + 1:i + 2] == "!" else i + 1
            close = glob.find("]", start + 1) if start < len(glob) else -1
            if close != -1:
                tokens.append(_Set(glob[i + 1:close]))
                i = close + 1
                continue
        if char == "*" and tokens[-1:] == [_STAR]:
            i += 1  # `**` is `*`
            continue
        tokens.append(char if char in "*?" else ("\0" + char))
        i += 1
    return tokens


def _literal_runs(tokens: list) -> Iterator[str]:
    run = ""
    for token in tokens:
        if type(token) is str and token.startswith("\0"):
            run += token[1]
        else:
            yield run
            run = ""
    yield run


def _one(token, char: str) -> bool:
    if token == "?":
        return True
    if type(token) is _Set:
        return char in token
    return token[1] == char


def _matches(tokens: list, name: str) -> bool:
    """Wildcard matching with a single backtrack point: O(len(name) * len(tokens))."""
    i = j = 0
    star = -1
    mark = 0
    while i < len(name):
        if j < len(tokens) and tokens[j] != _STAR and _one(tokens[j], name[i]):
            i += 1
            j += 1
        elif j < len(tokens) and tokens[j] == _STAR:
            star, mark = j, i
            j += 1
        elif star != -1:
            mark += 1
            i, j = mark, star + 1
        else:
            return False
    while j < len(tokens) and tokens[j] == _STAR:
        j += 1
    return j == len(tokens)


class NameGlobs:
    """A set of identifier globs."""

    def __init__(self, globs: Iterable[str]) -> None:
        self.globs = tuple(globs)
        self._tokens = [_tokens(g) for g in self.globs]
        # Each glob's longest literal run: a matching identifier contains it.
        self._anchors = [max(_literal_runs(t), key=len) for t in self._tokens]
        self.byte_anchors = [a.encode("utf-8") for a in self._anchors]

    def matches(self, name: str) -> bool:
        return any(_matches(t, name) for t in self._tokens)

    def names_in(self, text: str) -> set[str]:
        """Every identifier in the text that a glob matches."""
        found: set[str] = set()
        for tokens, anchor in zip(self._tokens, self._anchors):
            candidates = _identifiers_around(text, anchor) if anchor else _IDENTIFIER.findall(text)
            found.update(name for name in candidates if name not in found and _matches(tokens, name))
        return found

    def may_occur_in(self, data: bytes) -> bool:
        """A cheap superset test on raw bytes: could a matching identifier be there?"""
        return any(anchor in data for anchor in self.byte_anchors)

    def occur_in_bytes(self, data: bytes) -> bool:
        if not self.may_occur_in(data):
            return False
        return bool(self.names_in(data.decode("utf-8", "replace")))


def _identifiers_around(text: str, anchor: str) -> Iterator[str]:
    """The identifiers that contain `anchor`, each once; linear in the text."""
    end = len(text)
    pos = text.find(anchor)
    while pos != -1:
        start = pos
        while start > 0 and _is_word(text[start - 1]):
            start -= 1
        stop = pos + len(anchor)
        while stop < end and _is_word(text[stop]):
            stop += 1
        if not text[start].isdigit():
            yield text[start:stop]
        pos = text.find(anchor, stop)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def first_invalid(globs: Iterable[str]) -> Optional[str]:
    """A glob that can never match an identifier (it needs a character that is not one)."""
    for glob in globs:
        literal = "".join(_literal_runs(_tokens(glob)))
        if any(not _is_word(char) for char in literal):
            return glob
    return None
