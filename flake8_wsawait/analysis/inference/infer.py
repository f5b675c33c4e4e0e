"""Inference mode: astroid decides which callees are sync or async getters.

Imported only when `wsawait-infer` is on.  astroid builds every module from
its source; extension modules outside the standard library are never loaded
(`always_load_extensions` stays off), so no analysed code runs.

A callee is an async getter when every definition it infers to is an `async
def` (not an async generator), and a sync getter when every definition is a
plain `def` whose every returned value is known not to be awaitable.  astroid
models calling an `async def` as returning its result directly, so returned
values are judged here, from the return statements: a call of an `async def`,
of a consumer (`asyncio.ensure_future`, ...), of a class with `__await__`, or
anything that cannot be followed makes the function uncertain, and an
uncertain callee decides nothing (a configured getter keeps its kind).

Work per call is bounded by counts, never by time: astroid's own count of
inferred nodes per question, the values taken per question and how deep calls
are followed.  Each question starts from an empty inference cache and every
verdict is remembered by (definition, depth), so a verdict never depends on
which calls were asked before: the same files give the same reports whatever
the order, the batches, the workers or the machine's speed.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator, Optional

import astroid
from astroid import nodes, util
from astroid.builder import AstroidBuilder
from astroid.context import InferenceContext
from astroid.exceptions import AttributeInferenceError

from .. import names
from .declared import decorator_names, declared_methods, unwrap_method
from ..kinds import ASYNC, SYNC, kind_of, plain
from ...model import Getter
from ...config.settings import Settings, derived, pair_names

# Per-question budgets: beyond them the value is "unknown".
_MAX_VALUES = 16

_AWAITABLE_BASES = {
    "asyncio.futures.Future", "_asyncio.Future", "asyncio.tasks.Task", "_asyncio.Task",
    "typing.Awaitable", "typing.Coroutine", "collections.abc.Awaitable", "collections.abc.Coroutine",
    "_collections_abc.Awaitable", "_collections_abc.Coroutine",
}


class ProjectInference:
    """One per process: astroid caches every module it builds across files."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.consumers = [c.split(".") for c in settings.consumers]
        self.kinds: dict[tuple[nodes.FunctionDef, int], Optional[str]] = {}  # (def, depth) -> kind
        astroid.MANAGER.always_load_extensions = False
        for root in settings.import_roots:
            # Appended, never prepended: a project module named like a standard
            # module must not shadow it for our own imports.
            if os.path.isdir(root) and root not in sys.path:
                sys.path.append(root)

    def for_file(self, text: str, filename: str) -> "FileInference":
        module = names.module_parts(filename, self.settings.project_root)
        modname = ".".join(module[0]) if module else os.path.splitext(os.path.basename(filename))[0]
        try:
            tree = AstroidBuilder(astroid.MANAGER).string_build(text, modname, os.path.abspath(filename))
        except Exception:  # astroid could not build it: nothing is known
            return FileInference(self, {})
        # The full span: `Registry().get_x()` and `Registry()` start at the same place.
        calls = {
            (call.lineno, call.col_offset, call.end_lineno, call.end_col_offset): call
            for call in tree.nodes_of_class(nodes.Call)
        }
        return FileInference(self, calls)

    # -- deciding one callee ------------------------------------------------

    def classify(self, call: nodes.Call) -> Optional[Getter]:
        functions = self._functions(call.func)
        if functions is None and isinstance(call.func, nodes.Attribute):
            # astroid cannot follow a parameter's value: read its declaration.
            functions = declared_methods(call.func, self._infer)
        if not functions:
            return None
        kinds = {self._kind(f, 0) for f in functions}
        if len(kinds) != 1 or None in kinds:
            return None
        is_async = kinds == {ASYNC}
        if len({f.qname() for f in functions}) == 1:
            return Getter(functions[0].qname(), is_async, self._pair(functions[0], is_async))
        # The methods of the classes an attribute may hold (`backend.get_lock_manager()`
        # with either backend): all of one kind, they are one getter by their name.
        if len({f.name for f in functions}) != 1:
            return None
        pairs = {self._pair(f, is_async) for f in functions}
        return Getter(functions[0].name, is_async, pairs.pop() if len(pairs) == 1 else None)

    @staticmethod
    def _infer(node: nodes.NodeNG) -> Optional[list]:
        """Every value `node` infers to, or None when any is unknown or a budget runs out."""
        context = InferenceContext()  # counts the nodes it infers, up to its max_inferred
        # astroid keeps what it inferred in one process-wide cache, and a cached answer
        # costs no budget: a question asked after others could get further than the
        # same question asked first. Each question starts afresh (modules stay built).
        context.inferred.clear()
        values = []
        try:
            for value in node.infer(context=context):
                if isinstance(value, util.UninferableBase) or len(values) >= _MAX_VALUES:
                    return None
                values.append(value)
        except Exception:  # astroid's own errors, recursion, anything: unknown
            return None
        return values or None

    def _functions(self, node: nodes.NodeNG) -> Optional[list[nodes.FunctionDef]]:
        values = self._infer(node)
        if values is None:
            return None
        functions = []
        for value in map(unwrap_method, values):
            if not isinstance(value, nodes.FunctionDef):
                return None
            functions.append(value)
        return functions

    def _kind(self, function: nodes.FunctionDef, depth: int) -> Optional[str]:
        """The kind of one def judged with `depth` levels of calls already followed:
        a function of (def, depth) only, so it is remembered by both. A recursive
        definition ends at the depth limit, uncertain."""
        key = (function, depth)
        if key in self.kinds:
            return self.kinds[key]
        # A function of a compiled module (`async_generator.aclose`) has a body astroid
        # made up from its signature: what it returns is not there to read.
        kind = kind_of(function, self, depth) if function.root().pure_python else None
        self.kinds[key] = kind
        return kind

    # -- kinds.Reader, for astroid's tree ------------------------------------

    decorator_names = staticmethod(decorator_names)

    @staticmethod
    def is_generator(function: nodes.FunctionDef) -> bool:
        return function.is_generator()

    @staticmethod
    def returned_values(function: nodes.FunctionDef) -> Iterator[nodes.NodeNG]:
        skip = (nodes.FunctionDef, nodes.ClassDef, nodes.Lambda)
        for statement in function.body:
            returns = [statement] if isinstance(statement, nodes.Return) else []
            returns.extend(statement.nodes_of_class(nodes.Return, skip_klass=skip))
            yield from (ret.value for ret in returns if ret.value is not None)

    def plain_name(self, name: nodes.Name, function: nodes.FunctionDef, depth: int) -> bool:
        return self._plain_name(name, depth)

    def plain_call(self, call: nodes.Call, function: nodes.FunctionDef, depth: int) -> bool:
        return self._plain_call(call, depth)

    def _plain_name(self, name: nodes.Name, depth: int) -> bool:
        """Every assignment of the name is a known non-awaitable value."""
        try:
            _, assignments = name.lookup(name.name)
        except Exception:
            return False
        if not assignments:
            return False
        for assigned in assignments:
            statement = assigned.parent
            if not isinstance(assigned, nodes.AssignName) or not isinstance(
                statement, (nodes.Assign, nodes.AnnAssign)
            ) or statement.value is None:
                return False  # a parameter, an import, a loop target, unpacking...
            if not plain(statement.value, None, self, depth + 1):
                return False
        return True

    def _plain_call(self, call: nodes.Call, depth: int) -> bool:
        written = call.func.as_string().split(".")
        if any(written[-len(c):] == c for c in self.consumers):
            return False  # a Task, a Future, the result of gather...
        values = self._infer(call.func)
        if values is None:
            return False
        for value in map(unwrap_method, values):
            if isinstance(value, nodes.ClassDef):
                if self._awaitable_class(value):
                    return False
            elif isinstance(value, nodes.FunctionDef):
                if self._kind(value, depth + 1) != SYNC:
                    return False
            else:
                return False
        return True

    @staticmethod
    def _awaitable_class(cls: nodes.ClassDef) -> bool:
        try:
            cls.getattr("__await__")
            return True
        except AttributeInferenceError:
            pass
        except Exception:
            return True
        try:
            return any(ancestor.qname() in _AWAITABLE_BASES for ancestor in cls.ancestors())
        except Exception:
            return True

    @staticmethod
    def _pair(function: nodes.FunctionDef, is_async: bool) -> Optional[str]:
        """The other getter of the pair, defined beside this one."""
        scope = function.parent.scope() if function.parent else None
        for candidate in pair_names(function.name, is_async):
            for other in getattr(scope, "locals", {}).get(candidate, []):
                if isinstance(other, nodes.FunctionDef) and (
                    isinstance(other, nodes.AsyncFunctionDef) != is_async
                ):
                    return candidate
        return None


class FileInference:
    """Inference verdicts for the calls of one file, found by position."""

    def __init__(self, project: ProjectInference, calls: dict) -> None:
        self.project = project
        self.calls = calls
        self.verdicts: dict[tuple[int, int, int, int], Optional[Getter]] = {}

    def getter_at(self, span: tuple[int, int, int, int]) -> Optional[Getter]:
        """The verdict for the call at (lineno, col_offset, end_lineno, end_col_offset)."""
        key = span
        if key not in self.verdicts:
            call = self.calls.get(key)
            try:
                self.verdicts[key] = None if call is None else self.project.classify(call)
            except Exception:  # whatever astroid does, a lint run goes on: unknown
                self.verdicts[key] = None
        return self.verdicts[key]


def project_inference(settings: Settings) -> ProjectInference:
    """The process's inference for these settings (astroid's caches live as long)."""
    return derived(settings, ProjectInference)
