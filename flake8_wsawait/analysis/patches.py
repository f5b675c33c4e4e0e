"""Patches: what `mock.patch(...)` and its relatives replace, and where.

A patch replaces an attribute of one object (a module, a class, an instance)
while it is active, so a call through that object there calls the replacement
(often an `AsyncMock`), not the getter.  Recognised forms:

- a target string: `patch("pkg.mod.name")`, `mock.patch(...)`, `mocker.patch(...)`,
  `monkeypatch.setattr("pkg.mod.name", value)`;
- an object and a name: `patch.object(obj, "name")`, `mocker.patch.object(...)`,
  `monkeypatch.setattr(obj, "name", value)`, `setattr(obj, "name", value)`;
- `patch.multiple(target, name=..., ...)`.

Where a patch holds: the body of its `with`; the whole decorated function or
class; from the call onward to the end of the enclosing function otherwise
(`.start()`, `monkeypatch`, `setattr`); the whole file when made at module level
or inside a pytest fixture; the whole class when made in `setUp` and the like.

What it replaces: calls that reach the patched path through a module attribute
(`ws.get_x()` after `import pkg.ws as ws`), calls on the very expression that
was patched, and, when the owner may be a class (its name is capitalised),
method calls on any object.  A name imported from the patched module before
the patch started still means the original function: `from pkg.mod import
name` copies the reference, and awaiting it fails as before.  Only a patch of
this file's own module replaces its bare global names.
"""

from __future__ import annotations

import ast
from typing import Iterator, NamedTuple, Optional

from . import names
from .names import (
    CLASS, FREE, IMPORTED, MODULE, MODULE_ATTR, OBJECT_ATTR, Callee, Scope, end_position, position,
)
from .textscan import span_start

# The final names of the callees that can patch (`patch`, `patch.object`, ...).
PATCH_FINALS = frozenset({"patch", "object", "multiple", "setattr"})
_FIXTURE_DECORATORS = {"fixture", "yield_fixture"}
# Methods whose patches hold for every test of their class.
_SETUP_METHODS = {"setUp", "asyncSetUp", "setUpClass", "setup_method", "setup_class", "setup"}
# patch.multiple's own keywords: everything else names a replaced attribute.
_WHOLE_FILE = (0, 1 << 62)
_MULTIPLE_OPTIONS = {"spec", "spec_set", "create", "autospec", "new_callable", "new"}


class Patch(NamedTuple):
    start: int  # where it holds, as names.position numbers: [start, end)
    end: int
    attr: str  # the replaced attribute
    dotted: Optional[str]  # the replaced path, when known
    receiver: Optional[str]  # ast.dump of the patched object, for the object forms
    any_object: bool  # the owner may be a class: `x.attr()` on any object is affected
    this_module: bool  # the owner is the linted file's own module

    def replaces(self, callee: Callee, func: ast.expr, at: int) -> bool:
        if not (self.start <= at < self.end) or callee.final != self.attr:
            return False
        if type(func) is ast.Attribute:
            if self.receiver is not None and ast.dump(func.value) == self.receiver:
                return True
            if callee.kind == MODULE_ATTR:
                return callee.dotted is not None and callee.dotted == self.dotted
            return callee.kind == OBJECT_ATTR and (self.any_object or self._spells_owner(callee))
        if self.this_module and (callee.home is None or callee.home.kind == MODULE):
            return True
        if callee.kind == IMPORTED and callee.dotted == self.dotted and callee.home is not None:
            # Imported while the patch was active: the name holds the replacement.
            return any(self.start <= p < self.end for p in callee.home.import_positions.get(func.id, ()))
        return False

    def _spells_owner(self, callee: Callee) -> bool:
        """`ws_manager.get_x()` for a patch of `app.ws_manager.get_x`."""
        if self.dotted is None:
            return False
        receiver = callee.written.split(".")[:-1]
        owner = self.dotted.split(".")[:-1]
        return bool(receiver) and owner[-len(receiver):] == receiver


class PatchSite(NamedTuple):
    """A call that may be a patch, and the construct that decides where it holds."""

    call: ast.Call
    scope: Scope
    holder: Optional[ast.AST]  # the `with` it opens, or the def/class it decorates


