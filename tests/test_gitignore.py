"""`.gitignore` matching: the combined searches in front of the patterns must decide
exactly what the pattern-by-pattern check decides (test_gitignore_git.py holds that
check to real git)."""

from __future__ import annotations

import pathspec
import pytest
from hypothesis import given, settings, strategies as st

from flake8_wsawait.files.gitignore import IgnoreFile, decision

# "0" and "+" make ranges that hold "/" ([+-0]); "!" negated classes ([!a]) that match it.
PATTERN_LINES = st.lists(
    st.text("ab0*?[]!/\\#. -{}()+^$", min_size=1, max_size=8), min_size=0, max_size=6,
)
# Paths as the walk builds them: names a folder can list ("." and ".." it does not),
# a line break among them (pathspec's `(?:.+/)?` does not look past one).
NAMES = st.text("ab.-\n", min_size=1, max_size=4).filter(lambda name: name not in (".", ".."))
PATHS = st.lists(NAMES, min_size=1, max_size=4).map("/".join)


def expected(spec, relative: str) -> bool:
    is_dir = relative.endswith("/")
    return bool(IgnoreFile("/repo", spec).verdict(relative, is_dir))


@pytest.mark.filterwarnings("ignore:Possible nested set:FutureWarning")  # patterns like `[[`
@settings(max_examples=1000, deadline=None)
@given(PATTERN_LINES, PATHS, st.booleans())
def test_the_combined_searches_decide_as_pathspec_does(lines, path, is_dir):
    try:
        spec = pathspec.GitIgnoreSpec.from_lines(lines)
    except Exception:  # a line pathspec refuses is refused by the walk too
        return
    folder, _, name = path.rpartition("/")
    relative_folder = folder + "/" if folder else ""
    ignored = decision([(IgnoreFile("/repo", spec), relative_folder)])
    assert ignored(name, is_dir) == expected(spec, relative_folder + name + ("/" if is_dir else ""))


def test_a_typical_python_gitignore_searches_names_not_paths():
    spec = pathspec.GitIgnoreSpec.from_lines(
        ["__pycache__/", "*.py[cod]", "build/", "develop-eggs/", "/site", "!keep.pyc", "docs/_build/"]
    )
    ignore_file = IgnoreFile("/repo", spec)
    searches = ignore_file._searches
    assert searches is not None and searches.component is not None  # the fast path is built
    assert searches.whole_path is not None  # the anchored ones (/site, docs/_build/) see the path
    in_pkg = decision([(ignore_file, "pkg/")])
    assert not in_pkg("module.py", False) and in_pkg("module.pyc", False) and not in_pkg("keep.pyc", False)
    assert decision([(ignore_file, "")])("site", True) and not in_pkg("site", True)
    in_a_b = decision([(ignore_file, "a/b/")])
    assert in_a_b("build", True) and not in_a_b("build", False)
    assert decision([(ignore_file, "docs/")])("_build", True) and not in_pkg("_build", True)
    # A folder above the entry matching a pattern: the walk lists such a folder's entries
    # only below a path the user named, and a named path is checked (as ruff does).
    assert not decision([(ignore_file, "build/x/")])("module.py", False)
    assert decision([(ignore_file, "build/x/")])("module.pyc", False)


def test_negated_classes_and_ranges_that_match_a_slash_search_the_whole_path():
    spec = pathspec.GitIgnoreSpec.from_lines(["a[!x]b", "c[+-0]d"])
    searches = IgnoreFile("/repo", spec)._searches
    assert searches.component is None and searches.whole_path is not None
    assert decision([(IgnoreFile("/repo", spec), "a/")])("b", False) == expected(spec, "a/b")
