"""Globs over identifiers (`wsawait-infer-names`), matched in linear time.

`*` matches any run of identifier characters, `?` one, `[abc]`, `[a-z]` and
`[!abc]` one from (or not from) a set, as fnmatch reads them; anything else
matches itself.  No regular expression is built from a glob, so no glob can
make matching backtrack (`*a*a*a*a*b`) or trip the `re` module's warnings
(`[[:alpha:]]`).  Scanning a text first looks for each glob's longest literal
run with `str.find`, then checks only the identifiers around its occurrences.
"""

from __future__ import annotations

import fnmatch
import re
from typing import Iterable, Iterator, Optional

_STAR = "*"
_IDENTIFIER = re.compile(r"(?<!\w)[^\W\d]\w*")
# A definition's name: `def NAME`, also `async def NAME`. No look-behind before
# `def`: a literal start lets `re` scan fast; `undef x` is a harmless extra.


class _Set:
    """A character set, `[...]`, meaning exactly what fnmatch makes of it (its ranges,
    a reversed range, `!`, a `]` first); one character at a time, so linear."""

    __slots__ = ("pattern",)

    def __init__(self, body: str) -> None:
        try:
            self.pattern: Optional[re.Pattern] = re.compile(fnmatch.translate(f"[{body}]"))
        except re.error:  # Python 3.9's fnmatch on a reversed range: it matches nothing
            self.pattern = None

    def __contains__(self, char: str) -> bool:
        return self.pattern is not None and self.pattern.match(char) is not None


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
        # An anchor and the rest of its word: a pattern that starts with a literal, which the
        # regex engine finds by a fast search (the word's start is found by walking back).
        self._tails = [re.compile(r"%s\w*" % re.escape(a)) for a in self._anchors]
        # The same on raw bytes (high bytes: a non-ASCII name's UTF-8), so that the byte
        # test never decodes a whole file.
        self._byte_tails = [re.compile(rb"%s[\w\x80-\xff]*" % re.escape(a)) for a in self.byte_anchors]

    def matches(self, name: str) -> bool:
        return any(_matches(t, name) for t in self._tokens)

    def names_in(self, text: str) -> set[str]:
        """Every identifier in the text that a glob matches."""
        found: set[str] = set()
        for tokens, anchor, tail in zip(self._tokens, self._anchors, self._tails):
            words = _words_around(text, tail, _is_word) if anchor else set(_IDENTIFIER.findall(text))
            found.update(name for name in words - found if not name[0].isdigit() and _matches(tokens, name))
        return found

    def may_occur_in(self, data: bytes) -> bool:
        """A cheap superset test on raw bytes: could a matching identifier be there?"""
        return any(anchor in data for anchor in self.byte_anchors)

    def occur_in_bytes(self, data: bytes) -> bool:
        """Whether an identifier a glob matches may be in the bytes (a superset test)."""
        for tokens, anchor, tail in zip(self._tokens, self.byte_anchors, self._byte_tails):
            if not anchor:
                return bool(self.names_in(data.decode("utf-8", "replace")))
            if anchor not in data:
                continue
            for word in _words_around(data, tail, _is_word_byte):
                name = word.decode("utf-8", "replace")
                if not name[0].isdigit() and _matches(tokens, name):
                    return True
        return False


def _words_around(text, tail: "re.Pattern", is_word) -> set:
    """The words (of a str or bytes) that hold the anchor `tail` starts with, each once;
    linear in the text: a word is walked back over only from its anchor's first place."""
    found = set()
    last_end = -1
    for match in tail.finditer(text):
        start, end = match.span()
        if start < last_end:
            continue
        while start > 0 and is_word(text[start - 1:start]):
            start -= 1
        found.add(text[start:end])
        last_end = end
    return found


def _is_word_byte(char: bytes) -> bool:
    return char.isalnum() or char == b"_" or char[0] >= 0x80


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def first_invalid(globs: Iterable[str]) -> Optional[str]:
    """A glob that can never match an identifier (it needs a character that is not one)."""
    for glob in globs:
        literal = "".join(_literal_runs(_tokens(glob)))
        if any(not _is_word(char) for char in literal):
            return glob
    return None
