"""The resolve step: which getter, if any, a call reaches.

In this order: a patch standing where the getter was (no getter); a definition in
the file (definitions.py); in inference mode, what astroid infers for this very call;
the configured getters, by name or path.
"""

from __future__ import annotations

import ast
from typing import Callable, Optional, Protocol, Sequence

from . import flow, names
from .class_paths import ClassPaths
from .definitions import UNKNOWN, Definitions
from .facts import Facts
from .kinds import ASYNC, SYNC
from .names import Callee, Scope, position
from .patches import Patch, patches_at
from ..config.path_globs import is_test_path
from ..config.settings import Settings, pair_names
from ..model import Getter, Unless


class ProjectKinds(Protocol):
    """What the project's modules and installed libraries define (command/project_index.py)."""

    def enter(self, path: str, module, text: str, tree: ast.Module) -> None:
        """The file about to be checked, whose own classes are read from this text."""

    def kind_of(self, dotted: str) -> Optional[str]:
        """ASYNC, SYNC or UNKNOWN for the function at this path; None: not known."""

    def takes_as_value(self, dotted: str, position: Optional[int], keyword: Optional[str]) -> bool:
        """Whether that function uses the argument only as a value (flow.takes_as_value)."""

    def attribute_kind(self, holder: str, name: str) -> Optional[str]:
        """The same for `holder.name()`, `holder` a class or a module's instance, by its path."""

    def method_kind(self, class_dotted: str, method: str, after: bool = False, declared: bool = False,
                    ) -> Optional[str]:
        """The same for a method of an instance of the class at this path (`after`: for
        `super()`; `declared`: the class an annotation names)."""


