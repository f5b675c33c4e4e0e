"""Which codes a run reports: flake8's --select/--ignore by prefix and its
per-file-ignores, and the parsing of code lists. Shared by the configuration
(which builds a Selection) and the per-file pipeline (which applies it)."""

from __future__ import annotations

import re
from typing import NamedTuple

from .path_globs import PathPattern
from .settings import split_list
from ..rules import ALL_CODES

_CODE = re.compile(r"[A-Z]{1,3}[0-9]{0,3}")


class Selection(NamedTuple):
    """flake8's --select/--ignore by prefix (the longer matching prefix wins), and
    its per-file-ignores: (path pattern, codes) pairs."""

    select: tuple[str, ...] = ("WSA",)
    ignore: tuple[str, ...] = ()
    per_file: tuple[tuple[PathPattern, tuple[str, ...]], ...] = ()

    def names(self, code: str, path: str = "") -> bool:
        """Selected by a prefix longer than the rule family's (`WSA1`, `WSA100`): how
        opt-in rules are selected, as ruff's RUF100 is."""
        return any(len(p) > 3 and code.startswith(p) for p in self.select) and self.selects(code, path)

    def selects(self, code: str, path: str = "") -> bool:
        ignore = self.ignore + tuple(c for glob, codes in self.per_file if glob.matches(path) for c in codes)
        chosen = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        dropped = max((len(p) for p in ignore if code.startswith(p)), default=-1)
        return chosen >= 0 and chosen > dropped


def parse_codes(text: str, option: str) -> tuple[str, ...]:
    """A comma separated list of codes or code prefixes; ValueError names a bad one."""
    codes = split_list(text)
    for code in codes:
        if not _CODE.fullmatch(code):
            raise ValueError(f"{option}: {code!r} is not a code or code prefix (like WSA001 or WSA)")
        if not any(known.startswith(code) for known in ALL_CODES):
            raise ValueError(f"{option}: unknown code {code!r} (known: {', '.join(ALL_CODES)})")
    return codes
