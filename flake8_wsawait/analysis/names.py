"""Scopes, the import map and name resolution: what a callee expression refers to.

Resolution is lexical and file-local: a name bound in a scope by anything but
an import (def, assignment, parameter, loop target, ...) is a local object and
never a getter; an imported name resolves to a dotted path; a name bound
nowhere in the file is free (a builtin, a star import, an injected global).
"""

from __future__ import annotations

import ast
import os
from typing import Iterator, NamedTuple, Optional

from .usage import final_name

MODULE, CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA = "module", "class", "def", "async def", "lambda"


class ImportTarget(NamedTuple):
    dotted: Optional[str]  # None when a relative import cannot be resolved
    final: str  # the imported object's own name


def parameters(function: ast.AST) -> list[ast.arg]:
    """Every parameter a def or lambda binds (a module binds none)."""
    if type(function) is ast.Module:
        return []
    args = function.args
    every = args.posonlyargs + args.args + [args.vararg] + args.kwonlyargs + [args.kwarg]
    return [a for a in every if a is not None]


def annotation_members(annotation: ast.expr) -> Iterator[Optional[ast.expr]]:
    """The names an annotation declares its value with, as a type checker reads it:
    `X`, `mod.X`, `"X"`, `Optional[X]`, `Annotated[X, ...]`, `Union[X, Y]`, `X | Y`
    (`None` among them declares nothing). A part of any other form (`list[X]`, a
    literal, a call, a string that does not parse) gives None. Iterative: `A | B | ...`
    may be thousands deep."""
    stack = [(annotation, False)]  # (a part of it, inside a string)
    while stack:
        node, quoted = stack.pop()
        kind = type(node)
        if kind is ast.Name or kind is ast.Attribute:
            yield node
        elif kind is ast.Constant and node.value is None:
            continue
        elif kind is ast.Constant and type(node.value) is str and not quoted:
            try:
                stack.append((ast.parse(node.value.strip(), mode="eval").body, True))
            except (SyntaxError, ValueError, RecursionError, MemoryError):
                yield None
        elif kind is ast.BinOp and type(node.op) is ast.BitOr:
            stack += [(node.left, quoted), (node.right, quoted)]
        elif kind is ast.Subscript and final_name(node.value) in ("Optional", "Annotated", "Union"):
            items = node.slice.elts if type(node.slice) is ast.Tuple else [node.slice]
            chosen = items if final_name(node.value) == "Union" else items[:1]
            stack += [(item, quoted) for item in chosen]
        else:
            yield None


def decorator_name(decorator: ast.expr) -> Optional[str]:
    """The final name a decorator is spelled with (`functools.cache`, `patch(...)`: `cache`, `patch`)."""
    return final_name(decorator.func if type(decorator) is ast.Call else decorator)


def position(node: ast.AST) -> int:
    """A node's start as one comparable number (line, then UTF-8 column)."""
    return node.lineno << 32 | node.col_offset


def end_position(node: ast.AST) -> int:
    return node.end_lineno << 32 | node.end_col_offset


class Scope:
    """A module, class, function or lambda scope and the names bound in it."""

    __slots__ = ("kind", "parent", "node", "imports", "import_positions", "bindings", "declared", "fallbacks")

    def __init__(self, kind: str, parent: Optional["Scope"], node: ast.AST) -> None:
        self.kind = kind
        self.parent = parent
        self.node = node
        self.imports: dict[str, set[ImportTarget]] = {}
        self.import_positions: dict[str, list[int]] = {}  # where each import of a name stands
        self.bindings: dict[str, int] = {}  # non-import bindings, counted
        self.declared: set[str] = set()  # names declared global
        # `except ImportError:` handlers of a `try` that imports names: (start, end, names).
        self.fallbacks: list[tuple[int, int, frozenset[str]]] = []

    @property
    def is_async(self) -> bool:
        return self.kind == ASYNC_FUNCTION

    def bind(self, name: str, at: Optional[int] = None) -> None:
        """Count a non-import binding of `name` made at position `at`.

        A binding inside the `except ImportError:` handler of a `try` that
        imports the same name is the optional-import idiom's fallback: it runs
        only where the import failed, so the import is what the name means.
        """
        if at is not None and self.is_fallback(name, at):
            return
        self.bindings[name] = self.bindings.get(name, 0) + 1

    def is_fallback(self, name: str, at: int) -> bool:
        return any(start <= at < end and name in imported for start, end, imported in self.fallbacks)

    def add_import(self, name: str, target: ImportTarget, at: int) -> None:
        self.imports.setdefault(name, set()).add(target)
        self.import_positions.setdefault(name, []).append(at)


