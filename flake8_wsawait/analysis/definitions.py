"""Definitions in the same file decide what a call calls.

Where a callee resolves to a `def` or `async def` of the linted file, its kind
is certain without any configuration or inference:

- a bare name bound only by `def`s in the scope that binds it;
- `self.x()` / `cls.x()` in a method of a class whose own body, or an in-file
  base class, defines `x` (and no subclass in the file overrides it with the
  other kind), and `super().x()`: see hierarchy.py for the lookup;
- `Cls.x()` for a class defined at module level in this file, and `obj.x()`
  where `obj` is a local name bound once, by `obj = Cls(...)`;
- `self.attr.x()` when every store to an attribute named `attr` in the file
  is `obj.attr = Cls(...)` (or `None`) with such classes;
- `obj.x()` on another object when every method named `x` of this file's
  classes agrees and `obj` may well be one of their instances: a parameter
  (a service handed to a handler) or a name the function does not bind (a
  module-level instance).  Not another attribute (`self.file.write()`), a local
  bound to something else (`thread = Thread(...)`) or any other expression:
  those are most often some other type's objects.  Nor inside a method named
  `x` itself: a method calling the same-named method of another object is a
  proxy (an async file wrapper's `async def write` calling
  `file.write(data)`).  Where the file's methods do not decide, they still
  make a configured getter's call unknown when they disagree with its kind.

An `async def` (not an async generator) is async; a plain `def` is sync only
when everything it returns is plainly not awaitable (the judgement inference
mode makes, from the source alone here).  Conflicting definitions, a decorator
other than staticmethod/classmethod/cache, generators and any other binding of
the name (an assignment, an attribute store, a class attribute) make the call
unknown: never reported.  A module-level function never decides an attribute
call on another object.
"""

from __future__ import annotations

import ast
import io
from typing import Iterator, Optional, Sequence

from .names import (
    ASYNC_FUNCTION, CLASS, FUNCTION, LAMBDA, LOCAL, MODULE, OBJECT_ATTR, Callee, Scope, annotation_members,
    decorator_name, lookup, parameters,
)
from .flow import bound_names
from .hierarchy import Hierarchy, own_defs
from .kinds import ASYNC, SYNC, kind_of, plain
from .usage import final_name

UNKNOWN = "unknown"  # where definitions disagree or cannot be judged: stay silent

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
# Builtins and mocks whose call never gives an awaitable.
_PLAIN_CALLS = {
    "object", "dict", "list", "set", "tuple", "frozenset", "str", "bytes", "bytearray", "int",
    "float", "complex", "bool", "len", "repr", "sorted", "range", "min", "max", "sum", "abs",
    "Mock", "MagicMock", "NonCallableMock", "NonCallableMagicMock", "SimpleNamespace",
}
# The methods of builtin containers, strings, numbers and files: an object of
# unknown type calling one of these may be of such a type.
_BUILTIN_METHODS = frozenset(
    name
    for kind in (dict, list, set, frozenset, tuple, str, bytes, bytearray, int, float, complex,
                 io.TextIOWrapper, io.BufferedRandom)
    for name in dir(kind) if not name.startswith("_")
)


