"""Configuration through the real flake8: files, precedence, errors, stdin."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotated import parse_reports, run_flake8, run_wsawait

SOURCE = """\
from app.ws import get_websocket_manager, get_db_manager, get_cache_manager


async def handler():
    a = await get_websocket_manager()
    b = await get_db_manager()
    c = await get_cache_manager()
    return a, b, c
"""
LINE_OF = {"get_websocket_manager": 5, "get_db_manager": 6, "get_cache_manager": 7}


def project(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "proj"
    for name, text in {"handler.py": SOURCE, **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def reported_getters(root, *args, cwd=None, target="handler.py"):
    result = run_flake8(["--select", "WSA", *args, target], cwd=cwd or root)
    assert result.returncode in (0, 1), result.stderr
    lines = {r.line for r in parse_reports(result.stdout)}
    return {name for name, line in LINE_OF.items() if line in lines}


def test_pyproject_table_is_read(tmp_path):
    root = project(tmp_path, {"pyproject.toml": '[tool.wsawait]\nsync-getters = ["get_db_manager"]\n'})
    assert reported_getters(root) == {"get_db_manager"}


def test_prefixed_toml_keys_are_accepted(tmp_path):
    toml = '[tool.wsawait]\nwsawait-sync-getters = ["get_db_manager"]\n'
    root = project(tmp_path, {"pyproject.toml": toml})
    assert reported_getters(root) == {"get_db_manager"}


@pytest.mark.parametrize("ini_name", ["setup.cfg", "tox.ini", ".flake8"])
def test_flake8_ini_files_are_read_and_beat_pyproject(tmp_path, ini_name):
    root = project(tmp_path, {
        ini_name: "[flake8]\nwsawait-sync-getters = get_cache_manager\n",
        "pyproject.toml": '[tool.wsawait]\nsync-getters = ["get_db_manager"]\n'
                          'allow-in-raises = false\n',
    })
    assert reported_getters(root) == {"get_cache_manager"}


def test_pyproject_fills_options_the_ini_file_does_not_set(tmp_path):
    root = project(tmp_path, {
        "setup.cfg": "[flake8]\nmax-line-length = 100\n",
        "pyproject.toml": '[tool.wsawait]\nsync-getters = ["get_db_manager", "get_cache_manager"]\n',
    })
    assert reported_getters(root) == {"get_db_manager", "get_cache_manager"}


def test_command_line_beats_config_files(tmp_path):
    root = project(tmp_path, {"setup.cfg": "[flake8]\nwsawait-sync-getters = get_cache_manager\n"})
    assert reported_getters(root, "--wsawait-sync-getters=get_db_manager") == {"get_db_manager"}


def test_isolated_ignores_pyproject_too(tmp_path):
    root = project(tmp_path, {"pyproject.toml": '[tool.wsawait]\nsync-getters = ["get_db_manager"]\n'})
    assert reported_getters(root, "--isolated") == {"get_websocket_manager"}


def test_explicit_flake8_config_file(tmp_path):
    root = project(tmp_path, {"conf/lint.ini": "[flake8]\nwsawait-sync-getters = get_cache_manager\n"})
    assert reported_getters(root, "--config", "conf/lint.ini") == {"get_cache_manager"}


def test_nearest_pyproject_with_the_table_wins(tmp_path):
    root = project(tmp_path, {
        "pyproject.toml": '[tool.wsawait]\nsync-getters = ["get_db_manager"]\n',
        "sub/pyproject.toml": '[project]\nname = "sub"\n',
        "sub/handler.py": SOURCE,
    })
    assert reported_getters(root, cwd=root / "sub") == {"get_db_manager"}


def test_allow_globs_are_relative_to_the_config_directory(tmp_path):
    root = project(tmp_path, {
        "setup.cfg": "[flake8]\nwsawait-allow = tests/*.py: WSA001\n",
        "tests/test_handler.py": SOURCE,
        "sub/keep.txt": "",
    })
    # Run from a subdirectory: flake8 finds ../setup.cfg, the glob still means <root>/tests/*.py.
    assert reported_getters(root, cwd=root / "sub", target="../tests/test_handler.py") == set()
    assert reported_getters(root, cwd=root / "sub", target="../handler.py") == {"get_websocket_manager"}


def test_allow_globs_from_pyproject_are_relative_to_its_directory(tmp_path):
    root = project(tmp_path, {
        "pyproject.toml": '[tool.wsawait]\nallow = ["tests/*.py"]\n',
        "tests/test_handler.py": SOURCE,
    })
    assert reported_getters(root, cwd=root / "tests", target="test_handler.py") == set()


def test_stdin_with_display_name_uses_the_allowlist(tmp_path):
    root = project(tmp_path, {"setup.cfg": "[flake8]\nwsawait-allow = tests/compat/*.py\n"})
    allowed = run_flake8(["--select", "WSA", "--stdin-display-name", "tests/compat/test_x.py", "-"],
                         cwd=root, stdin=SOURCE)
    assert allowed.returncode == 0 and allowed.stdout == ""
    linted = run_flake8(["--select", "WSA", "--stdin-display-name", "app/handler.py", "-"],
                        cwd=root, stdin=SOURCE)
    reports = parse_reports(linted.stdout)
    assert [(r.path, r.line, r.code) for r in reports] == [("app/handler.py", 5, "WSA001")]


def test_bool_options_on_the_command_line(tmp_path):
    source = (
        "import pytest\nasync def t():\n"
        "    with pytest.raises(TypeError):\n        await get_websocket_manager()\n"
    )
    root = project(tmp_path, {"test_raises.py": source})
    quiet = run_flake8(["--select", "WSA", "test_raises.py"], cwd=root)
    loud = run_flake8(["--select", "WSA", "--wsawait-allow-in-raises=false", "test_raises.py"], cwd=root)
    assert quiet.stdout == "" and [r.line for r in parse_reports(loud.stdout)] == [4]


@pytest.mark.parametrize(
    "files, args, fragment",
    [
        ({"setup.cfg": "[flake8]\nwsawait-allow = : WSA001\n"}, [], "'wsawait-allow' in setup.cfg"),
        ({"tox.ini": "[flake8]\nwsawait-infer = perhaps\n"}, [], "'wsawait-infer' in tox.ini"),
        ({".flake8": "[flake8]\nwsawait-sync-getters = get-x\n"}, [], "'wsawait-sync-getters' in .flake8"),
        ({"pyproject.toml": "[tool.wsawait]\nsync-getters = \"get_x\"\n"}, [], "expected a list of strings"),
        ({"pyproject.toml": "[tool.wsawait]\nallow-in-raises = \"no\"\n"}, [], "'wsawait-allow-in-raises'"),
        ({"pyproject.toml": "[tool.wsawait]\nsync_getters = []\n"}, [], "unknown key 'sync_getters'"),
        ({"pyproject.toml": "[tool.wsawait\nsync-getters = []\n"}, [], "cannot read"),
        ({"pyproject.toml": "[tool]\nwsawait = 3\n"}, [], "is not a table"),
        ({}, ["--wsawait-allow=tests/*.py: WSA4"], "unknown code 'WSA4'"),
        ({}, ["--wsawait-consumers=a..b"], "'wsawait-consumers' in command line"),
    ],
)
def test_malformed_configuration_is_one_line_and_exit_2(tmp_path, files, args, fragment):
    root = project(tmp_path, files)
    result = run_flake8(["--select", "WSA", *args, "handler.py"], cwd=root)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("flake8-wsawait: error: ")
    assert fragment in result.stderr


@pytest.mark.parametrize("front_end", ["flake8", "wsawait"])
def test_a_broken_pyproject_where_configuration_is_read_is_an_error(tmp_path, front_end):
    """Beside a setup.cfg, a pyproject.toml that does not parse may hold [tool.wsawait]:
    running without it would lint with other options. ruff fails on it too."""
    root = project(tmp_path, {"setup.cfg": "[flake8]\n", "pyproject.toml": "[project\nname = 'broken'\n"})
    if front_end == "flake8":
        result = run_flake8(["--select", "WSA", "handler.py"], cwd=root)
    else:
        result = run_wsawait(["check", "handler.py"], cwd=root)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "cannot read" in result.stderr
    assert "pyproject.toml" in result.stderr
    # Look-alike: a broken pyproject.toml above the closest configuration is never read.
    (root / "pyproject.toml").unlink()
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'broken'\n")
    assert reported_getters(root) == {"get_websocket_manager"}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_nested_configuration_never_hangs_flake8(tmp_path, jobs):
    """A sub-folder's broken [tool.wsawait] is met in flake8's worker processes: a
    SystemExit there ended the worker and flake8 waited for its result forever."""
    root = project(tmp_path, {"svc/pyproject.toml": '[tool.wsawait]\nallow-in-raises = "x"\n'})
    for name in ("a.py", "b.py", "c.py"):
        (root / "svc" / name).write_text("async def f():\n    return await get_websocket_manager()\n")
    result = run_flake8(["--select", "WSA", "-j", jobs, "."], cwd=root)  # run_flake8 times out at 120 s
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    [failure] = [line for line in result.stdout.splitlines() if "failed during execution" in line]
    assert "svc/" in failure
    assert "'wsawait-allow-in-raises' in svc/pyproject.toml: 'x': expected true or false" in failure
    # Look-alike: the same folder with a valid value is linted as usual.
    (root / "svc" / "pyproject.toml").write_text("[tool.wsawait]\nallow-in-raises = false\n")
    fine = run_flake8(["--select", "WSA", "-j", jobs, "."], cwd=root)
    assert fine.returncode == 1
    paths = sorted(r.path for r in parse_reports(fine.stdout))
    assert paths == ["./handler.py", "./svc/a.py", "./svc/b.py", "./svc/c.py"]
