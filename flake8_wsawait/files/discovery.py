"""Which files `wsawait check` looks at.

Directories are walked for `*.py`, skipping version-control and tool
directories, virtual environments (any directory holding `pyvenv.cfg`), what
the repository's `.gitignore` files ignore, and the configured excludes.
Symlinked directories are followed once; a loop, a broken link or an
unreadable directory is reported and the walk goes on.  A folder named on the
command line is always read (as ruff reads it); below it the excludes and
`.gitignore` hold.  Files named on the command line are checked unless a
configured exclude matches them (as flake8 does), whatever `.gitignore` says.
"""

from __future__ import annotations

import os
from typing import Callable, Collection, Iterable, Iterator, Optional, Union

from .gitignore import GitIgnores
from ..model import Report
from ..rules import FILE_NOT_CHECKED

# exclusions(folder as written, the names it holds, its absolute path): what
# excludes that folder's entries, or None when nothing can (most folders): asked
# once per folder.
Exclusions = Callable[[str, Optional[Collection[str]], Optional[str]], Optional[Callable[[str], bool]]]

# ruff's default excludes (installed packages, tool caches, build output), plus
# `build` and the caches of the tools themselves.
DEFAULT_EXCLUDES = frozenset((
    ".git", ".git-rewrite", ".hg", ".svn", ".bzr", "__pycache__", "build", "_build", "buck-out",
    "dist", "node_modules", "site-packages", "__pypackages__", ".tox", ".nox", ".venv", "venv",
    ".direnv", ".pyenv", ".eggs", ".ipynb_checkpoints", ".pants.d", ".pytype", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".wsawait_cache",
))


class Discovered:
    """The files to check, and a report for each path that cannot be checked."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.problems: list[Report] = []


def _problem(path: str, text: str) -> Report:
    return Report(path, 1, 1, FILE_NOT_CHECKED.code, text)


def _nothing_excluded(
    directory: str, names: Optional[Collection[str]] = None, absolute: Optional[str] = None,
) -> None:
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
        if os.path.isdir(path):  # a folder named is always read; the excludes hold below it
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
            # As flake8 tests a named file: as written (pre-commit's hooks name files).
            excluded = exclusions(os.path.dirname(given), None)
            if excluded is None or not excluded(given):
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


# Kept whole: one loop whose state (the two stacks, the folders visited) every step
# shares, run once per folder of the tree.
def walk(
    root: str, exclusions: Exclusions = _nothing_excluded, ignores: Optional[GitIgnores] = None,
    linked: Optional[set[str]] = None,
) -> Iterator[Union[str, Report]]:
    """The `*.py` files below a directory, lazily, and a Report for each problem met.
    Files reached through a symbolic link (to them or to a folder above) go in `linked`."""
    visited: set[tuple[int, int]] = set()
    # (folder, its absolute path, reached through a link, the folders above it in this
    # walk). The absolute path is built as the walk goes: os.path.abspath asks the
    # system for the working directory on every call.
    stack: list[tuple[str, str, bool, frozenset]] = [(root, os.path.abspath(root), False, frozenset())]
    # Folders reached through a link wait until every other one is walked, so that a
    # folder seen by two paths is walked under its own.
    linked_stack: list[tuple[str, str, bool, frozenset]] = []
    while stack or linked_stack:
        directory, absolute, through_link, above = stack.pop() if stack else linked_stack.pop()
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
        names = {entry.name for entry in entries}
        if "pyvenv.cfg" in names and directory != root:
            continue  # a virtual environment: installed packages, not the project's code
        visited.add(identity)
        here = above | {identity}
        subdirectories = []
        excluded = exclusions(directory, names, absolute)
        ignored = ignores.for_directory(directory, names, absolute) if ignores is not None else None
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
                linked_here = through_link or entry.is_symlink()
                subdirectories.append((path, os.path.join(absolute, name), linked_here, here))
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
        stack.extend(reversed([d for d in subdirectories if not d[2]]))
        linked_stack.extend(reversed([d for d in subdirectories if d[2]]))
