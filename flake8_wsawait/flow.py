"""Name flow inside one function: what happens to a value bound to a name.

These re-walks run only for `name = <getter call>` bindings, over the function
(or module) that holds the binding, and like the main walk they visit only
the nodes whose source spans a place where the name is spelled: every load,
binding and nested use of it is such a node.
"""

from __future__ import annotations

import ast
from typing import Callable, Iterator

from .astfields import MATCH_MAPPING, NAMED_BINDERS, UNPOSITIONED, child_fields
from .textscan import PositionIndex
from .usage import OTHER, exempt_block, usage

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


def _loads(name: str, root: ast.AST, text_index: PositionIndex, allow_in_raises: bool = False):
    for visit in visits(root, text_index, allow_in_raises):
        node = visit[0]
        if type(node) is ast.Name and node.id == name and type(node.ctx) is ast.Load:
            yield visit


def uses(name: str, root: ast.AST, index: PositionIndex) -> set[int]:
    """How a value bound to `name` is used below `root` (usage kinds of its loads).

    Any use inside a nested function or class counts as OTHER (a hand-off):
    when it runs is not known here.
    """
    return {
        OTHER if nested else usage(node, parent, field_name)
        for node, parent, field_name, nested, _ in _loads(name, root, index)
    }


def bound_once(name: str, function: ast.AST, index: PositionIndex) -> bool:
    """`name` is bound exactly once in `function`'s own scope (parameters count)."""
    args = function.args
    params = args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]
    count = sum(1 for a in params if a is not None and a.arg == name)
    for node, _, _, nested, _ in visits(function, index, False):
        if not nested:  # a nested def's own name is not nested: it binds here
            count += _binds(node, name)
            if count > 1:
                return False
    return count == 1


def _binds(node: ast.AST, name: str) -> int:
    kind = type(node)
    if kind is ast.Name:
        return int(node.id == name and type(node.ctx) is not ast.Load)
    if kind in (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef):
        return int(node.name == name)
    if kind in (ast.Global, ast.Nonlocal):
        return 2 * (name in node.names)  # bound elsewhere: never "once"
    if kind in (ast.Import, ast.ImportFrom):
        return sum(1 for a in node.names if (a.asname or a.name.partition(".")[0]) == name)
    if kind in NAMED_BINDERS:
        return int(node.name == name)
    if kind is MATCH_MAPPING:
        return int(node.rest == name)
    return 0


def awaits_and_hand_offs(
    name: str, function: ast.AST, index: PositionIndex, allow_in_raises: bool,
    is_consumer: Callable[[ast.Call], bool],
) -> Iterator[ast.AST]:
    """`await name` and consumer calls given `name`, in `function`'s own scope,
    outside exempt `pytest.raises(TypeError)` blocks."""
    for _, parent, field_name, nested, in_raises in _loads(name, function, index, allow_in_raises):
        if nested or in_raises:
            continue
        if type(parent) is ast.Await:
            yield parent
        elif type(parent) is ast.Call and field_name == "args" and is_consumer(parent):
            yield parent
