"""Inference mode against fast mode and a cold mypy run, on one generated project.

    python bench/bench_infer.py [--modules N] [--repeat N]

The project has N modules (default 2,000); 10% of them call getters imported
from other modules (through a package re-export, aliases and methods), with
seeded misuses: an awaited sync getter (WSA001, also a method through a
constructed instance, a declared parameter and a self attribute holding one)
and an un-awaited async getter used as the manager (WSA002).  Everything is annotated so that mypy can see
the same mistakes.  mypy is only a yardstick: install it in the bench
environment (`pip install mypy`).
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GETTER_MODULES = 20
SEEDED_PER_MODULE = 5
# A seeded misuse that mypy reports on another line: misuse -> mypy's line.
seeded_elsewhere: dict[tuple[str, int, str], int] = {}

MANAGER_MODULE = '''\
class Manager{k}:
    async def send(self, text: str) -> int:
        return len(text)


class Registry{k}:
    def get_registry{k}_manager(self) -> Manager{k}:
        return Manager{k}()


def get_m{k}_manager() -> Manager{k}:
    return Manager{k}()


async def get_m{k}_manager_async() -> Manager{k}:
    return Manager{k}()
'''

PLAIN_MODULE = '''\
"""Module {i}: ordinary typed code that calls no getter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional


@dataclass
class Record{i}:
    key: str
    values: List[int] = field(default_factory=list)
    parent: Optional["Record{i}"] = None

    def total(self) -> int:
        return sum(self.values) + (self.parent.total() if self.parent else 0)

    def scaled(self, factor: float) -> List[float]:
        return [v * factor for v in self.values]


class Index{i}:
    def __init__(self) -> None:
        self.records: Dict[str, Record{i}] = {{}}

    def add(self, record: Record{i}) -> None:
        self.records[record.key] = record

    def find(self, key: str) -> Optional[Record{i}]:
        return self.records.get(key)

    def keys_with(self, minimum: int) -> List[str]:
        return sorted(k for k, r in self.records.items() if r.total() >= minimum)


def build_{i}(rows: Iterable[tuple[str, List[int]]]) -> Index{i}:
    index = Index{i}()
    for key, values in rows:
        index.add(Record{i}(key, list(values)))
    return index


def summarize_{i}(index: Index{i}) -> Dict[str, float]:
    totals = [r.total() for r in index.records.values()]
    if not totals:
        return {{"count": 0.0, "mean": 0.0}}
    return {{"count": float(len(totals)), "mean": sum(totals) / len(totals)}}


async def refresh_{i}(index: Index{i}, keys: List[str]) -> int:
    changed = 0
    for key in keys:
        record = index.find(key)
        if record is not None and record.values:
            record.values.append(record.values[-1] + 1)
            changed += 1
    return changed
