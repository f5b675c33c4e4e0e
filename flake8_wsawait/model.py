"""The records every layer shares: getters, violations and their fixes, reports and
per-file results. Knows nothing of the rest of the package but the rules' fix
safety."""

from __future__ import annotations

from typing import Mapping, NamedTuple, Optional

from .rules import FixSafety


class Getter(NamedTuple):
    name: str  # as configured: bare ("get_x") or dotted ("app.ws.get_x")
    is_async: bool
    pair: str | None  # final name of the paired getter of the other kind
    # Matched by name on a receiver nothing resolves: its reports hold unless the
    # project defines a method of that name of the other kind (project_methods.Unless).
    unless: tuple | None = None

    @property
    def final(self) -> str:
        return self.name.rpartition(".")[2]

    @property
    def dotted(self) -> bool:
        return "." in self.name


class Unless(NamedTuple):
    """A report by a configured getter's name on an unresolved receiver holds unless
    the project defines a method `name` of the other kind (`is_async`) where the
    calling file can meet it (`in_tests`: the call is in a test file)."""

    name: str
    is_async: bool
    in_tests: bool


class Edit(NamedTuple):
    """Replace the text between two positions (1-based line, 0-based character column)."""

    line: int
    col: int
    end_line: int
    end_col: int
    text: str


class Fix(NamedTuple):
    safety: FixSafety
    edits: tuple[Edit, ...]


class Violation(NamedTuple):
    line: int
    col: int  # 0-based character column (what flake8 expects, as pycodestyle gives it)
    code: str
    message: str  # starts with the code, as flake8 wants it
    getter: Getter
    fix: Fix | None = None
    end_line: int | None = None  # where the reported node ends
    end_col: int | None = None  # 0-based character column just past its end
    unless: tuple | None = None  # the getter's project_methods.Unless, if any

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.col, self.code)


class Report(NamedTuple):
    path: str
    line: int
    col: int  # 1-based character column, as flake8 prints it
    code: str
    message: str  # without the code
    fix: Optional[Fix] = None  # the fix that is available (and not applied)
    end_line: Optional[int] = None
    end_col: Optional[int] = None  # 1-based, just past the reported span
    unless: Optional[tuple] = None  # holds unless the project defines this method (project_methods)


class FileResult:
    """What checking one file gave."""

    __slots__ = ("path", "reports", "fixed", "fixed_codes", "diff", "fixed_source", "dependencies")

    def __init__(
        self, path: str, reports: Optional[list[Report]] = None, fixed: int = 0,
        fixed_codes: Optional[Mapping[str, int]] = None, diff: bytes = b"",
        fixed_source: Optional[bytes] = None, dependencies: Optional[Mapping[str, object]] = None,
    ) -> None:
        self.path = path
        self.reports = reports if reports is not None else []
        self.fixed = fixed
        self.fixed_codes = fixed_codes if fixed_codes is not None else {}  # what was fixed, by code
        self.diff = diff  # a unified diff of the file's bytes
        self.fixed_source = fixed_source  # with fixes not written: the fixed file
        # The other files its reports were read from (project_index.py): path -> stamp.
        self.dependencies = dependencies if dependencies is not None else {}

    def is_empty(self) -> bool:
        """Nothing to report, fixed, to show or to keep: a clean result that other files
        decided is kept with them, so that it is checked again when they change."""
        return not (
            self.reports or self.fixed or self.fixed_codes or self.diff or self.dependencies
        ) and self.fixed_source is None
