"""Inference mode adds, never takes away, and every way of running gives one answer.

- The contract fixture (tests/contract_project): a call whose import names its
  target is decided by that target, whatever else in the project shares the name;
  only an unresolved receiver stays silent for the project's own method of the
  other kind, in both modes, and a test double counts in tests only.
- Every annotated case and fixture project: inference mode's reports contain fast
  mode's, except a line marked `# infer-proves: <why>` (inference proved the
  call's own target is of the other kind).
- The index fixture (tests/index_project): with no getter configured, a call whose
  import names a project function (through re-exports, aliases, module attributes)
  is decided by that function's kind, in both modes and both front ends; a cached
  result holds only while the modules it was decided by are unchanged.
- The fixture projects give byte-identical output checked whole or as named files
  in two batches, with -j 1 and -j 2, with the cache off, cold and warm.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from annotated import (
    assert_reports_match, case_tree, expectations, parse_reports, run_flake8, run_wsawait,
)

HERE = Path(__file__).parent
CONTRACT = HERE / "contract_project"
INDEXED = HERE / "index_project"
PROJECTS = [CONTRACT, HERE / "inference_project", INDEXED]
_PROVES = re.compile(r"#\s*infer-proves:\s*\S")


def _copy(source: Path, tmp_path: Path) -> Path:
    root = tmp_path / source.name
    shutil.copytree(source, root)
    if source == INDEXED:
        install_library(root)
    return root


def install_library(root: Path) -> Path:
    """The project's virtual environment, laid out as `python -m venv .venv` makes it,
    holding the small library tests/site_packages: its source is all the index reads."""
    environment = root / ".venv"
    (environment / "pyvenv.cfg").parent.mkdir(parents=True)
    (environment / "pyvenv.cfg").write_text("home = /usr/bin\ninclude-system-site-packages = false\n")
    packages = environment / "lib" / "python3.11" / "site-packages"
    shutil.copytree(HERE / "site_packages", packages)
    return packages


def _python_files(root: Path) -> list[str]:
    return sorted(
        p.relative_to(root).as_posix() for p in root.rglob("*.py") if ".venv" not in p.relative_to(root).parts
    )


@pytest.mark.parametrize("infer", [False, True], ids=["fast", "infer"])
@pytest.mark.parametrize("front_end", ["wsawait", "flake8"])
def test_contract_project_reports_exactly_its_marks(tmp_path, infer, front_end):
    root = _copy(CONTRACT, tmp_path)
    if front_end == "wsawait":
        result = run_wsawait(["check", "--no-cache", *(["--infer"] if infer else []), "."], cwd=root)
    else:
        result = run_flake8(["--select", "WSA", *(["--wsawait-infer"] if infer else []), "app", "tests"],
                            cwd=root)
    assert "Traceback" not in result.stderr, result.stderr
    reports = parse_reports(result.stdout)
    for rel in _python_files(root):
        text = (root / rel).read_text()
        assert_reports_match([r for r in reports if r.path == rel], expectations(text))
    assert len(reports) == 5


@pytest.mark.parametrize("infer", [False, True], ids=["fast", "infer"])
@pytest.mark.parametrize("front_end", ["wsawait", "flake8"])
def test_index_project_reports_exactly_its_marks(tmp_path, infer, front_end):
    root = _copy(INDEXED, tmp_path)
    if front_end == "wsawait":
        result = run_wsawait(["check", "--no-cache", *(["--infer"] if infer else []), "."], cwd=root)
    else:
        result = run_flake8(["--select", "WSA", *(["--wsawait-infer"] if infer else []), "."], cwd=root)
    assert "Traceback" not in result.stderr, result.stderr
    reports = parse_reports(result.stdout)
    for rel in _python_files(root):
        text = (root / rel).read_text()
        assert_reports_match([r for r in reports if r.path.lstrip("./") == rel], expectations(text))
    assert len(reports) == 20


def test_a_cached_result_holds_only_while_the_modules_that_decided_it_are_unchanged(tmp_path):
    import os
    import time

    root = _copy(INDEXED, tmp_path)
    past = time.time() - 60  # older than the cache's two-second guard
    for path in root.rglob("*.py"):
        os.utime(path, (past, past))
    first = run_wsawait(["check", "."], cwd=root)
    assert "app/handlers.py:10:15: WSA001" in first.stdout
    # Control: a report planted in the cache shows that a warm run reads it.
    import json

    [cache] = (root / ".wsawait_cache").glob("*.json")
    data = json.loads(cache.read_text())
    data["files"][str(root / "app" / "handlers.py")][2] = [[1, 1, "WSA002", "planted", None, 1, 2, None]]
    cache.write_text(json.dumps(data))
    assert "planted" in run_wsawait(["check", "."], cwd=root).stdout
    managers = root / "svc" / "managers.py"
    managers.write_text(managers.read_text().replace("def get_lock_manager(", "async def get_lock_manager("))
    os.utime(managers, (past + 1, past + 1))  # a changed file, time stamp still in the past
    warm = run_wsawait(["check", "."], cwd=root)
    cold = run_wsawait(["check", "--no-cache", "."], cwd=root)
    assert warm.stdout == cold.stdout and "planted" not in warm.stdout
    assert "app/handlers.py:10:15: WSA001" not in warm.stdout
    # An unrelated module changing changes nothing.
    (root / "svc" / "metrics.py").write_text("# nothing here any more\n")
    assert run_wsawait(["check", "."], cwd=root).stdout == cold.stdout


def test_the_test_double_alone_decides_nothing_outside_tests(tmp_path):
    """Near miss: the project's own async update_user is what silences
    `handler.update_user()`; without it the unresolved receiver is reported, and a
    test double of that name in tests/ does not silence it."""
    root = _copy(CONTRACT, tmp_path)
    (root / "app" / "users.py").unlink()
    (root / "tests" / "test_users.py").write_text(
        "class FakeUsers:\n    async def update_user(self, user_id):\n        return None\n"
    )
    for mode in ([], ["--infer"]):
        found = parse_reports(run_wsawait(["check", "--no-cache", *mode, "app/handlers.py"], cwd=root).stdout)
        assert [(r.line, r.code) for r in found] == [(9, "WSA001"), (14, "WSA001")], mode


def _exempt_lines(root: Path) -> set[tuple[str, int]]:
    exempt = set()
    for rel in _python_files(root):
        for lineno, line in enumerate((root / rel).read_text(encoding="utf-8").splitlines(), 1):
            if _PROVES.search(line):
                exempt.add((rel, lineno))
    return exempt


@pytest.mark.slow
@pytest.mark.parametrize("source", ["cases", *[p.name for p in PROJECTS]])
def test_inference_reports_contain_the_fast_reports(tmp_path, source):
    root = case_tree(tmp_path / "cases") if source == "cases" else _copy(HERE / source, tmp_path)
    fast = run_wsawait(["check", "--no-cache", "-j", "1", "."], cwd=root)
    inferred = run_wsawait(["check", "--no-cache", "-j", "1", "--infer", "."], cwd=root)
    for result in (fast, inferred):
        assert "Traceback" not in result.stderr, result.stderr
    fast_reports = {(r.path, r.line, r.col, r.code) for r in parse_reports(fast.stdout)}
    inferred_reports = {(r.path, r.line, r.col, r.code) for r in parse_reports(inferred.stdout)}
    assert fast_reports, "the fast run reported nothing: the comparison would prove nothing"
    exempt = _exempt_lines(root)
    missing = sorted(r for r in fast_reports - inferred_reports if (r[0], r[1]) not in exempt)
    assert missing == [], "inference mode took these away"


@pytest.mark.slow
@pytest.mark.parametrize("infer", [False, True], ids=["fast", "infer"])
@pytest.mark.parametrize("source", PROJECTS, ids=[p.name for p in PROJECTS])
def test_every_way_of_running_gives_the_same_output(tmp_path, source, infer):
    root = _copy(source, tmp_path)
    mode = ["--infer"] if infer else []
    files = _python_files(root)
    reference = run_wsawait(["check", "--no-cache", "-j", "1", *mode, "."], cwd=root)
    assert "Traceback" not in reference.stderr, reference.stderr
    assert parse_reports(reference.stdout), "nothing reported: the comparison would prove nothing"

    def whole(*extra: str) -> str:
        return run_wsawait(["check", *extra, *mode, "."], cwd=root).stdout

    def batches(*extra: str) -> str:
        halves = (files[0::2], files[1::2])  # each batch holds files of every folder
        outputs = [run_wsawait(["check", *extra, *mode, *half], cwd=root).stdout for half in halves]
        lines = [line for out in outputs for line in out.splitlines(keepends=True)]
        return "".join(sorted(lines))

    assert whole("--no-cache", "-j", "2") == reference.stdout
    assert batches("--no-cache") == "".join(sorted(reference.stdout.splitlines(keepends=True)))
    # The batches fill the cache first; whole-tree runs then read what they stored.
    assert batches() == "".join(sorted(reference.stdout.splitlines(keepends=True)))
    assert whole() == reference.stdout
    assert whole("-j", "2") == reference.stdout
    shutil.rmtree(root / ".wsawait_cache")
    assert whole() == reference.stdout  # cold
    assert whole() == reference.stdout  # warm