def own_nodes(function: ast.AST) -> Iterator[ast.AST]:
    """Every node of a function's body outside nested functions and classes."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        yield node
        stack.extend(c for c in ast.iter_child_nodes(node) if not isinstance(c, _NESTED))


class Definitions:
    """The file's candidate definitions, and what they decide."""

    def __init__(
        self, tree: ast.Module, defs: Sequence[tuple[Scope, ast.AST]], rebound: set[str],
    ) -> None:
        self.rebound = rebound  # names also bound as class attributes or attribute stores
        self.by_scope: dict[tuple[int, str], list[ast.AST]] = {}
        self.methods: dict[str, list[ast.AST]] = {}
        for scope, node in defs:
            self.by_scope.setdefault((id(scope), node.name), []).append(node)
            if scope.kind == CLASS:
                self.methods.setdefault(node.name, []).append(node)
        top_classes: dict[str, Optional[ast.ClassDef]] = {}
        for statement in tree.body:
            if type(statement) is ast.ClassDef:
                # A name bound to two classes is ambiguous.
                top_classes[statement.name] = None if statement.name in top_classes else statement
        # So is a class name the module binds again (`Pool = instrumented(Pool)`, an import).
        others = [s for s in tree.body if type(s) is not ast.ClassDef] if top_classes else []
        rebound_here = set(names_bound_in(others))
        self.classes = {
            name: node for name, node in top_classes.items() if node is not None and name not in rebound_here
        }
        owners = {id(s.node): s.node for s, _ in defs if s.kind == CLASS}  # the classes with methods
        nested = [c for c in owners.values() if self.classes.get(c.name) is not c]
        self.hierarchy = Hierarchy(self.classes, nested)
        self._override_kinds: dict[tuple[int, str], frozenset[Optional[str]]] = {}  # see overrides
        self.kinds: dict[int, Optional[str]] = {}
        self._class_words: Optional[set[str]] = None  # the classes' names and their bases' names
        self._name_values: dict[int, dict[str, Optional[list[ast.expr]]]] = {}  # see _name_values
        self._tree = tree
        self._stores: Optional[dict] = None  # see attribute_stores

    # -- which definitions a call reaches --------------------------------------

    def decide(self, callee: Callee, func: ast.expr, scope: Scope) -> Optional[str]:
        """ASYNC, SYNC, UNKNOWN (stay silent), or None: not decided here."""
        if type(func) is ast.Name:
            if callee.kind != LOCAL:
                return None
            defs = self.by_scope.get((id(callee.home), func.id), [])
            if not defs or len(defs) != callee.home.bindings.get(func.id):
                return None  # bound by something else too: only inference may know
            return self.agreed(defs)
        if type(func) is not ast.Attribute or callee.kind != OBJECT_ATTR:
            return None
        name = func.attr
        if name in self.rebound:
            return UNKNOWN
        own = self.self_class(func.value, scope)
        if own is not None:
            found = self.hierarchy.lookup(own, name)
            if found is None:
                return None
            return _one_kind({self.kind(d) for d in found} | self.overrides(own, name))
        inherited = self._super_methods(func.value, name, scope)
        if inherited is not None:
            return self.agreed(inherited) if inherited else None
        named = self._named_class(func.value, scope) or self._instance_class(func.value, scope)
        if named is not None:
            found = self.hierarchy.lookup(named, name)
            return None if found is None else self.agreed(found)
        held = self._held_classes(func.value, scope)
        if held is not None:
            found = [self.hierarchy.lookup(cls, name) for cls in held]
            return None if None in found else self.agreed([d for defs in found for d in defs])
        methods = self.methods.get(name)
        if not methods or _in_method_named(name, scope):
            return None
        evidence = self._instance_evidence(func.value, scope)
        if evidence is None or (not evidence and name in _BUILTIN_METHODS):
            return None  # an object of unknown type with `.get()` may well be a dict
        return self.agreed(methods)

    def contradicts(self, name: str, is_async: bool) -> bool:
        """Some method named `name` of this file's classes is not surely of the
        configured kind: `obj.name()` on an object of unknown type may be it."""
        methods = self.methods.get(name)
        return bool(methods) and self.agreed(methods) != (ASYNC if is_async else SYNC)

    def agreed(self, defs: Sequence[ast.AST]) -> str:
        return _one_kind({self.kind(d) for d in defs})

    def self_class(self, receiver: ast.expr, scope: Scope) -> Optional[ast.ClassDef]:
        """The class of a method whose first parameter `receiver` is (`self`, `cls`)."""
        if type(receiver) is not ast.Name:
            return None
        method = _method_of(scope)
        if method is None or _decorated_with(method.node, "staticmethod"):
            return None
        args = method.node.args
        first = (args.posonlyargs + args.args)[:1]
        _, _, home = lookup(receiver.id, scope)
        if not first or first[0].arg != receiver.id or home is not method:
            return None
        if method.bindings[receiver.id] != 1:  # `self` rebound in the method
            return None
        return method.parent.node

    def _super_methods(self, receiver: ast.expr, name: str, scope: Scope) -> Optional[list[ast.AST]]:
        """For `super().name()` in a method: the definitions the class's method resolution
        order reaches after the class (an empty list when they may come from elsewhere);
        None for any other receiver."""
        if not is_super_call(receiver):
            return None
        cls = self.super_class(receiver, scope)
        order = self.hierarchy.order(cls) if cls is not None else None
        return (self.hierarchy.find(order[1], name) or []) if order is not None else []

    @staticmethod
    def super_class(receiver: ast.expr, scope: Scope) -> Optional[ast.ClassDef]:
        """The class of the method that `super()` (no arguments) is called in."""
        if not is_super_call(receiver):
            return None
        method = _method_of(scope)
        return method.parent.node if method is not None else None

    def _named_class(self, receiver: ast.expr, scope: Scope) -> Optional[ast.ClassDef]:
        if type(receiver) is not ast.Name or receiver.id not in self.classes:
            return None
        kind, _, home = lookup(receiver.id, scope)
        if kind != LOCAL or home.kind != MODULE or home.bindings[receiver.id] != 1:
            return None
        return self.classes[receiver.id]

    def _instance_class(self, receiver: ast.expr, scope: Scope) -> Optional[ast.ClassDef]:
        """The class of `obj` bound once in the calling function, by `obj = Cls(...)`."""
        call = self.constructed_by(receiver, scope)
        return self._named_class(call.func, scope) if call is not None else None

    def constructed_by(self, receiver: ast.expr, scope: Scope) -> Optional[ast.Call]:
        """The call `obj` holds the result of: `Cls(...).x()` itself, or `obj` bound only
        once in the calling function, by `obj = Cls(...)`."""
        if type(receiver) is ast.Call:
            return receiver
        if type(receiver) is not ast.Name or scope.kind not in (FUNCTION, ASYNC_FUNCTION):
            return None
        values = self.values_of(scope.node).get(receiver.id)
        if values is None or len(values) != 1 or type(values[0]) is not ast.Call:
            return None
        return values[0]

    def _held_classes(self, receiver: ast.expr, scope: Scope) -> Optional[list[ast.ClassDef]]:
        """The classes `self.attr` may hold, in a method: every store to an attribute
        named `attr` anywhere in the file is `obj.attr = Cls(...)` with `Cls` one of
        its module-level classes (or `None`, before it is set, which has no methods)."""
        if type(receiver) is not ast.Attribute or self.self_class(receiver.value, scope) is None:
            return None
        classes = []
        for value, _ in self.stores().get(receiver.attr, ()):
            if type(value) is ast.Constant and value.value is None:
                continue
            func = value.func if type(value) is ast.Call else None
            if type(func) is not ast.Name or func.id not in self.classes:
                return None  # a parameter, a factory's result, unpacking, a loop target...
            classes.append(self.classes[func.id])
        return classes or None  # never stored here: set from elsewhere

    def stores(self) -> dict:
        """The file's attribute stores (see attribute_stores), read on first need."""
        if self._stores is None:
            self._stores = attribute_stores(self._tree)
        return self._stores

    def _instance_evidence(self, receiver: ast.expr, scope: Scope) -> Optional[bool]:
        """Whether `receiver` may be an instance of this file's classes: True when
        declared so (a parameter annotated with one of them or their bases, a global
        assigned an instance of one: `manager = ConnectionManager()`), False when
        nothing says what it is (an unannotated parameter, a global the module
        does not bind: injected, star-imported), None when it is something else."""
        if type(receiver) is not ast.Name:
            return None
        while scope.kind != MODULE:
            if scope.kind in (FUNCTION, ASYNC_FUNCTION, LAMBDA):
                parameter = parameters_by_name(scope.node).get(receiver.id)
                if parameter is not None:
                    if parameter.annotation is None:
                        return False
                    return True if self._may_name_a_class(parameter.annotation) else None
                if scope.kind != LAMBDA and receiver.id in self.values_of(scope.node):
                    return None
            scope = scope.parent
        values = self.values_of(scope.node).get(receiver.id, [])
        if values is _OTHER_BINDING:
            return None  # a loop or `with` target, a def, ...
        if not values:
            return False
        instances = any(type(v) is ast.Call and final_name(v.func) in self.classes for v in values)
        return True if instances else None

    def values_of(self, function: ast.AST) -> dict[str, Optional[list[ast.expr]]]:
        key = id(function)
        if key not in self._name_values:
            self._name_values[key] = _name_values(function)
        return self._name_values[key]

    def _may_name_a_class(self, annotation: ast.expr) -> bool:
        """Whether an annotation declares one of this file's classes or one of their
        bases, as a type checker reads it: `X`, `mod.X`, `"X"`, `Optional[X]`,
        `Annotated[X, ...]`, `Union[X, Y]`, `X | Y` (names.annotation_members). Not
        `list[X]`, nor `X.Inner` (another class, nested in X), nor `loop:
        asyncio.AbstractEventLoop`."""
        if self._class_words is None:
            self._class_words = set(self.classes)
            for cls in self.classes.values():
                self._class_words.update(filter(None, map(final_name, cls.bases)))
        for member in annotation_members(annotation):
            if type(member) is ast.Name:
                if member.id in self._class_words:
                    return True
            elif type(member) is ast.Attribute:
                nested = type(member.value) is ast.Name and member.value.id in self.classes
                if member.attr in self._class_words and not nested:
                    return True
        return False

    def overrides(self, cls: ast.ClassDef, name: str) -> frozenset[Optional[str]]:
        """The kinds of the definitions of `name` in the file's subclasses of `cls`
        (None for an uncertain one). Remembered per class and built without
        recursion, children first."""
        memo = self._override_kinds
        stack = [cls]
        while stack:
            current = stack[-1]
            if (id(current), name) in memo:
                stack.pop()
                continue
            children = self.hierarchy.children(current)
            missing = [c for c in children if (id(c), name) not in memo]
            if missing:  # a class's children are defined after it: this never cycles
                stack.extend(missing)
                continue
            stack.pop()
            kinds: set[Optional[str]] = set()
            for child in children:
                kinds.update(self.kind(d) for d in own_defs(child, name))
                kinds |= memo[(id(child), name)]
            memo[(id(current), name)] = frozenset(kinds)
        return memo[(id(cls), name)]

    # -- what a definition is ----------------------------------------------------

    def kind(self, function: ast.AST, depth: int = 0) -> Optional[str]:
        """ASYNC, SYNC or None (uncertain) for one def."""
        key = id(function)
        if key in self.kinds:
            return self.kinds[key]
        self.kinds[key] = None  # a recursive definition is uncertain
        kind = kind_of(function, self, depth)
        if depth:  # a verdict below the top depends on the depth limit: not kept
            del self.kinds[key]
        else:
            self.kinds[key] = kind
        return kind

    # -- kinds.Reader, for the walk's own tree ---------------------------------

    @staticmethod
    def decorator_names(function: ast.AST) -> Iterator[Optional[str]]:
        return map(decorator_name, function.decorator_list)

    @staticmethod
    def is_generator(function: ast.AST) -> bool:
        return any(type(n) in (ast.Yield, ast.YieldFrom) for n in own_nodes(function))

    @staticmethod
    def returned_values(function: ast.AST) -> Iterator[ast.expr]:
        return (n.value for n in own_nodes(function) if type(n) is ast.Return and n.value is not None)

    def plain_name(self, name: ast.Name, function: ast.AST, depth: int) -> bool:
        return self._plain_name(name.id, function, depth)

    def plain_call(self, call: ast.Call, function: ast.AST, depth: int) -> bool:
        return self._plain_call(call, depth)

    def _plain_name(self, name: str, function: ast.AST, depth: int) -> bool:
        """A local name whose every binding in the function assigns a plain value."""
        if name in parameters_by_name(function):
            return False
        values, followed = [], set()
        for node in own_nodes(function):  # a statement comes before its own targets
            kind = type(node)
            if kind is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
                followed.add(id(node.targets[0]))
                if node.targets[0].id == name:
                    values.append(node.value)
            elif kind is ast.Name and node.id == name and type(node.ctx) is not ast.Load:
                if id(node) not in followed:
                    return False  # bound by something this judgement does not follow
            elif kind in (ast.Global, ast.Nonlocal) and name in node.names:
                return False
        return bool(values) and all(plain(v, function, self, depth + 1) for v in values)

    def _plain_call(self, call: ast.Call, depth: int) -> bool:
        name = final_name(call.func)
        if type(call.func) is ast.Name and name in self.classes:
            return not self._may_be_awaitable(self.classes[name])
        if name in _PLAIN_CALLS:
            return True
        if type(call.func) is ast.Name:
            defs = [d for (_, n), ds in self.by_scope.items() if n == name for d in ds]
            return len(defs) == 1 and self.kind(defs[0], depth + 1) == SYNC
        return False

    def _may_be_awaitable(self, cls: ast.ClassDef) -> bool:
        """`__await__` in the class or a base, a base from elsewhere (maybe a Future)
        or a metaclass (which may add anything)."""
        chain = self.hierarchy.order(cls)
        if chain is None:
            return True
        while chain is not None:
            ancestor, chain = chain
            if type(ancestor) is str or ancestor.keywords or own_defs(ancestor, "__await__"):
                return True
        return False


