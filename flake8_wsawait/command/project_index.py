"""The project index: what the project's own modules define, for calls from other modules.

`from app.ws import get_cache_manager` then `await get_cache_manager()`: the
call's own import names the function that runs, and `app/ws.py`, read from
its source (never imported), says whether it is a plain `def` or an `async
def` (analysis/exports.py judges it as same-file definitions are judged).
Re-exports (`from .ws import get_cache_manager` in `app/__init__.py`) and
module-level aliases are followed, a few steps at most, never in a circle.

Modules are found below the project's roots (the project root and its `src/`)
as `a/b.py` or `a/b/__init__.py`; installed libraries are not read. Every
file consulted, found or not, is recorded with its size and time stamp, so a
cached result that used an answer holds only while those files are unchanged.
"""

from __future__ import annotations

import ast
import os
from typing import Optional

from ..analysis.exports import Export, module_exports
from ..analysis.prefilter import prefilter
from ..config.settings import Settings
from ..sourcefile import SourceError, analysis_text, decode, read_bytes

# How many re-exports and aliases one question follows.
_MAX_FORWARDS = 8
# Larger modules are not read for the index (generated code): their names stay unknown.
_MAX_MODULE_BYTES = 2_000_000

Stamp = Optional[tuple[int, int]]  # (size, modification time in ns); None: no such file


class ProjectIndex:
    """One per configuration and process; answers are functions of the files' contents."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.consulted: dict[str, Stamp] = {}  # since the last start(): path -> stamp
        self._modules: dict[str, tuple[Stamp, dict[str, Export]]] = {}  # path -> its exports

    def start(self) -> None:
        """A new file is checked: what it consults is recorded afresh."""
        self.consulted = {}

    def kind_of(self, dotted: str) -> Optional[str]:
        """ASYNC, SYNC or UNKNOWN for a project function named by its path, or None
        when the project does not define it (a library's, or no such module)."""
        seen = set()
        while len(seen) < _MAX_FORWARDS and dotted not in seen:
            seen.add(dotted)
            module, _, name = dotted.rpartition(".")
            path = self._module_file(module) if module else None
            export = self._export(path, name) if path is not None else None
            if export is None:
                return None
            if export.forward is None:
                return export.kind
            dotted = export.forward
        return None

    def _stamp(self, path: str) -> Stamp:
        try:
            status = os.stat(path)
        except OSError:
            stamp = None
        else:
            stamp = (status.st_size, status.st_mtime_ns) if os.path.isfile(path) else None
        self.consulted[path] = stamp
        return stamp

    def _module_file(self, module: str) -> Optional[str]:
        parts = module.split(".")
        if not all(part.isidentifier() for part in parts):
            return None
        for root in self.settings.project_roots:
            base = os.path.join(root, *parts)
            # A package before a module of the same name, as Python's path finder looks.
            for path in (os.path.join(base, "__init__.py"), base + ".py"):
                if self._stamp(path) is not None:
                    return path
        return None

    def _export(self, path: str, name: str) -> Optional[Export]:
        stamp = self.consulted[path]
        known = self._modules.get(path)
        if known is None or known[0] != stamp:
            known = self._modules[path] = (stamp, self._read_exports(path, stamp))
        return known[1].get(name)

    def _read_exports(self, path: str, stamp: Stamp) -> dict[str, Export]:
        """Every top-level name of the module that a call elsewhere may ask for (the
        names the checker resolves: configured getters, `wsawait-infer-names`), in
        one parse and one walk."""
        if stamp is None or stamp[0] > _MAX_MODULE_BYTES:
            return {}
        try:
            text = analysis_text(decode(read_bytes(path)).text)
            tree = ast.parse(text, path)
        except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
            return {}  # unreadable or broken: nothing is known of it
        wanted = prefilter(self.settings).candidate_names(text)
        return module_exports(tree, text, path, self.settings, wanted) if wanted else {}


def still_true(consulted: dict[str, Stamp]) -> bool:
    """Every file an answer was read from (or found missing) is as it was. A stamp that
    is not one (a foreign cache) is a change."""
    for path, stamp in consulted.items():
        if stamp is not None and not (isinstance(stamp, (list, tuple)) and len(stamp) == 2):
            return False
        try:
            status = os.stat(path)
        except OSError:
            now = None  # as it was looked for: not there
        except (TypeError, ValueError):
            return False  # not a path
        else:
            now = (status.st_size, status.st_mtime_ns) if os.path.isfile(path) else None
        if now != (tuple(stamp) if stamp is not None else None):
            return False
    return True


_MADE: dict[int, ProjectIndex] = {}


def project_index(settings: Settings) -> ProjectIndex:
    """The process's index for these settings."""
    made = _MADE.get(id(settings))
    if made is None or made.settings is not settings:
        made = _MADE[id(settings)] = ProjectIndex(settings)
    return made
