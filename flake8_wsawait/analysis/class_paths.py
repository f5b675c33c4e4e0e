"""Which classes, named by their dotted paths, an expression names or an object holds
(and which of the module's own functions a called name reaches).

The project index (command/project_index.py) knows the project's and the
installed libraries' classes by their paths; this module says which of them a
receiver is an instance of, read from the file alone, as a type checker reads
it without inference:

- `Svc(...)` itself, or a local bound once by `svc = Svc(...)`;
- a parameter declared with a class (`repo: Repository`, `Optional["Repository"]`,
  `Repository | None`), all members of a union counted;
- `self.attr` when every store to `attr` in the file is `obj.attr = Cls(...)`,
  `obj.attr = param` of a declared parameter, or `None`;
- a module-level name bound once by `name = Cls(...)`.

A class name counts only where nothing else in the file binds that name on the
way from its use to the module (a local, a parameter, a second binding at the
module level, an import fallback): then the name is the class the import or
the module's own `class` statement binds, as Python looks it up. Anything else
gives no answer, never a guess.
"""

from __future__ import annotations

import ast
from collections import Counter
from typing import NamedTuple, Optional, Sequence

from . import names
from .definitions import Definitions, names_bound_in, parameters_by_name
from .names import MODULE, Scope

Enclosing = Sequence[ast.AST]  # the functions and classes around a node, innermost first


class Held(NamedTuple):
    """A class an object may be an instance of."""

    path: str
    declared: bool  # named by an annotation: the object may be of a subclass (or any, for a Protocol)


# Statements whose blocks hold module-level code (not another scope's).
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