class Resolver:
    """Resolves the calls of one file, from the facts its walk recorded."""

    def __init__(
        self, settings: Settings, facts: Facts, tree: ast.Module, text: str, lines: Sequence[str],
        filename: str, module, candidates: frozenset[str], index: Optional[ProjectKinds] = None,
    ) -> None:
        """`lines`: `text` split as the parser splits it; `module`: the file's (module
        path parts, is a package), when known; `candidates`: the callee names worth
        resolving (see Prefilter.candidate_names)."""
        self.settings = settings
        self.text = text
        self.lines = lines
        self.filename = filename
        self.candidates = candidates
        self.definitions = Definitions(tree, facts.defs, facts.rebound)
        self.class_paths = ClassPaths(self.definitions, tree, module)
        dotted_module = ".".join(module[0]) if module else None
        self.patches: list[Patch] = [
            patch
            for site in facts.patch_sites
            for patch in patches_at(site, dotted_module)
            if patch.attr in candidates
        ]
        self.index = index
        self.inference: Optional[object] = None  # infer.FileInference, built on first need
        self.in_tests = is_test_path(filename, settings.project_root)

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
        indexed = self.indexed_getter(callee, call.func, scope)
        if indexed is not None:
            return indexed
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

    def indexed_getter(self, callee: Callee, func: ast.expr, scope: Scope) -> Optional[Getter]:
        """The getter the project index makes of a call whose target it can name: a
        function by its path (`from app.ws import get_x`, `ws.get_x()`), a class's or
        a module instance's method (`Svc.create()`, `from app.ws import manager`), or
        a method of an object whose class the file declares or makes (class_paths.py),
        `self`/`cls`/`super()` through bases in other modules included. Its own kind
        decides, as a definition in this file would. Unknown there is no proof: the
        call is left to inference and to the configured getters."""
        if self.index is None:
            return None
        kind_of = self._indexed_kinds(callee, func, scope)
        kind = kind_of(callee.final) if kind_of is not None else None
        if kind not in (ASYNC, SYNC):
            return None
        return self._named_getter(callee.final, kind == ASYNC, kind_of, callee.dotted)

    def _indexed_kinds(self, callee: Callee, func: ast.expr, scope: Scope) -> Optional[Callable]:
        """How the index answers for a name in the call's place (its pair's too)."""
        index = self.index
        if callee.kind in (names.IMPORTED, names.MODULE_ATTR) and callee.dotted:
            holder = callee.dotted.rpartition(".")[0]
            if callee.kind == names.IMPORTED or index.kind_of(callee.dotted) is not None:
                return lambda name: index.kind_of(f"{holder}.{name}")
            return lambda name: index.attribute_kind(holder, name)
        if callee.kind != names.OBJECT_ATTR or type(func) is not ast.Attribute:
            return None
        receiver = func.value
        own = self._own_class_path(receiver, scope)
        if own is not None:
            path, after, cls = own
            overrides = self.definitions.overrides(cls, callee.final) if not after else frozenset()

            def own_kind(name: str) -> Optional[str]:
                kind = index.method_kind(path, name, after)
                kinds = {kind} | overrides if name == callee.final else {kind}
                return kind if len(kinds) == 1 else UNKNOWN  # a subclass here overrides it otherwise

            return own_kind
        classes = self.class_paths.receiver_classes(receiver, scope)
        if not classes:
            return None

        def held_kind(name: str) -> Optional[str]:
            kinds = {index.method_kind(held.path, name, declared=held.declared) for held in classes}
            return kinds.pop() if len(kinds) == 1 else UNKNOWN  # the classes disagree

        return held_kind

    def _own_class_path(self, receiver: ast.expr, scope: Scope):
        """(the path of this file's class, whether the lookup starts past it, the
        class) for `self.x()`/`cls.x()` and `super().x()` in its methods."""
        dotted_module = self.class_paths.dotted_module
        definitions = self.definitions
        cls = definitions.super_class(receiver, scope)
        is_super = cls is not None
        if not is_super:
            cls = definitions.self_class(receiver, scope)
        if cls is None or dotted_module is None or definitions.classes.get(cls.name) is not cls:
            return None
        return f"{dotted_module}.{cls.name}", is_super, cls

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
        """The getter a same-file definition makes of a call."""
        definitions = self.definitions

        def kind_of(name: str) -> Optional[str]:
            defs = [d for (_, bound), ds in definitions.by_scope.items() if bound == name for d in ds]
            return definitions.agreed(defs) if defs else None

        return self._named_getter(final, is_async, kind_of)

    def _named_getter(
        self, final: str, is_async: bool, kind_of: Callable[[str], Optional[str]],
        dotted: Optional[str] = None,
    ) -> Getter:
        """The getter a decided call is reported as: the configured getter of that kind
        (its path, when it has one, matching `dotted`), so allowlists and pairs apply;
        else its own name, paired with the first pair name `kind_of` finds of the other kind."""
        configured = [
            g for g in self.settings.getters_by_final.get(final, ())
            if g.is_async == is_async and (dotted is None or not g.dotted or g.name == dotted)
        ]
        if configured:
            return configured[0]
        other = SYNC if is_async else ASYNC
        pair = next((p for p in pair_names(final, is_async) if kind_of(p) == other), None)
        return Getter(final, is_async, pair)

    def value_taker(self, call: ast.Call, argument: ast.expr, scope: Scope) -> Optional[str]:
        """The name of the function `call` hands `argument` to, when the function is
        known (a module function of this file, or of a module the index reads) and uses
        that argument only as a value; None otherwise (a consumer, a method, unknown)."""
        if self.consumer_callee(call, scope) is not None:
            return None
        position, keyword = _argument_place(call, argument)
        if position is None and keyword is None:
            return None
        callee = names.resolve_callee(call.func, scope)
        if callee is None:
            return None
        # The walk saw only lines naming a getter: the def may be bound where it did not look.
        if callee.kind in (names.LOCAL, names.FREE) and type(call.func) is ast.Name:
            function = self.class_paths.module_function(call.func, scope)
            if function is None:
                return None
            raises = self.settings.allow_in_raises
            taken = flow.takes_as_value(function, self.lines, position, keyword, raises)
        elif callee.kind in (names.IMPORTED, names.MODULE_ATTR) and callee.dotted and self.index is not None:
            taken = self.index.takes_as_value(callee.dotted, position, keyword)
        else:
            return None
        return callee.written if taken else None

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


def _argument_place(call: ast.Call, argument: ast.expr) -> tuple[Optional[int], Optional[str]]:
    """(its position, None) or (None, its keyword) among the call's arguments; (None,
    None) when an unpacking comes first (what it holds decides the position)."""
    for at, arg in enumerate(call.args):
        if type(arg) is ast.Starred:
            return None, None
        if arg is argument:
            return at, None
    for keyword in call.keywords:
        if keyword.value is argument:
            return None, keyword.arg
    return None, None
