"""How an expression's value is used, judged from its parent node alone."""

from __future__ import annotations

import ast
from typing import Optional

AWAITED, DISCARDED, MANAGER, RETURNED, BOUND, OTHER = range(6)

_TRUTH_TESTED = (ast.If, ast.While, ast.IfExp, ast.Assert)
_LOOPS = (ast.For, ast.AsyncFor, ast.comprehension)
_CAUGHT_TYPE_ERROR = {"TypeError", "Exception", "BaseException"}
# Builtins that use their argument's value (format it, size it, convert it): a
# coroutine given to them is used as if it were the result, never run.
_VALUE_BUILTINS = {
    "str", "repr", "format", "print", "len", "bool", "int", "float", "list", "tuple", "set",
    "frozenset", "dict", "sorted", "iter", "next", "hash", "isinstance",
}
_UNPACKING_TARGETS = (ast.Tuple, ast.List, ast.Starred)
_RAISES_CALLS = {"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"}


def usage(node: ast.AST, parent: ast.AST, field_name: str) -> int:
    kind = type(parent)
    if kind is ast.Await:
        return AWAITED
    if kind is ast.Expr:
        return DISCARDED
    if kind is ast.Attribute and parent.attr == "__await__":
        return OTHER  # `return self.connect().__await__()`: how an awaitable class runs it
    if kind is ast.Attribute or (kind in (ast.Subscript, ast.Call) and field_name in ("value", "func")):
        return MANAGER
    if kind is ast.Compare or kind is ast.BinOp or kind is ast.FormattedValue:
        return MANAGER  # compared, membership-tested, combined, formatted into an f-string
    if kind is ast.Call and field_name == "args" and _uses_values(parent.func):
        return MANAGER
    if kind is ast.Starred or (kind is ast.keyword and parent.arg is None):
        return MANAGER  # `*value`, `**value`: iterated, or read as a mapping
    if kind is ast.AugAssign or (
        kind is ast.Assign and any(type(t) in _UNPACKING_TARGETS for t in parent.targets)
    ):
        return MANAGER  # `x += value`, `a, b = value`
    if field_name == "iter" and kind in _LOOPS:
        return MANAGER
    if field_name == "test" and kind in _TRUTH_TESTED:
        return MANAGER
    if field_name == "ifs" and kind is ast.comprehension:
        return MANAGER
    if kind is ast.UnaryOp and isinstance(parent.op, ast.Not):
        return MANAGER
    if kind is ast.BoolOp and parent.values[-1] is not node:  # the last operand is the result
        return MANAGER
    if kind is ast.Return:
        return RETURNED
    if field_name == "value" and (
        (kind is ast.Assign and len(parent.targets) == 1 and type(parent.targets[0]) is ast.Name)
        or (kind is ast.AnnAssign and type(parent.target) is ast.Name)
    ):
        return BOUND
    return OTHER


# What a coroutine has as a coroutine: driving it by hand is not using it as a value.
_COROUTINE_METHODS = {"send", "throw", "close"}
_AWAITABLE_TYPES = {"Awaitable", "Coroutine", "CoroutineType", "Future", "Task", "Generator"}


def value_use(node: ast.AST, parent: ast.AST, field_name: str) -> bool:
    """A use of a coroutine that is wrong when it runs, whatever happens to it next: used
    as the result (see `usage`), but not tested for identity (`is None`), not driven
    through its own methods and attributes (`send`, `throw`, `close`, `cr_*`, dunders such
    as `__name__`), not asked whether it is an awaitable (`isinstance(c, Coroutine)`)."""
    if usage(node, parent, field_name) != MANAGER:
        return False
    kind = type(parent)
    if kind is ast.Attribute:  # a coroutine has these too (`__name__`, `__qualname__`, ...)
        attr = parent.attr
        return not (attr in _COROUTINE_METHODS or attr.startswith("cr_") or attr.startswith("__"))
    if kind is ast.Compare:
        return not all(type(op) in (ast.Is, ast.IsNot) for op in parent.ops)
    if kind is ast.Call and type(parent.func) is ast.Name and parent.func.id == "isinstance":
        types = parent.args[1:2]
        named = [e for t in types for e in (t.elts if type(t) is ast.Tuple else [t])]
        return not any(final_name(e) in _AWAITABLE_TYPES for e in named)
    return True


def _uses_values(func: ast.expr) -> bool:
    """`str(...)`, `print(...)` and the like, or `"...".format(...)`."""
    if type(func) is ast.Name:
        return func.id in _VALUE_BUILTINS
    return (
        type(func) is ast.Attribute and func.attr == "format"
        and type(func.value) in (ast.Constant, ast.JoinedStr)
    )


def bound_name(parent: ast.AST) -> str:
    """The name a BOUND value is assigned to."""
    return parent.targets[0].id if type(parent) is ast.Assign else parent.target.id


def final_name(expr: ast.AST) -> Optional[str]:
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return None


def exempt_block(node: ast.AST, allow_in_raises: bool) -> bool:
    """A `with` whose body is exempt from WSA001 (a test of the very TypeError)."""
    return (
        allow_in_raises
        and type(node) in (ast.With, ast.AsyncWith)
        and any(catches_type_error(item.context_expr) for item in node.items)
    )


def catches_type_error(expr: ast.AST) -> bool:
    """`pytest.raises(E)` / `assertRaises(E)` / `assertRaisesRegex(E, ...)` with E catching TypeError."""
    if type(expr) is not ast.Call or final_name(expr.func) not in _RAISES_CALLS:
        return False
    expected = expr.args[0] if expr.args else next(
        (kw.value for kw in expr.keywords if kw.arg in ("expected_exception", "exception")), None
    )
    candidates = expected.elts if isinstance(expected, ast.Tuple) else [expected]
    return any(final_name(c) in _CAUGHT_TYPE_ERROR for c in candidates if c is not None)
