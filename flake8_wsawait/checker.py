"""The single AST walk behind every front end.

The walk is iterative (deeply nested code cannot exhaust the recursion limit)
and only records facts: scopes and their bindings, candidate getter calls with
their parent node, consumer calls, `await NAME` sites.  Resolution happens after
the walk, when every binding in the file is known, so a name bound later in the
file still shadows correctly.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Iterable, NamedTuple, Optional, Sequence

from . import names
from .fixes import insert_await, remove_await, replace_name
from .names import ASYNC_FUNCTION, CLASS, FUNCTION, LAMBDA, MODULE, Callee, Scope
from .rules import message
from .settings import Getter, Settings
from .violation import Violation

# How an expression's value is used, judged from its parent node.
AWAITED, DISCARDED, MANAGER, RETURNED, BOUND, OTHER = range(6)

_CAUGHT_TYPE_ERROR = {"TypeError", "Exception", "BaseException"}
_RAISES_CALLS = {"raises", "assertRaises", "assertRaisesRegex", "assertRaisesRegexp"}
_TRUTH_TESTED = (ast.If, ast.While, ast.IfExp, ast.Assert)
_LOOPS = (ast.For, ast.AsyncFor, ast.comprehension)
_PRIMARY_PARENTS = (ast.Attribute, ast.Subscript, ast.Call)
_NESTED_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def usage(node: ast.AST, parent: ast.AST, field_name: str) -> int:
    """Classify how `node`'s value is used by its parent."""
    kind = type(parent)
    if kind is ast.Await:
        return AWAITED
    if kind is ast.Expr:
        return DISCARDED
    if kind is ast.Attribute or (kind in (ast.Subscript, ast.Call) and field_name in ("value", "func")):
        return MANAGER
    if kind is ast.Compare:
        return MANAGER
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


def _bound_name(parent: ast.AST) -> str:
    return parent.targets[0].id if type(parent) is ast.Assign else parent.target.id


class _Site(NamedTuple):
    node: ast.AST
    parent: ast.AST
    field: str
    scope: Scope
    in_raises: bool


@dataclass
class _Facts:
    """What one walk over a file records."""

    scopes: list[Scope] = field(default_factory=list)
    defined: set[str] = field(default_factory=set)  # defs, class attributes, assigned attributes
    patched: set[str] = field(default_factory=set)  # getter names given as strings to calls
    calls: list[_Site] = field(default_factory=list)  # calls that may call a getter
    consumer_calls: list[_Site] = field(default_factory=list)
    awaited_names: list[_Site] = field(default_factory=list)  # `await NAME`


def _final_name(expr: ast.AST) -> Optional[str]:
    if isinstance(expr, ast.Attribute):
        return expr.attr
    if isinstance(expr, ast.Name):
        return expr.id
    return None


def _catches_type_error(expr: ast.AST) -> bool:
    """`pytest.raises(E)` / `assertRaises(E)` / `assertRaisesRegex(E, ...)` with E catching TypeError."""
    if type(expr) is not ast.Call or _final_name(expr.func) not in _RAISES_CALLS:
        return False
    expected = expr.args[0] if expr.args else next(
        (kw.value for kw in expr.keywords if kw.arg in ("expected_exception", "exception")), None
    )
    candidates = expected.elts if isinstance(expected, ast.Tuple) else [expected]
    return any(_final_name(c) in _CAUGHT_TYPE_ERROR for c in candidates if c is not None)


