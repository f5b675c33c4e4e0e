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
import stat
from typing import Optional

from ..analysis.exports import CLASS, Export, method_kind, module_exports
from ..config.settings import Settings, derived
from ..sourcefile import SourceError, analysis_text, decode, read_bytes

# How many re-exports and aliases one question follows.
_MAX_FORWARDS = 8
# Larger modules are not read for the index (generated code): their names stay unknown.
_MAX_MODULE_BYTES = 2_000_000

Stamp = Optional[tuple[int, int]]  # (size, modification time in ns); None: no such file


class _Module:
    """One module's source, parsed once, and the answers read from it so far."""

    def __init__(self, path: str, text: str, tree: ast.Module) -> None:
        self.path, self.text, self.tree = path, text, tree
        self.exports: dict[str, Optional[Export]] = {}
        self.methods: dict[tuple[str, str], Optional[str]] = {}


class ProjectIndex:
    """One per configuration and process; answers are functions of the files' contents."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.consulted: dict[str, Stamp] = {}  # since the last start(): path -> stamp
        self._modules: dict[str, tuple[Stamp, Optional[_Module]]] = {}
        # Within one file's check every path is looked at once: a file calling a getter
        # a thousand times asks the file system once.
        self._resolved: dict[str, Optional[tuple[_Module, Export, str]]] = {}

    def start(self) -> None:
        """A new file is checked: what it consults is recorded afresh."""
        self.consulted = {}
        self._resolved = {}

    def kind_of(self, dotted: str) -> Optional[str]:
        """ASYNC, SYNC or UNKNOWN for a project function named by its path, or None
        when the project does not define it (a library's, or no such module)."""
        found = self._resolve(dotted)
        return found[1].kind if found is not None and found[1].kind != CLASS else None

    def method_kind(self, class_dotted: str, method: str) -> Optional[str]:
        """ASYNC, SYNC or UNKNOWN for `method` of an instance of the project's class
        named by its path (`Registry().get_x()`), or None when not known."""
        found = self._resolve(class_dotted)
        if found is None or found[1].kind != CLASS:
            return None
        module, _, name = found
        key = (name, method)
        if key not in module.methods:
            module.methods[key] = method_kind(
                module.tree, module.text, module.path, self.settings, name, method,
            )
        return module.methods[key]

    def _resolve(self, dotted: str) -> Optional[tuple[_Module, Export, str]]:
        """(the module, the export, its name there) that a dotted path ends at, through
        re-exports and aliases; None when it leaves the project or goes round."""
        if dotted not in self._resolved:
            self._resolved[dotted] = self._follow(dotted)
        return self._resolved[dotted]

    def _follow(self, dotted: str) -> Optional[tuple[_Module, Export, str]]:
        seen = set()
        while len(seen) < _MAX_FORWARDS and dotted not in seen:
            seen.add(dotted)
            module_name, _, name = dotted.rpartition(".")
            module = self._module(module_name) if module_name else None
            if module is None:
                return None
            if name not in module.exports:
                wanted = frozenset({name})
                module.exports[name] = module_exports(
                    module.tree, module.text, module.path, self.settings, wanted,
                ).get(name)
            export = module.exports[name]
            if export is None:
                return None
            if export.forward is None:
                return module, export, name
            dotted = export.forward
        return None

    def _stamp(self, path: str) -> Stamp:
        if path not in self.consulted:
            self.consulted[path] = _stamp_of(path)
        return self.consulted[path]

    def _module(self, module: str) -> Optional[_Module]:
        parts = module.split(".")
        if not all(part.isidentifier() for part in parts):
            return None
        for root in self.settings.project_roots:
            base = os.path.join(root, *parts)
            # A package before a module of the same name, as Python's path finder looks.
            for path in (os.path.join(base, "__init__.py"), base + ".py"):
                stamp = self._stamp(path)
                if stamp is not None:
                    known = self._modules.get(path)
                    if known is None or known[0] != stamp:
                        known = self._modules[path] = (stamp, _parsed(path, stamp))
                    return known[1]
        return None


def _parsed(path: str, stamp: Stamp) -> Optional[_Module]:
    if stamp is None or stamp[0] > _MAX_MODULE_BYTES:
        return None
    try:
        text = analysis_text(decode(read_bytes(path)).text)
        return _Module(path, text, ast.parse(text, path))
    except (OSError, SourceError, SyntaxError, ValueError, RecursionError, MemoryError):
        return None  # unreadable or broken: nothing is known of it


def _stamp_of(path: str) -> Stamp:
    """A regular file's size and time stamp, from one stat; None when there is none."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_size, status.st_mtime_ns) if stat.S_ISREG(status.st_mode) else None


def still_true(consulted: dict[str, Stamp]) -> bool:
    """Every file an answer was read from (or found missing) is as it was. A stamp that
    is not one (a foreign cache) is a change."""
    for path, stamp in consulted.items():
        if stamp is not None and not (isinstance(stamp, (list, tuple)) and len(stamp) == 2):
            return False
        try:
            now = _stamp_of(path)
        except (TypeError, ValueError):
            return False  # not a path
        if now != (tuple(stamp) if stamp is not None else None):
            return False
    return True


def project_index(settings: Settings) -> ProjectIndex:
    """The process's index for these settings."""
    return derived(settings, ProjectIndex)
