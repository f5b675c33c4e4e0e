"""What the `.gitignore` files of a git repository ignore, asked once per entry
of every folder a walk lists.

pathspec decides, pattern by pattern. In front of it stands one combined
search per entry that is true whenever some pattern matches (most entries
match none): the patterns that may match at any depth (`__pycache__/`,
`*.py[cod]`) and cannot match across a `/` are tried on each folder's path
once, then on each entry's own name; the others on the entry's whole path.
"""

from __future__ import annotations

import os
import re
import warnings
from typing import Callable, Collection, NamedTuple, Optional

# (an entry's name, whether it is a folder) -> whether git ignores it
Decision = Callable[[str, bool], bool]


class GitIgnores:
    """The `.gitignore` files of the enclosing repository, each read once; the
    deepest file with a matching pattern decides (a later `!pattern`
    re-includes), as git does. Outside a repository nothing is ignored."""

    def __init__(self) -> None:
        self.files: dict[str, Optional[IgnoreFile]] = {}
        self.chains: dict[str, Optional[list]] = {}
        self.by_directory: dict[str, object] = {}  # folder as written -> its chain

    def for_directory(
        self, directory: str, names: Optional[Collection[str]] = None, absolute: Optional[str] = None,
    ) -> Optional[Decision]:
        """Whether git ignores an entry of `directory` (a folder as written, holding
        `names` when a walk listed it, at `absolute` when known); None when no
        `.gitignore` applies."""
        absolute = absolute or os.path.abspath(directory or ".")
        chain = self.by_directory.get(directory, False)
        if chain is False:
            chain = self.by_directory[directory] = self._chain(absolute, names)
        if not chain:
            return None
        # Each file's patterns see paths relative to its own folder (an ancestor).
        return decision([(file, _relative_folder(absolute, file.folder)) for file in chain])

    def _chain(self, directory: str, names: Optional[Collection[str]] = None) -> Optional[list]:
        """The `.gitignore` files from `directory` (holding `names`, when known) up to
        the repository top (the folder holding `.git`), deepest first; None outside a
        repository."""
        if directory in self.chains:
            return self.chains[directory]
        if (names is None or ".git" in names) and os.path.exists(os.path.join(directory, ".git")):
            above: Optional[list] = []
        else:
            parent = os.path.dirname(directory)
            above = self._chain(parent) if parent != directory else None
        chain = None
        if above is not None:
            ignore_file = self._file(directory) if names is None or ".gitignore" in names else None
            chain = ([ignore_file] if ignore_file is not None else []) + above
        self.chains[directory] = chain
        return chain

    def _file(self, directory: str) -> Optional[IgnoreFile]:
        if directory not in self.files:
            try:
                path = os.path.join(directory, ".gitignore")
                with open(path, encoding="utf-8", errors="replace") as handle:
                    lines = handle.read().splitlines()
            except OSError:
                self.files[directory] = None
            else:
                import pathspec  # only a walk in a repository with a .gitignore pays for it

                self.files[directory] = IgnoreFile(directory, pathspec.GitIgnoreSpec.from_lines(lines))
        return self.files[directory]


def decision(levels: list[tuple["IgnoreFile", str]]) -> Decision:
    """Whether git ignores an entry of a folder, given the `.gitignore` files that
    apply to it (deepest first), each with the folder's path relative to it."""
    tests = [(file.spec.check_file, folder, file.may_match(folder)) for file, folder in levels]

    def ignored(name: str, is_dir: bool) -> bool:
        entry = name + "/" if is_dir else name
        for check_file, folder, may_match in tests:
            if may_match(entry):
                include = check_file(folder + entry).include
                if include is not None:
                    return include
        return False

    return ignored


def _relative_folder(directory: str, ancestor: str) -> str:
    """`directory` seen from `ancestor` (itself or a folder above it, both made by
    os.path.abspath and dirname: one is a prefix of the other), ending in "/";
    "" for the ancestor itself. os.path.relpath costs ten times more."""
    if directory == ancestor:
        return ""
    start = len(ancestor) if ancestor.endswith(os.sep) else len(ancestor) + 1
    return directory[start:].replace(os.sep, "/") + "/"


