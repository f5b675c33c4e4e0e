"""Inference mode: the classes a receiver is declared to hold, where astroid
cannot follow its value (a parameter's value comes from its callers).

`repo.fetch_user()` with `repo: UserRepository` a parameter, a name bound once
by `repo: UserRepository = ...`, or by a call of a function declared to return
one (`-> UserRepository`: a plain `def` called, an `async def` awaited), and
`self.repo.fetch_user()` where the class declares `repo: UserRepository` or
every assignment of `self.repo` is one of those or a value astroid infers.
Annotations are read as mypy reads them: `Optional[X]`, `X | None`,
`Annotated[X, ...]` and `Union[X, Y]` give their classes (None has no method
to call); a string holds an annotation; anything else (a TypeVar, `Any`,
`type[X]`, a generic container) is unknown, and so is the call.  A method of a
declared class decides only with every override in the class's own module:
an `async def` overriding a `def` there makes the call unknown.  A Protocol
says nothing of the objects passed in (they need not inherit from it), nor
does an interface's method (a body of only a docstring, `pass`, `...` or
`raise`): `async def close(self): ...` in a Protocol may stand for a driver's
plain `close`.
"""

from __future__ import annotations

from typing import Callable, Iterator, Optional

import astroid
from astroid import bases, nodes

from ..kinds import MAX_DEPTH, PROTOCOLS, harmless, is_stub

Infer = Callable[[nodes.NodeNG], Optional[list]]
Classes = Optional[list[nodes.ClassDef]]  # None: unknown


def declared_methods(func: nodes.Attribute, infer: Infer) -> Optional[list[nodes.FunctionDef]]:
    """The definitions `func` (`receiver.name`) may call, from declarations; None
    when any is unknown."""
    classes = _receiver_classes(func.expr, infer, 0)
    if not classes:
        return None
    found: list[nodes.FunctionDef] = []
    for cls in classes:
        methods = _methods(cls, func.attrname)
        if methods is None:
            return None
        found += methods
    return found


def _receiver_classes(expr: nodes.NodeNG, infer: Infer, depth: int) -> Classes:
    if depth > MAX_DEPTH:
        return None
    if isinstance(expr, nodes.Name):
        return _name_classes(expr, infer, depth)
    if isinstance(expr, nodes.Attribute):
        return _attribute_classes(expr, infer, depth)
    return None


def _name_classes(name: nodes.Name, infer: Infer, depth: int) -> Classes:
    """The classes of a name bound once: as an annotated parameter, by an annotated
    assignment, or by `name = value` with a value whose class is known."""
    try:
        _, assigned = name.lookup(name.name)
    except Exception:
        return None
    if len(assigned) != 1 or not isinstance(assigned[0], nodes.AssignName):
        return None
    statement = assigned[0].parent
    if isinstance(statement, nodes.Arguments):
        return _parameter_classes(statement, assigned[0], infer)
    if isinstance(statement, nodes.AnnAssign) and statement.target is assigned[0]:
        return _annotation_classes(statement.annotation, infer)
    if isinstance(statement, nodes.Assign) and statement.targets == [assigned[0]]:
        return _value_classes(statement.value, infer, depth)
    return None


def _parameter_classes(arguments: nodes.Arguments, param: nodes.AssignName, infer: Infer) -> Classes:
    for params, declared in (
        (arguments.posonlyargs, arguments.posonlyargs_annotations),
        (arguments.args or [], arguments.annotations),
        (arguments.kwonlyargs, arguments.kwonlyargs_annotations),
    ):
        for candidate, annotation in zip(params, declared):
            if candidate is param:
                return _annotation_classes(annotation, infer)
    return None  # *args, **kwargs


def _attribute_classes(attribute: nodes.Attribute, infer: Infer, depth: int) -> Classes:
    """The classes `self.name` may hold: the class's declaration of `name`, else
    the values of every assignment to it."""
    owners = infer(attribute.expr)
    if not owners:
        return None
    found: list[nodes.ClassDef] = []
    for owner in owners:
        if not isinstance(owner, bases.Instance) or not isinstance(owner._proxied, nodes.ClassDef):
            return None
        classes = _declared_in_class(owner._proxied, attribute.attrname, infer)
        if classes is None:
            classes = _assigned_classes(owner._proxied, attribute.attrname, infer, depth)
        if classes is None:
            return None
        found += classes
    return found


def _declared_in_class(cls: nodes.ClassDef, name: str, infer: Infer) -> Classes:
    """`name: X` in the body of the class or a base (a dataclass field, a declaration)."""
    try:
        ancestors = [cls, *cls.ancestors()]
    except Exception:
        return None
    for ancestor in ancestors:
        for assigned in ancestor.locals.get(name, []):
            statement = assigned.parent
            if isinstance(statement, nodes.AnnAssign) and statement.target is assigned:
                return _annotation_classes(statement.annotation, infer)
    return None