class _Walker:
    def __init__(self, settings: Settings, module: Optional[tuple[tuple[str, ...], bool]]) -> None:
        self.settings = settings
        self.module = module
        self.getter_finals = set(settings.getters_by_final)
        self.consumer_finals = {c.rpartition(".")[2] for c in settings.consumers}
        self.facts = _Facts()
        self.child_fields: dict[type, tuple[str, ...]] = {}

    def new_scope(self, kind: str, parent: Optional[Scope], node: ast.AST) -> Scope:
        scope = Scope(kind, parent, node)
        self.facts.scopes.append(scope)
        return scope

    def walk(self, tree: ast.Module) -> _Facts:
        facts = self.facts
        module_scope = self.new_scope(MODULE, None, tree)
        stack = [_Site(stmt, tree, "body", module_scope, False) for stmt in reversed(tree.body)]
        push = stack.append
        child_fields = self.child_fields
        special = {
            ast.FunctionDef: self._function,
            ast.AsyncFunctionDef: self._function,
            ast.Lambda: self._function,
            ast.ClassDef: self._class,
            ast.With: self._with,
            ast.AsyncWith: self._with,
        }
        while stack:
            site = stack.pop()
            node, parent, _, scope, in_raises = site
            kind = type(node)
            if kind is ast.Name:
                if type(node.ctx) is not ast.Load:
                    scope.bind(node.id)
                    if scope.kind == CLASS:
                        facts.defined.add(node.id)
                continue
            if kind is ast.Constant:
                if type(node.value) is str and type(parent) in (ast.Call, ast.keyword):
                    self._maybe_patched(node.value)
                continue
            handler = special.get(kind)
            if handler is not None:
                handler(site, push)
                continue
            if kind is ast.Call:
                self._call(site)
            elif kind is ast.Await:
                if type(node.value) is ast.Name:
                    facts.awaited_names.append(site)
            elif kind is ast.Attribute:
                if type(node.ctx) is not ast.Load:
                    facts.defined.add(node.attr)
            elif kind is ast.Import or kind is ast.ImportFrom:
                names.record_import(node, scope, self.module)
                continue
            elif kind is ast.Global:
                scope.declared.update(node.names)
                continue
            elif kind is ast.Nonlocal:
                for name in node.names:
                    scope.bind(name)
                continue
            elif kind is ast.ExceptHandler or kind is ast.MatchAs or kind is ast.MatchStar:
                if node.name:
                    scope.bind(node.name)
            elif kind is ast.MatchMapping:
                if node.rest:
                    scope.bind(node.rest)
            fields = child_fields.get(kind)
            if fields is None:
                fields = child_fields[kind] = tuple(f for f in kind._fields if f != "ctx")
            for name in fields:
                value = getattr(node, name, None)
                if type(value) is list:
                    for item in value:
                        if isinstance(item, ast.AST):
                            push(_Site(item, node, name, scope, in_raises))
                elif isinstance(value, ast.AST):
                    push(_Site(value, node, name, scope, in_raises))
        return facts

    def _maybe_patched(self, text: str) -> None:
        # mock.patch("app.ws.get_x"), monkeypatch.setattr(mod, "get_x", ...): the
        # file replaces the getter, so its calls here say nothing about the real one.
        final = text.rpartition(".")[2]
        if final in self.getter_finals:
            self.facts.patched.add(final)

    def _call(self, site: _Site) -> None:
        func = site.node.func
        final = _final_name(func)
        if final is None:
            return
        if type(func) is ast.Name or final in self.getter_finals:
            self.facts.calls.append(site)
        if final in self.consumer_finals:
            self.facts.consumer_calls.append(site)

    def _function(self, site: _Site, push) -> None:
        node, _, _, scope, in_raises = site
        outer = []
        if type(node) is not ast.Lambda:
            scope.bind(node.name)
            self.facts.defined.add(node.name)
            outer.extend(node.decorator_list)
            if node.returns is not None:
                outer.append(node.returns)
        kind = {ast.Lambda: LAMBDA, ast.AsyncFunctionDef: ASYNC_FUNCTION}.get(type(node), FUNCTION)
        inner = self.new_scope(kind, scope, node)
        args = node.args
        outer.extend(args.defaults)
        outer.extend(d for d in args.kw_defaults if d is not None)
        for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
            if arg is not None:
                inner.bind(arg.arg)
                if arg.annotation is not None:
                    outer.append(arg.annotation)
        for child in outer:
            push(_Site(child, node, "outer", scope, in_raises))
        body = [node.body] if type(node) is ast.Lambda else node.body
        for child in reversed(body):
            push(_Site(child, node, "body", inner, in_raises))

    def _class(self, site: _Site, push) -> None:
        node, _, _, scope, in_raises = site
        scope.bind(node.name)
        self.facts.defined.add(node.name)
        for child in node.bases + [kw.value for kw in node.keywords] + node.decorator_list:
            push(_Site(child, node, "outer", scope, in_raises))
        inner = self.new_scope(CLASS, scope, node)
        for child in reversed(node.body):
            push(_Site(child, node, "body", inner, in_raises))

    def _with(self, site: _Site, push) -> None:
        node, _, _, scope, in_raises = site
        body_in_raises = in_raises or (
            self.settings.allow_in_raises
            and any(_catches_type_error(item.context_expr) for item in node.items)
        )
        for item in node.items:
            push(_Site(item, node, "items", scope, in_raises))
        for child in reversed(node.body):
            push(_Site(child, node, "body", scope, body_in_raises))


