"""The package's shape: CONTRIBUTING.md's module map names every module, the imports make
no cycle, no module imports a layer below its own, and the wheel holds every module."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from annotated import parse_reports

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "flake8_wsawait"


def modules() -> dict[str, Path]:
    """dotted name inside the package ("config.settings") -> its file."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts)] = path
    return found


def layers() -> dict[str, int]:
    """module -> its layer's place in CONTRIBUTING.md (0: the first listed)."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    found: dict[str, int] = {}
    layer = -1
    for line in section.splitlines():
        if line.startswith("**"):
            layer += 1
        match = re.match(r"- `([\w/]+)\.py`", line)
        if match:
            name = match[1].replace("/", ".")
            assert name not in found, f"{name} is listed twice"
            found[name] = layer
    return found


def _imported(module: str, node: ast.ImportFrom, known: set[str]) -> set[str]:
    """The package's modules an `ImportFrom` in `module` names (`from ..config import settings` too)."""
    if node.level:
        package = module.split(".")[:-1]  # a package's __init__ counts from the package itself
        base = package[:len(package) - (node.level - 1)]
    elif node.module and node.module.split(".")[0] == PACKAGE.name:
        base = []
        node = ast.ImportFrom(module=node.module.split(".", 1)[1] if "." in node.module else None,
                              names=node.names, level=0)
    else:
        return set()
    stem = base + (node.module.split(".") if node.module else [])
    target = ".".join(stem)
    names = {".".join(stem + [alias.name]) for alias in node.names} & known
    if names:
        return names
    return {target} & known or {".".join(stem + ["__init__"])} & known


def imports() -> dict[str, set[str]]:
    """module -> the package's modules it imports, at its top or inside a function."""
    known = modules()
    graph = {}
    for module, path in known.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                found |= _imported(module, node, set(known))
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".", 1)[1] for a in node.names
                          if a.name.startswith(PACKAGE.name + ".")}
        graph[module] = (found & set(known)) - {module}
    return graph


def test_the_module_map_names_every_module_and_only_modules():
    listed = set(layers())
    present = set(modules())
    assert listed - present == set(), "CONTRIBUTING.md names modules that do not exist"
    assert present - listed == set(), "modules missing from CONTRIBUTING.md's module map"


def test_every_import_of_the_package_names_one_of_its_modules():
    """A relative import that names no module fails only when its line runs (a lazy
    import in a path few tests take): caught here, on every line."""
    known = modules()
    broken = []
    for module, path in known.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level and not _imported(module, node, set(known)):
                broken.append(f"{module}:{node.lineno}")
    assert broken == []


def test_each_folder_is_one_layer():
    place = layers()
    folders: dict[str, set[int]] = {}
    for module, layer in place.items():
        if "." in module:
            folders.setdefault(module.split(".")[0], set()).add(layer)
    assert {folder: len(found) for folder, found in folders.items() if len(found) > 1} == {}


# What each layer knows nothing of, beyond the order of the map (issue 18's table).
UNKNOWN_TO = {
    "analysis": ("config.config_files", "config.projects", "files.", "command.", "cli", "plugin"),
    "config": ("analysis.", "files.", "command.", "cli", "plugin"),
    "files": ("analysis.", "command.", "cli", "plugin"),
    "command": ("plugin",),
}


def test_no_layer_imports_what_it_must_know_nothing_of():
    wrong = sorted(
        f"{module} imports {dep}"
        for module, deps in imports().items() if module.split(".")[0] in UNKNOWN_TO
        for dep in deps if dep.startswith(UNKNOWN_TO[module.split(".")[0]])
    )
    assert wrong == []


def test_no_import_cycle():
    graph = imports()
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for dep in sorted(graph[module]):
            if state.get(dep) == 1:
                pytest.fail("import cycle: " + " -> ".join(path[path.index(dep):] + [module, dep]))
            if dep not in state:
                visit(dep, path + [module])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [])


def test_no_module_imports_a_layer_below_its_own():
    place = layers()
    wrong = sorted(
        f"{module} ({place[module]}) imports {dep} ({place[dep]})"
        for module, deps in imports().items() for dep in deps if place[dep] > place[module]
    )
    assert wrong == []


@pytest.mark.slow
def test_the_installed_package_runs_outside_the_source_tree(tmp_path):
    """Built as a wheel and installed elsewhere: a module left out of the wheel fails here."""
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(wheels), str(REPO)], check=True, capture_output=True)
    [wheel] = wheels.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packed = {name for name in archive.namelist() if name.startswith(PACKAGE.name + "/")}
    assert {f"{PACKAGE.name}/{p.relative_to(PACKAGE).as_posix()}" for p in modules().values()} <= packed
    # --target, never --prefix: pip would uninstall the package from this environment first.
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q",
                    "--target", str(site), str(wheel)], check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}
    project = tmp_path / "examples"
    subprocess.run(["cp", "-r", str(REPO / "examples"), str(project)], check=True)
    command = subprocess.run([str(site / "bin" / "wsawait"), "check", "--no-cache", "."], cwd=project,
                             env=env, capture_output=True, text=True)
    flake8 = subprocess.run([sys.executable, "-m", "flake8", "--select", "WSA", "."], cwd=project, env=env,
                            capture_output=True, text=True)
    for result in (command, flake8):
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == 1
    assert len(parse_reports(command.stdout)) == len(parse_reports(flake8.stdout)) == 4
    # Nothing came from the source tree.
    where = subprocess.run([sys.executable, "-c", "import flake8_wsawait; print(flake8_wsawait.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True).stdout
    assert where.startswith(str(site)), where
