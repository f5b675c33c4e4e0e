"""What kind a definition is: the one sync/async policy, for both engines.

An `async def` that is not an async generator is ASYNC. A plain `def` is SYNC
only when everything it returns is plainly not awaitable. Anything else is
uncertain (None) and decides nothing: a generator, a decorator that may change
what a call returns, an interface stub (what overrides it elsewhere may be
`async def`), a return value that cannot be followed.

Same-file definitions (`ast`) and inference mode (astroid) both judge through
`kind_of`; each engine says, through a `Reader`, what its own nodes hold
(which decorators, which returned values, what a name or a call gives), and
this module alone says what that makes the definition. The two trees spell
node types alike except astroid's `Const`, read here as `Constant`.
"""

from __future__ import annotations

from typing import Any, Iterable, Optional, Protocol

ASYNC, SYNC = "async", "sync"

# How many levels of calls and assignments a judgement follows: beyond, "unknown".
MAX_DEPTH = 3
# A class with one of these among its bases is an interface: the objects declared with
# it need not inherit from it, so its methods say nothing of theirs.
PROTOCOLS = frozenset({"typing.Protocol", "typing_extensions.Protocol"})
# Decorators that keep what calling the function gives.
HARMLESS_DECORATORS = frozenset({"staticmethod", "classmethod", "cache", "lru_cache", "override"})
# Expressions whose value is never awaitable.
_PLAIN_NODES = frozenset({
    "Constant", "List", "Tuple", "Set", "Dict", "ListComp", "SetComp", "DictComp",
    "GeneratorExp", "JoinedStr", "Compare", "Lambda",
})
_NAMES = {"Const": "Constant"}


def node_kind(node: Any) -> str:
    """A node's type as `ast` names it, for an `ast` or an astroid node."""
    name = type(node).__name__
    return _NAMES.get(name, name)


class Reader(Protocol):
    """What one engine reads off its own nodes."""

    def decorator_names(self, function: Any) -> Iterable[Optional[str]]: ...

    def is_generator(self, function: Any) -> bool: ...

    def returned_values(self, function: Any) -> Iterable[Any]:
        """The values of the function's own `return` statements that have one."""

    def plain_name(self, name: Any, function: Any, depth: int) -> bool:
        """Every value the name may hold there is plainly not awaitable."""

    def plain_call(self, call: Any, function: Any, depth: int) -> bool:
        """What the call gives is plainly not awaitable."""


def harmless(decorator_names: Iterable[Optional[str]]) -> bool:
    return all(name in HARMLESS_DECORATORS for name in decorator_names)


def is_stub(function: Any) -> bool:
    """A body of only a docstring, `pass`, `...` or `raise` (`raise NotImplementedError`):
    an interface."""
    for statement in function.body:
        kind = node_kind(statement)
        if kind in ("Pass", "Raise") or (kind == "Expr" and node_kind(statement.value) == "Constant"):
            continue
        return False
    return True


def kind_of(function: Any, reader: Reader, depth: int) -> Optional[str]:
    """ASYNC, SYNC or None (uncertain) for one def, judged with `depth` levels of calls
    already followed."""
    if reader.is_generator(function) or not harmless(reader.decorator_names(function)):
        return None
    if node_kind(function) == "AsyncFunctionDef":
        return ASYNC
    if is_stub(function):
        return None
    if all(plain(value, function, reader, depth) for value in reader.returned_values(function)):
        return SYNC
    return None


def plain(value: Any, function: Any, reader: Reader, depth: int) -> bool:
    """`value` is plainly not awaitable: every value an `or`/`and` or a conditional
    expression may give is (followed without recursion: `a if b else c if d else ...`
    may be thousands deep)."""
    if depth > MAX_DEPTH:
        return False
    stack = [value]
    while stack:
        node = stack.pop()
        kind = node_kind(node)
        if kind == "BoolOp":
            stack += node.values
        elif kind == "IfExp":
            stack += [node.body, node.orelse]
        elif kind == "Name":
            if not reader.plain_name(node, function, depth):
                return False
        elif kind == "Call":
            if not reader.plain_call(node, function, depth):
                return False
        elif kind not in _PLAIN_NODES:
            return False
    return True