@dataclass
class _Report:
    """Turns resolved facts into violations for one file."""

    settings: Settings
    facts: _Facts
    tree: ast.Module
    lines: Sequence[str]
    violations: list[Violation] = field(default_factory=list)
    # (scope, name) -> (call, getter) for `name = <sync getter call>` in a function
    sync_bindings: dict[tuple[int, str], tuple[ast.Call, Getter]] = field(default_factory=dict)

    def getter_for(self, callee: Optional[Callee]) -> Optional[Getter]:
        if callee is None or callee.kind == names.LOCAL:
            return None
        candidates = self.settings.getters_by_final.get(callee.final)
        if not candidates or callee.final in self.facts.patched:
            return None
        if callee.kind == names.OBJECT_ATTR and callee.final in self.facts.defined:
            return None  # a test double or a method of a class in this file
        matched = [g for g in candidates if not g.dotted or callee.dotted == g.name]
        if not matched or len({g.is_async for g in matched}) != 1:
            return None
        return matched[0]

    def is_consumer(self, callee: Optional[Callee]) -> bool:
        if callee is None or callee.kind == names.LOCAL:
            return False
        parts = (callee.dotted or callee.written).split(".")
        return any(
            parts[-len(c_parts):] == c_parts
            for c_parts in (c.split(".") for c in self.settings.consumers)
        )

    def add(self, node: ast.AST, code: str, variant: str, getter: Getter, fix=None, **fields: str) -> None:
        text = message(code, variant, getter=getter.final, pair=getter.pair or "", **fields)
        self.violations.append(Violation(node.lineno, node.col_offset, code, text, getter, fix))

    def run(self) -> list[Violation]:
        alias_names = {
            local
            for scope in self.facts.scopes
            for local, targets in scope.imports.items()
            if any(t.final in self.settings.getters_by_final for t in targets)
        }
        wanted = alias_names | set(self.settings.getters_by_final)
        matched: dict[int, Getter] = {}
        for site in self.facts.calls:
            func = site.node.func
            if type(func) is ast.Name and func.id not in wanted:
                continue
            callee = names.resolve_callee(func, site.scope)
            getter = self.getter_for(callee)
            if getter is None:
                continue
            matched[id(site.node)] = getter
            if getter.is_async:
                self.async_call(site, getter, callee)
            else:
                self.sync_call(site, getter)
        self.sync_names_awaited()
        self.consumers(matched)
        return self.violations

    def sync_call(self, site: _Site, getter: Getter) -> None:
        call, parent, field_name, scope, in_raises = site
        how = usage(call, parent, field_name)
        if how == AWAITED and not in_raises:
            self.add(parent, "WSA001", "await", getter, remove_await(parent, self.lines))
        elif how == BOUND and scope.kind in (FUNCTION, ASYNC_FUNCTION):
            self.sync_bindings[(id(scope), _bound_name(parent))] = (call, getter)

    def bound_once_to_sync(self, name: str, scope: Scope) -> Optional[Getter]:
        bound = self.sync_bindings.get((id(scope), name))
        if bound is None or scope.bindings.get(name) != 1 or name in scope.declared:
            return None
        return bound[1]

    def sync_names_awaited(self) -> None:
        for await_node, _, _, scope, in_raises in self.facts.awaited_names:
            getter = self.bound_once_to_sync(await_node.value.id, scope)
            if getter is not None and not in_raises:
                self.add(await_node, "WSA001", "await", getter, remove_await(await_node, self.lines))

    def consumers(self, matched: dict[int, Getter]) -> None:
        for call, _, _, scope, in_raises in self.facts.consumer_calls:
            if in_raises:
                continue
            callee = names.resolve_callee(call.func, scope)
            if not self.is_consumer(callee):
                continue
            shown = callee.final if callee.written.startswith("?") else callee.written
            for arg in _handed_values(call):
                getter = matched.get(id(arg)) if type(arg) is ast.Call else None
                if type(arg) is ast.Name:
                    getter = self.bound_once_to_sync(arg.id, scope)
                if getter is not None and not getter.is_async:
                    self.add(call, "WSA001", "consumer", getter, consumer=shown)
                    break

    def async_call(self, site: _Site, getter: Getter, callee: Callee) -> None:
        call, parent, field_name, scope, _ = site
        how = usage(call, parent, field_name)
        if scope.is_async:
            if how == BOUND and _name_escapes(_bound_name(parent), scope, self.tree):
                return
            if how in (DISCARDED, MANAGER, RETURNED, BOUND):
                parenthesize = how == MANAGER and type(parent) in _PRIMARY_PARENTS
                self.add(call, "WSA002", "plain", getter, insert_await(call, self.lines, parenthesize))
            return
        if how == BOUND:
            if scope.kind == CLASS or _name_escapes(_bound_name(parent), scope, self.tree):
                return
        elif how not in (DISCARDED, MANAGER):
            return
        self.add(call, "WSA003", "plain", getter, self.pair_fix(call, getter, callee, scope))

    def pair_fix(self, call: ast.Call, getter: Getter, callee: Callee, scope: Scope):
        """Switch to the paired sync getter, only where that name is surely reachable."""
        if getter.pair is None:
            return None
        func = call.func
        if callee.kind == names.MODULE_ATTR:
            return replace_name(func, getter.pair, self.lines)
        if callee.kind != names.IMPORTED or type(func) is not ast.Name or func.id != getter.final:
            return None
        kind, targets = names.lookup(getter.pair, scope)
        module = callee.dotted.rpartition(".")[0] if callee.dotted else None
        if kind == names.IMPORTED and module and all(t.dotted == f"{module}.{getter.pair}" for t in targets):
            return replace_name(func, getter.pair, self.lines)
        return None


