"""The single AST walk behind every front end.

The walk is iterative (deeply nested code cannot exhaust the recursion limit),
visits only the statements and expressions whose lines spell a name that
matters (see textscan.py), and only records facts: scopes and the bindings of
those names, candidate getter calls with their parent node, consumer calls.
Resolution runs after the walk, when every relevant binding is known, so a
name bound later in the file still shadows correctly.
"""

from __future__ import annotations

import ast
from bisect import bisect_left
from typing import Iterable, Optional

from . import names
from .astfields import MATCH_MAPPING, NAMED_BINDERS, UNPOSITIONED, child_fields
from .facts import Facts, Site
from .names import ASYNC_FUNCTION, CLASS, FUNCTION, LAMBDA, MODULE, Scope, position
from .patches import PATCH_FINALS, PatchSite
from ..config.settings import Settings
from .textscan import DECORATED, PositionIndex, span_start
from .usage import exempt_block, final_name

_UNEVALUATED_ANNOTATION_FIELDS = ("target", "value")
_MOCK_CONFIGURATION = {"return_value", "side_effect"}
_ALWAYS_VISITED = UNPOSITIONED | {ast.Import, ast.ImportFrom}
_TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))  # `except*` exists from Python 3.11


class Walker:
    """The single AST walk: records facts, decides nothing."""

    def __init__(self, settings: Settings, module, index: PositionIndex, candidates: frozenset[str]) -> None:
        self.settings = settings
        self.module = module
        self.index = index
        self.getter_finals = candidates
        self.consumer_finals = settings.consumer_finals
        self.facts = Facts()
        self.holders: dict[int, ast.AST] = {}  # id(with item or decorator) -> the with, def or class
        self.lazy_annotations = False  # `from __future__ import annotations`

    def new_scope(self, kind: str, parent: Optional[Scope], node: ast.AST) -> Scope:
        scope = Scope(kind, parent, node)
        self.facts.scopes.append(scope)
        return scope

    def relevant(self, nodes: Iterable[ast.AST]) -> list[ast.AST]:
        covers = self.index.covers
        return [n for n in nodes if type(n) in _ALWAYS_VISITED or covers(n)]

    # One loop, long on purpose: it is every run's hot path, and each step moved out of it
    # into a call costs (bench/bench_checker.py measures it).
    def walk(self, tree: ast.Module) -> Facts:
        facts = self.facts
        self.lazy_annotations = postpones_annotations(tree)
        module_scope = self.new_scope(MODULE, None, tree)
        stack = [(stmt, tree, "body", module_scope, False) for stmt in reversed(self.relevant(tree.body))]
        push = stack.append
        # The position test of PositionIndex.covers, inlined: this loop is the hot path.
        keys = self.index.keys
        nkeys = len(keys)
        filtering = not self.index.everything
        always = _ALWAYS_VISITED
        fields_of = {}
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
            node, parent, field_name, scope, in_raises = site
            kind = type(node)
            if kind is ast.Name:
                if type(node.ctx) is not ast.Load:
                    self.bind(scope, node.id, node)
                continue
            if kind is ast.Constant:
                continue
            handler = special.get(kind)
            if handler is not None:
                handler(node, scope, in_raises, push)
                continue
            if kind is ast.Call:
                self._call(site)
            elif kind is ast.Attribute:
                if type(node.ctx) is not ast.Load:
                    facts.rebound.add(node.attr)
                    # `svc.get_x.return_value = m`: `svc.get_x` is a mock being configured.
                    if node.attr in _MOCK_CONFIGURATION and type(node.value) is ast.Attribute:
                        facts.rebound.add(node.value.attr)
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
            elif kind in NAMED_BINDERS:
                if node.name:
                    scope.bind(node.name)
            elif kind is MATCH_MAPPING:
                if node.rest:
                    scope.bind(node.rest)
            elif kind is ast.NamedExpr or kind is ast.IfExp:
                facts.outer[id(node)] = (parent, field_name)
            elif kind in _TRIES:
                names.record_import_fallbacks(node, scope)
            if kind is ast.AnnAssign and (self.lazy_annotations or scope.kind in (FUNCTION, ASYNC_FUNCTION)):
                fields = _UNEVALUATED_ANNOTATION_FIELDS  # never evaluated: nothing there runs
            else:
                fields = fields_of.get(kind)
                if fields is None:
                    fields = fields_of[kind] = child_fields(kind)
            for name in fields:
                value = getattr(node, name)
                for item in value if type(value) is list else (value,):
                    if item is None:
                        continue
                    if filtering and type(item) not in always:
                        start = item if type(item) not in DECORATED else span_start(item)
                        i = bisect_left(keys, start.lineno << 32 | start.col_offset)
                        if i == nkeys or keys[i] >= (item.end_lineno << 32 | item.end_col_offset):
                            continue
                    push((item, node, name, scope, in_raises))
        return facts

    def bind(self, scope: Scope, name: str, node: ast.AST) -> None:
        at = position(node)
        if scope.kind == CLASS and not scope.is_fallback(name, at):
            self.facts.rebound.add(name)
        scope.bind(name, at)

    def _call(self, site) -> None:
        call = site[0]
        func = call.func
        final = final_name(func)
        if final is None:
            return
        if type(func) is ast.Name or final in self.getter_finals:
            self.facts.calls.append(Site(*site))
        if final in self.consumer_finals:
            self.facts.consumer_calls.append(Site(*site))
        if final in PATCH_FINALS:
            self.facts.patch_sites.append(PatchSite(call, site[3], self.holders.get(id(call))))

    def _function(self, node, scope: Scope, in_raises: bool, push) -> None:
        outer = []
        if type(node) is not ast.Lambda:
            self.bind_definition(scope, node)
            outer.extend(node.decorator_list)
            if node.returns is not None and not self.lazy_annotations:
                outer.append(node.returns)
        kind = {ast.Lambda: LAMBDA, ast.AsyncFunctionDef: ASYNC_FUNCTION}.get(type(node), FUNCTION)
        inner = self.new_scope(kind, scope, node)
        args = node.args
        outer.extend(args.defaults)
        outer.extend(d for d in args.kw_defaults if d is not None)
        for arg in names.parameters(node):
            inner.bind(arg.arg)
            if arg.annotation is not None and not self.lazy_annotations:
                outer.append(arg.annotation)
        for child in outer:
            push((child, node, "outer", scope, in_raises))
        body = [node.body] if type(node) is ast.Lambda else self.relevant(node.body)
        for child in reversed(body):
            push((child, node, "body", inner, in_raises))

    def bind_definition(self, scope: Scope, node) -> None:
        """A def or class: binds its name; its decorators hold for all of it."""
        at = position(node)
        if not scope.is_fallback(node.name, at):
            if type(node) is ast.ClassDef:
                self.facts.rebound.add(node.name)
            elif node.name in self.getter_finals:
                self.facts.defs.append((scope, node))
        scope.bind(node.name, at)
        for decorator in node.decorator_list:
            self.holders[id(decorator)] = node

    def _class(self, node, scope: Scope, in_raises: bool, push) -> None:
        self.bind_definition(scope, node)
        for child in node.bases + [kw.value for kw in node.keywords] + node.decorator_list:
            push((child, node, "outer", scope, in_raises))
        inner = self.new_scope(CLASS, scope, node)
        for child in reversed(self.relevant(node.body)):
            push((child, node, "body", inner, in_raises))

    def _with(self, node, scope: Scope, in_raises: bool, push) -> None:
        body_in_raises = in_raises or exempt_block(node, self.settings.allow_in_raises)
        for item in node.items:
            self.holders[id(item.context_expr)] = node
            push((item, node, "items", scope, in_raises))
        for child in reversed(self.relevant(node.body)):
            push((child, node, "body", scope, body_in_raises))


def postpones_annotations(tree: ast.Module) -> bool:
    """`from __future__ import annotations`: no annotation is evaluated (PEP 563)."""
    for statement in tree.body:
        if type(statement) is ast.ImportFrom and statement.module == "__future__":
            if any(alias.name == "annotations" for alias in statement.names):
                return True
        elif not (type(statement) is ast.Expr and type(statement.value) is ast.Constant):
            return False  # future imports come first (after the docstring)
    return False
