"""ruff's flags, each through the real command with ruff's semantics, and the look-alike
that stays as it was."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotated import parse_reports, run_wsawait, tree

BAD = "async def f():\n    return await get_websocket_manager()\n"
UNSAFE = "async def g():\n    get_websocket_manager_async()\n"


def codes(result) -> list[tuple[str, int, str]]:
    return [(r.path, r.line, r.code) for r in parse_reports(result.stdout)]


def test_fix_only_and_exit_non_zero_on_fix(tmp_path):
    tree(tmp_path, {"a.py": BAD, "b.py": UNSAFE})
    result = run_wsawait(["check", "-n", "--fix-only", "."], cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == ""  # b.py's unsafe finding is left, unreported
    assert "Fixed 1 violation." in result.stderr and "await" not in (tmp_path / "a.py").read_text()
    (tmp_path / "a.py").write_text(BAD)
    result = run_wsawait(["check", "-n", "--fix-only", "--exit-non-zero-on-fix", "."], cwd=tmp_path)
    assert result.returncode == 1
    # Nothing left to fix: exit 0 even with the flag; with --fix the unsafe one still fails.
    flags = ["check", "-n", "--exit-non-zero-on-fix", "."]
    assert run_wsawait([*flags, "--fix-only"], cwd=tmp_path).returncode == 0
    assert run_wsawait([*flags, "--fix"], cwd=tmp_path).returncode == 1
    (tmp_path / "b.py").unlink()
    (tmp_path / "a.py").write_text(BAD)
    fixed = run_wsawait(["check", "-n", "--fix", "--exit-non-zero-on-fix", "."], cwd=tmp_path)
    assert fixed.returncode == 1 and fixed.stdout == ""  # fixed, nothing left: non-zero all the same


def test_config_key_value_sets_any_option(tmp_path):
    tree(tmp_path, {"m.py": "async def f():\n    return await get_x()\n", "tests/t.py": BAD})
    assert codes(run_wsawait(["check", "-n", "m.py"], cwd=tmp_path)) == []
    result = run_wsawait(["check", "-n", "--config", 'sync-getters = ["get_x"]', "m.py"], cwd=tmp_path)
    assert codes(result) == [("m.py", 2, "WSA001")]
    both = ["--config", 'sync-getters = ["get_x", "get_websocket_manager"]',
            "--config", 'allow = ["tests/*.py: WSA001"]']
    assert codes(run_wsawait(["check", "-n", *both, "."], cwd=tmp_path)) == [("m.py", 2, "WSA001")]
    standalone = ["--config", 'per-file-ignores = {"m.py" = ["WSA001"]}', "--config", 'exclude = ["tests"]']
    assert codes(run_wsawait(["check", "-n", *both[:2], *standalone, "."], cwd=tmp_path)) == []
    assert codes(run_wsawait(["check", "-n", "--config", 'ignore = ["WSA"]', "."], cwd=tmp_path)) == []
    # A file is still a file; a bad key or value is a one-line error naming it.
    (tmp_path / "conf.ini").write_text("[flake8]\nwsawait-sync-getters = get_x\n")
    assert codes(run_wsawait(["check", "-n", "--config", "conf.ini", "m.py"], cwd=tmp_path)) == [
        ("m.py", 2, "WSA001")]
    for bad, fragment in [("sync_getters = []", "did you mean 'sync-getters'"),
                          ("allow-in-raises = 3", "wsawait-allow-in-raises"),
                          ("select = [1]", "'select' in --config"),
                          ("x = [", "not a config file, nor a TOML"),
                          ("extend = 'a.toml'", "'extend' belongs in a pyproject.toml")]:
        result = run_wsawait(["check", "-n", "--config", bad, "m.py"], cwd=tmp_path)
        assert result.returncode == 2 and result.stderr.count("\n") == 1 and fragment in result.stderr, bad


def test_per_file_ignores_and_extend_ignore_on_the_command_line(tmp_path):
    tree(tmp_path, {"a.py": BAD + UNSAFE, "tests/t.py": BAD,
                    "setup.cfg": "[flake8]\nextend-ignore = WSA003\n"})
    every = codes(run_wsawait(["check", "-n", "."], cwd=tmp_path))
    assert every == [("a.py", 2, "WSA001"), ("a.py", 4, "WSA002"), ("tests/t.py", 2, "WSA001")]
    assert codes(run_wsawait(["check", "-n", "--extend-ignore", "WSA002", "."], cwd=tmp_path)) == [
        ("a.py", 2, "WSA001"), ("tests/t.py", 2, "WSA001")]
    mapping = "tests/*.py:WSA001 a.py:WSA002"
    result = run_wsawait(["check", "-n", "--per-file-ignores", mapping, "."], cwd=tmp_path)
    assert codes(result) == [("a.py", 2, "WSA001")]
    bad = run_wsawait(["check", "-n", "--per-file-ignores", "tests/*.py:NOPE1", "."], cwd=tmp_path)
    assert bad.returncode == 2 and "--per-file-ignores" in bad.stderr


def test_short_flags_colour_and_ignore_noqa(tmp_path):
    tree(tmp_path, {"m.py": "async def f():\n    return await get_websocket_manager()  # noqa\n", "n.py": BAD})
    assert run_wsawait(["check", "-n", "-e", "."], cwd=tmp_path).returncode == 0
    silent = run_wsawait(["check", "-n", "-s", "."], cwd=tmp_path)
    assert silent.returncode == 1 and silent.stdout == "" and silent.stderr == ""
    assert not (tmp_path / ".wsawait_cache").exists()  # -n is --no-cache
    assert "\033[" in run_wsawait(["check", "-n", "--color", "always", "."], cwd=tmp_path).stdout
    assert "\033[" not in run_wsawait(["check", "-n", "--color", "never", "."], cwd=tmp_path).stdout
    assert codes(run_wsawait(["check", "-n", "."], cwd=tmp_path)) == [("n.py", 2, "WSA001")]
    assert codes(run_wsawait(["check", "-n", "--ignore-noqa", "."], cwd=tmp_path)) == [
        ("m.py", 2, "WSA001"), ("n.py", 2, "WSA001")]
    # The cache keeps the two apart.
    run_wsawait(["check", "."], cwd=tmp_path)
    assert len(codes(run_wsawait(["check", "--ignore-noqa", "."], cwd=tmp_path))) == 2
    assert len(codes(run_wsawait(["check", "."], cwd=tmp_path))) == 1


def test_extend_inherits_the_parent_configuration(tmp_path):
    tree(tmp_path, {
        "pyproject.toml": '[tool.wsawait]\nsync-getters = ["get_base_manager"]\n'
                          'allow = ["legacy/*.py: WSA001"]\n',
        "svc/pyproject.toml": '[tool.wsawait]\nextend = "../pyproject.toml"\nasync-getters = ["x_async"]\n',
        "svc/m.py": "async def f():\n    return await get_base_manager()\n",
        "legacy/l.py": "async def f():\n    return await get_base_manager()\n",
        "alone/pyproject.toml": '[tool.wsawait]\nasync-getters = ["x_async"]\n',
        "alone/m.py": "async def f():\n    return await get_base_manager()\n",
    })
    # svc/ takes the parent's getter; the parent's allowlist keeps its own folder.
    assert codes(run_wsawait(["check", "-n", "."], cwd=tmp_path)) == [("svc/m.py", 2, "WSA001")]
    # Look-alike: a sibling without `extend` knows nothing of the parent's getters.
    assert codes(run_wsawait(["check", "-n", "alone"], cwd=tmp_path)) == []
    (tmp_path / "svc" / "pyproject.toml").write_text('[tool.wsawait]\nextend = "../missing.toml"\n')
    broken = run_wsawait(["check", "-n", "svc"], cwd=tmp_path)
    assert broken.returncode == 2 and "no file" in broken.stderr and "svc/pyproject.toml" in broken.stderr


def test_rule_by_slug_and_as_json(tmp_path):
    by_slug = run_wsawait(["rule", "await-sync-getter"], cwd=tmp_path)
    assert by_slug.returncode == 0 and by_slug.stdout.startswith("### WSA001 (await-sync-getter)")
    item = json.loads(run_wsawait(["rule", "WSA002", "--output-format", "json"], cwd=tmp_path).stdout)
    assert item["code"] == "WSA002" and item["name"] == "unawaited-async-getter"
    assert item["fix"] == "Fix is sometimes available." and "#### What it does" in item["explanation"]
    every = json.loads(run_wsawait(["rule", "--all", "--output-format", "json"], cwd=tmp_path).stdout)
    assert [i["code"] for i in every] == ["WSA001", "WSA002", "WSA003", "WSA100"]
    assert run_wsawait(["rule", "no-such-rule"], cwd=tmp_path).returncode == 2


def test_watch_checks_again_when_a_file_changes(tmp_path):
    import queue
    import threading

    tree(tmp_path, {"m.py": "x = 1\n"})
    process = subprocess.Popen([sys.executable, "-m", "flake8_wsawait", "check", "-n", "--watch", "."],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()

    def next_line(wanted: str) -> str:
        while True:
            line = lines.get(timeout=30)  # a missing line fails the test, never hangs it
            if wanted in line:
                return line

    try:
        next_line("All checks passed.")
        next_line("Watching for file changes.")
        time.sleep(0.1)
        (tmp_path / "m.py").write_text(BAD)
        assert next_line("WSA001").startswith("m.py:2:12: WSA001")
        next_line("Found 1 violation.")
    finally:
        process.kill()
        process.communicate()


@pytest.mark.parametrize("flag", ["--fix", "--diff", "--add-noqa"])
def test_watch_only_reports(tmp_path, flag):
    result = run_wsawait(["check", "--watch", flag, "."], cwd=Path(tmp_path))
    assert result.returncode == 2 and "--watch only reports" in result.stderr
