"""Which files `wsawait check` looks at.

Directories are walked for `*.py`, skipping version-control and tool
directories, virtual environments (any directory holding `pyvenv.cfg`), what
the repository's `.gitignore` files ignore, and the configured excludes.
Symlinked directories are followed once; a loop, a broken link or an
unreadable directory is reported and the walk goes on.  Files named on the
command line are checked unless a configured exclude matches them (as flake8
does), whatever `.gitignore` says.
"""

from __future__ import annotations

import os
import re
import warnings
from typing import Callable, Collection, Iterable, Iterator, Optional, Union

from .lint import Report

# exclusions(folder as written, the names it holds): what excludes that folder's
# entries, or None when nothing can (most folders): asked once per folder.
Exclusions = Callable[[str, Optional[Collection[str]]], Optional[Callable[[str], bool]]]

DEFAULT_EXCLUDES = frozenset((
    ".git", ".hg", ".svn", ".bzr", "__pycache__", "build", "dist", "node_modules",
    ".tox", ".nox", ".venv", "venv", ".eggs", ".mypy_cache", ".pytest_cache", ".ruff_cache",
    ".wsawait_cache",
))


class Discovered:
    """The files to check, and a report for each path that cannot be checked."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.problems: list[Report] = []


def _problem(path: str, text: str) -> Report:
    return Report(path, 1, 1, "E902", text)


def _nothing_excluded(directory: str, names: Optional[Collection[str]] = None) -> None:
    return None


def discover(
    paths: Iterable[str], exclusions: Exclusions = _nothing_excluded, gitignore: bool = True,
) -> Discovered:
    """`exclusions(folder)`: the configured excludes of the folder's own configuration."""
    found = Discovered()
    ignores = GitIgnores() if gitignore else None
    walked: list[tuple[str, list[str], set[str]]] = []  # (folder, its files, those reached through a link)
    named: list[str] = []
    for given in paths:
        path = os.path.normpath(given)
        # As flake8 tests a named path: as written (`examples/` is not `examples`).
        excluded = exclusions(os.path.dirname(given), None)
        if excluded is not None and excluded(given):
            continue
        if os.path.isdir(path):
            files: list[str] = []
            linked: set[str] = set()
            for item in walk(path, exclusions, ignores, linked):
                if isinstance(item, str):
                    files.append(item)
                else:
                    found.problems.append(item)
            walked.append((path, files, linked))
        elif os.path.lexists(path) and not os.path.exists(path):
            found.problems.append(_problem(path, "broken symbolic link"))
        elif os.path.isfile(path):
            named.append(path)
        elif os.path.exists(path):  # a FIFO or device: reading it could block forever
            found.problems.append(_problem(path, "not a regular file"))
        else:
            found.problems.append(_problem(path, "no such file or directory"))
    if len(walked) == 1 and not named and not walked[0][2]:
        found.files = sorted(walked[0][1])  # one folder and no link: each path is its own file
    else:
        found.files = _one_path_per_file(_real_paths(walked, named))
    found.problems.sort(key=lambda r: r.path)
    return found


def _real_paths(
    walked: list[tuple[str, list[str], set[str]]], named: list[str],
) -> dict[str, tuple[str, bool]]:
    """path -> (its real path, reached through a link). Without a realpath() per
    walked file: the folder's, plus the rest, except for what a link leads to."""
    real: dict[str, tuple[str, bool]] = {}
    for folder, files, linked in walked:
        real_folder = os.path.realpath(folder)
        for path in files:
            through_link = path in linked
            suffix = path[len(folder):] if folder != "." else os.sep + path  # "." yields bare names
            resolved = os.path.realpath(path) if through_link else real_folder + suffix
            real.setdefault(path, (resolved, through_link))
    for path in named:
        real.setdefault(path, (os.path.realpath(path), os.path.realpath(path) != os.path.abspath(path)))
    return real


