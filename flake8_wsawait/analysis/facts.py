"""What the walk records of one file, for the resolve and judge steps that follow it."""

from __future__ import annotations

import ast
from typing import NamedTuple

from .names import Scope
from .patches import PatchSite


class Site(NamedTuple):
    node: ast.AST
    parent: ast.AST
    field: str
    scope: Scope
    in_raises: bool


class Facts:
    """What one walk over a file records."""

    __slots__ = ("scopes", "defs", "rebound", "calls", "consumer_calls", "patch_sites", "outer")

    def __init__(self) -> None:
        self.scopes: list[Scope] = []
        self.defs: list[tuple[Scope, ast.AST]] = []  # defs of candidate names
        self.rebound: set[str] = set()  # class attributes, attribute stores, classes
        self.calls: list[Site] = []  # calls that may call a getter
        self.consumer_calls: list[Site] = []
        self.patch_sites: list[PatchSite] = []  # calls that may be patches
        # Where a walrus or a conditional expression stands: id(node) -> (parent, field).
        self.outer: dict[int, tuple[ast.AST, str]] = {}
