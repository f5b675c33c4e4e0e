"""Every rule's code, slug, message templates, fix safety and documentation.

This is the only place these are declared: the checker formats messages from
here, both front ends print them, and `wsawait rule CODE` and docs/rules.md show
the same documentation text (a test keeps the page in step).
"""

from __future__ import annotations

import enum
from typing import NamedTuple


class FixSafety(enum.Enum):
    SAFE = "safe"
    UNSAFE = "unsafe"


class Rule(NamedTuple):
    code: str
    slug: str
    summary: str
    fix_safety: FixSafety | None  # None: no automatic fix
    doc: str
    fix_title: str = ""  # what the fix does, as outputs that list fixes show it
    fix_always: bool = False  # every report has the fix (else only some do)


AWAIT_SYNC = Rule(
    code="WSA001",
    slug="await-sync-getter",
    summary="`await` applied to the result of a synchronous getter",
    fix_safety=FixSafety.SAFE,
    fix_title="Remove `await`",
    doc='''\
#### What it does
Checks for `await` (or an awaiting consumer such as `asyncio.gather()` or
`asyncio.create_task()`) applied to the result of a synchronous getter such as
`get_websocket_manager()`, directly or through a name bound once to it.

#### Why is this bad?
The synchronous getter returns its result directly (the manager, the user,
the session), and that result is not awaitable.
The line fails at run time with `TypeError: object ... can't be used in
'await' expression`, often only on a rarely taken path.

#### Example
```python
async def handler(ctx):
    manager = await get_websocket_manager(ctx)
```

#### Use instead
```python
async def handler(ctx):
    manager = get_websocket_manager(ctx)
    # or, when the async variant is wanted:
    manager = await get_websocket_manager_async(ctx)
```

#### Fix safety
The fix removes the `await` keyword and is safe: the original line cannot have
worked. A sync getter handed to a consumer has no automatic fix.

#### Options
`wsawait-sync-getters`, `wsawait-consumers`, `wsawait-extend-consumers`,
`wsawait-allow-in-raises` (inside `pytest.raises(TypeError)` and
`assertRaises(TypeError)` blocks the rule is silent by default).
''',
)

UNAWAITED_ASYNC = Rule(
    code="WSA002",
    slug="unawaited-async-getter",
    summary="async getter called inside `async def` and never awaited",
    fix_safety=FixSafety.UNSAFE,
    fix_title="Add `await`",
    doc='''\
#### What it does
Checks for calls of an async getter such as `get_websocket_manager_async()`
inside `async def` whose coroutine is never awaited: discarded, used as if it
were the getter's result (attribute, subscript, iteration, unpacking,
comparison, membership or truth test, arithmetic, formatting with an f-string,
`%`, `.format()`, `str()`, `print()` and the like), also through a walrus or a
conditional expression, returned from the `async def`, or bound to a name that
is never awaited, handed to another call or returned. A name bound once to the
coroutine and used as a value before it is awaited or handed on (`if manager:`,
`f"{manager}"`, `manager.members`) is reported at that use, with no fix: a
coroutine is always true and has none of the result's attributes. Identity
tests (`is None`), a coroutine's own methods and attributes (`send`, `throw`,
`close`, `cr_*`, `__name__`) and `isinstance(manager, Coroutine)` are not
such uses. A coroutine handed to a function whose source is known (a module
function of the file or of a module the project index reads) that only uses
that parameter as a value, never awaiting, handing on, returning or storing
it, is reported at the call that hands it over, naming the function.

#### Why is this bad?
Calling a coroutine function only creates a coroutine. Using it as the result
fails later with `AttributeError: 'coroutine' object has no attribute ...`, and
Python warns `coroutine ... was never awaited`.

#### Example
```python
async def handler(ctx):
    manager = get_websocket_manager_async(ctx)
    await manager.send("hello")
```

#### Use instead
```python
async def handler(ctx):
    manager = await get_websocket_manager_async(ctx)
    await manager.send("hello")
```

#### Fix safety
The fix inserts `await` (parenthesised when the call is the base of an
attribute, subscript or call) and is unsafe: it changes when the getter runs.

#### Options
`wsawait-async-getters`, `wsawait-consumers`, `wsawait-extend-consumers`.
''',
)

