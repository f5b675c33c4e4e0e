"""Where the installed libraries a project runs with are, for the project index to read.

Their source is read, never imported: the index judges a library's `async def`
as it judges the project's own. In the order an interpreter of the project
would meet them: the project's own virtual environment (a folder in the project
root holding a `pyvenv.cfg`, as `python -m venv .venv` makes), the activated one
(`VIRTUAL_ENV`), then the site-packages of the interpreter running this tool.
"""

from __future__ import annotations

import glob
import os
import sysconfig

# The folder names virtual environments are made under, by habit and by tools' defaults.
_ENVIRONMENT_FOLDERS = (".venv", "venv", "env", ".env")


def library_roots(project_root: str) -> tuple[str, ...]:
    """The site-packages folders, first found first, each once."""
    found: list[str] = []
    for name in _ENVIRONMENT_FOLDERS:
        found += _environment_packages(os.path.join(project_root, name))
    active = os.environ.get("VIRTUAL_ENV")
    if active:
        found += _environment_packages(active)
    paths = sysconfig.get_paths()
    found += [paths["purelib"], paths["platlib"]]
    unique: dict[str, None] = {}
    for root in found:
        root = os.path.abspath(root)
        if os.path.isdir(root):
            unique.setdefault(root, None)
    return tuple(unique)


def _environment_packages(environment: str) -> list[str]:
    if not os.path.isfile(os.path.join(environment, "pyvenv.cfg")):
        return []
    posix = sorted(glob.glob(os.path.join(glob.escape(environment), "lib", "python3*", "site-packages")))
    return posix + [os.path.join(environment, "Lib", "site-packages")]
