"""The `wsawait` command's interface: exit statuses, formats, discovery, options."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annotated import REPO, reported, run_wsawait, tree

BAD = "async def f():\n    return await get_websocket_manager()\n"
GOOD = "def f():\n    return get_websocket_manager()\n"


def test_exit_statuses(tmp_path):
    tree(tmp_path, {"good.py": GOOD, "bad.py": BAD})
    assert run_wsawait(["check", "good.py"], cwd=tmp_path).returncode == 0
    assert run_wsawait(["check", "bad.py"], cwd=tmp_path).returncode == 1
    assert run_wsawait(["check", "--format", "xml"], cwd=tmp_path).returncode == 2
    assert run_wsawait(["check", "-j", "0"], cwd=tmp_path).returncode == 2
    assert run_wsawait(["check", "--select", "WSA-1"], cwd=tmp_path).returncode == 2
    assert run_wsawait(["nonsense"], cwd=tmp_path).returncode == 2


def test_usage_errors_are_one_line(tmp_path):
    result = run_wsawait(["check", "--jobs", "many"], cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("wsawait: error: ")


def test_default_path_is_the_working_directory_and_output_is_sorted(tmp_path):
    tree(tmp_path, {"b.py": BAD, "a/z.py": BAD, "a/b.py": BAD + BAD.replace("f()", "g()")})
    result = run_wsawait(["check"], cwd=tmp_path)
    assert reported(result) == [
        ("a/b.py", 2, "WSA001"), ("a/b.py", 4, "WSA001"), ("a/z.py", 2, "WSA001"), ("b.py", 2, "WSA001"),
    ]


def test_python_dash_m_and_console_script_agree(tmp_path):
    import subprocess
    import sys

    tree(tmp_path, {"bad.py": BAD})
    script = Path(sys.executable).parent / "wsawait"  # installed next to the interpreter
    direct = subprocess.run([str(script), "check", "bad.py"], cwd=tmp_path, capture_output=True, text=True)
    assert direct.stdout == run_wsawait(["check", "bad.py"], cwd=tmp_path).stdout != ""


def test_default_and_configured_excludes(tmp_path):
    tree(tmp_path, {
        "keep.py": BAD,
        ".git/hooks/x.py": BAD, "node_modules/x.py": BAD, "build/x.py": BAD, "__pycache__/x.py": BAD,
        "myenv/pyvenv.cfg": "home = /usr\n", "myenv/lib/x.py": BAD,
        "vendor/lib/python3.11/site-packages/x.py": BAD, "__pypackages__/3.11/lib/x.py": BAD,
        "migrations/0001.py": BAD, "generated_pb2.py": BAD, "sub/data.txt": "get_websocket_manager",
        "setup.cfg": "[flake8]\nexclude = migrations\n",
        "pyproject.toml": '[tool.wsawait]\nextend-exclude = ["*_pb2.py"]\n',
    })
    assert reported(run_wsawait(["check"], cwd=tmp_path)) == [("keep.py", 2, "WSA001")]
    # A file named on the command line is always checked.
    assert reported(run_wsawait(["check", "migrations/0001.py"], cwd=tmp_path)) == [
        ("migrations/0001.py", 2, "WSA001")
    ]


def test_a_folder_named_on_the_command_line_is_read_though_an_exclude_names_it(tmp_path):
    tree(tmp_path, {
        "keep.py": BAD, "examples/app.py": BAD, "examples/gen_pb2.py": BAD, "examples/sub/deep.py": BAD,
        "setup.cfg": "[flake8]\nextend-exclude = examples,*_pb2.py\n",
    })
    assert reported(run_wsawait(["check"], cwd=tmp_path)) == [("keep.py", 2, "WSA001")]
    expected = [("examples/app.py", 2, "WSA001"), ("examples/sub/deep.py", 2, "WSA001")]
    # However the folder is spelt; below it the excludes still hold (`*_pb2.py`).
    for spelling in ("examples", "examples/", "./examples"):
        got = [(os.path.normpath(path), line, code) for path, line, code in
               reported(run_wsawait(["check", spelling], cwd=tmp_path))]
        assert got == expected, spelling
    # A named file in it keeps flake8's rule: an exclude matching the file itself holds.
    assert reported(run_wsawait(["check", "examples/gen_pb2.py"], cwd=tmp_path)) == []


def test_symlink_loops_broken_links_and_missing_paths_are_reported(tmp_path):
    tree(tmp_path, {"pkg/mod.py": BAD})
    (tmp_path / "pkg" / "loop").symlink_to(tmp_path / "pkg")
    (tmp_path / "pkg" / "dangling.py").symlink_to(tmp_path / "nowhere.py")
    os.mkfifo(tmp_path / "fifo.py")
    result = run_wsawait(["check", "pkg", "missing.py", "fifo.py"], cwd=tmp_path)
    assert result.returncode == 1
    got = reported(result)
    assert ("pkg/mod.py", 2, "WSA001") in got
    assert ("pkg/dangling.py", 1, "E902") in got and ("missing.py", 1, "E902") in got
    assert ("fifo.py", 1, "E902") in got
    assert any(path.startswith("pkg/loop") and code == "E902" for path, _, code in got)
    assert "symbolic link loop" in result.stdout and "broken symbolic link" in result.stdout


def test_unreadable_file_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    from flake8_wsawait.command import lint
    from flake8_wsawait.config.settings import default_settings

    tree(tmp_path, {"secret.py": BAD})
    real_open = os.open  # files are read through their descriptor

    def deny(path, *args, **kwargs):
        if str(path).endswith("secret.py"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("os.open", deny)
    result = lint.lint_file(str(tmp_path / "secret.py"), default_settings(), lint.RunOptions())
    assert [(r.code, r.message) for r in result.reports] == [("E902", "PermissionError: Permission denied")]


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"async def f(:\n    get_websocket_manager_async()\n", "E999"),
        (b"x = 1\x00\nget_websocket_manager_async()\n", "E999"),
        (b"# coding: nonsense\nget_websocket_manager_async()\n", "E902"),
        (b"s = '\xff'\nget_websocket_manager_async()\n", "E902"),
    ],
    ids=["syntax", "nul byte", "unknown cookie", "invalid utf-8"],
)
def test_broken_files_are_reported_and_the_run_goes_on(tmp_path, raw, code):
    (tmp_path / "broken.py").write_bytes(raw)
    tree(tmp_path, {"z.py": BAD})
    result = run_wsawait(["check"], cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [c for _, _, c in reported(result)] == [code, "WSA001"]


def test_flake8_noqa_exempts_the_whole_file(tmp_path):
    tree(tmp_path, {"a.py": "# flake8: noqa\n" + BAD, "b.py": "x = 1  # flake8: noqa\n" + BAD})
    assert reported(run_wsawait(["check"], cwd=tmp_path)) == [("b.py", 3, "WSA001")]


@pytest.mark.parametrize(
    "source, expected",
    [
        # A multi-line string token shares one noqa text across its lines ...
        ('async def f():\n    return await get_websocket_manager("""\n    x\n    """)  # noqa: WSA001\n', []),
        # ... but lines inside brackets are separate (the tokenizer ends each with NL).
        ("async def f():\n    return await get_websocket_manager(\n        1,\n    )  # noqa: WSA001\n", [2]),
    ],
)
def test_noqa_across_lines_is_exactly_flake8s(tmp_path, source, expected):
    from annotated import run_flake8

    tree(tmp_path, {"m.py": source})
    mine = run_wsawait(["check"], cwd=tmp_path)
    assert [line for _, line, _ in reported(mine)] == expected
    assert mine.stdout == run_flake8(["--select", "WSA", "m.py"], cwd=tmp_path).stdout


def test_select_and_ignore(tmp_path):
    tree(tmp_path, {"m.py": BAD + "def g():\n    get_websocket_manager_async()\n"})
    assert [c for _, _, c in reported(run_wsawait(["check"], cwd=tmp_path))] == ["WSA001", "WSA003"]
    selected = run_wsawait(["check", "--select", "WSA003"], cwd=tmp_path)
    assert [c for _, _, c in reported(selected)] == ["WSA003"]
    assert [c for _, _, c in reported(run_wsawait(["check", "--ignore", "WSA00"], cwd=tmp_path))] == []
    longer_wins = run_wsawait(["check", "--ignore", "WSA", "--select", "WSA001"], cwd=tmp_path)
    assert [c for _, _, c in reported(longer_wins)] == ["WSA001"]


@pytest.mark.parametrize(
    "name, text",
    [
        ("lint.ini", "[flake8]\nwsawait-sync-getters = get_other\n"),
        ("conf/pyproject.toml", '[tool.wsawait]\nsync-getters = ["get_other"]\n'),
    ],
)
def test_explicit_config_file(tmp_path, name, text):
    tree(tmp_path, {"m.py": BAD + "async def g():\n    await get_other()\n", name: text})
    assert [line for _, line, _ in reported(run_wsawait(["check"], cwd=tmp_path))] == [2]
    assert [line for _, line, _ in reported(run_wsawait(["check", "--config", name], cwd=tmp_path))] == [4]


def test_config_is_found_walking_up_and_errors_exit_2(tmp_path):
    tree(tmp_path, {"setup.cfg": "[flake8]\nwsawait-allow = : WSA001\n", "sub/m.py": BAD})
    result = run_wsawait(["check", "m.py"], cwd=tmp_path / "sub")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("wsawait: error: invalid value for 'wsawait-allow' in ")
    assert result.stderr.count("\n") == 1
    missing = run_wsawait(["check", "--config", "nope.ini"], cwd=tmp_path)
    assert missing.returncode == 2 and "config file not found: nope.ini" in missing.stderr


def test_bad_exclude_value_in_pyproject(tmp_path):
    tree(tmp_path, {"pyproject.toml": '[tool.wsawait]\nexclude = "build"\n', "m.py": GOOD})
    result = run_wsawait(["check"], cwd=tmp_path)
    assert result.returncode == 2 and "'exclude'" in result.stderr


def test_statistics(tmp_path):
    tree(tmp_path, {"a.py": BAD, "b.py": BAD + "def g():\n    get_websocket_manager_async()\n"})
    result = run_wsawait(["check", "--statistics"], cwd=tmp_path)
    assert result.stdout.splitlines()[-2:] == [
        "2     WSA001 await-sync-getter", "1     WSA003 async-getter-in-sync-code",
    ]


def test_rule_command_prints_the_readme_text():
    from flake8_wsawait.rules import RULES_BY_CODE, rule_help

    result = run_wsawait(["rule", "WSA002"], cwd=REPO)
    assert result.returncode == 0 and result.stdout == rule_help(RULES_BY_CODE["WSA002"])
    assert run_wsawait(["rule", "WSA999"], cwd=REPO).returncode == 2


@pytest.mark.parametrize("clean_files", [
    40,  # the main process reads every file, workers check the candidates
    1_200,  # from 1,000 files the workers share the reading
])
def test_parallel_output_is_identical_to_serial(tmp_path, clean_files):
    # 3 KB each: enough candidate bytes (180 KB) for two workers to check them.
    padding = "# " + "x" * 60 + "\n"
    files = {f"pkg{n % 7}/mod{n}.py": BAD * (1 + n % 3) + padding * 50 for n in range(60)}
    files.update({f"pkg{n % 5}/clean{n}.py": GOOD for n in range(clean_files)})
    tree(tmp_path, files)
    serial = run_wsawait(["check", "-j", "1"], cwd=tmp_path)
    for jobs in ("2", "4"):
        parallel = run_wsawait(["check", "-j", jobs], cwd=tmp_path)
        assert serial.stdout == parallel.stdout and serial.stdout.count("\n") == 20 * (1 + 2 + 3)


def test_flake8_ignore_options_from_the_config_apply_to_both_front_ends(tmp_path):
    from annotated import run_flake8

    sync_code = "def g():\n    get_websocket_manager_async()\n"
    tree(tmp_path, {
        "setup.cfg": "[flake8]\nextend-ignore = WSA003\n"
                     "per-file-ignores =\n    tests/*.py: WSA001 ASYNC100\n",
        "app.py": BAD + sync_code,
        "tests/test_app.py": BAD + sync_code,
    })
    mine = run_wsawait(["check", "app.py", "tests/test_app.py"], cwd=tmp_path)
    theirs = run_flake8(["--select", "WSA", "app.py", "tests/test_app.py"], cwd=tmp_path)
    assert reported(mine) == [("app.py", 2, "WSA001")]
    assert mine.stdout == theirs.stdout
    # --ignore replaces `ignore`; extend-ignore still applies, as in flake8.
    mine = run_wsawait(["check", "--ignore", "WSA001", "app.py"], cwd=tmp_path)
    theirs = run_flake8(["--select", "WSA", "--ignore", "WSA001", "app.py"], cwd=tmp_path)
    assert mine.stdout == theirs.stdout == ""
