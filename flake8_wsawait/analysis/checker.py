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
from typing import Iterable, NamedTuple, Optional, Sequence

from . import flow, names
from .astfields import MATCH_MAPPING, NAMED_BINDERS, UNPOSITIONED, child_fields
from .fixes import insert_await, remove_await, replace_name
from .names import ASYNC_FUNCTION, CLASS, FUNCTION, LAMBDA, MODULE, Callee, Scope, position
from .definitions import UNKNOWN, Definitions
from .kinds import ASYNC, SYNC
from .patches import PATCH_FINALS, Patch, PatchSite, patches_at
from ..rules import ASYNC_IN_SYNC, AWAIT_SYNC, UNAWAITED_ASYNC, message
from ..model import Getter, Unless, Violation
from ..config.path_globs import is_test_path
from ..config.settings import Settings, pair_names
from ..sourcefile import analysis_text, char_column, split_lines
from .textscan import DECORATED, PositionIndex, import_aliases, span_start
from .usage import (
    AWAITED, BOUND, DISCARDED, MANAGER, OTHER, RETURNED, bound_name, exempt_block, final_name, usage,
)

_PRIMARY_PARENTS = (ast.Attribute, ast.Subscript, ast.Call)
_NOT_RUN = {MANAGER, DISCARDED}  # uses that never run a coroutine
_UNEVALUATED_ANNOTATION_FIELDS = ("target", "value")
_MOCK_CONFIGURATION = {"return_value", "side_effect"}
_ALWAYS_VISITED = UNPOSITIONED | {ast.Import, ast.ImportFrom}
_TRIES = (ast.Try, getattr(ast, "TryStar", ast.Try))  # `except*` exists from Python 3.11
_ITERABLE_CONSUMERS = {"wait", "as_completed"}  # they take a collection of awaitables


class _Bound(NamedTuple):
    """A getter's result bound to a name: `name = getter()`."""

    name: str
    site: "_Site"
    getter: Getter
    callee: Optional[Callee]


class _Site(NamedTuple):
    node: ast.AST
    parent: ast.AST
    field: str
    scope: Scope
    in_raises: bool


class _Facts:
    """What one walk over a file records."""

    __slots__ = ("scopes", "defs", "rebound", "calls", "consumer_calls", "patch_sites", "outer")

    def __init__(self) -> None:
        self.scopes: list[Scope] = []
        self.defs: list[tuple[Scope, ast.AST]] = []  # defs of candidate names
        self.rebound: set[str] = set()  # class attributes, attribute stores, classes
        self.calls: list[_Site] = []  # calls that may call a getter
        self.consumer_calls: list[_Site] = []
        self.patch_sites: list[PatchSite] = []  # calls that may be patches
        # Where a walrus or a conditional expression stands: id(node) -> (parent, field).
        self.outer: dict[int, tuple[ast.AST, str]] = {}


class _Walker:
    def __init__(self, settings: Settings, module, index: PositionIndex, candidates: frozenset[str]) -> None:
        self.settings = settings
        self.module = module
        self.index = index
        self.getter_finals = candidates
        self.consumer_finals = settings.consumer_finals
        self.facts = _Facts()
        self.holders: dict[int, ast.AST] = {}  # id(with item or decorator) -> the with, def or class
        self.lazy_annotations = False  # `from __future__ import annotations`

    def new_scope(self, kind: str, parent: Optional[Scope], node: ast.AST) -> Scope:
        scope = Scope(kind, parent, node)
        self.facts.scopes.append(scope)
        return scope

    def relevant(self, nodes: Iterable[ast.AST]) -> list[ast.AST]:
        covers = self.index.covers
        return [n for n in nodes if type(n) in _ALWAYS_VISITED or covers(n)]

    def walk(self, tree: ast.Module) -> _Facts:
        facts = self.facts
        self.lazy_annotations = _postpones_annotations(tree)
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
            self.facts.calls.append(_Site(*site))
        if final in self.consumer_finals:
            self.facts.consumer_calls.append(_Site(*site))
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