def _assigned_classes(cls: nodes.ClassDef, name: str, infer: Infer, depth: int) -> Classes:
    try:
        assignments = cls.instance_attr(name)
    except Exception:
        return None
    found: list[nodes.ClassDef] = []
    for assigned in assignments:
        statement = assigned.parent
        if isinstance(statement, nodes.AnnAssign) and statement.target is assigned:
            classes = _annotation_classes(statement.annotation, infer)
        elif isinstance(statement, nodes.Assign) and assigned in statement.targets:
            classes = _value_classes(statement.value, infer, depth)
        else:
            return None  # unpacking, augmented assignment, a loop target...
        if classes is None:
            return None
        found += classes
    return found or None


def _value_classes(value: nodes.NodeNG, infer: Infer, depth: int) -> Classes:
    values = infer(value)
    if values is not None:
        values = [v for v in values if not (isinstance(v, nodes.Const) and v.value is None)]
        if all(isinstance(v, bases.Instance) and isinstance(v._proxied, nodes.ClassDef) for v in values):
            return [v._proxied for v in values]  # None, before a connection is made, has no methods
        return None
    if isinstance(value, nodes.Await) and isinstance(value.value, nodes.Call):
        return _returned_classes(value.value, infer, awaited=True)
    if isinstance(value, nodes.Call):
        return _returned_classes(value, infer, awaited=False)
    return _receiver_classes(value, infer, depth + 1)


def _returned_classes(call: nodes.Call, infer: Infer, awaited: bool) -> Classes:
    """The classes a call's functions declare they return: `session = await
    get_session()` with `async def get_session() -> AsyncSession`. Only an
    awaited `async def` and a called plain `def`, undecorated: otherwise the
    value is a coroutine, or whatever a decorator made of the function."""
    functions = infer(call.func)
    if not functions:
        return None
    found: list[nodes.ClassDef] = []
    for function in map(unwrap_method, functions):
        if (
            not isinstance(function, nodes.FunctionDef)
            or isinstance(function, nodes.AsyncFunctionDef) != awaited
            or not harmless(decorator_names(function))
        ):
            return None
        classes = _annotation_classes(function.returns, infer)
        if classes is None:
            return None
        found += classes
    return found


def _annotation_classes(annotation: Optional[nodes.NodeNG], infer: Infer) -> Classes:
    """Every class the annotation names (none for `None`); None when any part is
    something else. Iterative: `A | B | ...` may be thousands deep."""
    found: list[nodes.ClassDef] = []
    stack = [(annotation, False)]  # (a part of it, inside a string)
    while stack:
        node, quoted = stack.pop()
        if isinstance(node, nodes.Const):
            if node.value is None:
                continue
            if not isinstance(node.value, str) or quoted:
                return None
            try:
                parsed = astroid.extract_node(node.value)
            except Exception:
                return None
            parsed.parent = node.parent  # its names are looked up where the string stands
            stack.append((parsed, True))
        elif isinstance(node, nodes.BinOp) and node.op == "|":
            stack += [(node.left, quoted), (node.right, quoted)]
        elif isinstance(node, nodes.Subscript):
            form = node.value.as_string().rpartition(".")[2]
            items = node.slice.elts if isinstance(node.slice, nodes.Tuple) else [node.slice]
            if form in ("Optional", "Annotated"):
                stack.append((items[0], quoted))
            elif form == "Union":
                stack += [(item, quoted) for item in items]
            else:
                return None
        elif isinstance(node, (nodes.Name, nodes.Attribute)):
            values = infer(node)
            if not values or not all(isinstance(v, nodes.ClassDef) for v in values):
                return None
            if any(v.qname().startswith(("typing.", "typing_extensions.")) for v in values):
                return None  # Any, a generic alias: no methods of its own to read
            found += values
        else:
            return None  # no annotation at all, a call, a literal
    return found


def unwrap_method(value):
    # A BoundMethod proxies an UnboundMethod, which proxies the FunctionDef.
    while isinstance(value, (bases.BoundMethod, bases.UnboundMethod)):
        value = value._proxied
    return value


def decorator_names(function: nodes.FunctionDef) -> Iterator[Optional[str]]:
    """The final name each decorator is spelled with (`functools.cache`: `cache`)."""
    for decorator in function.decorators.nodes if function.decorators else ():
        target = decorator.func if isinstance(decorator, nodes.Call) else decorator
        yield target.attrname if isinstance(target, nodes.Attribute) else getattr(target, "name", None)


def _methods(cls: nodes.ClassDef, name: str) -> Optional[list[nodes.FunctionDef]]:
    """The method an instance of `cls` finds, and the overrides of it in the
    class's module; None when any is an interface."""
    try:
        if any(a.qname() in PROTOCOLS for a in cls.ancestors()):
            return None
        values = list(cls.instantiate_class().igetattr(name))
    except Exception:
        return None
    found: list[nodes.FunctionDef] = []
    for value in map(unwrap_method, values):
        if not isinstance(value, nodes.FunctionDef):
            return None
        found.append(value)
    for other in cls.root().nodes_of_class(nodes.ClassDef):
        if other is cls or name not in other.locals:
            continue
        try:
            inherits = cls in other.ancestors()
        except Exception:
            return None
        if inherits:
            overrides = other.locals[name]
            if not all(isinstance(o, nodes.FunctionDef) for o in overrides):
                return None
            found += overrides
    return None if not found or any(is_stub(f) for f in found) else found
