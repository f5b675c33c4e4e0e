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


MIRROR = "https://example.invalid/your-mirror/flake8-wsawait"


def readme_snippets() -> list[str]:
    """The YAML blocks of the docs' pre-commit section, exactly as written there."""
    text = (REPO / "docs" / "command.md").read_text(encoding="utf-8")
    section = text.split("## With pre-commit", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in section.split("```yaml\n")[1:]]


@pytest.mark.parametrize("snippet", [0, 1], ids=["repository-hook", "flake8-local-hook"])
def test_the_readmes_own_snippets_work(tmp_path_factory, snippet):
    """Only the placeholder URL is replaced, by a local clone of this repository."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    block = readme_snippets()[snippet]
    root = tmp_path_factory.mktemp("readme-hooked")
    clone = tmp_path_factory.mktemp("clone") / "flake8-wsawait"
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-cache")),
        "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
        "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
    }
    run(["git", "clone", "-q", str(REPO), str(clone)], root, env).check_returncode()
    assert MIRROR in block
    local = block.replace("git+" + MIRROR, "git+file://" + str(clone)).replace(MIRROR, str(clone))
    (root / ".pre-commit-config.yaml").write_text(local)
    (root / "service.py").write_text(BAD)
    (root / "generated.py").write_text(BAD)
    (root / "setup.cfg").write_text("[flake8]\nextend-exclude = generated.py\n")
    for command in (["git", "init", "-q"], ["git", "add", "."]):
        run(command, root, env).check_returncode()
    result = run([sys.executable, "-m", "pre_commit", "run", "--all-files"], root, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "service.py:2:12: WSA001" in result.stdout
    assert "generated.py" not in result.stdout  # the configured exclude holds for named files
