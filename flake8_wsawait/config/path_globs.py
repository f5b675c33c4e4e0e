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


# Folders and file names that hold tests, as pytest and most projects lay them out.
_TEST_FOLDERS = frozenset({"test", "tests", "testing"})


def is_test_path(path: str, root: str) -> bool:
    """Whether the file is a test's, judged by its path below the project root (the
    folders above the project say nothing of it)."""
    relative = os.path.relpath(os.path.abspath(path), root)
    parts = relative.replace(os.sep, "/").split("/")
    name = parts[-1]
    return (
        name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"
        or any(part in _TEST_FOLDERS for part in parts[:-1])
    )
