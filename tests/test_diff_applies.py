"""`--diff` is a patch that applies: `git apply -p0` and `patch -p0` give, byte for
byte, what `--fix` writes, for every line ending, encoding and name that a fix handles."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("git") and shutil.which("patch")), reason="needs git and patch"
)

BODY = [
    b"import app", b"async def f():", b"    x = 1  # caf\xc3\xa9",
    b"    return await get_websocket_manager()",
]


def _variants() -> dict[str, bytes]:
    lf = b"\n".join(BODY) + b"\n"
    return {
        "lf.py": lf,
        "crlf.py": lf.replace(b"\n", b"\r\n"),
        "lone cr.py": lf.replace(b"\n", b"\r"),
        "mixed\tendings.py": (
            b"import app\r\nasync def f():\r    x = 1\n    return await get_websocket_manager()\r\n"
        ),
        "bom.py": b"\xef\xbb\xbf" + lf,
        "no_final_newline.py": lf.rstrip(b"\n"),
        "latin1.py": b"# -*- coding: latin-1 -*-\n" + lf.replace(b"caf\xc3\xa9", b"caf\xe9"),
        "caf\xe9 \u00fc.py": lf,
        'quote"and\\slash.py': lf,
        "sub dir/nested.py": lf,
    }


def _lay_out(root: Path) -> None:
    for name, data in _variants().items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    # A link into a folder the walk skips: only the link reaches the file, and a
    # diff must name the target (a patch through the link would replace it).
    (root / "build").mkdir()
    (root / "build" / "target.py").write_bytes(b"async def g():\n    await get_websocket_manager()\n")
    os.symlink("build/target.py", root / "link.py")


def _wsawait(args, cwd):
    return subprocess.run([sys.executable, "-m", "flake8_wsawait", "check", "-j", "1", *args],
                          cwd=cwd, capture_output=True, timeout=120)


def _contents(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            and not p.is_symlink()}


@pytest.mark.parametrize("tool", [["git", "apply", "-p0", "--unsafe-paths"], ["patch", "-p0", "--quiet"]])
def test_diff_applied_equals_fix(tmp_path, tool):
    fixed, patched = tmp_path / "fixed", tmp_path / "patched"
    for root in (fixed, patched):
        root.mkdir()
        _lay_out(root)
    before = _contents(patched)
    diff = _wsawait(["--diff", "."], cwd=patched)
    assert diff.returncode == 1 and b"Traceback" not in diff.stderr, diff.stderr.decode()
    assert _contents(patched) == before, "--diff wrote something"
    headers = [line for line in diff.stdout.split(b"\n") if line.startswith(b"+++ ")]
    assert len(headers) == len(before), headers  # every file has a fix
    assert b"+++ build/target.py" in headers
    result = _wsawait(["--fix", "."], cwd=fixed)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    assert _contents(fixed) != before
    applied = subprocess.run(tool, cwd=patched, input=diff.stdout, capture_output=True)
    assert applied.returncode == 0, (applied.stdout + applied.stderr).decode(errors="replace")
    assert _contents(patched) == _contents(fixed)
    assert os.path.islink(patched / "link.py") and os.readlink(patched / "link.py") == "build/target.py"
