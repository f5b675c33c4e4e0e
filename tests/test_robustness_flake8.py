"""Hostile files never make the plugin raise: flake8 reports or skips them."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from annotated import parse_reports, run_flake8
from flake8_wsawait.analysis.checker import check_tree
from flake8_wsawait.plugin import Plugin
from flake8_wsawait.config.settings import default_settings

GETTER_LINE = "async def f():\n    return await get_websocket_manager()\n"


@pytest.fixture(autouse=True)
def default_plugin_settings(monkeypatch):
    settings = default_settings()
    monkeypatch.setattr(Plugin, "_settings", lambda self: settings)


def run_plugin(source: str, filename: str = "x.py") -> list[tuple[int, int, str]]:
    lines = source.splitlines(True)
    plugin = Plugin(ast.parse(source), filename, lines)
    return [(line, col, text.split()[0]) for line, col, text, _ in plugin.run()]


def test_checker_is_not_limited_by_the_recursion_limit():
    # A 3,000-deep expression: parse it with a raised limit, check it under a low one.
    source = "async def f(x):\n    return await get_websocket_manager(" + " + ".join(["x"] * 3000) + ")\n"
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(20000)
    try:
        tree = ast.parse(source)
    finally:
        sys.setrecursionlimit(old)
    sys.setrecursionlimit(200)
    try:
        violations = check_tree(tree, source, "deep.py", default_settings())
    finally:
        sys.setrecursionlimit(old)
    assert [(v.line, v.code) for v in violations] == [(2, "WSA001")]


def test_deeply_nested_parentheses_are_flake8s_e999(tmp_path):
    (tmp_path / "deep.py").write_text(
        "async def f():\n    return await get_websocket_manager(" + "(" * 3000 + "1" + ")" * 3000 + ")\n"
    )
    result = run_flake8(["--select", "WSA,E999", "deep.py"], cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert [r.code for r in parse_reports(result.stdout)] == ["E999"]


def test_syntax_errors_are_flake8s_e999(tmp_path):
    (tmp_path / "broken.py").write_text("async def f(:\n    await get_websocket_manager()\n")
    result = run_flake8(["--select", "WSA,E999", "broken.py"], cwd=tmp_path)
    assert [r.code for r in parse_reports(result.stdout)] == ["E999"]


@pytest.mark.parametrize(
    "raw",
    [
        b"# coding: latin-1\ns = '\xe9'\n" + GETTER_LINE.encode(),
        b"s = '\xff\xfe not utf-8'\n" + GETTER_LINE.encode(),
        b"\xef\xbb\xbf" + GETTER_LINE.encode(),
        GETTER_LINE.replace("\n", "\r\n").encode(),
        b"s = '\xc3\xa9\xe2\x82\xac'  # non-ASCII before the await\n" + GETTER_LINE.encode(),
    ],
    ids=["latin-1 cookie", "invalid utf-8", "bom", "crlf", "utf-8 text"],
)
def test_encodings_and_line_endings(tmp_path, raw):
    (tmp_path / "enc.py").write_bytes(raw)
    result = run_flake8(["--select", "WSA", "enc.py"], cwd=tmp_path)
    assert "Traceback" not in result.stderr
    assert [r.code for r in parse_reports(result.stdout)] == ["WSA001"]


def test_column_counts_characters_as_pycodestyle_does():
    source = "async def f():\n    s = 'é'; m = await get_websocket_manager()\n"
    [(line, col, code)] = run_plugin(source)
    assert (line, code) == (2, "WSA001")
    assert source.splitlines()[1][col:].startswith("await")


def test_file_of_100000_lines_through_the_plugin():
    source = "from app import get_websocket_manager\n" + "x = 1\n" * 100_000 + GETTER_LINE
    assert run_plugin(source) == [(100_003, 11, "WSA001")]


@pytest.mark.slow
def test_file_of_100000_lines_through_flake8(tmp_path):
    (tmp_path / "big.py").write_text("x = 1\n" * 100_000 + GETTER_LINE)
    result = run_flake8(["--select", "WSA", "big.py"], cwd=tmp_path)
    assert [(r.line, r.code) for r in parse_reports(result.stdout)] == [(100_002, "WSA001")]


def test_empty_and_getterless_files_are_skipped_before_the_walk(monkeypatch):
    import flake8_wsawait.analysis.checker as checker_module

    def fail(*args):
        raise AssertionError("walked a file that cannot contain a getter")

    monkeypatch.setattr(checker_module, "check_tree", fail)
    assert run_plugin("") == []
    assert run_plugin("import asyncio\nasync def f():\n    await asyncio.sleep(1)\n") == []
    # Nor is the checker imported with the plugin: flake8 loads every plugin on each run.
    code = "import sys, flake8_wsawait.plugin; print('flake8_wsawait.analysis.checker' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout == "False\n"


def test_a_bug_of_ours_is_one_report_for_that_file_never_an_aborted_run(monkeypatch):
    """flake8 ends the whole run when a plugin raises; the standalone command reports
    E902 for the file and goes on, and so does the plugin."""
    import flake8_wsawait.analysis.checker as checker

    assert run_plugin(GETTER_LINE) == [(2, 11, "WSA001")]

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(checker, "check_tree", broken)
    [(line, col, text, _)] = list(Plugin(ast.parse(GETTER_LINE), "x.py", GETTER_LINE.splitlines(True)).run())
    assert (line, col) == (1, 0)
    assert text == "E902 internal error, please report it: KeyError: 'a bug'"
