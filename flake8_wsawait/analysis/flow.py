"""Name flow inside one function: what happens to a value bound to a name.

These re-walks run only for `name = <getter call>` bindings, over the function
(or module) that holds the binding, and like the main walk they visit only
the nodes whose source spans a place where the name is spelled: every load,
binding and nested use of it is such a node.
"""

from __future__ import annotations

import ast
from typing import Iterator, Optional, Sequence

from .astfields import MATCH_MAPPING, NAMED_BINDERS, UNPOSITIONED, child_fields
from .kinds import harmless
from .names import decorator_name, parameters
from .textscan import PositionIndex
from .usage import exempt_block, value_use

_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)

# A visit: (node, parent, field, nested, in_raises) where `nested` means inside a
# function, lambda or class nested in the root, and `in_raises` inside
# `with pytest.raises(TypeError)` and the like.
Visit = tuple


def visits(root: ast.AST, index: PositionIndex, allow_in_raises: bool) -> Iterator[Visit]:
    """The nodes below `root` (a function or module) that the index covers."""
    covers = index.covers
    module_root = type(root) is ast.Module
    body = root.body if isinstance(root.body, list) else [root.body]
    stack = [(c, root, "body", False, False) for c in reversed(body) if covers(c)]
    while stack:
        visit = stack.pop()
        yield visit
        node, _, _, nested, in_raises = visit
        inner = nested or (not module_root and isinstance(node, _NESTED_SCOPES))
        body_in_raises = in_raises or exempt_block(node, allow_in_raises)
        for child_field in child_fields(type(node)):
            value = getattr(node, child_field)
            child_raises = body_in_raises if child_field == "body" else in_raises
            for item in value if type(value) is list else (value,):
                if item is not None and (type(item) in UNPOSITIONED or covers(item)):
                    stack.append((item, node, child_field, inner, child_raises))


def parameter_at(function: ast.AST, position: Optional[int], keyword: Optional[str]) -> Optional[str]:
    """The parameter an argument binds: the `position`-th positional one, or the one
    named `keyword`; None when `*args` or `**kwargs` would take it."""
    args = function.args
    if keyword is not None:
        named = [a.arg for a in args.args + args.kwonlyargs]
        return keyword if keyword in named else None
    positional = args.posonlyargs + args.args
    return positional[position].arg if position is not None and position < len(positional) else None


def takes_as_value(
    function: ast.AST, lines: Sequence[str], position: Optional[int], keyword: Optional[str],
    allow_in_raises: bool,
) -> bool:
    """Whether a def given an argument there (`position`, or `keyword`) uses it only
    as a value (usage.value_use: an attribute, a truth test, formatting...) and
    never binds that parameter again: a coroutine handed in is then never run. A
    decorator (other than those that keep the function: kinds.harmless) may hand the
    arguments anywhere. `lines`: its file's, split as the parser splits them
    (sourcefile.split_lines)."""
    if not harmless(map(decorator_name, function.decorator_list)):
        return False
    parameter = parameter_at(function, position, keyword)
    if parameter is None:
        return False
    source = "".join(lines[function.lineno - 1:function.end_lineno])
    index = PositionIndex(source, {parameter}, function.lineno)
    uses = names_in(function, index, {parameter}, allow_in_raises)[parameter]
    if uses.binds != 1:
        return False
    used = False
    for node, parent, field_name, nested, in_raises in uses.loads:
        if nested or in_raises or not value_use(node, parent, field_name):
            return False
        # `inspect.isgenerator(obj)`: a function asking what its argument is fails on nothing.
        used = used or not _type_question(node, parent)
    return used


def _type_question(node: ast.AST, parent: ast.AST) -> bool:
    return (
        type(parent) is ast.Call and type(parent.func) is ast.Name and parent.func.id == "isinstance"
        and parent.args[:1] == [node]
    )


class NameUses:
    """What happens to one name below a root."""

    __slots__ = ("binds", "loads")

    def __init__(self) -> None:
        self.binds = 0  # bindings in the root's own scope (parameters included)
        self.loads: list[Visit] = []  # the name's loads


def names_in(
    root: ast.AST, index: PositionIndex, wanted: set[str], allow_in_raises: bool,
) -> dict[str, NameUses]:
    """Bindings and loads of every wanted name below `root`, in one walk.

    `index` must cover where the wanted names are spelled. One walk serves all
    the names bound in a function, so the cost stays linear in its size
    however many of them there are.
    """
    found = {name: NameUses() for name in wanted}
    for arg in parameters(root):
        if arg.arg in found:
            found[arg.arg].binds += 1
    for visit in visits(root, index, allow_in_raises):
        node, _, _, nested, _ = visit
        if type(node) is ast.Name:
            uses = found.get(node.id)
            if uses is None:
                continue
            if type(node.ctx) is ast.Load:
                uses.loads.append(visit)
            elif not nested:
                uses.binds += 1
        elif not nested:  # a nested def's own name is not nested: it binds here
            for name, count in bound_names(node):
                if name in found:
                    found[name].binds += count
    return found


def bound_names(node: ast.AST) -> list[tuple[str, int]]:
    """The names a statement or pattern binds other than through a Name node."""
    kind = type(node)
    if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return [(node.name, 1)]
    if kind in (ast.Global, ast.Nonlocal):
        return [(name, 2) for name in node.names]  # bound elsewhere: never "once"
    if kind in (ast.Import, ast.ImportFrom):
        return [(a.asname or a.name.partition(".")[0], 1) for a in node.names]
    if kind in NAMED_BINDERS:
        return [(node.name, 1)] if node.name else []
    if kind is MATCH_MAPPING:
        return [(node.rest, 1)] if node.rest else []
    return []
