"""Benchmark corpora: the interpreter's standard library, and generated getter files."""

from __future__ import annotations

import random
import sysconfig
from pathlib import Path

_FUNCTION_TEMPLATES = [
    "async def handler_{i}(ctx):\n    manager = await get_websocket_manager(ctx)\n    return manager\n",
    "async def notify_{i}(ctx, text):\n    manager = get_websocket_manager_async(ctx)\n"
    "    await manager.send(text)\n",
    "async def ok_{i}(ctx, text):\n    manager = await get_websocket_manager_async(ctx)\n"
    "    for c in manager.connections:\n        await c.send(text)\n    return len(manager.connections)\n",
    "def sync_{i}(ctx):\n    return ws.get_websocket_manager(ctx).broadcast('x')\n",
    "def delegate_{i}(ctx):\n    return ws.get_websocket_manager_async(ctx)\n",
    "async def gather_{i}(contexts):\n    return await asyncio.gather(*[gwm_async(c) for c in contexts])\n",
    "class Service{i}:\n    def __init__(self, ctx):\n        self.ctx = ctx\n\n"
    "    async def run(self):\n        manager = get_websocket_manager(self.ctx)\n"
    "        if manager.connections:\n            await asyncio.sleep(0)\n"
    "        return {{k: v for k, v in self.ctx.items() if k != 'x'}}\n",
    "async def task_{i}(loop, ctx):\n    m = get_websocket_manager(ctx)\n"
    "    data = [x * 2 for x in range(10)]\n    await m\n    return data\n",
]

_HEADER = (
    "import asyncio\n"
    "import app.websocket_core as ws\n"
    "from app.websocket_core import get_websocket_manager, get_websocket_manager_async\n"
    "from app.websocket_core import get_websocket_manager_async as gwm_async\n\n\n"
)


def stdlib_files() -> list[Path]:
    root = Path(sysconfig.get_paths()["stdlib"])
    return sorted(p for p in root.rglob("*.py") if "site-packages" not in p.parts)


def generated_getter_sources(count: int, functions_per_file: int = 40, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    sources = []
    for n in range(count):
        body = "\n\n".join(
            rng.choice(_FUNCTION_TEMPLATES).format(i=f"{n}_{k}") for k in range(functions_per_file)
        )
        sources.append(_HEADER + body)
    return sources


def with_getters_appended(source: str, n: int, functions: int = 3, seed: int = 7) -> str:
    """A real module with a few getter-calling functions added at its end."""
    rng = random.Random(seed + n)
    body = "\n\n".join(
        rng.choice(_FUNCTION_TEMPLATES).format(i=f"appended_{n}_{k}") for k in range(functions)
    )
    return source.rstrip("\n") + "\n\n\n" + _HEADER + body


def write_generated(directory: Path, count: int) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, source in enumerate(generated_getter_sources(count)):
        path = directory / f"generated_getters_{n:04d}.py"
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


_SPARSE_PLAIN = (
    "import logging\n\nlog = logging.getLogger(__name__)\n\n\n"
    "class Record{n}:\n    def __init__(self, value):\n        self.value = value\n\n"
    "    def render(self):\n        return f'{{self.value!r}}'\n\n\n"
    "def handle_{n}(items):\n    total = 0\n    for item in items:\n        total += len(item)\n"
    "    log.debug('handled %d', total)\n    return total\n"
)


def write_sparse_tree(directory: Path, count: int, getter_share: float = 0.03, seed: int = 3) -> int:
    """`count` small modules in folders of 100, a share of them calling getters
    (a real tree: most files never spell a getter's name)."""
    rng = random.Random(seed)
    for n in range(count):
        folder = directory / f"pkg{n // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        text = _SPARSE_PLAIN.format(n=n)
        if rng.random() < getter_share:
            text = _HEADER + text + "\n\n" + rng.choice(_FUNCTION_TEMPLATES).format(i=n)
        (folder / f"module_{n:05d}.py").write_text(text, encoding="utf-8")
    return count
