"""What git ignores, asked once per entry of every folder a walk lists.

The sources git reads, each in its precedence: the `.gitignore` of every folder
from the entry's up to the repository's top (deeper ones first), then
`.git/info/exclude`, then the global excludes file (`core.excludesFile`, by
default `$XDG_CONFIG_HOME/git/ignore`); and, as ruff reads them, `.ignore` files,
which come before the `.gitignore` of the same folder and apply outside a
repository too.  Within one file the last matching pattern decides, as in git.

pathspec turns each pattern into a regex.  An entry is matched by its own path
only: pathspec's "a folder above it is ignored" matches are left out, because
the walk never lists the entries of an ignored folder, except below a path the
user named, and a named path is always checked (below it, only patterns that
match an entry itself apply, as ruff does).  So `*`, `!*/`, `!*.py` keeps every
folder and every `.py` file, as git does.

In front of the patterns stands one combined search per entry that is true
whenever some pattern matches (most entries match none): the patterns that may
match at any depth (`__pycache__/`, `*.py[cod]`) and cannot match across a `/`
are tried on each folder's path once, then on each entry's own name; the others
on the entry's whole path.
"""

from __future__ import annotations

import os
import re
import warnings
from typing import Callable, Collection, NamedTuple, Optional

# (an entry's name, whether it is a folder) -> whether git ignores it
Decision = Callable[[str, bool], bool]
_DIRECTORY_MARK = "ps_d"  # pathspec's group for the "/" after a folder's name


class GitIgnores:
    """The ignore files that apply to each folder, each read once."""

    def __init__(self) -> None:
        self.files: dict[str, Optional[IgnoreFile]] = {}
        self.chains: dict[str, tuple[bool, list]] = {}  # folder -> (in a repository, its files)
        self.by_directory: dict[str, object] = {}  # folder as written -> its chain
        self._global: Optional[list] = None

    def for_directory(
        self, directory: str, names: Optional[Collection[str]] = None, absolute: Optional[str] = None,
    ) -> Optional[Decision]:
        """Whether git ignores an entry of `directory` (a folder as written, holding
        `names` when a walk listed it, at `absolute` when known); None when no
        ignore file applies."""
        absolute = absolute or os.path.abspath(directory or ".")
        chain = self.by_directory.get(directory, False)
        if chain is False:
            chain = self.by_directory[directory] = self._chain(absolute, names)[1]
        if not chain:
            return None
        # Each file's patterns see paths relative to its own folder (an ancestor).
        return decision([(file, _relative_folder(absolute, file.folder)) for file in chain])

    def _chain(self, directory: str, names: Optional[Collection[str]] = None) -> tuple[bool, list]:
        """(whether `directory` is in a repository, the ignore files that apply to its
        entries, the first decisive first), `names` being what it holds when known."""
        if directory in self.chains:
            return self.chains[directory]
        if (names is None or ".git" in names) and os.path.exists(os.path.join(directory, ".git")):
            in_repository, above = True, self._repository_wide(directory)
        else:
            parent = os.path.dirname(directory)
            in_repository, above = self._chain(parent) if parent != directory else (False, [])
        here = [self._file(directory, ".ignore") if names is None or ".ignore" in names else None]
        if in_repository and (names is None or ".gitignore" in names):
            here.append(self._file(directory, ".gitignore"))
        chain = (in_repository, [f for f in here if f is not None] + above)
        self.chains[directory] = chain
        return chain

    def _repository_wide(self, top: str) -> list:
        """`.git/info/exclude` and the global excludes file, for a repository's top:
        their patterns are relative to it."""
        git_dir = _git_dir(top)
        files = [_read(os.path.join(git_dir, "info", "exclude"), top)] if git_dir else []
        excludes = _excludes_file(git_dir)
        if excludes is not None:
            files.append(_read(excludes, top))
        return [f for f in files if f is not None]

    def _file(self, directory: str, name: str) -> Optional[IgnoreFile]:
        path = os.path.join(directory, name)
        if path not in self.files:
            self.files[path] = _read(path, directory)
        return self.files[path]


def _read(path: str, folder: str) -> Optional["IgnoreFile"]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    import pathspec  # only a walk that meets an ignore file pays for it

    return IgnoreFile(folder, pathspec.GitIgnoreSpec.from_lines(map(_as_git_reads, lines)))


