"""The methods the project defines under the configured bare getter names.

`obj.update_user()` on a receiver nothing resolves may call any method named
`update_user`.  When the project itself defines one of the other kind than the
configured getter (a service's `async def update_user` beside a library
client's sync `update_user`), matching the call by its name is a guess, and
the call is not reported: in fast mode and in inference mode alike.  Calls
whose target is known by its path (a bare name, `module.func`, `Class.method`,
`self.x()` decided in the file) never ask this.

A test double stands for the real object only in tests: a method of a class in
a test file makes calls ambiguous in test files only, so one fake's `async def
get_websocket_manager` never silences the service code it stands in for.

What a method is follows the same policy as same-file definitions (one
judgement for both: definitions.py): `async def` is async; a plain `def` is
sync only when everything it returns is plainly not awaitable.  The project is
the folder tree below the project root, walked as `wsawait check` walks it;
the index depends on those files only, never on which files a run names, so a
whole-tree run and runs over named files in batches agree.
"""

from __future__ import annotations

import os
import re
from typing import Optional

from ..model import Unless
from ..config.path_globs import is_test_path


class ProjectMethods:
    """name -> the kinds of the project's methods of that name, by where they are."""

    def __init__(self, root: str, names: frozenset[str], settings) -> None:
        self.root = root
        self.names = names
        self.settings = settings
        # (name, is_async) -> {defined in a test file, ...}
        self.found: Optional[dict[tuple[str, bool], set[bool]]] = None

    def holds(self, unless: Unless) -> bool:
        """Whether the project defines the method that makes the report a guess."""
        if self.found is None:
            self.found = self._scan()
        where = self.found.get((unless.name, unless.is_async), ())
        return False in where or (unless.in_tests and True in where)

    def _scan(self) -> dict[tuple[str, bool], set[bool]]:
        from ..files.discovery import walk
        from ..sourcefile import SourceError, decode, read_bytes

        found: dict[tuple[str, bool], set[bool]] = {}
        if not self.names:
            return found
        encoded = [n.encode("utf-8") for n in sorted(self.names)]
        pattern = re.compile(rb"\bdef[ \t]+(?:%s)\b" % b"|".join(map(re.escape, encoded)))
        for path in walk(self.root):
            if not isinstance(path, str):
                continue  # a problem the lint run itself reports, if it meets it
            try:
                data = read_bytes(path)
            except OSError:
                continue
            if not any(n in data for n in encoded) or pattern.search(data) is None:
                continue
            try:
                text = decode(data).text
            except SourceError:
                continue
            for name, kind in _method_kinds(text, path, self.settings, self.names):
                if kind is not None:
                    found.setdefault((name, kind == "async"), set()).add(is_test_path(path, self.root))
        return found


def _method_kinds(text: str, path: str, settings, wanted: frozenset[str]):
    import ast

    from ..analysis.checker import method_kinds
    from ..sourcefile import analysis_text

    text = analysis_text(text)
    try:
        tree = ast.parse(text, filename=path)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    try:
        return method_kinds(tree, text, path, settings, wanted)
    except RecursionError:
        return []


def is_guess(item, settings) -> bool:
    """Whether a violation or report, matched by name, meets a method of the other
    kind in the project: then it is no report."""
    return item.unless is not None and project_methods(settings).holds(item.unless)


def without_guesses(items: list, settings) -> list:
    """The violations or reports left once each one's Unless is looked up."""
    if all(item.unless is None for item in items):
        return items
    return [item for item in items if not is_guess(item, settings)]


_INDEXES: dict[tuple, ProjectMethods] = {}


def project_methods(settings) -> ProjectMethods:
    """The process's index for these settings' project root and bare getter names,
    read on first need and kept: the files do not change during one run."""
    names = frozenset(g.final for g in settings.sync_getters + settings.async_getters if not g.dotted)
    key = (os.path.abspath(settings.project_root), names)
    index = _INDEXES.get(key)
    if index is None:
        index = _INDEXES[key] = ProjectMethods(key[0], names, settings)
    return index