ASYNC_IN_SYNC = Rule(
    code="WSA003",
    slug="async-getter-in-sync-code",
    summary="async getter called in synchronous code",
    fix_safety=FixSafety.UNSAFE,
    fix_title="Call the paired synchronous getter",
    doc='''\
#### What it does
Checks for calls of an async getter in synchronous code (a plain `def`, a
`lambda`, a class body or module level) where nothing runs the coroutine:
discarded, used as the getter's result, or bound to a name that is never
handed to another call or returned. Returning the coroutine from a plain `def`
is delegation and is not reported, unless the `def` used it as the result
first. As in WSA002, a name bound once to the coroutine and used as a value
before it is handed on is reported at that use, and a hand-on to a function
that only uses it as a value is reported at the hand-on.

#### Why is this bad?
Synchronous code cannot `await`; the coroutine is never run and the value
used as the result is a coroutine object.

#### Example
```python
def broadcast(ctx, text):
    manager = get_websocket_manager_async(ctx)
    manager.broadcast(text)
```

#### Use instead
```python
def broadcast(ctx, text):
    manager = get_websocket_manager(ctx)
    manager.broadcast(text)
```

#### Fix safety
The fix calls the paired synchronous getter instead and is unsafe: the two
getters may differ in behaviour. It is offered only when the paired getter is
reachable at the call site (an attribute of the same module, or imported next
to the async one).

#### Options
`wsawait-async-getters`, `wsawait-sync-getters` (pairs: `X` with `X_async`,
`async_X` or `aX`).
''',
)

RULES: tuple[Rule, ...] = (AWAIT_SYNC, UNAWAITED_ASYNC, ASYNC_IN_SYNC)

UNUSED_NOQA = Rule(
    code="WSA100",
    slug="unused-noqa",
    summary="a `# noqa` comment names a WSA code that it does not suppress",
    fix_safety=FixSafety.SAFE,
    fix_title="Remove the unused codes",
    fix_always=True,
    doc='''\
#### What it does
Checks for `# noqa: WSA...` comments that suppress nothing: no report of that
code is on the comment's logical line any more. Only WSA codes are judged;
other tools' codes in the same comment, and a bare `# noqa`, are theirs.

#### Why is this bad?
A stale `# noqa` hides the next mistake made on that line. After adopting the
tool with `--add-noqa`, the comments should go as the code is fixed.

#### Example
```python
async def handler(ctx):
    manager = get_websocket_manager(ctx)  # noqa: WSA001
```

#### Use instead
```python
async def handler(ctx):
    manager = get_websocket_manager(ctx)
```

#### Fix safety
The fix removes the unused codes (the whole comment when none is left) and is
safe: they suppress nothing.

#### Options
Reported by `wsawait check` only, and only when selected by name
(`--extend-select WSA100`, or `extend-select = ["WSA100"]`), as ruff's
RUF100; `WSA` alone does not select it. flake8 owns `# noqa` under flake8.
''',
)
# Rules of the standalone command, which knows which `# noqa` suppressed what.
COMMAND_RULES: tuple[Rule, ...] = (UNUSED_NOQA,)
RULES_BY_CODE = {rule.code: rule for rule in RULES + COMMAND_RULES}
RULES_BY_SLUG = {rule.slug: rule for rule in RULES + COMMAND_RULES}

# Reports about a file rather than its code: always shown, never selectable away.
FILE_NOT_CHECKED = Rule(
    code="E902",
    slug="file-not-checked",
    summary="the file could not be read, decoded or written",
    fix_safety=None,
    doc="The file was not checked (or its fixes not written): the message says why, for "
    "example a missing file, a broken link, an undecodable encoding, or a file changed "
    "while it was being fixed.\n",
)
SYNTAX_ERROR = Rule(
    code="E999",
    slug="syntax-error",
    summary="the file does not parse",
    fix_safety=None,
    doc="The file names a getter but Python cannot parse it (a syntax error, NUL bytes, "
    "nesting too deep), so it was not checked.\n",
)
FILE_PROBLEMS: tuple[Rule, ...] = (FILE_NOT_CHECKED, SYNTAX_ERROR)
ALL_CODES = {rule.code: rule for rule in RULES + COMMAND_RULES + FILE_PROBLEMS}

