"""What a module's top-level names are, for the calls other modules make of them.

The project index's answer for one module, judged by the rules same-file
definitions follow (definitions.py, kinds.py): a name bound only by `def`s has
their agreed kind; a name bound only by one import hands the question on to
what it imports (a re-export, `from .ws import get_x` in a package's
`__init__.py`); a name bound once, by `name = other` where `other` is a
function of the module or an import, hands it on to `other` (an alias); a class
the module defines once at its top level answers for its methods, found in the
order Python looks them up (hierarchy.py). A name bound in any other way, or in
several ways, is unknown: the module may hold anything there at run time.
"""

from __future__ import annotations

import ast
from typing import NamedTuple, Optional

from . import flow, names
from .class_paths import ClassPaths
from .definitions import UNKNOWN, Definitions
from .hierarchy import base_spelling, own_defs, unsubscripted
from .kinds import PROTOCOLS, is_stub
from .names import IMPORTED, LOCAL, MODULE_ATTR
from .textscan import PositionIndex
from .walker import Walker
from ..config.settings import Settings
from ..sourcefile import split_lines


CLASS = "class"  # an Export's kind: a class, whose methods the index looks up
INSTANCE = "instance"  # an Export's kind: `name = Cls(...)`, `forward` the class's path

Module = Optional[tuple[tuple[str, ...], bool]]  # (dotted parts, is a package), when known


class Export(NamedTuple):
    """`kind` (ASYNC, SYNC, UNKNOWN, CLASS or INSTANCE) when the module decides;
    `forward`, the dotted path the name stands for (a re-export, an alias: kind
    None), or an instance's class."""

    kind: Optional[str]
    forward: Optional[str] = None


class ModuleReading:
    """One module's tree, read for the names one question wants."""

    def __init__(self, tree: ast.Module, text: str, filename: str, settings: Settings, module: Module,
                 wanted: frozenset[str]) -> None:
        facts = Walker(settings, module, PositionIndex(text, wanted), wanted).walk(tree)
        self.tree = tree
        self.dotted_module = ".".join(module[0]) if module else None
        self.definitions = Definitions(tree, facts.defs, facts.rebound)
        self.scope = facts.scopes[0]
        self.class_paths = ClassPaths(self.definitions, tree, module)


def module_exports(
    tree: ast.Module, text: str, filename: str, settings: Settings, module: Module, wanted: frozenset[str],
) -> dict[str, Export]:
    """The wanted names the module binds at its top level (absent names are left out)."""
    reading = ModuleReading(tree, text, filename, settings, module, wanted)
    found = {}
    for name in wanted:
        export = _export(name, reading)
        if export is not None:
            found[name] = export
    return found


class ClassInfo(NamedTuple):
    """What a lookup needs of a class's own statement."""

    bases: list[Optional[str]]  # the bases that may add methods, by path (None: nothing here resolves it)
    protocol: bool  # a typing Protocol among them: says nothing of the objects declared with it


def class_info(
    tree: ast.Module, text: str, filename: str, settings: Settings, module: Module, class_name: str,
) -> Optional[ClassInfo]:
    """The module's class's bases in order; None when it is no class the module binds once."""
    reading = ModuleReading(tree, text, filename, settings, module, frozenset())
    cls = reading.definitions.classes.get(class_name)
    if cls is None:
        return None
    paths = reading.class_paths
    found: list[Optional[str]] = []
    for base in reading.definitions.hierarchy.bases(cls):
        if type(base) is ast.ClassDef:
            found.append(f"{paths.dotted_module}.{base.name}" if paths.dotted_module else None)
        else:
            expr = next(b for b in cls.bases if base_spelling(b) == base)
            found.append(paths.class_path(unsubscripted(expr), ()))
    protocol = any(
        base_spelling(b) in PROTOCOLS or paths.class_path(unsubscripted(b), ()) in PROTOCOLS
        for b in cls.bases
    )
    return ClassInfo(found, protocol)


def own_method_kind(
    tree: ast.Module, text: str, filename: str, settings: Settings, module: Module, class_name: str,
    method: str, declared: bool,
) -> Optional[str]:
    """ASYNC, SYNC or UNKNOWN for the class body's own `method`, None when the body
    does not define it (a lookup goes on to the bases). Of a `declared` class (an
    annotation names it), an interface's body (kinds.is_stub) decides nothing: an
    implementation elsewhere may be of the other kind (inference/declared.py too)."""
    definitions, cls = _class_reading(tree, text, filename, settings, module, class_name, method)
    if cls is None:
        return UNKNOWN  # stored as an attribute somewhere (`self.get_x = ...`), or no class
    found = own_defs(cls, method)
    if not found:
        return None
    if declared and any(is_stub(d) for d in found):
        return UNKNOWN
    return definitions.agreed(found)