class _Searches(NamedTuple):
    """The patterns of one file as combined searches."""

    component: Optional[Callable]  # .match(string, pos) of those matching within a component
    whole_path: Optional[Callable]  # .match (or .search) of the others, on the whole relative path


class IgnoreFile:
    """One `.gitignore`: its folder, its patterns and their combined searches."""

    __slots__ = ("folder", "spec", "_searches")

    def __init__(self, folder: str, spec) -> None:
        self.folder = folder
        self.spec = spec
        self._searches = _combined(spec)

    def may_match(self, folder: str) -> Callable[[str], bool]:
        """A test of an entry ("name", or "name/" for a folder) of `folder` (a path
        relative to this file's folder, "" or ending in "/"): true whenever a
        pattern matches folder + entry (maybe also when none does: pathspec decides)."""
        searches = self._searches
        if searches is None:
            return _always
        entry_search, whole_path = searches
        if entry_search is not None and any(entry_search(folder, at) for at in _component_starts(folder)):
            return _always  # the folder itself matches: the walk started inside an ignored folder
        if whole_path is None:
            return lambda entry: entry_search(entry) is not None
        if entry_search is None:
            return lambda entry: whole_path(folder + entry) is not None
        return lambda entry: entry_search(entry) is not None or whole_path(folder + entry) is not None


def _always(entry: str) -> bool:
    return True


def _component_starts(folder: str) -> list[int]:
    """Where each component of a folder path ("" or ending in "/") starts."""
    if not folder:
        return []
    return [0] + [i + 1 for i, char in enumerate(folder) if char == "/" and i + 1 < len(folder)]


# pathspec's patterns name a group; several in one regex must not: they become plain groups.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
# How pathspec starts a pattern without a slash: it may match at any depth.
_ANY_DEPTH = "^(?:.+/)?"
# A pattern that surely matches within one path component (and the "/" after it):
# escaped characters but `\/`, `[^/]`, the folder marker `(?P<ps_d>/)`, classes
# without `^`, ranges, `/` or escapes, and any other character but `/`, `[`, `.`, `\`.
_WITHIN_A_COMPONENT = re.compile(
    r"(?:\\[^/]|\[\^/\]|\(\?P<ps_d>/\)|\[[^\]^\-/\\][^\]\-/\\]*\]|[^/\[.\\])*"
)


def _combined(spec) -> Optional[_Searches]:
    """The spec's patterns as one search per kind; None when they cannot be combined
    (then every pattern is tried)."""
    regexes = [pattern.regex for pattern in spec.patterns if pattern.include is not None]
    flags = {regex.flags for regex in regexes}
    if not regexes or len(flags) != 1:
        return None
    within, anywhere, anchored, floating = [], [], [], []
    for regex in regexes:
        source = regex.pattern
        if source.startswith(_ANY_DEPTH):
            rest = source[len(_ANY_DEPTH):]
            (within if _WITHIN_A_COMPONENT.fullmatch(rest) else anywhere).append(rest)
        elif source.startswith("^"):
            anchored.append(source)
        else:
            floating.append(source)
    if anywhere:
        anchored.append(_ANY_DEPTH + _alternatives(anywhere))
    try:
        with warnings.catch_warnings():  # pathspec has already warned about odd patterns (`[[`)
            warnings.simplefilter("ignore", FutureWarning)
            flag = flags.pop()
            component = re.compile(_alternatives(within), flag).match if within else None
            if floating:  # one search: the anchored alternatives can only match at the start
                whole_path = re.compile(_alternatives(anchored + floating), flag).search
            else:
                whole_path = re.compile(_alternatives(anchored), flag).match if anchored else None
    except re.error:
        return None
    return _Searches(component, whole_path)


def _alternatives(sources: list[str]) -> str:
    return "(?:%s)" % "|".join("(?:%s)" % _NAMED_GROUP.sub("(?:", source) for source in sources)
