"""Bad files, bad settings and hostile surroundings: one clear line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotated import REPO, parse_reports, reported, run_flake8, run_wsawait, tree

BAD = "async def f():\n    return await get_websocket_manager()\n"
WSAWAIT = [sys.executable, "-m", "flake8_wsawait"]


@pytest.mark.parametrize("codec", ["undefined", "punycode", "rot13"])
def test_a_cookie_that_decoding_rejects_is_an_e902_and_the_run_goes_on(tmp_path, codec):
    files = {f"cookie{n}.py": f"# coding: {codec}\n" + BAD for n in range(10)}
    files["plain.py"] = BAD
    tree(tmp_path, files)
    result = run_wsawait(["check", "-j", "2", "."], cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    codes = sorted((r.path, r.code) for r in parse_reports(result.stdout))
    assert codes == sorted([(f"cookie{n}.py", "E902") for n in range(10)] + [("plain.py", "WSA001")])


@pytest.mark.parametrize("tool", ['"x"', "1", '["wsawait"]'])
def test_pyproject_whose_tool_is_not_a_table(tmp_path, tool):
    tree(tmp_path, {"pyproject.toml": f"tool = {tool}\n# wsawait\n", "pkg/m.py": BAD})
    for result in (
        run_wsawait(["check", "m.py"], cwd=tmp_path / "pkg"),
        run_flake8(["--select", "WSA", "m.py"], cwd=tmp_path / "pkg"),
    ):
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stderr.count("\n") == 1 and "'tool' in" in result.stderr, result.stderr


def _many_reports(tmp_path: Path) -> Path:
    return tree(tmp_path, {f"m{n}.py": BAD * 100 for n in range(200)})  # far more than a pipe holds


def test_a_reader_that_goes_away_ends_the_output_quietly(tmp_path):
    _many_reports(tmp_path)
    process = subprocess.Popen(WSAWAIT + ["check", "-j", "1", "."], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout.readline()  # like `| head -1`
    process.stdout.close()
    _, err = process.communicate(timeout=60)
    assert b"Traceback" not in err and b"Exception ignored" not in err, err.decode()
    assert process.returncode == 1


@pytest.mark.parametrize("redirect", ["/dev/full", "closed"])
def test_an_unwritable_stdout_is_a_one_line_error(tmp_path, redirect):
    _many_reports(tmp_path)
    command = " ".join(WSAWAIT + ["check", "."])
    shell = f"{command} > /dev/full" if redirect == "/dev/full" else f"{command} >&-"
    result = subprocess.run(["bash", "-c", shell], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.startswith("wsawait: error: ") and result.stderr.count("\n") == 1, result.stderr


def test_a_file_name_that_is_not_utf8_is_printed_as_it_is(tmp_path):
    name = os.fsencode(str(tmp_path)) + b"/bad\xffname.py"
    with open(name, "wb") as handle:
        handle.write(BAD.encode())
    environment = dict(os.environ, LC_ALL="C.UTF-8", PYTHONIOENCODING="utf-8")
    for fmt in ("text", "json", "github", "sarif"):
        result = subprocess.run(WSAWAIT + ["check", "--format", fmt, "."], cwd=tmp_path,
                                capture_output=True, env=environment)
        assert result.returncode == 1 and b"Traceback" not in result.stderr, result.stderr.decode()
    text = subprocess.run(WSAWAIT + ["check", "."], cwd=tmp_path, capture_output=True, env=environment)
    assert text.stdout.startswith(b"bad\xffname.py:2:12: WSA001 ")


@pytest.mark.slow
def test_ctrl_c_exits_130_quietly_and_leaves_no_temporary_file(tmp_path):
    sys.path.insert(0, str(REPO / "bench"))
    from corpus import write_generated

    write_generated(tmp_path / "tree", 1500)
    # Its own process group, like a terminal's job: Ctrl-C reaches the workers too.
    # SIGINT's default disposition too: a test run started in the background inherits it ignored.
    process = subprocess.Popen(WSAWAIT + ["check", "--fix", "-j", "2", "tree"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    time.sleep(1.0)
    assert process.poll() is None, "the run ended before the interrupt: make the tree larger"
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err.decode()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()
    assert not [p for p in (tmp_path / "tree").iterdir() if not p.name.endswith(".py")]
    for path in (tmp_path / "tree").iterdir():
        compile(path.read_bytes(), str(path), "exec", dont_inherit=True)  # fixed whole or untouched


@pytest.mark.parametrize("ini", [
    "[flake8]\nwsawait-sync-getters = get_x\n[flake8]\nselect = WSA\n",
    "[flake8]\nwsawait-sync-getters = get_x\nwsawait-sync-getters = get_y\n",
    "[flake8\nwsawait-sync-getters = get_x\n",
])
def test_a_malformed_ini_file_is_an_error_not_silently_skipped(tmp_path, ini):
    tree(tmp_path, {"setup.cfg": ini, "m.py": BAD})
    result = run_wsawait(["check", "m.py"], cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith("wsawait: error: cannot parse config file setup.cfg: ")
    assert result.stderr.count("\n") == 1
    # flake8 reads the same file first, with its own parser: it fails before any
    # plugin runs (its own traceback or error), but never passes with defaults.
    theirs = run_flake8(["--select", "WSA", "m.py"], cwd=tmp_path)
    assert theirs.returncode != 0 and theirs.stdout == "" and theirs.stderr, theirs


@pytest.mark.parametrize("name", ["setup.cfg", "pyproject.toml"])
def test_an_unreadable_config_file_is_an_error(tmp_path, monkeypatch, name):
    import builtins

    from flake8_wsawait.config.config_files import ConfigFiles
    from flake8_wsawait.config.settings import ConfigError

    tree(tmp_path, {name: "[flake8]\n" if name == "setup.cfg" else "[tool.wsawait]\n"})
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if str(file).endswith(name):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    for explicit in (str(tmp_path / name), None):
        with pytest.raises(ConfigError, match="Permission denied"):
            ConfigFiles.discover(str(tmp_path), explicit=explicit).layers()


def test_a_link_to_a_device_is_not_a_regular_file_and_not_broken(tmp_path):
    tree(tmp_path, {"m.py": BAD})
    os.symlink("/dev/zero", tmp_path / "z.py")
    result = run_wsawait(["check", "."], cwd=tmp_path)
    assert [(r.path, r.code) for r in parse_reports(result.stdout)] == [("m.py", "WSA001"), ("z.py", "E902")]
    assert "z.py:1:1: E902 not a regular file" in result.stdout


def test_an_empty_path_is_refused(tmp_path):
    tree(tmp_path, {"m.py": BAD})
    result = run_wsawait(["check", ""], cwd=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("wsawait: error: an empty path") and result.stderr.count("\n") == 1


def test_a_file_reached_twice_is_checked_once_under_its_own_path(tmp_path):
    tree(tmp_path, {"pkg/real.py": BAD})
    os.symlink("real.py", tmp_path / "pkg" / "alias.py")
    result = run_wsawait(["check", "."], cwd=tmp_path)
    assert [(r.path, r.code) for r in parse_reports(result.stdout)] == [("pkg/real.py", "WSA001")]
    named = run_wsawait(["check", "pkg/alias.py", "pkg/real.py"], cwd=tmp_path)
    assert [(r.path, r.code) for r in parse_reports(named.stdout)] == [("pkg/real.py", "WSA001")]
    alone = run_wsawait(["check", "pkg/alias.py"], cwd=tmp_path)
    assert [(r.path, r.code) for r in parse_reports(alone.stdout)] == [("pkg/alias.py", "WSA001")]


def test_a_second_path_to_a_folder_is_no_loop(tmp_path):
    tree(tmp_path, {"pkg/real.py": BAD})
    os.symlink("pkg", tmp_path / "mirror")  # e.g. a docs folder linking a package
    result = run_wsawait(["check", "."], cwd=tmp_path)
    assert [(r.path, r.code) for r in parse_reports(result.stdout)] == [("pkg/real.py", "WSA001")]
    assert "loop" not in result.stdout


def test_an_internal_error_is_that_files_report_and_the_run_goes_on(tmp_path, monkeypatch):
    from flake8_wsawait.analysis import checker
    from flake8_wsawait.command.lint import RunOptions, lint_file
    from flake8_wsawait.config.settings import default_settings

    def broken(tree, text, path, *rest):
        if path.endswith("a.py"):
            raise KeyError("scope")
        return real(tree, text, path, *rest)

    real = checker.check_tree
    monkeypatch.setattr(checker, "check_tree", broken)
    tree(tmp_path, {"a.py": BAD, "b.py": BAD})
    a, b = (lint_file(str(tmp_path / name), default_settings(), RunOptions()) for name in ("a.py", "b.py"))
    assert [(r.code, r.message) for r in a.reports] == [
        ("E902", "internal error, please report it: KeyError: 'scope'")]
    assert [r.code for r in b.reports] == ["WSA001"]


@pytest.mark.parametrize("encoding", ["latin-1", "utf-8"])
def test_a_non_ascii_getter_is_found_whatever_the_files_encoding(tmp_path, encoding):
    """The byte pre-filter searches for UTF-8: a file in another encoding is tested as UTF-8."""
    (tmp_path / "setup.cfg").write_text("[flake8]\nwsawait-sync-getters = get_café\n", encoding="utf-8")
    source = f"# -*- coding: {encoding} -*-\nasync def f():\n    return await get_café()\n"
    (tmp_path / "m.py").write_bytes(source.encode(encoding))
    (tmp_path / "other.py").write_bytes("# -*- coding: latin-1 -*-\nname = 'café'\n".encode("latin-1"))
    expected = [("m.py", 3, "WSA001")]
    assert reported(run_wsawait(["check", "--no-cache", "m.py", "other.py"], cwd=tmp_path)) == expected
    assert reported(run_flake8(["--select", "WSA", "m.py", "other.py"], cwd=tmp_path)) == expected


def test_a_union_annotation_hundreds_deep_is_read_without_recursion(tmp_path):
    """`m: A | A | ... | Manager` (2,500 operands: the parser takes up to about 2,900
    here, past the interpreter's recursion limit), and the same in a string: the
    parameter may be the file's Manager."""
    union = " | ".join(["Other"] * 2500)
    tree(tmp_path, {
        "setup.cfg": "[flake8]\nwsawait-infer-names = connect\n",
        "deep.py": (
            "class Manager:\n    async def connect(self):\n        pass\n\n\n"
            f"async def join(m: {union} | Manager):\n    m.connect()\n\n\n"
            f"async def rejoin(m: \"{union} | Manager\"):\n    m.connect()\n"
        ),
    })
    result = run_wsawait(["check", "deep.py"], cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert reported(result) == [("deep.py", 7, "WSA002"), ("deep.py", 11, "WSA002")]


def test_a_conditional_expression_thousands_deep_is_judged_without_recursion(tmp_path):
    """`return 1 if x else 1 if x else ... None` (2,400 deep): every value is plain."""
    chain = " ".join(["1 if x else"] * 2400) + " None"
    tree(tmp_path, {
        "deep.py": (
            f"def get_websocket_manager(x):\n    return {chain}\n\n\n"
            "async def f(x):\n    return await get_websocket_manager(x)\n"
        ),
    })
    result = run_wsawait(["check", "deep.py"], cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert reported(result) == [("deep.py", 6, "WSA001")]
