"""The judge step: what a resolved getter call's value meets, and the rule it breaks.

A sync getter's result awaited (or handed to an awaiting consumer) is WSA001; an
async getter's coroutine never run is WSA002 in `async def` and WSA003 in sync
code. A result bound to a name is followed within its function (flow.py).
"""

from __future__ import annotations

import ast
from typing import Iterable, NamedTuple, Optional, Sequence

from . import flow, names
from .facts import Facts, Site
from .fixes import insert_await, remove_await, replace_name
from .names import ASYNC_FUNCTION, CLASS, FUNCTION, MODULE, Callee, Scope
from .resolve import Resolver
from .textscan import PositionIndex
from .usage import (
    AWAITED, BOUND, DISCARDED, MANAGER, OTHER, RETURNED, bound_name, final_name, usage, value_use,
)
from ..config.settings import Settings
from ..model import Getter, Violation
from ..rules import ASYNC_IN_SYNC, AWAIT_SYNC, UNAWAITED_ASYNC, message
from ..sourcefile import char_column

_PRIMARY_PARENTS = (ast.Attribute, ast.Subscript, ast.Call)
_NOT_RUN = {MANAGER, DISCARDED}  # uses that never run a coroutine
_ITERABLE_CONSUMERS = {"wait", "as_completed"}  # they take a collection of awaitables


class _Bound(NamedTuple):
    """A getter's result bound to a name: `name = getter()`."""

    name: str
    site: Site
    getter: Getter
    callee: Optional[Callee]
    # The name holds the call's value itself, not one branch of `a if c else b`:
    # the name then surely holds the coroutine, and a truth test of it is always true.
    direct: bool = True