def _one_path_per_file(real: dict[str, tuple[str, bool]]) -> list[str]:
    """Each file once, however many paths reach it (symbolic links, a path given twice):
    a path not through a link when there is one, else the first in sorted order. A
    file checked twice would be reported twice and fixed twice."""
    chosen: dict[str, tuple[bool, str]] = {}
    for path in sorted(real):
        resolved, through_link = real[path]
        if resolved not in chosen or (chosen[resolved][0] and not through_link):
            chosen[resolved] = (through_link, path)
    return sorted(path for _, path in chosen.values())


def walk(
    root: str, exclusions: Exclusions = _nothing_excluded, ignores: Optional["GitIgnores"] = None,
    linked: Optional[set[str]] = None,
) -> Iterator[Union[str, Report]]:
    """The `*.py` files below a directory, lazily, and a Report for each problem met.
    Files reached through a symbolic link (to them or to a folder above) go in `linked`."""
    visited: set[tuple[int, int]] = set()
    # (folder, reached through a link, the folders above it in this walk)
    stack: list[tuple[str, bool, frozenset]] = [(root, False, frozenset())]
    # Folders reached through a link wait until every other one is walked, so that a
    # folder seen by two paths is walked under its own.
    linked_stack: list[tuple[str, bool, frozenset]] = []
    while stack or linked_stack:
        directory, through_link, above = stack.pop() if stack else linked_stack.pop()
        try:
            status = os.stat(directory)
            identity = (status.st_dev, status.st_ino)
            if identity in above:  # a link back to a folder it is in: a real loop
                yield _problem(directory, "symbolic link loop: a folder containing itself")
                continue
            if identity in visited:
                continue  # another path to a folder already walked: its files are checked there
            with os.scandir(directory) as scan:
                entries = list(scan)
        except OSError as exc:
            yield _problem(directory, f"cannot read directory: {exc.strerror or exc}")
            continue
        visited.add(identity)
        here = above | {identity}
        subdirectories = []
        names = {entry.name for entry in entries}
        excluded = exclusions(directory, names)
        ignored = ignores.for_directory(directory, names) if ignores is not None else None
        # "." yields bare names, as flake8 and ruff print them.
        prefix = "" if directory == "." else directory if directory.endswith(os.sep) else directory + os.sep
        for entry in entries:
            name = entry.name
            path = prefix + name
            if name in DEFAULT_EXCLUDES or (excluded is not None and excluded(path)):
                continue
            try:
                is_dir = entry.is_dir()  # follows symlinks
                is_file = not is_dir and entry.is_file()
            except OSError as exc:
                yield _problem(path, f"cannot stat: {exc.strerror or exc}")
                continue
            if ignored is not None and (is_dir or name.endswith(".py")) and ignored(name, is_dir):
                continue
            if is_dir:
                if not os.path.exists(os.path.join(path, "pyvenv.cfg")):
                    subdirectories.append((path, through_link or entry.is_symlink(), here))
            elif name.endswith(".py"):
                if is_file:
                    if linked is not None and (through_link or entry.is_symlink()):
                        linked.add(path)
                    yield path
                elif os.path.exists(path):  # a FIFO or device, maybe through a link: never read
                    yield _problem(path, "not a regular file")
                else:
                    yield _problem(path, "broken symbolic link")
        # Folders in name order: which path names a folder reached twice never
        # depends on the order the file system lists them in.
        subdirectories.sort(key=lambda d: d[0])
        stack.extend(reversed([d for d in subdirectories if not d[1]]))
        linked_stack.extend(reversed([d for d in subdirectories if d[1]]))


