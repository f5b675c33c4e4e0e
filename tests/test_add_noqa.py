"""`--add-noqa` and the stale-noqa check (WSA100): a team adopts in one command and
cleans up as it fixes. On every annotated case and on generated files dense with
getter calls: the result compiles, a second check reports nothing, a second
`--add-noqa` changes nothing, WSA100 finds nothing; then one misuse fixed by hand
leaves exactly its comment stale."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from annotated import case_tree, parse_reports, run_wsawait

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from corpus import generated_getter_sources  # noqa: E402


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.py"))}


def _stale(root: Path) -> set[tuple[str, int]]:
    result = run_wsawait(["check", "--no-cache", "--select", "WSA100", "."], cwd=root)
    return {(r.path, r.line) for r in parse_reports(result.stdout)}


@pytest.mark.slow
def test_add_noqa_adopts_a_code_base_in_one_command(tmp_path):
    root = case_tree(tmp_path / "tree")
    dense = root / "dense"
    dense.mkdir()
    (dense / "setup.cfg").write_text("[flake8]\n")
    for n, source in enumerate(generated_getter_sources(12, functions_per_file=25)):
        (dense / f"m{n}.py").write_text(source)
    before = parse_reports(run_wsawait(["check", "--no-cache", "."], cwd=root).stdout)
    assert len(before) > 200
    # The case files hold a few stale codes on purpose (tests/cases/noqa.py): they stay.
    stale_before = _stale(root)
    assert stale_before
    added = run_wsawait(["check", "--no-cache", "--add-noqa", "."], cwd=root)
    assert added.returncode == 0, added.stderr
    assert "Added" in added.stderr
    for path in root.rglob("*.py"):
        compile(path.read_text(encoding="utf-8"), str(path), "exec", dont_inherit=True)
    after = run_wsawait(["check", "--no-cache", "."], cwd=root)
    assert parse_reports(after.stdout) == [] and after.returncode == 0, after.stdout
    snapshot = _snapshot(root)
    again = run_wsawait(["check", "--no-cache", "--add-noqa", "."], cwd=root)
    assert "Added 0 noqa directives." in again.stderr and _snapshot(root) == snapshot
    assert _stale(root) == stale_before  # the comments added are all in use
    # One misuse fixed by hand: exactly its comment is stale.
    target = dense / "m0.py"
    lines = target.read_text().splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if "= await get_websocket_manager(ctx)  # noqa" in line)
    lines[row] = lines[row].replace("await get_websocket_manager(ctx)", "get_websocket_manager(ctx)")
    target.write_text("".join(lines))
    assert _stale(root) - stale_before == {("dense/m0.py", row + 1)}
    fixed = run_wsawait(["check", "--no-cache", "--extend-select", "WSA100", "--fix", "dense/m0.py"],
                        cwd=root)
    assert fixed.returncode == 0 and "# noqa" not in target.read_text().splitlines()[row]


@pytest.mark.parametrize("source, expected", [
    # A backslash continuation: the comment goes on its last line.
    ("async def f():\n    m = await \\\n        get_websocket_manager()\n",
     "async def f():\n    m = await \\\n        get_websocket_manager()  # noqa: WSA001\n"),
    # A multi-line f-string: after the string, never inside it.
    ('async def f():\n    return f"""{await get_websocket_manager()}\n    """\n',
     'async def f():\n    return f"""{await get_websocket_manager()}\n    """  # noqa: WSA001\n'),
    # Another tool's noqa is merged; another comment is kept.
    ("async def f():\n    return await get_websocket_manager()  # noqa: E501\n",
     "async def f():\n    return await get_websocket_manager()  # noqa: E501, WSA001\n"),
    ("async def f():\n    return await get_websocket_manager()  # why\n",
     "async def f():\n    return await get_websocket_manager()  # why  # noqa: WSA001\n"),
    # CRLF line endings, and a last line without one.
    ("async def f():\r\n    return await get_websocket_manager()\r\n",
     "async def f():\r\n    return await get_websocket_manager()  # noqa: WSA001\r\n"),
    ("async def f():\n    return await get_websocket_manager()",
     "async def f():\n    return await get_websocket_manager()  # noqa: WSA001"),
])
def test_each_comment_lands_where_it_suppresses(tmp_path, source, expected):
    path = tmp_path / "m.py"
    path.write_bytes(source.encode())
    assert run_wsawait(["check", "--no-cache", "--add-noqa", "m.py"], cwd=tmp_path).returncode == 0
    assert path.read_bytes() == expected.encode()
    assert run_wsawait(["check", "--no-cache", "m.py"], cwd=tmp_path).stdout == ""


def test_stale_noqa_is_opt_in_and_judges_wsa_codes_only(tmp_path):
    (tmp_path / "m.py").write_text(
        "def f():\n"
        "    a = get_websocket_manager()  # noqa: WSA001\n"
        "    b = get_websocket_manager()  # noqa: E501\n"
        "    c = get_websocket_manager()  # noqa\n"
        "    return a, b, c\n"
    )
    assert run_wsawait(["check", "--no-cache", "m.py"], cwd=tmp_path).stdout == ""  # not selected by WSA
    found = parse_reports(run_wsawait(["check", "--no-cache", "--extend-select", "WSA100", "m.py"],
                                      cwd=tmp_path).stdout)
    assert [(r.line, r.code) for r in found] == [(2, "WSA100")]


def test_json_noqa_row_is_where_a_comment_suppresses(tmp_path):
    import json

    source = (
        "async def f(ctx):\n    x = await \\\n        get_websocket_manager(ctx)\n"
        '    y = f"""{await get_websocket_manager()}\n    """\n    return x, y\n'
    )
    (tmp_path / "m.py").write_text(source)
    for args, stdin in ((["m.py"], None), (["--stdin-filename", "m.py"], source)):
        out = run_wsawait(["check", "-n", "--output-format", "json", *args], cwd=tmp_path, stdin=stdin).stdout
        assert [(item["location"]["row"], item["noqa_row"]) for item in json.loads(out)] == [(2, 3), (4, 5)]
