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


def layers() -> dict[str, int]:
    """module -> its layer's place in CONTRIBUTING.md (0: the first listed)."""
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = text.split("## Module map", 1)[1].split("\n## ", 1)[0]
    found: dict[str, int] = {}
    layer = -1
    for line in section.splitlines():
        if line.startswith("**"):
            layer += 1
        match = re.match(r"- `([\w]+)\.py`", line)
        if match:
            assert match[1] not in found, f"{match[1]} is listed twice"
            found[match[1]] = layer
    return found


def imports() -> dict[str, set[str]]:
    """module -> the package's modules it imports, at its top or inside a function."""
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    graph = {}
    for module in modules:
        tree = ast.parse((PACKAGE / f"{module}.py").read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level == 1:
                    found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
                elif node.module and node.module.split(".")[0] == PACKAGE.name:
                    found.add(node.module.split(".")[1] if "." in node.module else "__init__")
            elif isinstance(node, ast.Import):
                found |= {a.name.split(".")[1] for a in node.names if a.name.startswith(PACKAGE.name + ".")}
        graph[module] = (found & modules) - {module}
    return graph


def test_the_module_map_names_every_module_and_only_modules():
    listed = set(layers())
    present = {p.stem for p in PACKAGE.glob("*.py")}
    assert listed - present == set(), "CONTRIBUTING.md names modules that do not exist"
    assert present - listed == set(), "modules missing from CONTRIBUTING.md's module map"


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
    assert {f"{PACKAGE.name}/{p.name}" for p in PACKAGE.glob("*.py")} <= packed
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
