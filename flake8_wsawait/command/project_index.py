"""The project index: what the project's modules and installed libraries define, for calls.

`from app.ws import get_cache_manager` then `await get_cache_manager()`: the
call's own import names the function that runs, and `app/ws.py`, read from
its source (never imported), says whether it is a plain `def` or an `async
def` (analysis/exports.py judges it as same-file definitions are judged).
Re-exports (`from .ws import get_cache_manager` in `app/__init__.py`) and
module-level aliases are followed, a few steps at most, never in a circle.

A function also answers what it does with an argument (a coroutine handed to
it may be only used as a value: flow.takes_as_value). Classes answer for their
methods through their method resolution order, bases in other modules included
(C3, as Python orders them). Modules are found as `a/b.py` or `a/b/__init__.py`
below the project's roots (the project root and its `src/`),
`wsawait-infer-roots`, then the installed libraries' folders
(files/site_packages.py), first found first; a compiled module beside the
source is what runs, and is unknown. Every file consulted, found or not, is
recorded with its size and time stamp, so a cached result that used an answer
holds only while those files are unchanged.
"""

from __future__ import annotations

import ast
import os
import stat
from importlib.machinery import EXTENSION_SUFFIXES
from typing import Optional

from ..analysis.definitions import UNKNOWN
from ..analysis.exports import (
    CLASS, INSTANCE, ClassInfo, Export, class_info, module_exports, override_kinds, own_method_kind,
    takes_as_value,
)
from ..analysis.hierarchy import c3_merge
from ..analysis.kinds import PROTOCOLS
from ..config.settings import Settings, derived
from ..files.site_packages import library_roots
from ..sourcefile import SourceError, analysis_text, decode, read_bytes

# How many re-exports and aliases one question follows.
_MAX_FORWARDS = 8
# How many classes deep a method resolution order is followed.
_MAX_ANCESTRY = 32
# Larger modules are not read for the index (generated code): their names stay unknown.
_MAX_MODULE_BYTES = 2_000_000

Stamp = Optional[tuple[int, int]]  # (size, modification time in ns); None: no such file
# A class in a method resolution order: (its module, its name there); a base nothing here
# reads (it may define anything) is (None, its path).
Ancestor = tuple


class _Module:
    """One module's source, parsed once, and the answers read from it so far."""

    def __init__(self, path: str, text: str, tree: ast.Module, module) -> None:
        self.path, self.text, self.tree = path, text, tree
        self.module = module  # (dotted parts, is a package)
        self.exports: dict[str, Optional[Export]] = {}
        self.classes: dict[str, Optional[ClassInfo]] = {}
        self.methods: dict[tuple[str, str, bool], Optional[str]] = {}
        self.overrides: dict[tuple[str, str], frozenset[str]] = {}
        self.arguments: dict[tuple[str, Optional[int], Optional[str]], bool] = {}