def is_super_call(node: ast.expr) -> bool:
    return (
        type(node) is ast.Call and type(node.func) is ast.Name and node.func.id == "super"
        and not node.args and not node.keywords
    )


def _one_kind(kinds: set[Optional[str]]) -> str:
    return kinds.pop() if len(kinds) == 1 and None not in kinds else UNKNOWN


def _method_of(scope: Scope) -> Optional[Scope]:
    """The method that the scope is, or is nested in (None outside any class)."""
    method: Optional[Scope] = scope
    while method is not None and not (
        method.kind in (FUNCTION, ASYNC_FUNCTION) and method.parent.kind == CLASS
    ):
        method = method.parent if method.kind != MODULE else None
    return method


def _in_method_named(name: str, scope: Scope) -> bool:
    """Whether the code runs in a method called `name` (or a function nested in one)."""
    while scope.kind != MODULE:
        is_method = scope.kind in (FUNCTION, ASYNC_FUNCTION) and scope.parent.kind == CLASS
        if is_method and scope.node.name == name:
            return True
        scope = scope.parent
    return False


_OTHER_BINDING = None  # in a `_name_values` map: bound some other way too


def _name_values(function: ast.AST) -> dict[str, Optional[list[ast.expr]]]:
    """For each name the function (or module) binds: the values of its `name = value`
    statements, or _OTHER_BINDING when it binds the name any other way too (a
    parameter, a target, an import, a def, a `nonlocal` rebinding in a nested
    function, ...). One walk serves every name."""
    found: dict[str, Optional[list[ast.expr]]] = dict.fromkeys(parameters_by_name(function), _OTHER_BINDING)

    stack = list(function.body)
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Assign and len(node.targets) == 1 and type(node.targets[0]) is ast.Name:
            values = found.setdefault(node.targets[0].id, [])
            if values is not _OTHER_BINDING:
                values.append(node.value)
            stack.append(node.value)
            continue
        found.update(dict.fromkeys(_bound_here(node), _OTHER_BINDING))
        if kind in _NESTED:
            # Another scope: only its `nonlocal` could rebind a name here. Any
            # binding of a name in it is taken as one (never a wrong answer).
            for inner in ast.walk(node):
                found.update(dict.fromkeys(_bound_here(inner), _OTHER_BINDING))
            continue
        stack.extend(ast.iter_child_nodes(node))
    return found