class GitIgnores:
    """What the `.gitignore` files of the enclosing git repository ignore.

    Each folder's `.gitignore` is read once; the deepest file with a matching
    pattern decides (a later `!pattern` re-includes), as git does.  Outside a
    repository nothing is ignored.
    """

    def __init__(self) -> None:
        self.files: dict[str, Optional[_IgnoreFile]] = {}
        self.chains: dict[str, Optional[list]] = {}
        self.by_directory: dict[str, object] = {}  # folder as written -> its chain

    def for_directory(
        self, directory: str, names: Optional[Collection[str]] = None,
    ) -> Optional[Callable[[str, bool], bool]]:
        """Whether git ignores an entry of `directory` (a folder as written, holding
        `names` when a walk listed it), given the entry's name and whether it is a
        folder; None when no `.gitignore` applies."""
        absolute = os.path.abspath(directory or ".")
        chain = self.by_directory.get(directory, False)
        if chain is False:
            chain = self.by_directory[directory] = self._chain(absolute, names)
        if not chain:
            return None
        # Each file's patterns see paths relative to its own folder (an ancestor).
        levels = []
        for ignore_file in chain:
            relative = os.path.relpath(absolute, ignore_file.folder).replace(os.sep, "/")
            levels.append((ignore_file, "" if relative == "." else relative + "/"))
        return lambda name, is_dir: _ignored(levels, name + ("/" if is_dir else ""))

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

    def _file(self, directory: str) -> Optional[_IgnoreFile]:
        if directory not in self.files:
            try:
                path = os.path.join(directory, ".gitignore")
                with open(path, encoding="utf-8", errors="replace") as handle:
                    lines = handle.read().splitlines()
            except OSError:
                self.files[directory] = None
            else:
                import pathspec  # only a walk in a repository with a .gitignore pays for it

                self.files[directory] = _IgnoreFile(directory, pathspec.GitIgnoreSpec.from_lines(lines))
        return self.files[directory]


def _ignored(levels: list, entry: str) -> bool:
    """Whether the entry (a name, with "/" after a folder's) is ignored: the deepest
    `.gitignore` with a matching pattern decides."""
    for ignore_file, relative_folder in levels:
        relative = relative_folder + entry
        if ignore_file.anything is not None and not ignore_file.anything(relative):
            continue  # no pattern matches: this file has no say (most paths, most files)
        include = ignore_file.spec.check_file(relative).include
        if include is not None:
            return include
    return False


class _IgnoreFile:
    """One `.gitignore`: its folder, its patterns, and a regex that matches a path
    exactly when one of them does: one search per path instead of one per pattern."""

    __slots__ = ("folder", "spec", "anything")

    def __init__(self, folder: str, spec) -> None:
        self.folder = folder
        self.spec = spec
        self.anything = _any_pattern(spec)


# pathspec's patterns name a group; several in one regex must not: they become plain groups.
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


# How pathspec starts a pattern without a slash: it may match at any depth.
_ANY_DEPTH = "^(?:.+/)?"


def _any_pattern(spec) -> Optional[Callable[[str], bool]]:
    """Whether any of the spec's patterns matches a path (pathspec searches each
    pattern's regex), as one search over their alternation; None when it cannot be
    built: then every pattern is tried. The patterns anchored at the start are
    matched there only; those that may match at any depth share one `(?:.+/)?`."""
    regexes = [pattern.regex for pattern in spec.patterns if pattern.include is not None]
    flags = {regex.flags for regex in regexes}
    if not regexes or len(flags) != 1:
        return None
    sources = [_NAMED_GROUP.sub("(?:", regex.pattern) for regex in regexes]
    anywhere = [source[len(_ANY_DEPTH):] for source in sources if source.startswith(_ANY_DEPTH)]
    anchored = ["(?:%s)" % s for s in sources if s.startswith("^") and not s.startswith(_ANY_DEPTH)]
    floating = ["(?:%s)" % s for s in sources if not s.startswith("^")]
    if anywhere:
        anchored.append(_ANY_DEPTH + "(?:%s)" % "|".join("(?:%s)" % source for source in anywhere))
    try:
        with warnings.catch_warnings():  # pathspec has already warned about odd patterns (`[[`)
            warnings.simplefilter("ignore", FutureWarning)
            at_start = re.compile("|".join(anchored), flags.copy().pop()).match if anchored else None
            inside = re.compile("|".join(floating), flags.pop()).search if floating else None
    except re.error:
        return None
    if inside is None:
        return lambda path: at_start(path) is not None
    if at_start is None:
        return lambda path: inside(path) is not None
    return lambda path: at_start(path) is not None or inside(path) is not None