def _handed_values(call: ast.Call) -> Iterable[ast.AST]:
    """Arguments of a consumer call, looking inside list/tuple/set displays."""
    for arg in list(call.args) + [kw.value for kw in call.keywords]:
        if type(arg) is ast.Starred:
            arg = arg.value
        if type(arg) in (ast.List, ast.Tuple, ast.Set):
            yield from arg.elts
        else:
            yield arg


def _name_escapes(name: str, scope: Scope, tree: ast.Module) -> bool:
    """Whether a coroutine bound to `name` may be run: awaited, handed on, returned, stored.

    Conservative: any use that is not plainly "used as the manager" counts as
    an escape, and so does any use inside a nested function or class.
    """
    if scope.kind == CLASS or name in scope.declared:
        return True
    root = tree if scope.kind == MODULE else scope.node
    roots = root.body if isinstance(root.body, list) else [root.body]
    stack = [(child, root, "body", False) for child in roots]
    while stack:
        node, parent, field_name, nested = stack.pop()
        if type(node) is ast.Name:
            if node.id == name and type(node.ctx) is ast.Load:
                if nested or usage(node, parent, field_name) not in (MANAGER, DISCARDED):
                    return True
            continue
        inner = nested or (scope.kind != MODULE and isinstance(node, _NESTED_SCOPES))
        for child_field, value in ast.iter_fields(node):
            if type(value) is list:
                stack.extend((item, node, child_field, inner) for item in value if isinstance(item, ast.AST))
            elif isinstance(value, ast.AST):
                stack.append((value, node, child_field, inner))
    return False


def may_contain_getters(text: str, settings: Settings) -> bool:
    """Cheap text test: a file that never spells a getter's name cannot call one."""
    return any(final in text for final in settings.getters_by_final)


def check_tree(tree: ast.Module, lines: Sequence[str], filename: str, settings: Settings) -> list[Violation]:
    """All violations in one parsed file, allowlist applied, in position order."""
    module = names.module_parts(filename, settings.project_root)
    facts = _Walker(settings, module).walk(tree)
    violations = _Report(settings, facts, tree, lines).run()
    unique = {(v.line, v.col, v.code): v for v in violations}
    return sorted(
        (v for v in unique.values() if not settings.allowed(filename, v.code, v.getter)),
        key=lambda v: v.sort_key,
    )
