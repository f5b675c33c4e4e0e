"""Time and peak memory of `wsawait check` on the standard library copied once and five times,
and time per binding in functions holding ever more `name = getter()` bindings.

    python bench/bench_resources.py [--copies N]

Each copy also holds 60 generated getter files, so the walk and the reports
grow with the tree too.  Peak memory is the largest resident set of any
process of the run (the main one or a worker), measured from a fresh parent.
The bindings shape (one function with N `mN = get_websocket_manager()` lines,
each awaited) must cost the same per binding at 500 and at 8,000: name flow is
one walk per function, not one per binding; `--fix` on the same file too.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import stdlib_files, write_generated  # noqa: E402

MEASURE = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_kib": peak}))
"""


def make_copies(root: Path, copies: int) -> int:
    stdlib_root = Path(sysconfig.get_paths()["stdlib"])
    files = stdlib_files()
    for copy in range(copies):
        target_root = root / f"copy{copy}"
        for path in files:
            target = target_root / path.relative_to(stdlib_root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        write_generated(target_root / "generated", 60)
    return sum(1 for _ in root.rglob("*.py"))


def measure(command: list[str]) -> dict:
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True)
    return json.loads(result.stdout)


def bindings_source(count: int) -> str:
    lines = ["from app.ws import get_websocket_manager\n\n\nasync def handler(ctx):\n"]
    lines += [f"    m{n} = get_websocket_manager(ctx)\n    await m{n}\n" for n in range(count)]
    return "".join(lines)


def measure_bindings(wsawait: str) -> None:
    per_binding = {}
    for count in (500, 2_000, 8_000):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "bindings.py"
            path.write_text(bindings_source(count))
            command = [wsawait, "check", "--no-cache", "-j", "1", str(path)]
            check = min(measure(command)["seconds"] for _ in range(3))
            fix = measure([wsawait, "check", "--no-cache", "-j", "1", "--fix", str(path)])["seconds"]
            assert "await m" not in path.read_text(), "the fix run left awaits behind"
        per_binding[count] = (check / count, fix / count)
        print(f"{count} bindings in one function: check {check:.2f}s ({1e6 * check / count:.0f} us/binding), "
              f"--fix {fix:.2f}s ({1e6 * fix / count:.0f} us/binding)")
    small, large = per_binding[500], per_binding[8_000]
    print(f"per-binding time x{large[0] / small[0]:.2f} (check), x{large[1] / small[1]:.2f} (--fix) "
          "at 8,000 against 500 bindings (flat is x1; start-up weighs more at 500)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    wsawait = str(Path(sys.executable).parent / "wsawait")
    measure_bindings(wsawait)
    rows = {}
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as many:
        sizes = {1: make_copies(Path(one), 1), args.copies: make_copies(Path(many), args.copies)}
        for copies, directory in ((1, one), (args.copies, many)):
            for jobs in ("1", "2"):
                command = [wsawait, "check", "--no-cache", "-j", jobs, directory]
                best = min((measure(command) for _ in range(3)), key=lambda m: m["seconds"])
                rows[(copies, jobs)] = best
                per_file_ms = 1000 * best["seconds"] / sizes[copies]
                label = f"{copies} cop{'y' if copies == 1 else 'ies'} ({sizes[copies]} files), -j {jobs}"
                print(f"{label}: {best['seconds']:.2f}s ({per_file_ms:.3f} ms/file), "
                      f"peak {best['peak_kib'] / 1024:.0f} MiB")
    for jobs in ("1", "2"):
        small, large = rows[(1, jobs)], rows[(args.copies, jobs)]
        time_ratio = (large["seconds"] / sizes[args.copies]) / (small["seconds"] / sizes[1])
        memory_ratio = large["peak_kib"] / small["peak_kib"]
        print(f"-j {jobs}: per-file time x{time_ratio:.2f}, peak memory x{memory_ratio:.2f} "
              f"({args.copies} copies against 1; the bound is 2)")


if __name__ == "__main__":
    main()
