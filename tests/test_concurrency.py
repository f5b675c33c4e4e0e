"""Parallel runs: the same output whatever -j is, and racing fixers never damage a file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from annotated import run_wsawait

pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).parent.parent / "bench"))
from corpus import generated_getter_sources  # noqa: E402


def large_tree(root: Path, stdlib_files: int = 600, generated: int = 120) -> None:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for n, path in enumerate(sorted(stdlib.glob("*.py"))[:stdlib_files]):
        shutil.copyfile(path, root / f"std_{n:03d}_{path.name}")
    for n, source in enumerate(generated_getter_sources(generated, functions_per_file=10)):
        (root / "pkg" / f"g{n % 9}").mkdir(parents=True, exist_ok=True)
        (root / "pkg" / f"g{n % 9}" / f"gen_{n:03d}.py").write_text(source)


def test_output_is_byte_identical_for_any_number_of_jobs(tmp_path):
    large_tree(tmp_path)
    outputs = {jobs: run_wsawait(["check", "-j", str(jobs)], cwd=tmp_path) for jobs in (1, 2, 3)}
    assert outputs[1].stdout.count("\n") > 400
    assert outputs[1].stdout == outputs[2].stdout == outputs[3].stdout
    formats = [run_wsawait(["check", "-j", str(j), "--format", "sarif"], cwd=tmp_path).stdout for j in (1, 2)]
    assert formats[0] == formats[1]


def test_racing_fixers_leave_each_file_fixed_or_untouched(tmp_path):
    originals = {}
    work = tmp_path / "work"
    for n, source in enumerate(generated_getter_sources(150, functions_per_file=12)):
        path = work / f"m{n % 5}" / f"gen_{n:03d}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)
        originals[path.relative_to(work)] = source
    expected = tmp_path / "expected"
    shutil.copytree(work, expected)
    args = ["check", "--fix", "--unsafe-fixes", "-j", "2"]
    run_wsawait(args, cwd=expected)

    command = [sys.executable, "-m", "flake8_wsawait", *args]
    racers = [subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
              for _ in range(3)]
    for racer in racers:
        _, err = racer.communicate(timeout=300)
        assert b"Traceback" not in err
    for relative, original in originals.items():
        now = (work / relative).read_text()
        assert now in (original, (expected / relative).read_text()), relative
    leftovers = [p for p in work.rglob("*") if p.is_file() and not p.name.endswith(".py")]
    assert leftovers == []