class Judge:
    """Turns the resolved calls of one file into violations."""

    def __init__(
        self, settings: Settings, facts: Facts, resolver: Resolver, tree: ast.Module, text: str,
        lines: Sequence[str], candidates: frozenset[str],
    ) -> None:
        self.settings = settings
        self.facts = facts
        self.resolver = resolver
        self.tree = tree
        self.text = text
        self.lines = lines
        self.candidates = candidates
        self.violations: list[Violation] = []
        self.bound: list[_Bound] = []  # getter results bound to names, judged last
        self._keyword_calls: Optional[dict[int, ast.Call]] = None

    def source_of(self, node: ast.AST) -> str:
        return "".join(self.lines[node.lineno - 1:node.end_lineno])

    def name_uses(self, root: ast.AST, wanted: set[str]) -> dict[str, flow.NameUses]:
        """What happens to each wanted name in `root` (a function, or the module)."""
        if type(root) is ast.Module:
            index = PositionIndex(self.text, wanted)
        else:
            index = PositionIndex(self.source_of(root), wanted, root.lineno)
        return flow.names_in(root, index, wanted, self.settings.allow_in_raises)

    def add(self, node: ast.AST, code: str, variant: str, getter: Getter, fix=None, **fields: str) -> None:
        text = message(code, variant, getter=getter.final, pair=getter.pair or "", **fields)
        # The ast module's columns count UTF-8 bytes; every output counts characters.
        col = char_column(self.lines, node.lineno, node.col_offset)
        end_col = char_column(self.lines, node.end_lineno, node.end_col_offset)
        self.violations.append(Violation(
            node.lineno, node.col_offset if col is None else col, code, text, getter, fix,
            node.end_lineno, node.end_col_offset if end_col is None else end_col, getter.unless,
        ))

    def add_consumer(self, call: ast.Call, callee: Callee, getter: Getter) -> None:
        shown = callee.final if callee.written.startswith("?") else callee.written
        self.add(call, AWAIT_SYNC.code, "consumer", getter, consumer=shown)

    def run(self) -> list[Violation]:
        alias_names = {
            local
            for scope in self.facts.scopes
            for local, targets in scope.imports.items()
            if any(t.final in self.candidates for t in targets)
        }
        wanted = alias_names | self.candidates
        matched: dict[int, Getter] = {}
        for site in self.facts.calls:
            func = site.node.func
            if type(func) is ast.Name and func.id not in wanted:
                continue
            callee = names.resolve_callee(func, site.scope)
            getter = self.resolver.getter_for(callee, site.node, site.scope)
            if getter is None:
                continue
            matched[id(site.node)] = getter
            if getter.is_async:
                self.async_call(site, getter, callee)
            else:
                self.sync_call(site, getter)
        self.consumers(matched)
        self.follow_bound_names()
        return self.violations

    def value_usage(self, site: Site, through_branches: bool) -> tuple[int, ast.AST, Optional[str]]:
        """How a call's value is used: (usage, the node using it, the name it is bound to).

        The value flows on through a walrus (also binding its name) and, when
        `through_branches`, out of a conditional expression's branches.
        """
        node, parent, field_name = site.node, site.parent, site.field
        walrus = None
        while True:
            kind = type(parent)
            if kind is ast.NamedExpr and field_name == "value":
                walrus = parent.target.id
            elif not (through_branches and kind is ast.IfExp and field_name in ("body", "orelse")):
                break
            node = parent
            parent, field_name = self.facts.outer[id(node)]
        how = usage(node, parent, field_name)
        if how == BOUND:
            return (OTHER, parent, None) if walrus else (BOUND, parent, bound_name(parent))
        if how == DISCARDED and walrus:
            return BOUND, parent, walrus  # `(m := get_x())` as a statement only binds
        return how, parent, None

    def sync_call(self, site: Site, getter: Getter) -> None:
        how, parent, name = self.value_usage(site, through_branches=False)
        if how == AWAITED and not site.in_raises:
            self.add(parent, AWAIT_SYNC.code, "await", getter, remove_await(parent, self.lines))
        elif how == BOUND and site.scope.kind in (FUNCTION, ASYNC_FUNCTION):
            self.bound.append(_Bound(name, site, getter, None))

    def follow_bound_names(self) -> None:
        """Judge every `name = getter()` binding, one walk per function (or module)
        for all the names bound there."""
        by_root: dict[int, list[_Bound]] = {}
        for bound in self.bound:
            by_root.setdefault(id(self.root_of(bound.site.scope)), []).append(bound)
        for bindings in by_root.values():
            root = self.root_of(bindings[0].site.scope)
            uses = self.name_uses(root, {b.name for b in bindings})
            for bound in bindings:
                if bound.getter.is_async:
                    self.follow_coroutine(uses[bound.name], bound)
                elif uses[bound.name].binds == 1:
                    self.awaited_through_name(uses[bound.name], bound.site.scope, bound.getter)

    def follow_coroutine(self, uses: flow.NameUses, bound: _Bound) -> None:
        """A name bound to a coroutine: never run (reported at the call); else, when
        the name holds nothing else, each use of it as a value and each hand-on to a
        function that uses it only as a value, whatever happens to it afterwards."""
        scope = bound.site.scope
        if not self.may_run(uses.loads, scope):
            self.report_unawaited(bound.site, BOUND, bound.getter, bound.callee)
            return
        if not (bound.direct and uses.binds == 1):
            return
        self.used_as_value(uses, bound)
        for node, parent, field_name, nested, in_raises in uses.loads:
            taker = None if nested or in_raises else self.value_taker(node, parent, field_name, scope)
            if taker is not None:
                self.add_handed(taker, scope, bound.getter)

    def used_as_value(self, uses: flow.NameUses, bound: _Bound) -> None:
        """`m = get_x_async(); if m: ...; await m`: each use of the coroutine as a value
        is wrong when it runs, whatever happens to the coroutine afterwards (the name is
        bound only there, so it surely holds the coroutine). Reported at the use, with
        no fix: an `await` at the call would break the later hand-on."""
        code = UNAWAITED_ASYNC.code if bound.site.scope.is_async else ASYNC_IN_SYNC.code
        for node, parent, field_name, nested, in_raises in uses.loads:
            if not nested and not in_raises and value_use(node, parent, field_name):
                self.add(node, code, "value", bound.getter, name=bound.name)

    def root_of(self, scope: Scope) -> ast.AST:
        return self.tree if scope.kind == MODULE else scope.node

    def awaited_through_name(self, uses: flow.NameUses, scope: Scope, getter: Getter) -> None:
        """`m = sync_getter(); ...; await m` in one function, `m` bound only there:
        every `await m` and consumer given `m`, outside exempt raises blocks."""
        for node, parent, field_name, nested, in_raises in uses.loads:
            if nested or in_raises:
                continue
            if type(parent) is ast.Await:
                self.add(parent, AWAIT_SYNC.code, "await", getter, remove_await(parent, self.lines))
            elif type(parent) is ast.Call and field_name == "args" and node in _handed_values(parent):
                callee = self.resolver.consumer_callee(parent, scope)
                if callee is not None:
                    self.add_consumer(parent, callee, getter)

    def consumers(self, matched: dict[int, Getter]) -> None:
        for call, _, _, scope, in_raises in self.facts.consumer_calls:
            if in_raises:
                continue
            getters = [matched.get(id(arg)) for arg in _handed_values(call) if type(arg) is ast.Call]
            sync = next((g for g in getters if g is not None and not g.is_async), None)
            if sync is None:
                continue
            callee = self.resolver.consumer_callee(call, scope)
            if callee is not None:
                self.add_consumer(call, callee, sync)

    def async_call(self, site: Site, getter: Getter, callee: Callee) -> None:
        how, _, name = self.value_usage(site, through_branches=True)
        # A class attribute is made once, at import time, where nothing awaits it.
        if how == BOUND and site.scope.kind != CLASS:
            if name not in site.scope.declared:  # a global may be run anywhere
                self.bound.append(_Bound(name, site, getter, callee, type(site.parent) is not ast.IfExp))
            return
        if how == OTHER and not site.in_raises:
            taker = self.value_taker(site.node, site.parent, site.field, site.scope)
            if taker is not None:
                self.add_handed(taker, site.scope, getter)
                return
        self.report_unawaited(site, how, getter, callee)

    def value_taker(self, node: ast.AST, parent: ast.AST, field_name: str, scope: Scope):
        """(the call, the function's name) when `node` is an argument of a call of a
        function known to use it only as a value; None otherwise."""
        if type(parent) is ast.keyword:
            call = self.keyword_calls().get(id(parent))
        else:
            call = parent if type(parent) is ast.Call and field_name == "args" else None
        if call is None:
            return None
        name = self.resolver.value_taker(call, node, scope)
        return (call, name) if name is not None else None

    def keyword_calls(self) -> dict[int, ast.Call]:
        """id(keyword) -> the call it is an argument of, for the calls the walk recorded."""
        if self._keyword_calls is None:
            self._keyword_calls = {
                id(keyword): site.node for site in self.facts.calls for keyword in site.node.keywords
            }
        return self._keyword_calls

    def add_handed(self, taker: tuple, scope: Scope, getter: Getter) -> None:
        """A coroutine handed to a function that only uses it as a value: reported at
        the hand-on, naming the function, with no fix (the function may be what is wrong)."""
        call, name = taker
        code = UNAWAITED_ASYNC.code if scope.is_async else ASYNC_IN_SYNC.code
        self.add(call, code, "handed", getter, callee=name)

    def report_unawaited(self, site: Site, how: int, getter: Getter, callee: Callee) -> None:
        call, scope = site.node, site.scope
        if scope.is_async:
            if how in (DISCARDED, MANAGER, RETURNED, BOUND):
                parenthesize = how == MANAGER and type(site.parent) in _PRIMARY_PARENTS
                fix = insert_await(call, self.lines, parenthesize)
                self.add(call, UNAWAITED_ASYNC.code, "plain", getter, fix)
        elif how in (DISCARDED, MANAGER, BOUND):
            self.add(call, ASYNC_IN_SYNC.code, "plain", getter, self.pair_fix(call, getter, callee, scope))

    @staticmethod
    def may_run(loads: list, scope: Scope) -> bool:
        """Whether a coroutine bound to a name may still be run: awaited, handed on,
        returned, stored. Any use in a nested function or class counts (when it
        runs is not known here). Returning it from a plain `def` after using it
        there as the result is no hand-off: the use already failed."""
        found = {
            OTHER if nested else usage(node, parent, field_name)
            for node, parent, field_name, nested, _ in loads
        }
        if found <= _NOT_RUN:
            return False
        return not (scope.kind == FUNCTION and MANAGER in found and found <= _NOT_RUN | {RETURNED})

    def pair_fix(self, call: ast.Call, getter: Getter, callee: Callee, scope: Scope):
        """Switch to the paired sync getter, only where that name is surely reachable."""
        if getter.pair is None:
            return None
        func = call.func
        if callee.kind == names.MODULE_ATTR:
            return replace_name(func, getter.pair, self.lines)
        if callee.kind != names.IMPORTED or type(func) is not ast.Name or func.id != getter.final:
            return None
        kind, targets, _ = names.lookup(getter.pair, scope)
        module = callee.dotted.rpartition(".")[0] if callee.dotted else None
        if kind == names.IMPORTED and module and all(t.dotted == f"{module}.{getter.pair}" for t in targets):
            return replace_name(func, getter.pair, self.lines)
        return None


def _handed_values(call: ast.Call) -> Iterable[ast.AST]:
    """What a consumer call awaits: its arguments, and the elements of list/tuple/set
    displays among them. What `*value` or `**value` unpacks is its items, not the
    value itself (`gather(*build_tasks())` hands on the coroutines a sync function
    made), and so is what `asyncio.wait(tasks)` takes (`asyncio.all_tasks()`)."""
    iterated = final_name(call.func) in _ITERABLE_CONSUMERS
    for arg in list(call.args) + [kw.value for kw in call.keywords if kw.arg is not None]:
        starred = type(arg) is ast.Starred
        if starred:
            arg = arg.value
        if type(arg) in (ast.List, ast.Tuple, ast.Set):
            yield from arg.elts
        elif not starred and not iterated:
            yield arg
