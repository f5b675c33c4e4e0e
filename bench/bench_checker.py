"""Checker cost relative to ast.parse on the same files, measured in one run.

    python bench/bench_checker.py [--repeat N] [--generated N]

For each corpus it times ast.parse of every file, then the plugin's own work
on the already parsed trees (what flake8 adds per file: the text pre-check
and, where a getter may appear, the walk), and prints the ratio.
"""

from __future__ import annotations

import argparse
import ast
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import generated_getter_sources, stdlib_files, with_getters_appended  # noqa: E402

from flake8_wsawait.plugin import Plugin  # noqa: E402
from flake8_wsawait.config.settings import default_settings  # noqa: E402


def load_stdlib() -> list[tuple[str, str]]:
    sources = []
    for path in stdlib_files():
        try:
            text = path.read_text(encoding="utf-8")
            ast.parse(text)
        except (SyntaxError, UnicodeDecodeError, ValueError, RecursionError):
            continue
        sources.append((str(path), text))
    return sources


def best_of(repeat: int, func) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
        gc.enable()
    return best


def measure(name: str, sources: list[tuple[str, str]], repeat: int) -> None:
    Plugin.settings = default_settings()
    trees = [ast.parse(text) for _, text in sources]
    lines = [text.splitlines(True) for _, text in sources]

    def parse_all():
        for _, text in sources:
            ast.parse(text)

    found = []

    def check_all():
        found.clear()
        for (filename, _), tree, file_lines in zip(sources, trees, lines):
            found.extend(Plugin(tree, filename, file_lines).run())

    parse_time = best_of(repeat, parse_all)
    check_time = best_of(repeat, check_all)
    walked = sum(1 for _, text in sources if "get_websocket_manager" in text)
    print(
        f"{name}: {len(sources)} files ({walked} walked), {len(found)} reports; "
        f"ast.parse {parse_time:.3f}s, checker {check_time:.3f}s, "
        f"ratio {check_time / parse_time:.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-stdlib", action="store_true")
    parser.add_argument("--generated", type=int, default=300, help="number of generated getter files")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, best of {args.repeat}")
    if not args.skip_stdlib:
        stdlib = load_stdlib()
        measure("stdlib", stdlib, args.repeat)
        mixed = [(name, with_getters_appended(text, n)) for n, (name, text) in enumerate(stdlib)]
        measure("stdlib, each file with 3 getter functions appended", mixed, args.repeat)
    generated = [(f"gen_{n}.py", text) for n, text in enumerate(generated_getter_sources(args.generated))]
    measure("dense generated corpus (every function calls a getter)", generated, args.repeat)


if __name__ == "__main__":
    main()