# Message templates.  `{getter}` and `{pair}` are final names of getters,
# `{consumer}` the consumer as written at the call site.
_SYNC_ITSELF = "'{getter}()' is synchronous and its result is not awaitable; "
MESSAGES = {
    ("WSA001", "await"): _SYNC_ITSELF + "remove 'await'",
    ("WSA001", "await+pair"): _SYNC_ITSELF + "remove 'await' (or await '{pair}()')",
    ("WSA001", "consumer"): _SYNC_ITSELF + "do not pass it to '{consumer}()'",
    ("WSA001", "consumer+pair"): _SYNC_ITSELF
    + "do not pass it to '{consumer}()' (or pass '{pair}()')",
    ("WSA002", "plain"): "'{getter}()' returns a coroutine that is never awaited; add 'await'",
    ("WSA002", "plain+pair"): "'{getter}()' returns a coroutine that is never awaited; "
    "add 'await' (or call '{pair}()')",
    ("WSA002", "value"): "'{name}' holds the coroutine '{getter}()' returns, used here as if it were "
    "its result; await the call",
    ("WSA002", "value+pair"): "'{name}' holds the coroutine '{getter}()' returns, used here as if it "
    "were its result; await the call (or call '{pair}()')",
    ("WSA003", "value"): "'{name}' holds the coroutine '{getter}()' returns, used here in synchronous "
    "code as if it were its result; call it from 'async def' and await it",
    ("WSA003", "value+pair"): "'{name}' holds the coroutine '{getter}()' returns, used here in "
    "synchronous code as if it were its result; call '{pair}()' instead",
    ("WSA002", "handed"): "'{getter}()' returns a coroutine that '{callee}()' only uses as if it were "
    "its result, never awaiting it; await the call",
    ("WSA002", "handed+pair"): "'{getter}()' returns a coroutine that '{callee}()' only uses as if it "
    "were its result, never awaiting it; await the call (or call '{pair}()')",
    ("WSA003", "handed"): "'{getter}()' returns a coroutine that '{callee}()' only uses as if it were "
    "its result, never awaiting it; call it from 'async def' and await it",
    ("WSA003", "handed+pair"): "'{getter}()' returns a coroutine that '{callee}()' only uses as if it "
    "were its result, never awaiting it; call '{pair}()' instead",
    ("WSA003", "plain"): "'{getter}()' is a coroutine function called in synchronous code, "
    "where nothing awaits it; call it from 'async def' and await it",
    ("WSA003", "plain+pair"): "'{getter}()' is a coroutine function called in synchronous "
    "code, where nothing awaits it; call '{pair}()' instead",
    ("WSA100", "plain"): "unused 'noqa' directive (unused: {codes})",
}


def message(code: str, variant: str, **fields: str) -> str:
    """Format the message for `code`; a `pair` field selects the `+pair` form."""
    key = (code, variant + "+pair") if fields.get("pair") else (code, variant)
    return f"{code} " + MESSAGES[key].format(**fields)


def rule_help(rule: Rule) -> str:
    """The documentation shown by `wsawait rule CODE` and in docs/rules.md."""
    return f"### {rule.code} ({rule.slug})\n\n{rule.summary[0].upper()}{rule.summary[1:]}.\n\n{rule.doc}"


def rule_fields(rule: Rule) -> dict:
    """`wsawait rule --output-format json`: the fields of ruff's `rule` JSON."""
    if rule.fix_safety is None:
        fix = "Fix is not available."
    else:
        fix = f"Fix is {'always' if rule.fix_always else 'sometimes'} available."
    return {
        "name": rule.slug,
        "code": rule.code,
        "linter": "flake8-wsawait",
        "summary": rule.summary,
        "message_formats": sorted({text for (code, _), text in MESSAGES.items() if code == rule.code}),
        "fix": fix,
        "fix_safety": rule.fix_safety.value if rule.fix_safety is not None else None,
        "explanation": rule.doc,
        "preview": False,
    }