def _as_git_reads(line: str) -> str:
    """A line pathspec reads otherwise than git: `x/**/` is every folder inside `x` to
    git (a trailing `/**` is "everything inside"), but `x` itself to pathspec."""
    if line.endswith("/**/") and not line.lstrip("!").startswith("#"):
        return line + "*/"
    return line


def _git_dir(top: str) -> Optional[str]:
    """The repository's git directory: `.git`, or where a `.git` file (a worktree, a
    submodule) points."""
    dot_git = os.path.join(top, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    try:
        with open(dot_git, encoding="utf-8", errors="replace") as handle:
            first = handle.readline().strip()
    except OSError:
        return None
    if not first.startswith("gitdir:"):
        return None
    return os.path.normpath(os.path.join(top, first[len("gitdir:"):].strip()))


_SECTION = re.compile(r"^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+\"[^\"]*\")?\s*\]")
_EXCLUDES_KEY = re.compile(r"^\s*excludesfile\s*=\s*(.*?)\s*$", re.IGNORECASE)


def _excludes_file(git_dir: Optional[str]) -> Optional[str]:
    """`core.excludesFile` from git's configuration files (the last one set wins, as
    git reads them: system, global, the repository's), else git's default."""
    home = os.path.expanduser("~")
    xdg = os.environ.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
    sources = ["/etc/gitconfig", os.path.join(xdg, "git", "config"), os.path.join(home, ".gitconfig")]
    if git_dir:
        sources.append(os.path.join(git_dir, "config"))
    chosen = None
    for source in sources:
        value = _core_excludes_file(source)
        if value is not None:
            chosen = value
    if chosen is None:
        return os.path.join(xdg, "git", "ignore")
    return os.path.expanduser(chosen)


def _core_excludes_file(path: str) -> Optional[str]:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
    except OSError:
        return None
    found, section = None, None
    for line in lines:
        header = _SECTION.match(line)
        if header:
            section = header.group(1).lower()
            continue
        key = _EXCLUDES_KEY.match(line) if section == "core" else None
        if key:
            value = key.group(1)
            found = value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value
    return found


def decision(levels: list[tuple["IgnoreFile", str]]) -> Decision:
    """Whether git ignores an entry of a folder, given the ignore files that apply
    to it (the first decisive first), each with the folder's path relative to it."""
    tests = [(file.verdict, folder, file.may_match(folder)) for file, folder in levels]

    def ignored(name: str, is_dir: bool) -> bool:
        entry = name + "/" if is_dir else name
        for verdict, folder, may_match in tests:
            if may_match(entry):
                include = verdict(folder + entry, is_dir)
                if include is not None:
                    return include
        return False

    return ignored


def _matches_itself(regex, path: str, is_dir: bool) -> bool:
    """Whether a pattern's regex matches the entry at `path` ("a/b", or "a/b/" for a
    folder) itself, not one of the folders above it."""
    match = regex.search(path)
    if match is None:
        return False
    if _DIRECTORY_MARK not in regex.groupindex:
        # `*` (`.`) matches any entry; `a/**` (`^a/`) the entries below `a`, not `a/`.
        return not is_dir or regex.search(path[:-1]) is not None
    mark = match.start(_DIRECTORY_MARK)
    if not is_dir:
        return mark == -1
    if mark == len(path) - 1:
        return True
    # An unanchored folder pattern (`*/`) found a folder above first: look at the end.
    match = regex.search(path, len(path) - 1)
    return match is not None and match.start(_DIRECTORY_MARK) == len(path) - 1


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
    """One ignore file: its folder, its patterns and their combined searches."""

    __slots__ = ("folder", "spec", "_patterns", "_searches")

    def __init__(self, folder: str, spec) -> None:
        self.folder = folder
        self.spec = spec
        self._patterns = [(p.regex, p.include) for p in spec.patterns if p.include is not None]
        self._searches = _combined(spec)

    def verdict(self, path: str, is_dir: bool) -> Optional[bool]:
        """The last pattern's word on the entry at `path` (relative to this file's
        folder), or None when no pattern matches it."""
        found = None
        for regex, include in self._patterns:
            if _matches_itself(regex, path, is_dir):
                found = include
        return found

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
