"""The linted file's class hierarchy: which in-file class a method lookup reaches.

A base resolves to a module-level class of the file only when that class is
bound once and defined before the class naming it (`class Client(Client)` with
an imported `Client` names the import).  Lookups follow Python's C3 method
resolution order, so a diamond resolves as the interpreter resolves it; a base
from elsewhere stops a lookup, since what it defines is unknown.  Orders are
kept as linked chains and built without recursion: a file with thousands of
chained classes costs linear time and memory, never a RecursionError.
"""

from __future__ import annotations

import ast
from typing import Optional, Sequence, Union

from .usage import final_name

# Bases that add no methods a lookup could reach. A bare `Protocol` may be
# asyncio's (which has methods): only typing's spelled in full, or subscripted.
_EMPTY_BASES = {
    "object", "ABC", "abc.ABC", "Generic", "typing.Generic", "typing_extensions.Generic",
    "typing.Protocol", "typing_extensions.Protocol",
}

# A class or a base from elsewhere (by its spelling), then the rest of the order.
Ancestor = Union[ast.ClassDef, str]
Chain = Optional[tuple]  # (Ancestor, Chain), None at the end


def unsubscripted(base: ast.expr) -> ast.expr:
    """`Base` of `Base[T]`; any other base as it is."""
    return base.value if type(base) is ast.Subscript else base


def base_spelling(base: ast.expr) -> str:
    """How a base is named where it is written (`Base[T]`: `Base`), the key a base
    from elsewhere is known by."""
    target = unsubscripted(base)
    return ast.unparse(target) if type(target) in (ast.Name, ast.Attribute) else ast.dump(base)


def own_defs(cls: ast.ClassDef, name: str) -> list[ast.AST]:
    """The class body's own `def`s and `async def`s of `name`."""
    return [s for s in cls.body if type(s) in (ast.FunctionDef, ast.AsyncFunctionDef) and s.name == name]


class Hierarchy:
    def __init__(self, classes: dict[str, ast.ClassDef], nested: Sequence[ast.ClassDef]) -> None:
        self.classes = classes  # module-level classes bound once, by name
        self.nested = nested  # the other classes
        self._orders: dict[int, Chain] = {}
        self._inconsistent: set[int] = set()  # classes Python would refuse to create
        self._found: dict[tuple[int, str], Optional[list[ast.AST]]] = {}  # see find
        self._children: Optional[dict[int, list[ast.ClassDef]]] = None

    def bases(self, cls: ast.ClassDef) -> list[Ancestor]:
        """The bases a lookup may reach: in-file classes, or spellings of others."""
        found: list[Ancestor] = []
        for base in cls.bases:
            target = unsubscripted(base)
            spelling = base_spelling(base)
            if spelling in _EMPTY_BASES or (spelling == "Protocol" and target is not base):
                continue
            # A nested class's base may name a local: only module-level classes resolve.
            parent = self.classes.get(spelling) if self.classes.get(cls.name) is cls else None
            if parent is not None and parent.lineno < cls.lineno:
                found.append(parent)
            else:
                found.append(spelling)
        return found

    def lookup(self, cls: ast.ClassDef, name: str) -> Optional[list[ast.AST]]:
        """The definitions of `name` that `cls.name` finds: see `find`."""
        return self.find(self.order(cls), name)

    def find(self, chain: Chain, name: str) -> Optional[list[ast.AST]]:
        """The definitions of `name` in the first class of a resolution order that has
        any; None when a base from elsewhere comes first (it may define `name`) or no
        class does. Remembered for every part of the order walked: orders share
        their tails, so a whole file's lookups cost linear time."""
        walked = []
        found = None
        while chain is not None:
            key = (id(chain), name)
            if key in self._found:
                found = self._found[key]
                break
            walked.append(key)
            ancestor, chain = chain
            if type(ancestor) is str:
                break
            found = own_defs(ancestor, name) or None
            if found:
                break
        for key in walked:
            self._found[key] = found
        return found

    def order(self, cls: ast.ClassDef) -> Chain:
        """The class's method resolution order; None when Python would reject it."""
        stack = [cls]
        while stack:
            current = stack[-1]
            if id(current) in self._orders or id(current) in self._inconsistent:
                stack.pop()
                continue
            bases = self.bases(current)
            missing = [
                b for b in bases
                if type(b) is ast.ClassDef and id(b) not in self._orders and id(b) not in self._inconsistent
            ]
            if missing:  # parents are defined earlier, so this never cycles
                stack.extend(missing)
                continue
            stack.pop()
            order = self._linearize(current, bases)
            if order is None:
                self._inconsistent.add(id(current))
            else:
                self._orders[id(current)] = order
        return self._orders.get(id(cls))

    def _linearize(self, cls: ast.ClassDef, bases: list[Ancestor]) -> Chain:
        orders: list[Chain] = []
        for base in bases:
            if type(base) is str:
                orders.append((base, None))
            elif id(base) in self._inconsistent:
                return None
            else:
                orders.append(self._orders[id(base)])
        if not orders:
            return (cls, None)
        if len(orders) == 1:
            return (cls, orders[0])  # shared, not copied: single inheritance stays linear
        merged = c3_merge([_as_list(o) for o in orders] + [list(bases)])
        if merged is None:
            return None
        chain: Chain = None
        for ancestor in reversed(merged):
            chain = (ancestor, chain)
        return (cls, chain)

    def children(self, cls: ast.ClassDef) -> list[ast.ClassDef]:
        """The classes naming `cls` as a base: module-level ones through `bases`, and
        any nested class (a fake in a test function) whose base is spelled like it."""
        if self._children is None:
            self._children = {}
            for other in self.classes.values():
                for base in self.bases(other):
                    if type(base) is ast.ClassDef:
                        self._children.setdefault(id(base), []).append(other)
            for other in self.nested:
                for parent in {self.classes.get(final_name(b)) for b in other.bases} - {None}:
                    self._children.setdefault(id(parent), []).append(other)
        return self._children.get(id(cls), [])


def _as_list(chain: Chain) -> list[Ancestor]:
    found = []
    while chain is not None:
        ancestor, chain = chain
        found.append(ancestor)
    return found


def c3_merge(sequences: list[list[Ancestor]]) -> Optional[list[Ancestor]]:
    """C3 merge; None when no consistent order exists. Counts of how many sequences
    hold each ancestor past their head make every step linear in the number of
    sequences, not in their lengths."""
    sequences = [s for s in sequences if s]
    in_tails: dict[Ancestor, int] = {}
    for sequence in sequences:
        for ancestor in sequence[1:]:
            in_tails[ancestor] = in_tails.get(ancestor, 0) + 1
    heads = [0] * len(sequences)
    merged: list[Ancestor] = []
    left = len(sequences)
    while left:
        for sequence, at in zip(sequences, heads):
            if at < len(sequence) and not in_tails.get(sequence[at]):
                chosen = sequence[at]
                break
        else:
            return None
        merged.append(chosen)
        for n, sequence in enumerate(sequences):
            at = heads[n]
            if at < len(sequence) and sequence[at] == chosen:
                heads[n] = at + 1
                if at + 1 < len(sequence):
                    in_tails[sequence[at + 1]] -= 1
                else:
                    left -= 1
    return merged
