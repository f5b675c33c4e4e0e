"""Generated programs: the checker, the plugin and the fixer never fail, and
seeded getter calls are reported exactly as a small independent oracle says."""

from __future__ import annotations

import ast
import keyword
import re
import tempfile

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from flake8_wsawait.analysis.checker import check_tree
from flake8_wsawait.analysis.fixes import apply_fixes
from flake8_wsawait.command.lint import RunOptions, lint_file
from flake8_wsawait.plugin import Plugin
from flake8_wsawait.rules import FixSafety
from flake8_wsawait.config.settings import RawValue, resolve_settings
from flake8_wsawait.sourcefile import split_lines

# Generated programs such as `1()` make the parser warn; the tool silences those
# warnings itself (lint.py), the test's own parses here do not need to show them.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

FUZZ = settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
)
PROGRAMS = st.one_of(hypothesmith.from_grammar(), hypothesmith.from_node())
_IDENTIFIER = re.compile(r"\b[A-Za-z_]\w*\b")


# An empty project: inference mode reads the project's files to find definitions.
EMPTY_PROJECT = tempfile.mkdtemp(prefix="wsawait-fuzz-")


def settings_for(sync: str, async_: str, **extra: str):
    layer = {
        "wsawait-sync-getters": RawValue(sync, "test", EMPTY_PROJECT),
        "wsawait-async-getters": RawValue(async_, "test", EMPTY_PROJECT),
        **{k: RawValue(v, "test", EMPTY_PROJECT) for k, v in extra.items()},
    }
    return resolve_settings([layer], EMPTY_PROJECT)


def parses(source: str) -> bool:
    try:
        ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


@FUZZ
@given(source=PROGRAMS, data=st.data())
def test_checker_and_plugin_never_fail_on_generated_programs(source, data):
    assume(parses(source))
    names = sorted({n for n in _IDENTIFIER.findall(source) if n.isidentifier() and not keyword.iskeyword(n)})
    assume(len(names) >= 2)
    sync = data.draw(st.sampled_from(names))
    async_ = data.draw(st.sampled_from([n for n in names if n != sync]))
    lines = split_lines(source)
    for infer in ("false", "true"):
        config = settings_for(sync, async_, **{"wsawait-infer": infer, "wsawait-infer-names": "*"})
        violations = check_tree(ast.parse(source), source, "fuzz.py", config, lines)
        for v in violations:
            assert 1 <= v.line <= max(len(lines), 1) and v.col >= 0
        fixes = [v.fix for v in violations if v.fix is not None]
        if fixes:
            fixed, _ = apply_fixes(lines, fixes)
            assert fixed.count("\n") == source.count("\n")  # edits never add or remove lines
        saved, Plugin._settings = Plugin._settings, lambda self: config  # as options would resolve
        try:
            assert len(list(Plugin(ast.parse(source), "fuzz.py", lines).run())) == len(violations)
        finally:
            Plugin._settings = saved


# -- seeded getter calls and an independent oracle ---------------------------

SYNC, ASYNC = "zq_sync_manager", "zq_sync_manager_async"
# (statement, code reported in async def, code reported in def); None: not reported.
STATEMENTS = [
    ("m = await {sync}()", "WSA001", None),
    ("{async_}()", "WSA002", "WSA003"),
    ("m = await {async_}()", None, None),
    ("m = {sync}()", None, None),
    ("{async_}().send(1)", "WSA002", "WSA003"),
    ("m = [{async_}()]", None, None),
    ("helper({async_}())", None, None),
    ("m = await ({sync}())", "WSA001", None),
    ("if {async_}():\n        pass", "WSA002", "WSA003"),
]
SYNC_ONLY_OK = {"m = await {async_}()", "m = await {sync}()", "m = await ({sync}())"}


@st.composite
def seeded_functions(draw):
    functions = []
    for _ in range(draw(st.integers(1, 4))):
        is_async = draw(st.booleans())
        choices = [s for s in STATEMENTS if is_async or s[0] not in SYNC_ONLY_OK]
        functions.append((is_async, draw(st.lists(st.sampled_from(choices), min_size=1, max_size=5))))
    return functions