# How a callee resolved.
LOCAL = "local"  # a name bound in the file by something other than an import
IMPORTED = "imported"  # a name bound by an import
FREE = "free"  # a name bound nowhere in the file
MODULE_ATTR = "module attribute"  # attribute of an imported name
OBJECT_ATTR = "object attribute"  # attribute of anything else


class Callee(NamedTuple):
    kind: str
    final: str  # the final name: the imported object's own name, or the attribute
    dotted: Optional[str]  # resolved dotted path, None when unknown
    written: str  # dotted text as written ("loop.run_until_complete"), for suffix matching
    home: Optional[Scope] = None  # the scope binding the first name (None: free, or not a name)


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
    at = position(node)
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.asname:
                scope.add_import(alias.asname, ImportTarget(alias.name, alias.name.rpartition(".")[2]), at)
            else:
                top = alias.name.partition(".")[0]
                scope.add_import(top, ImportTarget(top, top), at)
        return
    assert isinstance(node, ast.ImportFrom)
    base = _import_from_base(node, module)
    for alias in node.names:
        if alias.name == "*":
            continue
        dotted = f"{base}.{alias.name}" if base else None
        scope.add_import(alias.asname or alias.name, ImportTarget(dotted, alias.name), at)


_IMPORT_FAILURES = {"ImportError", "ModuleNotFoundError", "Exception", "BaseException"}


def record_import_fallbacks(node: ast.AST, scope: Scope) -> None:
    """Register the handlers of `try: import ... except ImportError:` as fallbacks
    for the names the `try` body imports (see Scope.bind)."""
    imported = frozenset(
        alias.asname or (alias.name if type(statement) is ast.ImportFrom else alias.name.partition(".")[0])
        for statement in node.body
        if type(statement) in (ast.Import, ast.ImportFrom)
        for alias in statement.names
    )
    if not imported:
        return
    for handler in node.handlers:
        if _catches_import_failure(handler.type):
            scope.fallbacks.append((position(handler), end_position(handler), imported))


def _catches_import_failure(expr: Optional[ast.expr]) -> bool:
    if expr is None:  # a bare `except:`
        return True
    candidates = expr.elts if type(expr) is ast.Tuple else [expr]
    return any(final_name(c) in _IMPORT_FAILURES for c in candidates)


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


def lookup(name: str, scope: Scope) -> tuple[str, frozenset[ImportTarget], Optional[Scope]]:
    """Resolve a bare name from `scope` following Python's lexical scoping:
    how it is bound, its import targets, and the scope binding it (None: free)."""
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
                return LOCAL, frozenset(), current
            if name in current.imports:
                return IMPORTED, frozenset(current.imports[name]), current
        current = current.parent
        first = False
    return FREE, frozenset(), None


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
    kind, targets, home = lookup(node.id, scope)
    if kind != IMPORTED:
        if attrs:
            return Callee(OBJECT_ATTR, attrs[-1], None, written, home)
        return Callee(kind, node.id, None, written, home)
    finals = {t.final for t in targets}
    dotted_paths = {t.dotted for t in targets}
    # An ambiguous import (two different targets) resolves to nothing specific.
    dotted = next(iter(dotted_paths)) if len(dotted_paths) == 1 else None
    if attrs:
        path = f"{dotted}.{'.'.join(attrs)}" if dotted else None
        return Callee(MODULE_ATTR, attrs[-1], path, written, home)
    final = next(iter(finals)) if len(finals) == 1 else ""
    return Callee(IMPORTED, final, dotted, written, home)