'''


def build(root: Path, modules: int, seed: int = 3) -> list[tuple[str, int, str]]:
    """Write the project; return the seeded misuses as (path, line, code)."""
    rng = random.Random(seed)
    seeded_elsewhere.clear()
    package = root / "proj"
    (package / "managers").mkdir(parents=True)
    (package / "mods").mkdir()
    (package / "__init__.py").write_text("")
    (package / "mods" / "__init__.py").write_text("")
    exports = []
    for k in range(GETTER_MODULES):
        (package / "managers" / f"m{k}.py").write_text(MANAGER_MODULE.format(k=k))
        exports.append(
            f"from .m{k} import Registry{k}, get_m{k}_manager, get_m{k}_manager_async\n"
        )
    (package / "managers" / "__init__.py").write_text("".join(exports))
    seeded = []
    for i in range(modules - GETTER_MODULES - 3):
        path = package / "mods" / f"mod{i}.py"
        if i % 10:
            path.write_text(PLAIN_MODULE.format(i=i))
            continue
        k = rng.randrange(GETTER_MODULES)
        lines = [
            f"from proj.managers import Registry{k}, get_m{k}_manager",
            f"from proj.managers.m{k} import get_m{k}_manager_async as fetch_{k}",
            "",
            "",
            f"async def handler_{i}(text: str) -> int:",
            f"    good = await fetch_{k}()",
            f"    also_good = get_m{k}_manager()",
            f"    bad = await get_m{k}_manager()",
            f"    pending = fetch_{k}()",
            "    await pending",
            f"    wrong = fetch_{k}()",
            "    await wrong.send(text)",
            f"    via_registry = await Registry{k}().get_registry{k}_manager()",
            "    return await good.send(text) + await also_good.send(text) + await bad.send(text)",
            "",
            "",
            f"class Service{i}:",
            f"    def __init__(self, registry: Registry{k}) -> None:",
            "        self.registry = registry",
            "",
            "    async def run(self, text: str) -> int:",
            f"        manager = await self.registry.get_registry{k}_manager()",
            "        return await manager.send(text)",
            "",
            "",
            f"async def declared_{i}(registry: Registry{k}, text: str) -> int:",
            f"    manager = await registry.get_registry{k}_manager()",
            "    return await manager.send(text)",
        ]
        seeded += [
            (f"proj/mods/mod{i}.py", 8, "WSA001"),
            (f"proj/mods/mod{i}.py", 11, "WSA002"),
            (f"proj/mods/mod{i}.py", 13, "WSA001"),
            (f"proj/mods/mod{i}.py", 22, "WSA001"),  # a self attribute holding a declared parameter
            (f"proj/mods/mod{i}.py", 27, "WSA001"),  # a declared parameter
        ]
        # mypy reports the un-awaited coroutine where it is used (`wrong.send`), one line later.
        seeded_elsewhere[(f"proj/mods/mod{i}.py", 11, "WSA002")] = 12
        path.write_text("\n".join(lines) + "\n")
    return seeded


def timed(command: list[str], cwd: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - start, result.stdout


def found(output: str, seeded: list[tuple[str, int, str]], pattern: str, mypy: bool = False) -> set:
    hits = {(m["path"], int(m["line"])) for m in re.finditer(pattern, output, re.M)}
    return {
        s for s in seeded
        if (s[0], s[1]) in hits or (mypy and (s[0], seeded_elsewhere.get(s, -1)) in hits)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", type=int, default=2000)
    args = parser.parse_args()
    bindir = Path(sys.executable).parent
    wsawait, mypy = str(bindir / "wsawait"), str(bindir / "mypy")
    if not Path(mypy).exists():
        sys.exit("mypy is not installed here: pip install mypy (bench environment only)")
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory)
        seeded = build(root, args.modules)
        files = sum(1 for _ in root.rglob("*.py"))
        print(f"project: {files} modules, {len(seeded)} seeded misuses "
              f"in {len(seeded) // SEEDED_PER_MODULE} modules that call getters")
        names = ",".join(f"get_m{k}_manager" for k in range(GETTER_MODULES))
        async_names = ",".join(f"get_m{k}_manager_async" for k in range(GETTER_MODULES))
        (root / "hand.ini").write_text(
            f"[flake8]\nwsawait-sync-getters = {names}\nwsawait-async-getters = {async_names}\n"
        )
        report = r"^(?P<path>[^:\n]+):(?P<line>\d+):\d+: WSA"
        runs = {
            "wsawait check (fast mode, default getters)": [wsawait, "check", "proj"],
            "wsawait check (fast mode, hand-kept getter list)": [
                wsawait, "check", "--config", "hand.ini", "proj",
            ],
            "wsawait check --infer": [wsawait, "check", "--infer", "proj"],
            "wsawait check --infer -j 1": [wsawait, "check", "--infer", "-j", "1", "proj"],
            "mypy (cold: no cache)": [mypy, "--no-incremental", "--cache-dir", "/dev/null", "proj"],
        }
        times = {}
        for name, command in runs.items():
            seconds, output = timed(command, root)
            pattern = r"^(?P<path>[^:\n]+):(?P<line>\d+): error" if name.startswith("mypy") else report
            hits = found(output, seeded, pattern, mypy=name.startswith("mypy"))
            by_code = {code: sum(1 for s in hits if s[2] == code) for code in ("WSA001", "WSA002")}
            times[name] = seconds
            print(f"{name}: {seconds:.2f}s, found {len(hits)}/{len(seeded)} seeded "
                  f"(awaited sync: {by_code['WSA001']}, un-awaited async: {by_code['WSA002']})")
        mypy_time = times["mypy (cold: no cache)"]
        for name, seconds in times.items():
            print(f"  {name}: {mypy_time / seconds:.1f}x faster than mypy")


if __name__ == "__main__":
    main()
