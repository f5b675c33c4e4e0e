"""What `wsawait check` reads in real git repositories, and what it says about it:
named paths, whitelist .gitignore files, every source of ignore patterns git and
ruff read, `--show-files`, `--show-settings`, the fixed point of `--fix` and honest
summaries. Each through the real command, with the look-alike that stays as it is."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from annotated import parse_reports, run_wsawait, tree

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
BAD = "async def f():\n    return await get_websocket_manager()\n"


def repository(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", "."], cwd=root, check=True)
    return tree(root, files)


def shown(root: Path, *args: str, cwd: Path | None = None) -> list[str]:
    result = run_wsawait(["check", "--show-files", *args], cwd=cwd or root)
    assert result.returncode == 0, result.stderr
    return [Path(line).relative_to(root).as_posix() for line in result.stdout.splitlines()]


def git_lists(root: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "--others", "--exclude-standard"], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    return sorted(p for p in out.splitlines() if p.endswith(".py"))


def test_a_named_folder_is_read_though_a_parent_gitignore_ignores_it(tmp_path):
    root = repository(tmp_path / "r", {
        ".gitignore": "generated/\nsub/gen/\n*.tmp.py\n",
        "generated/m.py": BAD, "generated/x.tmp.py": BAD, "sub/gen/n.py": BAD, "app.py": BAD,
    })
    assert shown(root, "generated") == ["generated/m.py"]  # its contents' own patterns still apply
    assert shown(root, "gen", cwd=root / "sub") == ["sub/gen/n.py"]
    reports = parse_reports(run_wsawait(["check", "--no-cache", "generated"], cwd=root).stdout)
    assert [r.path for r in reports] == ["generated/m.py"]
    # Look-alike: walking the repository still leaves the ignored folders out.
    assert shown(root) == ["app.py"]


@pytest.mark.parametrize("gitignore, expected", [
    ("*\n!*/\n!*.py\n", ["inner/i.py", "other/o.py", "src/pkg/m.py", "top.py"]),
    ("*\n!*.py\n!inner/\n", ["inner/i.py", "top.py"]),
    ("*\n!*.py\n", ["top.py"]),  # look-alike: folders stay ignored, their files cannot come back
])
def test_whitelist_gitignores_read_what_git_lists(tmp_path, gitignore, expected):
    root = repository(tmp_path / "r", {
        ".gitignore": gitignore, "src/pkg/m.py": BAD, "other/o.py": BAD, "inner/i.py": BAD,
        "top.py": BAD, "notes.txt": "",
    })
    assert git_lists(root) == expected
    assert shown(root) == expected
    # A named folder is read; below it, its entries' own patterns apply (`*` ignores `pkg/`).
    assert shown(root, "src") == [p for p in expected if p.startswith("src/")]
    found = parse_reports(run_wsawait(["check", "--no-cache", "."], cwd=root).stdout)
    assert sorted(r.path for r in found) == expected


def test_info_exclude_ignore_files_and_the_global_excludes_file(tmp_path):
    home = tmp_path / "home"
    (home / ".config" / "git").mkdir(parents=True)
    root = repository(tmp_path / "r", {
        "a.py": BAD, "local_only.py": BAD, "scratch/s.py": BAD, "vendor/v.py": BAD, "pkg/p.py": BAD,
        "pkg/.ignore": "generated_*.py\n", "pkg/generated_x.py": BAD, "other/generated_y.py": BAD,
    })
    (root / ".git" / "info" / "exclude").write_text("local_only.py\n")
    (home / ".config" / "git" / "ignore").write_text("scratch/\n")
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config")}
    result = subprocess.run(["python", "-m", "flake8_wsawait", "check", "--show-files"], cwd=root,
                            capture_output=True, text=True, env={**_environ(), **env})
    listed = [Path(line).relative_to(root).as_posix() for line in result.stdout.splitlines()]
    # `.ignore` in pkg/ applies below pkg/ only: other/generated_y.py is read.
    assert listed == ["a.py", "other/generated_y.py", "pkg/p.py", "vendor/v.py"]
    # core.excludesFile, when set, replaces the default global file.
    custom = tmp_path / "custom-ignore"
    custom.write_text("vendor/\n")
    subprocess.run(["git", "config", "core.excludesFile", str(custom)], cwd=root, check=True)
    result = subprocess.run(["python", "-m", "flake8_wsawait", "check", "--show-files"], cwd=root,
                            capture_output=True, text=True, env={**_environ(), **env})
    listed = [Path(line).relative_to(root).as_posix() for line in result.stdout.splitlines()]
    assert listed == ["a.py", "other/generated_y.py", "pkg/p.py", "scratch/s.py"]
    # Look-alike: --no-respect-gitignore reads everything.
    assert len(shown(root, "--no-respect-gitignore")) == 7


def _environ() -> dict:
    import os
    import sys

    return {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}


def test_show_settings_names_the_configuration_of_a_file(tmp_path):
    root = repository(tmp_path / "r", {
        "setup.cfg": "[flake8]\nwsawait-sync-getters = get_db_manager\n",
        "svc/pyproject.toml": "[tool.wsawait]\nsync-getters = [\"get_svc_manager\"]\nignore = [\"WSA003\"]\n",
        "svc/m.py": BAD, "top.py": BAD,
    })
    svc = run_wsawait(["check", "--show-settings", "svc/m.py"], cwd=root)
    assert svc.returncode == 0
    assert "svc/pyproject.toml" in svc.stdout and "get_svc_manager" in svc.stdout
    assert "ignore:" in svc.stdout and "WSA003" in svc.stdout
    top = run_wsawait(["check", "--show-settings", "top.py"], cwd=root).stdout
    assert "setup.cfg" in top and "get_db_manager" in top and "get_svc_manager" not in top


def test_fix_reaches_the_fixed_point_in_one_run(tmp_path):
    nested = "await (" * 14 + "get_websocket_manager()" + ")" * 14
    root = repository(tmp_path / "r", {"d.py": f"async def f():\n    return {nested}\n"})
    result = run_wsawait(["check", "--no-cache", "--fix", "d.py"], cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "await" not in (root / "d.py").read_text()
    assert run_wsawait(["check", "--no-cache", "d.py"], cwd=root).stdout == ""


def test_a_fix_loop_that_hits_its_cap_says_so(tmp_path, monkeypatch):
    from flake8_wsawait.command import lint
    from flake8_wsawait.config.settings import default_settings

    monkeypatch.setattr(lint, "MAX_FIX_ROUNDS", 3)
    path = tmp_path / "d.py"
    nested = "await (" * 6 + "get_websocket_manager()" + ")" * 6
    path.write_text(f"async def f():\n    return {nested}\n")
    result = lint.lint_file(str(path), default_settings(str(tmp_path)), lint.RunOptions(fix=True))
    assert result.fixed == 3 and path.read_text().count("await") == 3
    assert [r.code for r in result.reports] == ["E902", "WSA001"]
    assert "did not settle after 3 rounds" in result.reports[0].message


def test_summaries_count_what_the_named_flags_would_fix(tmp_path):
    root = repository(tmp_path / "r", {
        "m.py": "async def f():\n    await get_websocket_manager()\n"
                "    get_websocket_manager_async()\n    get_websocket_manager_async()\n",
    })
    for flags in ([], ["--unsafe-fixes"]):
        summary = run_wsawait(["check", "--no-cache", *flags, "m.py"], cwd=root).stderr
        assert "1 fixable with --fix. 2 more fixable with --fix --unsafe-fixes." in summary, flags
    empty = repository(tmp_path / "empty", {"README.md": "nothing here\n"})
    result = run_wsawait(["check", "."], cwd=empty)
    assert result.returncode == 0
    assert "warning: No Python files found" in result.stderr
    # Look-alike: a folder with a clean Python file passes without the warning.
    (empty / "ok.py").write_text("x = 1\n")
    assert "warning" not in run_wsawait(["check", "."], cwd=empty).stderr
