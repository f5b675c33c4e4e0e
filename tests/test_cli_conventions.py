"""ruff's command-line conventions, excludes everywhere, closest configuration per file."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from annotated import reported, run_flake8, run_wsawait, tree

BAD = "async def f():\n    return await get_websocket_manager()\n"


def test_a_configured_exclude_holds_for_files_named_on_the_command_line(tmp_path):
    tree(tmp_path, {"setup.cfg": "[flake8]\nextend-exclude = tests/generated.py\n",
                    "tests/generated.py": BAD, "tests/real.py": BAD})
    names = ["tests/generated.py", "tests/real.py"]
    mine = run_wsawait(["check", *names], cwd=tmp_path)
    theirs = run_flake8(["--select", "WSA", *names], cwd=tmp_path)
    assert reported(mine) == reported(theirs) == [("tests/real.py", 2, "WSA001")]


def test_unknown_codes_are_errors(tmp_path):
    tree(tmp_path, {"m.py": BAD})
    for option in ("--select", "--ignore", "--extend-select"):
        result = run_wsawait(["check", option, "WSA9", "m.py"], cwd=tmp_path)
        assert result.returncode == 2 and "unknown code 'WSA9'" in result.stderr, result.stderr
    assert run_wsawait(["check", "--select", "E9,WSA00", "m.py"], cwd=tmp_path).returncode == 1


@pytest.mark.parametrize("front_end", ["wsawait", "flake8"])
def test_a_misspelt_key_is_an_error_naming_the_closest_one(tmp_path, front_end):
    tree(tmp_path, {"setup.cfg": "[flake8]\nwsawait-sync-getter = get_x\n", "m.py": BAD})
    run = run_wsawait(["check", "m.py"], cwd=tmp_path) if front_end == "wsawait" else run_flake8(
        ["--select", "WSA", "m.py"], cwd=tmp_path)
    assert run.returncode == 2
    assert "unknown option 'wsawait-sync-getter'" in run.stderr
    assert "did you mean 'wsawait-sync-getters'?" in run.stderr


def test_a_misspelt_toml_key_names_the_closest_one(tmp_path):
    tree(tmp_path, {"pyproject.toml": "[tool.wsawait]\nasync-getter = ['x']\n", "m.py": BAD})
    result = run_wsawait(["check", "m.py"], cwd=tmp_path)
    assert result.returncode == 2 and "did you mean 'async-getters'?" in result.stderr


def test_stdin_filename_uses_the_name_for_configuration_and_prints_the_fix(tmp_path):
    tree(tmp_path, {"setup.cfg": "[flake8]\nwsawait-allow = legacy/*.py: WSA001\n"})
    checked = run_wsawait(["check", "--stdin-filename", "app/m.py", "-"], cwd=tmp_path, stdin=BAD)
    assert reported(checked) == [("app/m.py", 2, "WSA001")]
    allowed = run_wsawait(["check", "--stdin-filename", "legacy/m.py"], cwd=tmp_path, stdin=BAD)
    assert allowed.returncode == 0 and allowed.stdout == ""
    fixed = run_wsawait(["check", "--fix", "--stdin-filename", "app/m.py"], cwd=tmp_path, stdin=BAD)
    assert fixed.stdout == BAD.replace("await get", "get")
    assert fixed.returncode == 0
    assert not (tmp_path / "app").exists()


def test_exit_zero_output_file_quiet_and_statistics(tmp_path):
    tree(tmp_path, {"m.py": BAD})
    result = run_wsawait(["check", "--exit-zero", "-q", "-o", "out.txt", "m.py"], cwd=tmp_path)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    assert (tmp_path / "out.txt").read_text().startswith("m.py:2:12: WSA001 ")


def test_show_fixes_lists_what_was_fixed(tmp_path):
    tree(tmp_path, {"m.py": BAD})
    result = run_wsawait(["check", "--fix", "--show-fixes", "m.py"], cwd=tmp_path)
    assert "Fixed 1 violation:\n  m.py: 1 x WSA001 (await-sync-getter)\n" in result.stderr


def test_isolated_reads_no_configuration(tmp_path):
    tree(tmp_path, {"setup.cfg": "[flake8]\nwsawait-sync-getters = other\n", "m.py": BAD})
    assert run_wsawait(["check", "m.py"], cwd=tmp_path).returncode == 0
    assert reported(run_wsawait(["check", "--isolated", "m.py"], cwd=tmp_path)) == [("m.py", 2, "WSA001")]


def test_version_rules_and_help(tmp_path):
    from flake8_wsawait import __version__

    assert run_wsawait(["-V"], cwd=tmp_path).stdout == f"wsawait {__version__}\n"
    every = run_wsawait(["rule", "--all"], cwd=tmp_path).stdout
    assert all(f"### {code} (" in every for code in ("WSA001", "WSA002", "WSA003"))
    help_text = run_wsawait(["check", "--help"], cwd=tmp_path).stdout
    assert "exit status:" in help_text and "130" in help_text
    from flake8_wsawait.cli import build_parser

    check = build_parser()._subparsers._group_actions[0].choices["check"]
    assert all(action.help for action in check._actions), "an argument without help text"


def test_colour_follows_force_color_and_no_color(tmp_path):
    tree(tmp_path, {"m.py": BAD})
    environment = dict(os.environ, FORCE_COLOR="1")
    environment.pop("NO_COLOR", None)
    coloured = subprocess.run([sys.executable, "-m", "flake8_wsawait", "check", "m.py"], cwd=tmp_path,
                              capture_output=True, text=True, env=environment)
    assert "\033[31mWSA001" in coloured.stdout
    environment["NO_COLOR"] = "1"
    plain = subprocess.run([sys.executable, "-m", "flake8_wsawait", "check", "m.py"], cwd=tmp_path,
                           capture_output=True, text=True, env=environment)
    assert plain.stdout.startswith("m.py:2:12: WSA001 ")


def test_gitignore_is_respected_when_walking(tmp_path):
    tree(tmp_path, {".gitignore": "generated/\n*_pb2.py\n!keep_pb2.py\n", "generated/a.py": BAD,
                    "svc/x_pb2.py": BAD, "svc/keep_pb2.py": BAD, "svc/.gitignore": "local.py\n",
                    "svc/local.py": BAD, "svc/real.py": BAD})
    (tmp_path / ".git").mkdir()
    walked = reported(run_wsawait(["check", "."], cwd=tmp_path))
    assert walked == [("svc/keep_pb2.py", 2, "WSA001"), ("svc/real.py", 2, "WSA001")]
    everything = reported(run_wsawait(["check", "--no-respect-gitignore", "."], cwd=tmp_path))
    assert len(everything) == 5
    named = reported(run_wsawait(["check", "svc/x_pb2.py"], cwd=tmp_path))
    assert named == [("svc/x_pb2.py", 2, "WSA001")]  # a named file is checked, as ruff does


@pytest.mark.parametrize("front_end", ["wsawait", "flake8"])
def test_the_closest_configuration_configures_each_file(tmp_path, front_end):
    """A monorepo: svc/ has its own [tool.wsawait], run from the repository root."""
    tree(tmp_path, {
        "setup.cfg": "[flake8]\nwsawait-sync-getters = get_root_manager\n",
        "app/m.py": "async def f():\n    return await get_root_manager()\n",
        "svc/pyproject.toml": "[tool.wsawait]\nsync-getters = ['get_svc_manager']\n",
        "svc/pkg/m.py": "async def f():\n    await get_root_manager()\n    return await get_svc_manager()\n",
    })
    if front_end == "wsawait":
        result = run_wsawait(["check", "app", "svc"], cwd=tmp_path)
        # Found while walking: the folder's listing tells which configuration files it holds.
        walked = run_wsawait(["check", "."], cwd=tmp_path)
        assert reported(walked) == reported(result)
    else:
        result = run_flake8(["--select", "WSA", "app", "svc"], cwd=tmp_path)
    assert reported(result) == [("app/m.py", 2, "WSA001"), ("svc/pkg/m.py", 3, "WSA001")]


def test_pyproject_only_projects_select_ignore_and_exclude(tmp_path):
    tree(tmp_path, {
        "pyproject.toml": "[tool.wsawait]\nignore = ['WSA003']\nextend-exclude = ['gen']\n"
                          "[tool.wsawait.per-file-ignores]\n'tests/*.py' = ['WSA001']\n",
        "app.py": BAD + "def g():\n    get_websocket_manager_async()\n",
        "tests/t.py": BAD, "gen/g.py": BAD,
    })
    assert reported(run_wsawait(["check", "."], cwd=tmp_path)) == [("app.py", 2, "WSA001")]


def test_project_root_from_the_command_line_resolves_relative_imports(tmp_path):
    tree(tmp_path, {
        "config/flake8.ini": "[flake8]\nwsawait-sync-getters = shop.ws.get_shop_manager\n",
        "shop/__init__.py": "", "shop/ws.py": "def get_shop_manager():\n    return 1\n",
        "shop/api.py": (
            "from .ws import get_shop_manager\n\n\nasync def f():\n    return await get_shop_manager()\n"
        ),
    })
    # The config's folder would be the project root: `shop` is not found there.
    lost = run_wsawait(["check", "--config", "config/flake8.ini", "shop"], cwd=tmp_path)
    assert reported(lost) == [] and "no module 'shop' in the project root" in lost.stderr
    found = run_wsawait(["check", "--config", "config/flake8.ini", "--project-root", ".", "shop"],
                        cwd=tmp_path)
    assert reported(found) == [("shop/api.py", 5, "WSA001")]


def test_rule_without_a_code_is_a_usage_error(tmp_path):
    result = run_wsawait(["rule"], cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "wsawait: error: name a rule (such as WSA001) or use --all\n"


def test_stdin_with_diff_prints_a_patch_for_the_named_file(tmp_path):
    result = run_wsawait(["check", "--stdin-filename", "app/m.py", "--diff"], cwd=tmp_path, stdin=BAD)
    assert result.stdout.startswith("--- app/m.py\n+++ app/m.py\n")
    assert "-    return await get_websocket_manager()\n+    return get_websocket_manager()\n" in result.stdout
