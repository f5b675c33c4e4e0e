"""Wall time of `wsawait check` against ruff and flake8 on the same tree, in one run.

    python bench/bench_cli.py [--generated N] [--repeat N] [--skip-flake8]

The tree is a copy of the interpreter's standard library with N generated
getter files mixed in.  ruff is only a yardstick: install it in the bench
environment (`pip install ruff`); it is not a dependency of the project.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import stdlib_files, write_generated  # noqa: E402


def build_tree(root: Path, generated: int) -> int:
    stdlib_root = Path(sysconfig.get_paths()["stdlib"])
    count = 0
    for path in stdlib_files():
        target = root / "stdlib" / path.relative_to(stdlib_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        count += 1
    return count + len(write_generated(root / "generated", generated))


def best_time(command: list[str], repeat: int) -> tuple[float, subprocess.CompletedProcess]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-flake8", action="store_true")
    args = parser.parse_args()
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        sys.exit("ruff is not installed here: pip install ruff (bench environment only)")
    wsawait = str(Path(sys.executable).parent / "wsawait")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        files = build_tree(root, args.generated)
        print(f"tree: {files} files ({args.generated} generated getter files), best of {args.repeat}")
        commands = {
            "ruff check --no-cache --isolated --select ASYNC": [
                ruff, "check", "--no-cache", "--isolated",
                "--select", "ASYNC", "--exit-zero", str(root),
            ],
            "wsawait check": [wsawait, "check", str(root)],
            "wsawait check -j 1": [wsawait, "check", "-j", "1", str(root)],
        }
        if not args.skip_flake8:
            commands["flake8 --select WSA"] = [sys.executable, "-m", "flake8", "--select", "WSA", str(root)]
        times = {}
        for name, command in commands.items():
            repeat = 1 if name.startswith("flake8") else args.repeat
            times[name], result = best_time(command, repeat)
            reports = sum(1 for line in result.stdout.splitlines() if ": WSA" in line)
            extra = f", {reports} WSA reports" if "ruff" not in name else ""
            print(f"{name}: {times[name]:.2f}s{extra}")
        baseline = times["ruff check --no-cache --isolated --select ASYNC"]
        for name, seconds in times.items():
            print(f"  {name}: {seconds / baseline:.2f}x ruff")


if __name__ == "__main__":
    main()
