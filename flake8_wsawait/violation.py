"""What the checker reports: violations with optional text fixes."""

from __future__ import annotations

from typing import NamedTuple

from .rules import FixSafety
from .settings import Getter


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