def render(prefix: str, functions) -> tuple[str, list[tuple[int, str]]]:
    """The program text and what the oracle expects: (line, code)."""
    text = prefix if prefix.endswith(("\n", "\r")) or not prefix else prefix + "\n"
    line = len(split_lines(text)) + 1  # line breaks as the parser counts them (\r too)
    expected = []
    for index, (is_async, statements) in enumerate(functions):
        text += "\n\n" + ("async def" if is_async else "def") + f" seeded_{index}():\n"
        line += 3
        for statement, in_async, in_sync in statements:
            code = in_async if is_async else in_sync
            if code:
                expected.append((line, code))
            body = statement.format(sync=SYNC, async_=ASYNC)
            text += "    " + body + "\n"
            line += body.count("\n") + 1
    return text, expected


@FUZZ
@given(prefix=PROGRAMS, functions=seeded_functions())
def test_seeded_calls_match_the_oracle(prefix, functions):
    assume(parses(prefix) and SYNC not in prefix and "zq_" not in prefix)
    assume("__future__" not in prefix or prefix.lstrip().startswith("from __future__"))
    source, expected = render(prefix, functions)
    assume(parses(source))
    config = settings_for(SYNC, ASYNC)
    got = sorted((v.line, v.code) for v in check_tree(ast.parse(source), source, "seeded.py", config))
    assert got == sorted(expected)


# -- fix properties ----------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(functions=seeded_functions(), crlf=st.booleans())
def test_fixes_parse_converge_are_idempotent_and_touch_only_reported_spans(tmp_path, functions, crlf):
    source, _ = render("def helper(*args):\n    return args\n", functions)
    if crlf:
        source = source.replace("\n", "\r\n")
    path = tmp_path / "seeded.py"
    path.write_bytes(source.encode())
    config = settings_for(SYNC, ASYNC)
    lines = split_lines(source)
    reported = check_tree(ast.parse(source), source.replace("\r\n", "\n"), str(path), config)
    touched = {e.line for v in reported if v.fix for e in v.fix.edits}

    options = RunOptions(fix=True, unsafe_fixes=True)
    first = lint_file(str(path), config, options)
    fixed = path.read_bytes()
    assert parses(fixed.decode())
    assert not [r for r in first.reports if r.fix is not None], "a fixable violation is left"
    second = lint_file(str(path), config, options)
    assert path.read_bytes() == fixed and second.fixed == 0
    new_lines = split_lines(fixed.decode())
    assert len(new_lines) == len(lines)
    for number, (old, new) in enumerate(zip(lines, new_lines), start=1):
        if number not in touched:
            assert old == new, f"line {number} changed but was not reported"
    assert first.fixed == sum(1 for v in reported if v.fix is not None and v.fix.safety in FixSafety)


# -- the real front ends over a batch of generated files ---------------------

@pytest.mark.slow
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(program=PROGRAMS, functions=seeded_functions())
def test_flake8_and_wsawait_agree_and_never_fail_on_generated_files(tmp_path_factory, program, functions):
    from annotated import run_flake8, run_wsawait

    root = tmp_path_factory.mktemp("generated")
    config = f"[flake8]\nwsawait-sync-getters = {SYNC}\nwsawait-async-getters = {ASYNC}\n"
    (root / "setup.cfg").write_text(config)
    # Seeded when the program parses; kept as it is (and mentioning the getters) when not.
    source = render(program, functions)[0] if parses(program) else program + f"\n# {SYNC} {ASYNC}\n"
    (root / "generated.py").write_text(source, encoding="utf-8")
    theirs = run_flake8(["--select", "WSA", "generated.py"], cwd=root)
    mine = run_wsawait(["check", "generated.py"], cwd=root)
    assert "Traceback" not in theirs.stderr + mine.stderr
    wsa = [line for line in mine.stdout.splitlines() if ": WSA" in line]
    assert wsa == theirs.stdout.splitlines()
