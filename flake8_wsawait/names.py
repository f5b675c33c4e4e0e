"""Scopes, the import map and name resolution: what a callee expression refers to.

Resolution is lexical and file-local: a name bound in a scope by anything but
an import (def, assignment, parameter, loop target, ...) is a local object and
never a getter; an imported name resolves to a dotted path; a name bound
nowhere in the file is free (a builtin, a star import, an injected global).
"""

from __future__ import annotations

import ast
import os
from dataclasses import dataclass
from typing import Optional

MODULE, CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA = "module", "class", "def", "async def", "lambda"


@dataclass(frozen=True)
class ImportTarget:
    dotted: Optional[str]  # None when a relative import cannot be resolved
    final: str  # the imported object's own name


class Scope:
    """A module, class, function or lambda scope and the names bound in it."""

    __slots__ = ("kind", "parent", "node", "imports", "bindings", "declared")

    def __init__(self, kind: str, parent: Optional["Scope"], node: ast.AST) -> None:
        self.kind = kind
        self.parent = parent
        self.node = node
        self.imports: dict[str, set[ImportTarget]] = {}
        self.bindings: dict[str, int] = {}  # non-import bindings, counted
        self.declared: set[str] = set()  # names declared global

    @property
    def is_async(self) -> bool:
        return self.kind == ASYNC_FUNCTION

    def bind(self, name: str) -> None:
        self.bindings[name] = self.bindings.get(name, 0) + 1

    def add_import(self, name: str, target: ImportTarget) -> None:
        self.imports.setdefault(name, set()).add(target)


# How a callee resolved.
LOCAL = "local"  # a name bound in the file by something other than an import
IMPORTED = "imported"  # a name bound by an import
FREE = "free"  # a name bound nowhere in the file
MODULE_ATTR = "module attribute"  # attribute of an imported name
OBJECT_ATTR = "object attribute"  # attribute of anything else


@dataclass(frozen=True)
class Callee:
    kind: str
    final: str  # the final name: the imported object's own name, or the attribute
    dotted: Optional[str]  # resolved dotted path, None when unknown
    written: str  # dotted text as written ("loop.run_until_complete"), for suffix matching


def module_parts(filename: str, project_root: str) -> Optional[tuple[tuple[str, ...], bool]]:
    """(module path parts, is_package) of `filename` relative to the project root."""
    if not filename.endswith((".py", ".pyi")):
        return None
    relative = os.path.relpath(os.path.abspath(filename), project_root)
    parts = relative.replace(os.sep, "/").split("/")
    if parts[0] == ".." or parts[0].endswith(":"):
        return None
    if len(parts) > 1 and parts[0] == "src":  # the src/ layout
        parts = parts[1:]
    parts[-1] = parts[-1].rpartition(".")[0]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    if not parts or not all(p.isidentifier() for p in parts):
        return None
    return tuple(parts), is_package


def record_import(node: ast.AST, scope: Scope, module: Optional[tuple[tuple[str, ...], bool]]) -> None:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                scope.add_import(alias.asname, ImportTarget(alias.name, alias.name.rpartition(".")[2]))
            else:
                top = alias.name.partition(".")[0]
                scope.add_import(top, ImportTarget(top, top))
        return
    assert isinstance(node, ast.ImportFrom)
    base = _import_from_base(node, module)
    for alias in node.names:
        if alias.name == "*":
            continue
        dotted = f"{base}.{alias.name}" if base else None
        scope.add_import(alias.asname or alias.name, ImportTarget(dotted, alias.name))


def _import_from_base(node: ast.ImportFrom, module: Optional[tuple[tuple[str, ...], bool]]) -> Optional[str]:
    if not node.level:
        return node.module
    if module is None:
        return None
    parts, is_package = module
    package = parts if is_package else parts[:-1]
    up = node.level - 1
    if up > len(package) or (up == len(package) and not node.module):
        return None
    base = list(package[: len(package) - up])
    if node.module:
        base.append(node.module)
    return ".".join(base)


def lookup(name: str, scope: Scope) -> tuple[str, frozenset[ImportTarget]]:
    """Resolve a bare name from `scope` following Python's lexical scoping."""
    current: Optional[Scope] = scope
    first = True
    while current is not None:
        if name in current.declared and current.kind != MODULE:
            current = _module_of(current)
            first = False
            continue
        # Class bodies are visible only to their own statements, not to nested functions.
        if current.kind != CLASS or first:
            if name in current.bindings:
                return LOCAL, frozenset()
            if name in current.imports:
                return IMPORTED, frozenset(current.imports[name])
        current = current.parent
        first = False
    return FREE, frozenset()


def _module_of(scope: Scope) -> Scope:
    while scope.parent is not None:
        scope = scope.parent
    return scope


def resolve_callee(func: ast.expr, scope: Scope) -> Optional[Callee]:
    """What a call's `func` expression refers to; None for anything but names and attributes."""
    attrs: list[str] = []
    node = func
    while isinstance(node, ast.Attribute):
        attrs.append(node.attr)
        node = node.value
    attrs.reverse()
    if not isinstance(node, ast.Name):
        if not attrs:
            return None
        return Callee(OBJECT_ATTR, attrs[-1], None, ".".join(["?"] + attrs))
    written = ".".join([node.id] + attrs)
    kind, targets = lookup(node.id, scope)
    if kind != IMPORTED:
        if attrs:
            return Callee(OBJECT_ATTR, attrs[-1], None, written)
        return Callee(kind, node.id, None, written)
    finals = {t.final for t in targets}
    dotted_paths = {t.dotted for t in targets}
    # An ambiguous import (two different targets) resolves to nothing specific.
    dotted = next(iter(dotted_paths)) if len(dotted_paths) == 1 else None
    if attrs:
        return Callee(MODULE_ATTR, attrs[-1], f"{dotted}.{'.'.join(attrs)}" if dotted else None, written)
    final = next(iter(finals)) if len(finals) == 1 else ""
    return Callee(IMPORTED, final, dotted, written)