def attribute_stores(tree: ast.Module) -> dict[str, list[tuple[Optional[ast.expr], tuple[ast.AST, ...]]]]:
    """For each attribute name the file stores to (`obj.name = value`): the values,
    None for a store of any other form (unpacked, a loop or `with` target, augmented,
    deleted), each with the functions and classes it stands in, innermost first. A
    class body binding the name (a class attribute, which instances see until they
    set their own) counts as another form; a bare declaration (`name: Type`) does not."""
    found: dict[str, list[tuple[Optional[ast.expr], tuple[ast.AST, ...]]]] = {}
    plain: set[int] = set()
    others: list[tuple[ast.Attribute, tuple[ast.AST, ...]]] = []
    stack: list[tuple[ast.AST, tuple[ast.AST, ...]]] = [(tree, ())]
    while stack:
        node, enclosing = stack.pop()
        kind = type(node)
        if kind is ast.Assign or (kind is ast.AnnAssign and node.value is not None):
            for target in node.targets if kind is ast.Assign else [node.target]:
                if type(target) is ast.Attribute:
                    found.setdefault(target.attr, []).append((node.value, enclosing))
                    plain.add(id(target))
        elif kind is ast.ClassDef:
            for name in _class_body_names(node):
                found.setdefault(name, []).append((None, enclosing))
        elif kind is ast.Attribute and type(node.ctx) is not ast.Load:
            others.append((node, enclosing))
        inner = (node, *enclosing) if isinstance(node, _NESTED) else enclosing
        stack.extend((child, inner) for child in ast.iter_child_nodes(node))
    for node, enclosing in others:
        if id(node) not in plain:
            found.setdefault(node.attr, []).append((None, enclosing))
    return found