class ClassPaths:
    """One file's answers; `module` is its (parts, is_package), when known."""

    def __init__(self, definitions: Definitions, tree: ast.Module, module) -> None:
        self.definitions = definitions
        self.tree = tree
        self.module = module
        self.dotted_module = ".".join(module[0]) if module else None
        self._imports: Optional[Scope] = None
        self._bound: Optional[Counter] = None

    # -- a class named by an expression ----------------------------------------

    def class_path(self, expr: ast.expr, enclosing: Enclosing) -> Optional[str]:
        """The dotted path of the class `expr` names (`Svc`, `svc.Svc`) where it is
        evaluated, inside `enclosing`: a module-level class of this file or an
        imported name, when nothing on the way binds the name otherwise."""
        attrs = []
        node = expr
        while type(node) is ast.Attribute:
            attrs.append(node.attr)
            node = node.value
        if type(node) is not ast.Name or _bound_on_the_way(node.id, enclosing, self.definitions):
            return None
        attrs.reverse()
        name = node.id
        if name in self.definitions.classes:
            return f"{self.dotted_module}.{name}" if self.dotted_module and not attrs else None
        imports = self._module_imports()
        targets = {t.dotted for t in imports.imports.get(name, ())}
        if len(targets) != 1 or None in targets:
            return None
        if self._module_bindings()[name] != len(imports.import_positions[name]):
            return None  # also bound otherwise (a fallback, a rebinding): may be anything
        return ".".join([targets.pop(), *attrs])

    def annotation_classes(self, annotation: ast.expr, enclosing: Enclosing) -> Optional[list[str]]:
        """The classes a declaration names, as a type checker reads it: `X`, `mod.X`,
        `"X"`, `Optional[X]`, `Annotated[X, ...]`, `Union[X, Y]`, `X | None`
        (names.annotation_members). None for anything else (`list[X]`, a type
        variable's bound is not followed)."""
        found = []
        for member in names.annotation_members(annotation):
            path = self.class_path(member, enclosing) if member is not None else None
            if path is None:
                return None
            found.append(path)
        return found or None

    # -- the classes an object holds ------------------------------------------------

    def receiver_classes(self, receiver: ast.expr, scope: Scope) -> Optional[list[Held]]:
        """The classes `receiver` may be an instance of, at a call in `scope`; None
        when the file does not say."""
        enclosing = _enclosing(scope)
        made = self.definitions.constructed_by(receiver, scope)
        if made is not None:
            path = self.class_path(made.func, enclosing)
            return [Held(path, False)] if path is not None else None
        if type(receiver) is ast.Attribute:
            cls = self.definitions.self_class(receiver.value, scope)
            if cls is not None:
                return self._attribute_classes(cls, receiver.attr)
        if type(receiver) is ast.Name:
            return self._name_classes(receiver.id, scope, enclosing)
        return None

    def _name_classes(self, name: str, scope: Scope, enclosing: Enclosing) -> Optional[list[Held]]:
        """A declared parameter's classes, or those of a module-level `name = Cls(...)`."""
        for depth, outer in enumerate(enclosing):
            if type(outer) is ast.ClassDef:
                continue
            parameter = parameters_by_name(outer).get(name)
            if parameter is not None:
                if parameter.annotation is None or _rebound_in(name, outer):
                    return None
                return _declared(self.annotation_classes(parameter.annotation, enclosing[depth + 1:]))
            if type(outer) is not ast.Lambda and name in self.definitions.values_of(outer):
                return None  # a local of another kind
        values = self.definitions.values_of(self.tree).get(name)
        if not values or len(values) != 1 or type(values[0]) is not ast.Call:
            return None
        path = self.class_path(values[0].func, ())
        return [Held(path, False)] if path is not None else None

    def _attribute_classes(self, cls: ast.ClassDef, attr: str) -> Optional[list[Held]]:
        """What `self.attr` holds in a method of `cls`: the class body's declaration
        (`store: UserStore`, a dataclass field), with every store the file makes that
        says a class (a store of another class makes the answers disagree); else the
        stores, when every one of them says."""
        declared = self._declaration(cls, attr)
        stored, complete = self._stored_classes(attr)
        if declared is not None:
            return declared + stored
        return stored if complete and stored else None  # never stored here: set from elsewhere

    def _declaration(self, cls: ast.ClassDef, attr: str) -> Optional[list[Held]]:
        """The classes the body of a module-level `cls`, or of the first in-file class in
        its method order that declares `attr`, names for it."""
        if self.definitions.classes.get(cls.name) is not cls:
            return None
        chain = self.definitions.hierarchy.order(cls)
        while chain is not None:
            ancestor, chain = chain
            if type(ancestor) is str:
                return None  # a base from elsewhere may declare it otherwise
            for statement in ancestor.body:
                target = statement.target if type(statement) is ast.AnnAssign else None
                if type(target) is ast.Name and target.id == attr:
                    return _declared(self.annotation_classes(statement.annotation, ()))
        return None

    def _stored_classes(self, attr: str) -> tuple[list[Held], bool]:
        """The classes of the stores to `attr` anywhere in the file that say one (both
        branches of `a if c else b` too), and whether every store does (`None`, before
        the real value, has no methods and says nothing)."""
        found: list[Held] = []
        complete = True
        for stored, enclosing in self.definitions.stores().get(attr, ()):
            values = [stored]
            while values:
                value = values.pop()
                if type(value) is ast.IfExp:
                    values += [value.body, value.orelse]
                elif not (type(value) is ast.Constant and value.value is None):
                    held = self._value_classes(value, enclosing)
                    complete = complete and held is not None
                    found += held or []
        return found, complete

    def _value_classes(self, value: Optional[ast.expr], enclosing: Enclosing) -> Optional[list[Held]]:
        """`Cls(...)`, or a parameter of the storing function declared with classes."""
        if type(value) is ast.Call:
            path = self.class_path(value.func, enclosing)
            return [Held(path, False)] if path is not None else None
        if type(value) is ast.Name and enclosing and type(enclosing[0]) is not ast.ClassDef:
            parameter = parameters_by_name(enclosing[0]).get(value.id)
            if parameter is not None and parameter.annotation is not None:
                if not _rebound_in(value.id, enclosing[0]):
                    return _declared(self.annotation_classes(parameter.annotation, enclosing[1:]))
        return None  # a factory's result, another object, unpacking, a loop target...

    def module_function(self, name: ast.Name, scope: Scope) -> Optional[ast.AST]:
        """The module's one top-level `def` a name called in `scope` reaches, when the
        module binds that name no other way and nothing on the way binds it."""
        if _bound_on_the_way(name.id, _enclosing(scope), self.definitions):
            return None
        defs = [
            s for s in self.tree.body
            if type(s) in (ast.FunctionDef, ast.AsyncFunctionDef) and s.name == name.id
        ]
        return defs[0] if len(defs) == 1 and self._module_bindings()[name.id] == 1 else None

    # -- the module level, read whole (the walk saw only what mattered to it) --------

    def _module_imports(self) -> Scope:
        if self._imports is None:
            self._imports = Scope(MODULE, None, self.tree)
            stack: list[ast.AST] = list(self.tree.body)
            while stack:
                node = stack.pop()
                if type(node) in (ast.Import, ast.ImportFrom):
                    names.record_import(node, self._imports, self.module)
                elif not isinstance(node, _SCOPES):  # blocks, handlers, match cases
                    stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, ast.expr))
        return self._imports

    def _module_bindings(self) -> Counter:
        if self._bound is None:
            self._bound = Counter(names_bound_in(self.tree.body))
        return self._bound


def _declared(paths: Optional[list[str]]) -> Optional[list[Held]]:
    return [Held(path, True) for path in paths] if paths else None


def _enclosing(scope: Scope) -> list[ast.AST]:
    found = []
    while scope.kind != MODULE:
        found.append(scope.node)
        scope = scope.parent
    return found


def _bound_on_the_way(name: str, enclosing: Enclosing, definitions: Definitions) -> bool:
    """Whether a function around the use binds `name` (class bodies are not seen
    from the functions inside them, nor are they where classes are used)."""
    for outer in enclosing:
        if type(outer) is ast.ClassDef:
            continue
        if type(outer) is ast.Lambda:
            if name in parameters_by_name(outer):
                return True
        elif name in definitions.values_of(outer):
            return True
    return False


def _rebound_in(name: str, function: ast.AST) -> bool:
    """Whether the function's body binds its parameter `name` again."""
    if type(function) not in (ast.FunctionDef, ast.AsyncFunctionDef):
        return False
    return name in set(names_bound_in(function.body))
