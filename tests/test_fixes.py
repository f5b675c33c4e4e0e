"""`wsawait check --fix`: golden files, idempotence, every other byte kept, files kept safe."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from annotated import parse_reports, run_wsawait

FIXES = Path(__file__).parent / "fixes"
GOLDEN = sorted(p for p in FIXES.glob("*.py") if not p.name.endswith(".fixed.py"))


def fix_args(source: str) -> list[str]:
    unsafe = "# wsawait-fix: unsafe" in source
    return ["check", "-j", "1", "--fix"] + (["--unsafe-fixes"] if unsafe else [])


# Each golden pair is also checked re-encoded: CRLF endings, a latin-1 cookie, a BOM.
VARIANTS = {
    "as-is": lambda text: text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "latin-1": lambda text: ("# -*- coding: latin-1 -*-\n# café\n" + text).encode("latin-1"),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
    "non-ascii": lambda text: text.replace("manager(ctx", "manager('ünïcödé', ctx").encode("utf-8"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("golden", GOLDEN, ids=[p.stem for p in GOLDEN])
def test_golden_fix_and_idempotence(tmp_path, golden, variant):
    encode = VARIANTS[variant]
    source = golden.read_text(encoding="utf-8")
    expected = encode(golden.with_name(golden.stem + ".fixed.py").read_text(encoding="utf-8"))
    target = tmp_path / "module.py"
    target.write_bytes(encode(source))
    first = run_wsawait(fix_args(source) + ["module.py"], cwd=tmp_path)
    assert "Traceback" not in first.stderr
    assert target.read_bytes() == expected
    second = run_wsawait(fix_args(source) + ["module.py"], cwd=tmp_path)
    assert target.read_bytes() == expected, "fixing twice changed the file again"
    assert "(0 fixed" in second.stderr or "fixed" not in second.stderr
    left = parse_reports(second.stdout)
    assert all(r.code in ("WSA001", "WSA002", "WSA003") for r in left)


def test_summary_counts_fixed_and_remaining_unsafe(tmp_path):
    (tmp_path / "m.py").write_text((FIXES / "unsafe.py").read_text())
    result = run_wsawait(["check", "-j", "1", "--fix", "m.py"], cwd=tmp_path)
    assert result.returncode == 1
    # 8 reports: one safe WSA001 (fixed), six with unsafe fixes, and `gwma()`, an alias: no fix.
    summary = "Found 8 violations (1 fixed, 7 remaining). 6 more fixable with --fix --unsafe-fixes."
    assert summary in result.stderr


def test_diff_prints_and_writes_nothing(tmp_path):
    target = tmp_path / "m.py"
    target.write_text((FIXES / "safe.py").read_text())
    before = target.read_bytes()
    result = run_wsawait(["check", "-j", "1", "--diff", "m.py"], cwd=tmp_path)
    assert target.read_bytes() == before
    assert result.returncode == 1
    assert result.stdout.startswith("--- m.py\n+++ m.py\n")
    assert "-    a = await get_websocket_manager(ctx)  # a comment that stays\n" in result.stdout
    assert "+    a = get_websocket_manager(ctx)  # a comment that stays\n" in result.stdout


def test_unparseable_file_is_reported_and_untouched(tmp_path):
    target = tmp_path / "broken.py"
    target.write_text("async def f(:\n    await get_websocket_manager()\n")
    before = target.read_bytes()
    result = run_wsawait(["check", "--fix", "broken.py"], cwd=tmp_path)
    assert target.read_bytes() == before
    assert result.returncode == 1
    assert [(r.line, r.code) for r in parse_reports(result.stdout)] == [(1, "E999")]


def test_mode_is_kept_and_symlinks_are_written_through(tmp_path):
    real = tmp_path / "real.py"
    real.write_text("async def f():\n    return await get_websocket_manager()\n")
    os.chmod(real, 0o751)
    link = tmp_path / "link.py"
    link.symlink_to(real)
    result = run_wsawait(["check", "--fix", "link.py"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "async def f():\n    return get_websocket_manager()\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o751
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.py", "real.py"]  # no temp file left


def test_a_fix_whose_result_would_not_parse_is_not_written(tmp_path, monkeypatch):
    from flake8_wsawait.analysis import fixes
    from flake8_wsawait.command import lint
    from flake8_wsawait.config.settings import default_settings

    target = tmp_path / "m.py"
    target.write_text("async def f():\n    return await get_websocket_manager()\n")
    before = target.read_bytes()
    monkeypatch.setattr(fixes, "apply_fixes", lambda lines, wanted: ("def broken(:\n", len(wanted)))
    result = lint.lint_file(str(target), default_settings(str(tmp_path)), lint.RunOptions(fix=True))
    assert target.read_bytes() == before
    assert [r.code for r in result.reports] == ["WSA001"] and result.fixed == 0


def test_noqa_lines_are_never_fixed(tmp_path):
    source = "async def f():\n    return await get_websocket_manager()  # noqa: WSA001\n"
    (tmp_path / "m.py").write_text(source)
    result = run_wsawait(["check", "--fix", "--unsafe-fixes", "m.py"], cwd=tmp_path)
    assert result.returncode == 0 and (tmp_path / "m.py").read_text() == source


def test_nested_fixes_reach_a_fixed_point_in_one_run(tmp_path):
    # Each level's edits enclose the next one's, so each waits for a round of its own.
    expression = "get_websocket_manager_async()"
    for _ in range(12):
        expression = f"get_websocket_manager_async({expression}.a).b"
    (tmp_path / "m.py").write_text(f"async def f():\n    return {expression}\n")
    result = run_wsawait(["check", "-j", "1", "--fix", "--unsafe-fixes", "m.py"], cwd=tmp_path)
    assert "Found 13 violations (13 fixed, 0 remaining)." in result.stderr, result.stderr
    assert result.returncode == 0
    fixed = (tmp_path / "m.py").read_text()
    assert fixed.count("(await get_websocket_manager_async(") == 13
    compile(fixed, "m.py", "exec")


def test_a_file_saved_meanwhile_is_not_overwritten(tmp_path):
    from flake8_wsawait.command.lint import RunOptions, lint_source
    from flake8_wsawait.config.settings import default_settings
    from flake8_wsawait.sourcefile import decode

    path = tmp_path / "m.py"
    read = b"async def f():\n    return await get_websocket_manager()\n"
    saved_meanwhile = read + b"# an edit saved by the editor while the fix ran\n"
    path.write_bytes(saved_meanwhile)
    result = lint_source(decode(read), str(path), default_settings(str(tmp_path)), RunOptions(fix=True))
    assert path.read_bytes() == saved_meanwhile
    assert [r.code for r in result.reports] == ["E902", "WSA001"]
    assert "changed while it was being fixed" in result.reports[0].message
    assert not [p for p in tmp_path.iterdir() if p.name != "m.py"], "a temporary file was left"


def test_hard_links_stay_linked(tmp_path):
    original = tmp_path / "m.py"
    original.write_text("async def f():\n    return await get_websocket_manager()\n")
    os.link(original, tmp_path / "alias.py")
    result = run_wsawait(["check", "-j", "1", "--fix", "m.py"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "alias.py").read_text() == original.read_text() == (
        "async def f():\n    return get_websocket_manager()\n"
    )
    assert os.stat(tmp_path / "alias.py").st_ino == os.stat(original).st_ino


def test_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "m.py"
    path.write_text("async def f():\n    return await get_websocket_manager()\n")
    try:
        os.setxattr(path, "user.origin", b"generated")
    except (OSError, AttributeError):
        pytest.skip("this file system takes no user extended attributes")
    run_wsawait(["check", "-j", "1", "--fix", "m.py"], cwd=tmp_path)
    assert "await" not in path.read_text()
    assert os.getxattr(path, "user.origin") == b"generated"


def test_a_fix_the_compiler_would_refuse_is_left_out():
    """`ast.parse` takes `await` in a lambda; the compiler does not. Only the other fix is applied."""
    from flake8_wsawait.analysis.fixes import insert_await
    from flake8_wsawait.command.lint import RunOptions, _fix_round
    from flake8_wsawait.config.settings import default_settings
    from flake8_wsawait.sourcefile import split_lines

    import ast

    text = "async def f():\n    callback = lambda: h()\n    g()\n"
    lines = split_lines(text)
    calls = sorted((n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call)), key=lambda n: n.lineno)
    fixes = [insert_await(call, lines, parenthesize=False) for call in calls]
    outcome = _fix_round(text, fixes, "m.py", default_settings(), RunOptions(), must_compile=True)
    assert outcome is not None
    assert outcome[0] == "async def f():\n    callback = lambda: h()\n    await g()\n"
    assert _fix_round(text, fixes[:1], "m.py", default_settings(), RunOptions(), must_compile=True) is None