def _class_body_names(cls: ast.ClassDef) -> Iterator[str]:
    """The names a class body binds (its methods' own bodies aside)."""
    return names_bound_in(cls.body)


# Match statements' parts exist from Python 3.10.
_BLOCKS = tuple(
    getattr(ast, name) for name in ("stmt", "excepthandler", "withitem", "match_case", "pattern")
    if hasattr(ast, name)
)
_TARGET_FIELDS = {"targets", "target", "optional_vars"}


def names_bound_in(statements: list[ast.stmt]) -> Iterator[str]:
    """The names these statements bind in their own scope: through targets, imports,
    defs, handlers and patterns, in nested blocks too; not a declaration (`name:
    Type`), nor the bodies of nested functions and classes. Expressions are not
    walked (a module of 50,000 assignments costs one look at each statement); a
    walrus in one is the blind spot."""
    stack: list[ast.AST] = list(statements)
    while stack:
        node = stack.pop()
        kind = type(node)
        if kind is ast.Assign and all(type(t) is ast.Name for t in node.targets):
            yield from (t.id for t in node.targets)  # the common case, quickly
            continue
        if kind is ast.Expr or (kind is ast.AnnAssign and node.value is None):
            continue
        yield from _bound_here(node)
        if kind in _NESTED:
            continue
        for field, value in ast.iter_fields(node):
            for child in value if type(value) is list else [value]:
                if field in _TARGET_FIELDS and isinstance(child, ast.expr):
                    for part in ast.walk(child):
                        yield from _bound_here(part)
                elif isinstance(child, _BLOCKS):
                    stack.append(child)


def _bound_here(node: ast.AST) -> list[str]:
    if type(node) is ast.Name:
        return [] if type(node.ctx) is ast.Load else [node.id]
    return [name for name, _ in bound_names(node)]


def parameters_by_name(function: ast.AST) -> dict[str, ast.arg]:
    return {a.arg: a for a in parameters(function)}


def _decorated_with(function: ast.AST, name: str) -> bool:
    return any(decorator_name(d) == name for d in getattr(function, "decorator_list", ()))
