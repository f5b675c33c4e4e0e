"""Annotated example files: expected reports are marked on their own lines.

Markers (comments):
  # expect: WSA001            a report with this code on this line
  # expect: WSA001:15         ... at this 1-based column
  # wsawait-config: KEY = V   a line of the [flake8] section of the case's setup.cfg
  # wsawait-path: a/b.py      where the file sits, relative to the project directory
  # wsawait-min-python: 3.11  the case uses newer syntax
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

CASES_DIR = Path(__file__).parent / "cases"
REPO = Path(__file__).parent.parent

_EXPECT = re.compile(r"#\s*expect:\s*([A-Z]+[0-9]+(?::[0-9]+)?(?:\s*,\s*[A-Z]+[0-9]+(?::[0-9]+)?)*)")
_CONFIG = re.compile(r"^# wsawait-config: ?(.*)$")
_PATH = re.compile(r"^# wsawait-path: *(\S+)")
_MIN_PYTHON = re.compile(r"^# wsawait-min-python: *(\d+)\.(\d+)", re.M)
_REPORT = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+[0-9]+) ", re.M)


@dataclass(frozen=True)
class Expected:
    line: int
    code: str
    col: int | None


@dataclass(frozen=True)
class Report:
    path: str
    line: int
    col: int
    code: str


def expectations(text: str) -> list[Expected]:
    found = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        match = _EXPECT.search(line)
        if match:
            for item in match.group(1).split(","):
                code, _, col = item.strip().partition(":")
                found.append(Expected(lineno, code, int(col) if col else None))
    return found


@dataclass(frozen=True)
class Case:
    source: Path

    @property
    def id(self) -> str:
        return self.source.relative_to(CASES_DIR).as_posix()

    @property
    def text(self) -> str:
        return self.source.read_text(encoding="utf-8")

    @property
    def rel_path(self) -> str:
        for line in self.text.splitlines():
            match = _PATH.match(line)
            if match:
                return match.group(1)
        return self.source.name

    @property
    def supported(self) -> bool:
        match = _MIN_PYTHON.search(self.text)
        return match is None or sys.version_info[:2] >= (int(match[1]), int(match[2]))

    @property
    def config_lines(self) -> list[str]:
        return [m.group(1) for m in map(_CONFIG.match, self.text.splitlines()) if m]

    def materialize(self, tmp_path: Path) -> Path:
        """Write the case into a fresh project directory; return that directory."""
        project = tmp_path / "project"
        target = project / self.rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        project.mkdir(exist_ok=True)
        target.write_text(self.text, encoding="utf-8")
        (project / "setup.cfg").write_text(
            "[flake8]\n" + "".join(line + "\n" for line in self.config_lines), encoding="utf-8"
        )
        return project


def all_cases() -> list[Case]:
    return [Case(p) for p in sorted(CASES_DIR.rglob("*.py"))]


def case_tree(root: Path) -> Path:
    """Every supported annotated case in a folder of its own below `root`, with its own
    setup.cfg: one run checks them all, each with its configuration and project root."""
    for n, case in enumerate(c for c in all_cases() if c.supported):
        case.materialize(root / f"c{n:03d}")
    return root


def case_params(cases: list[Case]) -> list:
    """pytest parameters, skipping cases whose syntax this Python cannot parse."""
    import pytest

    return [
        pytest.param(c, id=c.id, marks=pytest.mark.skipif(not c.supported, reason="newer syntax"))
        for c in cases
    ]


def parse_reports(output: str) -> list[Report]:
    return [
        Report(m["path"], int(m["line"]), int(m["col"]), m["code"]) for m in _REPORT.finditer(output)
    ]


def run_flake8(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
    )


def run_wsawait(args: list[str], cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flake8_wsawait", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
    )


def assert_reports_match(reports: list[Report], expected: list[Expected]) -> None:
    got = sorted((r.line, r.code) for r in reports)
    want = sorted((e.line, e.code) for e in expected)
    assert got == want, f"reported {got}\nexpected {want}"
    by_position = {(r.line, r.code): r.col for r in reports}
    for e in expected:
        if e.col is not None:
            assert by_position[(e.line, e.code)] == e.col, f"line {e.line} {e.code}: column"


def tree(root: Path, files: dict[str, str]) -> Path:
    """Write files (relative path -> text) below `root`; return `root`."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def reported(result: subprocess.CompletedProcess) -> list[tuple[str, int, str]]:
    return [(r.path, r.line, r.code) for r in parse_reports(result.stdout)]
