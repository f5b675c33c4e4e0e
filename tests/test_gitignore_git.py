"""The walk reads the files git would lint: held to real git on generated pattern
sets and trees (`git ls-files --others --exclude-standard`), with `.gitignore` at
two levels, `.git/info/exclude` and `core.excludesFile`."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from flake8_wsawait.files.discovery import walk
from flake8_wsawait.files.gitignore import GitIgnores

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

SEGMENTS = st.sampled_from(["a", "b", "src", "*", "**", "*.py", "a*", "?", "x.py"])
PATTERNS = st.builds(
    lambda negate, anchor, parts, folder_only: (
        ("!" if negate else "") + ("/" if anchor else "") + "/".join(parts) + ("/" if folder_only else "")
    ),
    st.booleans(), st.booleans(), st.lists(SEGMENTS, min_size=1, max_size=3), st.booleans(),
)
LINES = st.lists(PATTERNS, max_size=5)
FOLDERS = st.lists(st.sampled_from(["a", "b", "src"]), max_size=2)
FILES = st.lists(
    st.tuples(FOLDERS, st.sampled_from(["x.py", "a.py", "m.py"])).map(lambda t: "/".join(t[0] + [t[1]])),
    min_size=1, max_size=8, unique=True,
)


def _git(root: Path, *args: str, env: dict) -> str:
    done = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _layout(root: Path, files: list[str], top: list[str], nested: list[str], exclude: list[str],
            global_lines: list[str], env: dict) -> None:
    _git(root, "init", "-q", ".", env=env)
    for name in files:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x = 1\n")
    (root / ".gitignore").write_text("".join(line + "\n" for line in top))
    if nested and (root / "a").is_dir():
        (root / "a" / ".gitignore").write_text("".join(line + "\n" for line in nested))
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("".join(line + "\n" for line in exclude))
    if global_lines:
        excludes = root.parent / "global-ignore"
        excludes.write_text("".join(line + "\n" for line in global_lines))
        _git(root, "config", "core.excludesFile", str(excludes), env=env)


def _ours(root: Path) -> set[str]:
    found = set()
    for item in walk(str(root), ignores=GitIgnores()):
        assert isinstance(item, str), item
        found.add(Path(item).relative_to(root).as_posix())
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FILES, LINES, LINES, LINES, LINES)
def test_the_walk_lists_what_git_lists(files, top, nested, exclude, global_lines):
    with tempfile.TemporaryDirectory() as directory:
        home = Path(directory) / "home"
        home.mkdir()
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "GIT_CONFIG_NOSYSTEM": "1"}
        root = Path(directory) / "repo"
        root.mkdir()
        _layout(root, files, top, nested, exclude, global_lines, env)
        listed = _git(root, "ls-files", "-z", "--others", "--exclude-standard", env=env).split("\0")
        theirs = {p for p in listed if p.endswith(".py")}
        saved = {key: os.environ.get(key) for key in ("HOME", "XDG_CONFIG_HOME")}
        os.environ.update(HOME=env["HOME"], XDG_CONFIG_HOME=env["XDG_CONFIG_HOME"])
        try:
            ours = _ours(root)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
        assert ours == theirs, (top, nested, exclude, global_lines)
