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

from . import names
from .definitions import UNKNOWN, Definitions
from .names import IMPORTED, LOCAL, MODULE_ATTR, Scope
from .textscan import PositionIndex
from .walker import Walker
from ..config.settings import Settings


CLASS = "class"  # an Export's kind: a class whose methods `method_kind` judges


class Export(NamedTuple):
    """`kind` (ASYNC, SYNC, UNKNOWN or CLASS) when the module decides; else `forward`,
    the dotted path the name stands for."""

    kind: Optional[str]
    forward: Optional[str] = None


def module_exports(
    tree: ast.Module, text: str, filename: str, settings: Settings, wanted: frozenset[str],
) -> dict[str, Export]:
    """The wanted names the module binds at its top level (absent names are left out)."""
    module, definitions, scope = _read(tree, text, filename, settings, wanted)
    dotted_module = ".".join(module[0]) if module else None
    found = {}
    for name in wanted:
        export = _export(name, scope, definitions, tree, dotted_module)
        if export is not None:
            found[name] = export
    return found


def method_kind(
    tree: ast.Module, text: str, filename: str, settings: Settings, class_name: str, method: str,
) -> Optional[str]:
    """ASYNC, SYNC or UNKNOWN for `method` of an instance of the module's class, or
    None when the lookup reaches a base from elsewhere or finds nothing."""
    _, definitions, _ = _read(tree, text, filename, settings, frozenset({method}))
    cls = definitions.classes.get(class_name)
    if cls is None:
        return None
    if method in definitions.rebound:
        return UNKNOWN  # stored as an attribute somewhere (`self.get_x = ...`)
    found = definitions.hierarchy.lookup(cls, method)
    return definitions.agreed(found) if found else None


def _read(tree: ast.Module, text: str, filename: str, settings: Settings, wanted: frozenset[str]):
    module = names.module_parts(filename, settings.project_root)
    facts = Walker(settings, module, PositionIndex(text, wanted), wanted).walk(tree)
    return module, Definitions(tree, facts.defs, facts.rebound), facts.scopes[0]


def _export(
    name: str, scope: Scope, definitions: Definitions, tree: ast.Module, dotted_module: Optional[str],
) -> Optional[Export]:
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
        value = _assigned_value(tree, name)
        callee = names.resolve_callee(value, scope) if value is not None else None
        if callee is not None and callee.kind in (IMPORTED, MODULE_ATTR) and callee.dotted:
            return Export(None, callee.dotted)
        if callee is not None and callee.kind == LOCAL and type(value) is ast.Name and dotted_module:
            return Export(None, f"{dotted_module}.{value.id}")
    return Export(UNKNOWN)


def _assigned_value(tree: ast.Module, name: str) -> Optional[ast.expr]:
    """The value of the module's one top-level `name = value`, when it is a name or
    a dotted name (an alias of a function)."""
    for statement in tree.body:
        if (
            type(statement) is ast.Assign and len(statement.targets) == 1
            and type(statement.targets[0]) is ast.Name and statement.targets[0].id == name
            and type(statement.value) in (ast.Name, ast.Attribute)
        ):
            return statement.value
    return None
