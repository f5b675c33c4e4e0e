"""Path globs with flake8's semantics, shared by allowlists and excludes.

A glob without a separator matches a file's base name anywhere; one with a
separator is made absolute against the directory of the config that set it
and matched against the absolute path.  `*` matches `/` too (fnmatch).
"""

from __future__ import annotations

import fnmatch
import os
from typing import NamedTuple


def normalize_pattern(glob: str, base_dir: str) -> str:
    seps = os.sep + (os.altsep or "")
    if glob == "." or any(sep in glob for sep in seps):
        glob = os.path.abspath(os.path.join(base_dir, glob))
    return glob.rstrip(seps) or glob


class PathPattern(NamedTuple):
    pattern: str  # already normalised

    @classmethod
    def from_glob(cls, glob: str, base_dir: str) -> "PathPattern":
        return cls(normalize_pattern(glob, base_dir))

    def matches(self, path: str) -> bool:
        basename = os.path.basename(path)
        if basename not in {".", ".."} and fnmatch.fnmatch(basename, self.pattern):
            return True
        return fnmatch.fnmatch(os.path.abspath(path), self.pattern)