class ProjectIndex:
    """One per configuration and process; answers are functions of the files' contents."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        libraries = library_roots(settings.project_root)
        self.roots = settings.project_roots + tuple(settings.infer_roots) + libraries
        self.consulted: dict[str, Stamp] = {}  # since the last start(): path -> stamp
        self._modules: dict[str, tuple[Stamp, Optional[_Module]]] = {}
        self._current: Optional[tuple[str, _Module]] = None  # the file being checked, as it is read
        # Within one file's check every path is looked at once: a file calling a getter
        # a thousand times asks the file system once.
        self._resolved: dict[str, Optional[tuple[_Module, Export, str]]] = {}
        self._orders: dict[tuple[str, str], Optional[list[Ancestor]]] = {}  # by (file, class name)

    def start(self) -> None:
        """A new file is checked: what it consults is recorded afresh."""
        self.consulted = {}
        self._forget()

    def enter(self, path: str, module, text: str, tree: ast.Module) -> None:
        """The file about to be checked, under its module name `module` ((parts,
        is_package), or None): its own classes are read from this text, not the disk."""
        self._forget()
        self._current = (_key(path), _Module(path, text, tree, module)) if module else None

    def _forget(self) -> None:
        self._resolved = {}
        self._orders = {}

    def kind_of(self, dotted: str) -> Optional[str]:
        """ASYNC, SYNC or UNKNOWN for a project function named by its path, or None
        when the project does not define it (a library's, or no such module)."""
        found = self._resolve(dotted)
        return found[1].kind if found is not None and found[1].kind not in (CLASS, INSTANCE) else None

    def takes_as_value(self, dotted: str, position: Optional[int], keyword: Optional[str]) -> bool:
        """Whether the function at this path uses the argument given at `position` (or
        as `keyword`) only as a value, never running a coroutine handed in."""
        found = self._resolve(dotted)
        if found is None or found[1].kind in (CLASS, INSTANCE):
            return False
        module, _, name = found
        key = (name, position, keyword)
        if key not in module.arguments:
            module.arguments[key] = takes_as_value(
                module.tree, module.text, module.path, self.settings, module.module, name, position, keyword,
            )
        return module.arguments[key]

    def attribute_kind(self, holder: str, name: str) -> Optional[str]:
        """The kind of `holder.name()` where `holder` is a module's class (`Svc.create()`)
        or an instance a module holds (`manager = Manager()`), by their paths."""
        found = self._resolve(holder)
        if found is None or found[1].kind not in (CLASS, INSTANCE):
            return None
        return self.method_kind(holder if found[1].kind == CLASS else found[1].forward, name)

    def method_kind(self, class_dotted: str, method: str, after: bool = False, declared: bool = False,
                    ) -> Optional[str]:
        """ASYNC, SYNC or UNKNOWN for `method` of an instance of the class named by its
        path (`Registry().get_x()`), looked up in its method resolution order across
        modules (`after`: past the class itself, for `super()`); None when the lookup
        meets a class nothing here reads before any definition, or finds none. Of a
        `declared` class (the object may be of a subclass, or any object if it is a
        Protocol) the policy of inference mode holds: see exports.own_method_kind."""
        order = self._order(class_dotted)
        if order is None or (declared and self._is_protocol(order)):
            return None
        for module, name in order[1:] if after else order:
            if module is None:
                return None
            key = (name, method, declared)
            if key not in module.methods:
                module.methods[key] = own_method_kind(
                    module.tree, module.text, module.path, self.settings, module.module, name, method,
                    declared,
                )
            kind = module.methods[key]
            if kind is not None:
                return kind if not declared else self._with_overrides(kind, order[0], method)
        return None

    def _with_overrides(self, kind: str, declared: Ancestor, method: str) -> str:
        module, name = declared
        if (name, method) not in module.overrides:
            module.overrides[(name, method)] = override_kinds(
                module.tree, module.text, module.path, self.settings, module.module, name, method,
            )
        return kind if module.overrides[(name, method)] <= {kind} else UNKNOWN

    def _is_protocol(self, order: list[Ancestor]) -> bool:
        return any(
            name in PROTOCOLS if module is None else self._info(module, name).protocol
            for module, name in order
        )

    # -- classes and their orders ------------------------------------------------------

    def _order(self, class_dotted: str, depth: int = 0) -> Optional[list[Ancestor]]:
        """The class's method resolution order; None when Python would refuse it or it
        goes round."""
        found = self._resolve(class_dotted)
        if found is None or found[1].kind != CLASS or depth > _MAX_ANCESTRY:
            return None
        module, _, name = found
        key = (module.path, name)
        if key in self._orders:
            return self._orders[key]
        self._orders[key] = None  # while it is built: a class among its own ancestors is refused
        info = self._info(module, name)
        if info is None:
            return None
        orders = []
        for path in info.bases:
            order = self._order(path, depth + 1) if path is not None else None
            # A base the index cannot read (a library's, a compiled one) ends lookups there.
            orders.append(order if order is not None else [(None, path or "?")])
        merged = c3_merge(orders + [[o[0] for o in orders]]) if orders else []
        self._orders[key] = None if merged is None else [(module, name), *merged]
        return self._orders[key]

    def _info(self, module: _Module, name: str) -> Optional[ClassInfo]:
        if name not in module.classes:
            module.classes[name] = class_info(
                module.tree, module.text, module.path, self.settings, module.module, name,
            )
        return module.classes[name]

    # -- names, modules and files -------------------------------------------------------

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
                    module.tree, module.text, module.path, self.settings, module.module, wanted,
                ).get(name)
            export = module.exports[name]
            if export is None:
                return None
            if export.kind is not None:
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
        for root in self.roots:
            base = os.path.join(root, *parts)
            # A package before a module of the same name, as Python's path finder looks.
            for stem, is_package in ((os.path.join(base, "__init__"), True), (base, False)):
                path = stem + ".py"
                if self._current is not None and self._current[0] == _key(path):
                    return self._current[1]
                stamp = self._stamp(path)
                if stamp is not None:
                    # A compiled module is what Python loads when it stands beside the source.
                    if any(self._stamp(stem + suffix) is not None for suffix in EXTENSION_SUFFIXES):
                        return None
                    known = self._modules.get(path)
                    if known is None or known[0] != stamp:
                        parsed = _parsed(path, stamp, (tuple(parts), is_package))
                        known = self._modules[path] = (stamp, parsed)
                    return known[1]
        return None


def _key(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _parsed(path: str, stamp: Stamp, module) -> Optional[_Module]:
    if stamp is None or stamp[0] > _MAX_MODULE_BYTES:
        return None
    try:
        text = analysis_text(decode(read_bytes(path)).text)
        return _Module(path, text, ast.parse(text, path), module)
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