def override_kinds(
    tree: ast.Module, text: str, filename: str, settings: Settings, module: Module, class_name: str,
    method: str,
) -> frozenset[str]:
    """The kinds of `method` in the module's subclasses of the class (UNKNOWN for an
    uncertain one or an interface's body): an object declared with the class may be
    one of them, as inference mode reads a declaration."""
    definitions, cls = _class_reading(tree, text, filename, settings, module, class_name, method)
    if cls is None:
        return frozenset({UNKNOWN})
    return frozenset(
        UNKNOWN if is_stub(d) else definitions.agreed([d])
        for child in _subclasses(definitions, cls) for d in own_defs(child, method)
    )


def takes_as_value(
    tree: ast.Module, text: str, filename: str, settings: Settings, module: Module, name: str,
    position: Optional[int], keyword: Optional[str],
) -> bool:
    """Whether the module's function `name` (bound only by one top-level `def`) uses
    the argument given at `position` (or as `keyword`) only as a value (flow.takes_as_value)."""
    reading = ModuleReading(tree, text, filename, settings, module, frozenset({name}))
    scope, definitions = reading.scope, reading.definitions
    defs = definitions.by_scope.get((id(scope), name), [])
    if len(defs) != 1 or scope.bindings.get(name) != 1 or name in scope.imports:
        return False
    if name in definitions.rebound:
        return False
    return flow.takes_as_value(defs[0], split_lines(text), position, keyword, settings.allow_in_raises)


def _class_reading(tree, text, filename, settings, module, class_name: str, method: str):
    """(the module's definitions, its class), the class None when `method` is also
    bound otherwise in the module (a class attribute, an attribute store)."""
    definitions = ModuleReading(tree, text, filename, settings, module, frozenset({method})).definitions
    cls = definitions.classes.get(class_name)
    return definitions, (None if method in definitions.rebound else cls)


def _subclasses(definitions: Definitions, cls: ast.ClassDef) -> list[ast.ClassDef]:
    """Every class of the module inheriting from `cls`, however deep."""
    found: list[ast.ClassDef] = []
    seen = {id(cls)}
    stack = [cls]
    while stack:
        for child in definitions.hierarchy.children(stack.pop()):
            if id(child) not in seen:
                seen.add(id(child))
                found.append(child)
                stack.append(child)
    return found


def _export(name: str, reading: ModuleReading) -> Optional[Export]:
    scope, definitions = reading.scope, reading.definitions
    imports = scope.imports.get(name, ())
    binds = scope.bindings.get(name, 0)
    defs = definitions.by_scope.get((id(scope), name), [])
    if not imports and not binds:
        return None
    if name in definitions.classes and binds == 1 and not imports:
        return Export(CLASS)
    if name in scope.declared or name in definitions.rebound:
        return Export(UNKNOWN)  # `global name` in a function, or stored as an attribute somewhere
    if defs and not imports and binds == len(defs):
        return Export(definitions.agreed(defs))
    if len(imports) == 1 and not binds:
        target = next(iter(imports)).dotted
        return Export(None, target) if target else Export(UNKNOWN)
    if binds == 1 and not imports and not defs:
        value = _assigned_value(reading.tree, name)
        if type(value) is ast.Call:
            path = reading.class_paths.class_path(value.func, ())
            return Export(INSTANCE, path) if path else Export(UNKNOWN)
        callee = names.resolve_callee(value, scope) if value is not None else None
        if callee is not None and callee.kind in (IMPORTED, MODULE_ATTR) and callee.dotted:
            return Export(None, callee.dotted)
        if callee is not None and callee.kind == LOCAL and type(value) is ast.Name and reading.dotted_module:
            return Export(None, f"{reading.dotted_module}.{value.id}")
    return Export(UNKNOWN)


def _assigned_value(tree: ast.Module, name: str) -> Optional[ast.expr]:
    """The value of the module's one top-level `name = value`, when it is a name, a
    dotted name (an alias of a function) or a call (an instance, if a class's)."""
    for statement in tree.body:
        if (
            type(statement) is ast.Assign and len(statement.targets) == 1
            and type(statement.targets[0]) is ast.Name and statement.targets[0].id == name
            and type(statement.value) in (ast.Name, ast.Attribute, ast.Call)
        ):
            return statement.value
    return None
