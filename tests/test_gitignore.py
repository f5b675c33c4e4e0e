"""`.gitignore` matching: one combined search per path must decide exactly what
pathspec's pattern-by-pattern check decides."""

from __future__ import annotations

import pathspec
from hypothesis import given, settings, strategies as st

from flake8_wsawait.discovery import _ignored, _IgnoreFile

PATTERN_LINES = st.lists(
    st.text("ab*?[]!/\\#. -{}()+^$", min_size=1, max_size=8), min_size=0, max_size=6,
)
# Paths as the walk builds them: names a folder can list ("." and ".." it does not).
NAMES = st.text("ab.-", min_size=1, max_size=4).filter(lambda name: name not in (".", ".."))
PATHS = st.lists(NAMES, min_size=1, max_size=3).map("/".join)


def expected(spec, relative: str) -> bool:
    return bool(spec.check_file(relative).include)


@settings(max_examples=500, deadline=None)
@given(PATTERN_LINES, PATHS, st.booleans())
def test_the_combined_search_decides_as_pathspec_does(lines, path, is_dir):
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # a line pathspec refuses is refused by the walk too
        return
    ignore_file = _IgnoreFile("/repo", spec)
    folder, _, name = path.rpartition("/")
    entry = name + ("/" if is_dir else "")
    relative_folder = folder + "/" if folder else ""
    assert _ignored([(ignore_file, relative_folder)], entry) == expected(spec, relative_folder + entry)


def test_a_typical_python_gitignore_is_one_search():
    spec = pathspec.GitIgnoreSpec.from_lines(["__pycache__/", "*.py[cod]", "build/", "/site", "!keep.pyc"])
    ignore_file = _IgnoreFile("/repo", spec)
    assert ignore_file.anything is not None  # the fast path is built, not skipped
    assert not _ignored([(ignore_file, "pkg/")], "module.py")
    assert _ignored([(ignore_file, "pkg/")], "module.pyc")
    assert not _ignored([(ignore_file, "pkg/")], "keep.pyc")
    assert _ignored([(ignore_file, "")], "site/") and not _ignored([(ignore_file, "pkg/")], "site/")
    assert _ignored([(ignore_file, "a/b/")], "build/")
