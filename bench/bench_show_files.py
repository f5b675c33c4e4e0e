"""Same files as ruff: `wsawait check --show-files` against `ruff check --show-files`.

    python bench/bench_show_files.py

Lays out the standard library as a git repository with a Python project's usual
`.gitignore` (caches, builds, eggs, virtual environments, docs builds, tests'
output) plus a few patterns that hit real folders of it (`test/`, `idlelib/`,
`!test/support/`), and a whitelist layout (`*`, `!*/`, `!*.py`), then lists the
`*.py` files each tool would check from the root and from a named folder. ruff is a
yardstick installed in the bench environment only (`pip install ruff`). Prints
the differences (none expected) and the two tools' listing times.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import stdlib_files  # noqa: E402

PYTHON_PROJECT_GITIGNORE = """\
# Byte code, caches
__pycache__/
*.py[cod]
*$py.class
.pytest_cache/
.mypy_cache/
.ruff_cache/
.hypothesis/
# Builds and packaging
build/
dist/
*.egg-info/
.eggs/
wheels/
*.egg
# Environments
.env
.venv
env/
venv/
ENV/
# Tools and docs
.tox/
.nox/
htmlcov/
.coverage
docs/_build/
site/
instance/
.ipynb_checkpoints
"""
EXTRA = "test/\n!test/support/\nidlelib/\n**/_vendor/**\n"
WHITELIST = "*\n!*/\n!*.py\n"


def lay_out(root: Path, gitignore: str) -> None:
    stdlib = Path(stdlib_files()[0]).parent
    for path in stdlib_files():
        target = root / path.relative_to(stdlib)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    subprocess.run(["git", "init", "-q", "."], cwd=root, check=True)
    (root / ".gitignore").write_text(gitignore)


def listed(command: list[str], cwd: Path) -> tuple[set[str], float]:
    start = time.perf_counter()
    out = subprocess.run(command, cwd=cwd, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - start
    return {line.strip() for line in out.splitlines() if line.strip().endswith(".py")}, seconds


def main() -> int:
    bindir = Path(sys.executable).parent
    ruff, wsawait = bindir / "ruff", bindir / "wsawait"
    if not ruff.exists():
        sys.exit("ruff is not installed here: pip install ruff (bench environment only)")
    differences = 0
    layouts = (("python .gitignore", PYTHON_PROJECT_GITIGNORE + EXTRA), ("whitelist", WHITELIST))
    for name, gitignore in layouts:
        with tempfile.TemporaryDirectory() as directory:
            root = Path(directory)
            lay_out(root, gitignore)
            for where in (".", "asyncio", "test"):
                ours, our_time = listed([str(wsawait), "check", "--show-files", where], root)
                theirs, their_time = listed([str(ruff), "check", "--no-cache", "--show-files", where], root)
                only_ours, only_theirs = sorted(ours - theirs), sorted(theirs - ours)
                differences += len(only_ours) + len(only_theirs)
                print(f"{name}, {where}: wsawait {len(ours)} files ({our_time:.2f} s), "
                      f"ruff {len(theirs)} files ({their_time:.2f} s); "
                      f"only wsawait {len(only_ours)}, only ruff {len(only_theirs)}")
                for path in (only_ours + only_theirs)[:10]:
                    print(f"  {'wsawait' if path in ours else 'ruff'} only: {path}")
    print("same files" if not differences else f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
