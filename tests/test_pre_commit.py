"""The shipped pre-commit hooks, run by the real `pre-commit try-repo`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotated import REPO

pytestmark = pytest.mark.slow

BAD = "async def handler():\n    return await get_websocket_manager()\n"


def run(args: list[str], cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path_factory.mktemp("hooked")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-cache")),
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    (root / "service.py").write_text(BAD)
    for command in (["git", "init", "-q"], ["git", "add", "service.py"]):
        run(command, root, env).check_returncode()
    return root, env


def try_repo(project, hook: str) -> subprocess.CompletedProcess:
    root, env = project
    return run([sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook, "--all-files"], root, env)


def test_hooks_fail_on_a_violation_and_pass_after_the_fix(project):
    root, _ = project
    failed = try_repo(project, "wsawait")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "service.py:2:12: WSA001" in failed.stdout

    fixing = try_repo(project, "wsawait-fix")
    assert fixing.returncode == 1  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in fixing.stdout
    assert (root / "service.py").read_text() == BAD.replace("await get", "get")

    passed = try_repo(project, "wsawait")
    assert passed.returncode == 0, passed.stdout + passed.stderr
