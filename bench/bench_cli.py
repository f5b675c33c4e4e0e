"""Wall time of `wsawait check` against ruff on the same trees, cold and warm, in one run.

    python bench/bench_cli.py [--repeat N] [--sparse N] [--with-flake8]

Trees: the interpreter's standard library; the same with 300 generated files
dense with getter calls; a generated tree of N small modules (default 20,000)
of which 3% call a getter, and a tenth of it (per-file time must stay flat
from 1x to 10x); real code at scale: the standard library and this
environment's site-packages, copied five times, as a git repository with a
Python .gitignore.  Runs alternate between the tools and the median of
`--repeat` runs is printed, with the ratio against ruff's matching run:
`ruff check --no-cache --isolated --select ASYNC` for cold runs (wsawait
`--no-cache`), both with their caches removed before each run for first runs
(which write the cache, as CI on a fresh clone does), and with ruff's cache,
warmed first, for warm runs (wsawait with its cache, warmed first).  Last,
five files named on the command
line, as a pre-commit hook runs it: start-up time.  ruff is only a yardstick:
install it in the bench environment (`pip install . ruff`); it is not a
dependency.  Install the tool itself as users do, not editable: an editable
install's import hook costs every start about 10 ms.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import stdlib_files, write_generated, write_sparse_tree  # noqa: E402


def copy_stdlib(root: Path) -> int:
    stdlib_root = Path(sysconfig.get_paths()["stdlib"])
    files = stdlib_files()
    for path in files:
        target = root / path.relative_to(stdlib_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    return len(files)


# The start of GitHub's Python .gitignore: a real repository has one, and both
# tools honour it.
GITIGNORE = """\
__pycache__/
*.py[cod]
*$py.class
*.so
.Python
build/
develop-eggs/
dist/
downloads/
eggs/
.eggs/
lib64/
parts/
sdist/
var/
wheels/
*.egg-info/
.installed.cfg
*.egg
MANIFEST
htmlcov/
.tox/
.nox/
.coverage
.coverage.*
.cache
nosetests.xml
coverage.xml
*.cover
.hypothesis/
.pytest_cache/
*.mo
*.pot
*.log
local_settings.py
db.sqlite3
instance/
.webassets-cache
.scrapy
docs/_build/
target/
.ipynb_checkpoints
.env
.venv
env/
venv/
ENV/
.mypy_cache/
.dmypy.json
.pyre/
.pytype/
"""


def copy_real_tree(root: Path, copies: int) -> int:
    """Real code at scale: the standard library and the installed packages, copied
    `copies` times (without virtual-environment markers or caches), as a git
    repository with a .gitignore."""
    packages = Path(sysconfig.get_paths()["purelib"])
    for n in range(copies):
        # Not named site-packages: ruff and wsawait both skip folders of that name.
        shutil.copytree(packages, root / f"copy{n}" / "packages",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.so"))
        copy_stdlib(root / f"copy{n}" / "stdlib")
    (root / ".git").mkdir()
    (root / ".gitignore").write_text(GITIGNORE)
    return sum(1 for _ in root.rglob("*.py"))


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def newest_change(tree: Path) -> float:
    return max(p.stat().st_mtime for p in tree.rglob("*.py"))


def medians(
    commands: dict[str, list[str]], cwd: Path, repeat: int, fresh: tuple[str, ...] = (),
) -> dict[str, float]:
    """Median wall time of each command, the runs of all commands interleaved; the
    `fresh` folders (caches) are removed before each run."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            for folder in fresh:
                shutil.rmtree(cwd / folder, ignore_errors=True)
            samples[name].append(timed(command, cwd))
    return {name: statistics.median(times) for name, times in samples.items()}