def patches_at(site: PatchSite, module: Optional[str]) -> list[Patch]:
    """The patches a call makes (none when it is not a patch call)."""
    call, scope = site.call, site.scope
    callee = names.resolve_callee(call.func, scope)
    if callee is None:
        return []
    written = callee.written.split(".")
    if written[-1] == "patch":
        targets = [_string_target(_target_text(_argument(call, 0, "target"), module), module)]
    elif written[-2:] == ["patch", "object"]:
        obj, attr = _argument(call, 0, "target"), _string(_argument(call, 1, "attribute"))
        targets = [_object_target(obj, attr, scope)]
    elif written[-2:] == ["patch", "multiple"]:
        targets = list(_multiple_targets(call, scope, module))
    elif written == ["setattr"] and callee.kind == FREE:
        targets = [_object_target(_argument(call, 0, None), _string(_argument(call, 1, None)), scope)]
    elif written[-1] == "setattr" and len(written) > 1:  # monkeypatch.setattr
        first = _argument(call, 0, "target")
        if _is_string(first) and len(call.args) + len(call.keywords) == 2:
            targets = [_string_target(first.value, module)]
        else:
            targets = [_object_target(first, _string(_argument(call, 1, "name")), scope)]
    else:
        return []
    start, end = _region(site)
    return [Patch(start, end, *target) for target in targets if target is not None]


# A patch's (attr, dotted, receiver, any_object, this_module).
_Target = Optional[tuple[str, Optional[str], Optional[str], bool, bool]]


def _argument(call: ast.Call, index: int, keyword: Optional[str]) -> Optional[ast.expr]:
    if len(call.args) > index and type(call.args[index]) is not ast.Starred:
        return call.args[index]
    return next((kw.value for kw in call.keywords if keyword and kw.arg == keyword), None)


def _is_string(node: Optional[ast.expr]) -> bool:
    return type(node) is ast.Constant and type(node.value) is str


def _string(node: Optional[ast.expr]) -> Optional[str]:
    return node.value if _is_string(node) else None


def _target_text(node: Optional[ast.expr], module: Optional[str]) -> Optional[str]:
    """A target string: a literal, or f"{__name__}.rest" (this very module)."""
    if _is_string(node):
        return node.value
    if type(node) is ast.JoinedStr and len(node.values) == 2 and module is not None:
        head, rest = node.values
        if (
            type(head) is ast.FormattedValue and type(head.value) is ast.Name
            and head.value.id == "__name__" and _is_string(rest)
        ):
            return module + rest.value
    return None


def _string_target(text: Optional[str], module: Optional[str]) -> _Target:
    if not text or "." not in text:
        return None
    owner, _, attr = text.rpartition(".")
    return attr, text, None, _class_like(owner.rpartition(".")[2]), owner == module


def _object_target(obj: Optional[ast.expr], attr: Optional[str], scope: Scope) -> _Target:
    if obj is None or not attr:
        return None
    owner = names.resolve_callee(obj, scope) if type(obj) in (ast.Name, ast.Attribute) else None
    dotted = f"{owner.dotted}.{attr}" if owner is not None and owner.dotted else None
    final = owner.final if owner is not None else ""
    return attr, dotted, ast.dump(obj), _class_like(final), False


def _multiple_targets(call: ast.Call, scope: Scope, module: Optional[str]) -> Iterator[_Target]:
    owner = _argument(call, 0, "target")
    for keyword in call.keywords:
        if keyword.arg is None or keyword.arg in _MULTIPLE_OPTIONS or keyword.arg == "target":
            continue
        text = _target_text(owner, module)
        if text is not None:
            yield _string_target(f"{text}.{keyword.arg}", module)
        else:
            yield _object_target(owner, keyword.arg, scope)


def _class_like(name: str) -> bool:
    return name[:1].isupper()


def _region(site: PatchSite) -> tuple[int, int]:
    scope, function, holder = site.scope, site.scope.node, site.holder
    if holder is not None and type(holder) not in (ast.With, ast.AsyncWith):
        return span(holder)  # a decorator
    if scope.kind == MODULE:
        return span(holder) if holder is not None else _WHOLE_FILE
    if scope.kind != CLASS and _is_fixture(function):
        return _WHOLE_FILE
    if getattr(function, "name", None) in _SETUP_METHODS and scope.parent.kind == CLASS:
        return span(scope.parent.node)
    if holder is not None:
        return span(holder)
    return position(site.call), end_position(function)


def span(node: ast.AST) -> tuple[int, int]:
    """A statement's span, decorators included."""
    return position(span_start(node)), end_position(node)


def _is_fixture(function: ast.AST) -> bool:
    return any(
        names.decorator_name(decorator) in _FIXTURE_DECORATORS
        for decorator in getattr(function, "decorator_list", ())
    )