class _Report:
    """Turns resolved facts into violations for one file."""

    def __init__(
        self, settings: Settings, facts: _Facts, tree: ast.Module, text: str, lines: Sequence[str],
        filename: str, module: Optional[str], candidates: frozenset[str],
    ) -> None:
        """`module`: the file's dotted module path, when known; `candidates`: the callee
        names worth resolving (see Settings.candidate_names)."""
        self.settings = settings
        self.facts = facts
        self.tree = tree
        self.text = text
        self.lines = lines
        self.filename = filename
        self.module = module
        self.candidates = candidates
        self.violations: list[Violation] = []
        self.bound: list[_Bound] = []  # getter results bound to names, judged last
        self.patches: list[Patch] = []
        self.definitions: Optional[Definitions] = None
        self.inference: Optional[object] = None  # infer.FileInference, built on first need
        self.in_tests = is_test_path(filename, settings.project_root)

    def source_of(self, node: ast.AST) -> str:
        return "".join(self.lines[node.lineno - 1:node.end_lineno])

    def name_uses(self, root: ast.AST, wanted: set[str]) -> dict[str, flow.NameUses]:
        """What happens to each wanted name in `root` (a function, or the module)."""
        if type(root) is ast.Module:
            index = PositionIndex(self.text, wanted)
        else:
            index = PositionIndex(self.source_of(root), wanted, root.lineno)
        return flow.names_in(root, index, wanted, self.settings.allow_in_raises)

    def inferred_getter(self, call: ast.Call) -> Optional[Getter]:
        if self.inference is None:
            from .inference.infer import project_inference  # astroid is imported only in inference mode

            self.inference = project_inference(self.settings).for_file(self.text, self.filename)
        return self.inference.getter_at((call.lineno, call.col_offset, call.end_lineno, call.end_col_offset))

    def getter_for(self, callee: Optional[Callee], call: ast.Call, scope: Scope) -> Optional[Getter]:
        if callee is None:
            return None
        at = position(call)
        if any(p.replaces(callee, call.func, at) for p in self.patches):
            return None  # a mock stands where the getter was
        decided = self.definitions.decide(callee, call.func, scope)
        if decided == UNKNOWN:
            return None
        if decided is not None:
            return self.defined_getter(callee.final, decided == ASYNC)
        configured = self.configured_getter(callee)
        if self.settings.infer and callee.final in self.candidates:
            inferred = self.inferred_getter(call)
            if inferred is not None:
                # Inference followed this call's own imports and receiver: its verdict
                # decides. Where it agrees with the configured getter, that getter is
                # reported (its pair, its allowlist entries), no longer a guess.
                if configured is not None and configured.is_async == inferred.is_async:
                    return configured._replace(unless=None)
                return inferred
        return configured

    def configured_getter(self, callee: Callee) -> Optional[Getter]:
        """The configured getter the callee matches by its name or path, if any."""
        if callee.kind == names.LOCAL:
            return None
        candidates = self.settings.getters_by_final.get(callee.final)
        if not candidates:
            return None
        matched = [g for g in candidates if not g.dotted or callee.dotted == g.name]
        if not matched or len({g.is_async for g in matched}) != 1:
            return None
        getter = matched[0]
        if callee.kind == names.OBJECT_ATTR:
            if self.definitions.contradicts(callee.final, getter.is_async):
                return None  # the object may be of this file's class, whose method is of the other kind
            # Nothing here resolves the receiver: it may be any of the project's objects.
            return getter._replace(unless=Unless(callee.final, not getter.is_async, self.in_tests))
        return getter

    def defined_getter(self, final: str, is_async: bool) -> Getter:
        """The getter a same-file definition makes of a call; named like the configured
        getter of that kind, if any, so allowlists and pairs apply."""
        configured = [g for g in self.settings.getters_by_final.get(final, ()) if g.is_async == is_async]
        if configured:
            return configured[0]
        for pair in pair_names(final, is_async):
            defs = [d for (_, name), ds in self.definitions.by_scope.items() if name == pair for d in ds]
            if defs and self.definitions.agreed(defs) == (SYNC if is_async else ASYNC):
                return Getter(final, is_async, pair)
        return Getter(final, is_async, None)

    def consumer_callee(self, call: ast.Call, scope: Scope) -> Optional[Callee]:
        callee = names.resolve_callee(call.func, scope)
        if callee is None or callee.kind == names.LOCAL:
            return None
        parts = (callee.dotted or callee.written).split(".")
        for consumer in self.settings.consumers:
            c_parts = consumer.split(".")
            if parts[-len(c_parts):] == c_parts:
                return callee
        return None

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
        self.definitions = Definitions(self.tree, self.facts.defs, self.facts.rebound)
        self.patches = [
            patch
            for site in self.facts.patch_sites
            for patch in patches_at(site, self.module)
            if patch.attr in self.candidates
        ]
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
            getter = self.getter_for(callee, site.node, site.scope)
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

    def value_usage(self, site: _Site, through_branches: bool) -> tuple[int, ast.AST, Optional[str]]:
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

    def sync_call(self, site: _Site, getter: Getter) -> None:
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
                    if not self.may_run(uses[bound.name], bound.site.scope):
                        self.report_unawaited(bound.site, BOUND, bound.getter, bound.callee)
                elif uses[bound.name].binds == 1:
                    self.awaited_through_name(uses[bound.name], bound.site.scope, bound.getter)

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
                callee = self.consumer_callee(parent, scope)
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
            callee = self.consumer_callee(call, scope)
            if callee is not None:
                self.add_consumer(call, callee, sync)

    def async_call(self, site: _Site, getter: Getter, callee: Callee) -> None:
        how, _, name = self.value_usage(site, through_branches=True)
        # A class attribute is made once, at import time, where nothing awaits it.
        if how == BOUND and site.scope.kind != CLASS:
            if name not in site.scope.declared:  # a global may be run anywhere
                self.bound.append(_Bound(name, site, getter, callee))
            return
        self.report_unawaited(site, how, getter, callee)

    def report_unawaited(self, site: _Site, how: int, getter: Getter, callee: Callee) -> None:
        call, scope = site.node, site.scope
        if scope.is_async:
            if how in (DISCARDED, MANAGER, RETURNED, BOUND):
                parenthesize = how == MANAGER and type(site.parent) in _PRIMARY_PARENTS
                fix = insert_await(call, self.lines, parenthesize)
                self.add(call, UNAWAITED_ASYNC.code, "plain", getter, fix)
        elif how in (DISCARDED, MANAGER, BOUND):
            self.add(call, ASYNC_IN_SYNC.code, "plain", getter, self.pair_fix(call, getter, callee, scope))

    @staticmethod
    def may_run(uses: flow.NameUses, scope: Scope) -> bool:
        """Whether a coroutine bound to a name may still be run: awaited, handed on,
        returned, stored. Any use in a nested function or class counts (when it
        runs is not known here). Returning it from a plain `def` after using it
        there as the result is no hand-off: the use already failed."""
        found = {
            OTHER if nested else usage(node, parent, field_name)
            for node, parent, field_name, nested, _ in uses.loads
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


def _postpones_annotations(tree: ast.Module) -> bool:
    """`from __future__ import annotations`: no annotation is evaluated (PEP 563)."""
    for statement in tree.body:
        if type(statement) is ast.ImportFrom and statement.module == "__future__":
            if any(alias.name == "annotations" for alias in statement.names):
                return True
        elif not (type(statement) is ast.Expr and type(statement.value) is ast.Constant):
            return False  # future imports come first (after the docstring)
    return False


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


def check_tree(
    tree: ast.Module, text: str, filename: str, settings: Settings, lines: Optional[Sequence[str]] = None
) -> list[Violation]:
    """All violations in one parsed file, allowlist applied, in position order.

    `lines` are `text` split with line endings kept (flake8 has them already).
    """
    if "\r" in text:  # the parser counts "\r" and "\r\n" as line breaks too
        text, lines = analysis_text(text), None
    if lines is None:
        lines = split_lines(text)
    candidates = settings.candidate_names(text)
    wanted = candidates | import_aliases(text, candidates) if candidates else frozenset()
    # Dotted consumers resolve through imports, which are always visited; only a
    # bare consumer name (`create_task`) may be shadowed by a local def.
    bare_consumers = {c for c in settings.consumers if "." not in c}
    index = PositionIndex(text, wanted | bare_consumers if wanted else ())
    module = names.module_parts(filename, settings.project_root)
    facts = _Walker(settings, module, index, candidates).walk(tree)
    dotted_module = ".".join(module[0]) if module else None
    violations = _Report(settings, facts, tree, text, lines, filename, dotted_module, candidates).run()
    unique = {(v.line, v.col, v.code): v for v in violations}
    return sorted(
        (v for v in unique.values() if not settings.allowed(filename, v.code, v.getter)),
        key=lambda v: v.sort_key,
    )


def method_kinds(
    tree: ast.Module, text: str, filename: str, settings: Settings, wanted: frozenset[str],
) -> list[tuple[str, Optional[str]]]:
    """(name, ASYNC / SYNC / None) for every method of these names that the file's
    classes define, judged as same-file definitions judge them (project_methods.py)."""
    module = names.module_parts(filename, settings.project_root)
    facts = _Walker(settings, module, PositionIndex(text, wanted), wanted).walk(tree)
    definitions = Definitions(tree, facts.defs, facts.rebound)
    return [(node.name, definitions.kind(node)) for scope, node in facts.defs if scope.kind == CLASS]