def measure(label: str, tree: Path, files: int, ruff: str, wsawait: str, repeat: int) -> dict[str, float]:
    ruff_base = [ruff, "check", "--isolated", "--select", "ASYNC", "--exit-zero",
                 "--cache-dir", ".ruff_cache"]
    cold = {
        "ruff cold": ruff_base[:2] + ["--no-cache"] + ruff_base[2:] + ["."],
        "wsawait cold": [wsawait, "check", "--no-cache", "."],
        "wsawait cold -j 1": [wsawait, "check", "--no-cache", "-j", "1", "."],
    }
    warm = {
        "ruff warm": ruff_base + ["."],
        "wsawait warm": [wsawait, "check", "."],
        "wsawait warm -j 1": [wsawait, "check", "-j", "1", "."],
    }
    # A first run writing its cache, as CI on a fresh clone does.
    first = {"ruff first": ruff_base + ["."], "wsawait first": [wsawait, "check", "."]}
    # A file changed in the last two seconds is never cached (its next change could
    # keep the time stamp): let the freshly written tree age first.
    time.sleep(max(0.0, 2.1 - (time.time() - newest_change(tree))))
    times = {
        **medians(cold, tree, repeat),
        **medians(first, tree, repeat, fresh=(".ruff_cache", ".wsawait_cache")),
    }
    for command in warm.values():  # fill both caches
        timed(command, tree)
    times.update(medians(warm, tree, repeat))
    print(f"{label}: {files} files, median of {repeat}")
    for name, seconds in times.items():
        yardstick = times[next(kind for kind in ("ruff cold", "ruff first", "ruff warm")
                               if kind.split()[1] in name)]
        print(f"  {name:<20} {seconds:6.3f}s  {seconds / yardstick:5.2f}x ruff  "
              f"{1e6 * seconds / files:7.1f} us/file")
    return times


def editable_install() -> bool:
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        origin = distribution("flake8-wsawait").read_text("direct_url.json") or "{}"
    except PackageNotFoundError:
        return False
    return bool(json.loads(origin).get("dir_info", {}).get("editable"))


def measure_named(tree: Path, ruff: str, wsawait: str, repeat: int) -> None:
    """Five files named on the command line, as a pre-commit hook passes them."""
    names = [str(p.relative_to(tree)) for p in sorted(tree.rglob("*.py"))[:5]]
    times = medians({
        "ruff": [ruff, "check", "--isolated", "--select", "ASYNC", "--exit-zero", "--no-cache", *names],
        "wsawait": [wsawait, "check", "--no-cache", *names],
    }, tree, repeat)
    print(f"five named files (a pre-commit hook's run), median of {repeat}")
    print(f"  ruff     {times['ruff']:6.3f}s\n  wsawait  {times['wsawait']:6.3f}s  "
          f"{times['wsawait'] / times['ruff']:5.2f}x ruff")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sparse", type=int, default=20_000)
    parser.add_argument("--real-copies", type=int, default=5, help="copies of the stdlib + packages tree")
    parser.add_argument("--with-flake8", action="store_true", help="also time flake8 --select WSA (slow)")
    args = parser.parse_args()
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        sys.exit("ruff is not installed here: pip install ruff (bench environment only)")
    wsawait = str(Path(sys.executable).parent / "wsawait")
    if editable_install():
        print("warning: flake8-wsawait is an editable install here: every start pays ~10 ms for its "
              "import hook (pip install . for the numbers users see)")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        stdlib = copy_stdlib(root / "stdlib")
        measure("stdlib", root / "stdlib", stdlib, ruff, wsawait, args.repeat)
        shutil.copytree(root / "stdlib", root / "dense" / "stdlib")
        dense = stdlib + len(write_generated(root / "dense" / "generated", 300))
        measure("stdlib + 300 dense getter files", root / "dense", dense, ruff, wsawait, args.repeat)
        small = write_sparse_tree(root / "sparse-small", args.sparse // 10)
        large = write_sparse_tree(root / "sparse-large", args.sparse)
        one = measure("generated tree, 1x", root / "sparse-small", small, ruff, wsawait, args.repeat)
        ten = measure("generated tree, 10x", root / "sparse-large", large, ruff, wsawait, args.repeat)
        for name in ("wsawait cold", "wsawait warm"):
            ratio = (ten[name] / large) / (one[name] / small)
            print(f"per-file time, {name}, 10x against 1x tree: x{ratio:.2f} (flat is x1)")
        measure_named(root / "stdlib", ruff, wsawait, args.repeat)
        shutil.rmtree(root / "sparse-large")
        real = copy_real_tree(root / "real", args.real_copies)
        label = f"stdlib + this environment's site-packages, {args.real_copies} copies, a git repository"
        measure(label, root / "real", real, ruff, wsawait, args.repeat)
        if args.with_flake8:
            seconds = timed([sys.executable, "-m", "flake8", "--select", "WSA", "."], root / "dense")
            print(f"flake8 --select WSA on the dense tree: {seconds:.2f}s")


if __name__ == "__main__":
    main()
