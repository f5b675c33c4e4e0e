"""Identifier globs: fnmatch's meaning, linear time, no warnings."""

from __future__ import annotations

import fnmatch
import re
import sys
import time
import warnings

from hypothesis import example, given, settings, strategies as st

from flake8_wsawait.config.name_globs import NameGlobs


@settings(max_examples=400, deadline=None)
@given(st.text("ab_1*?[]!-", max_size=8), st.text("ab_1", min_size=1, max_size=10))
# Found by this test: fnmatch drops a reversed range with both its ends (`1--`), and the
# `!` left first then negates the emptied set: any character.
@example("1[1--!]", "11")
def test_same_meaning_as_fnmatch(glob, name):
    try:
        expected = fnmatch.fnmatchcase(name, glob)
    except re.error:
        if sys.version_info >= (3, 10):
            raise
        expected = False  # Python 3.9's fnmatch fails on a reversed range (`[?-1]`); later ones match nothing
    assert NameGlobs([glob]).matches(name) == expected


def test_a_backtracking_glob_takes_linear_time():
    """`*a*a*...*b` against a long run of `a`: exponential for a backtracking regex."""
    globs = NameGlobs(["*a" * 12 + "*b"])
    started = time.perf_counter()
    assert not globs.matches("a" * 5_000)
    assert globs.names_in("x = " + "a" * 5_000 + "\n") == set()
    assert time.perf_counter() - started < 5  # ~0.1 s; a regex took 46 s at 34 letters


def test_posix_like_sets_warn_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        globs = NameGlobs(["[[:alpha:]]*", "get_[!0-9]*"])
        assert globs.names_in("get_x = get_0 + a") == {"get_x"}


def test_scanning_finds_whole_identifiers_only():
    globs = NameGlobs(["get_*manager*", "*"])
    text = "from m import get_db_manager\nvalue = 1get_manager + x.get_queue_manager_async()\n"
    found = globs.names_in(text)
    assert {"get_db_manager", "get_queue_manager_async", "value", "x", "m"} <= found
    assert not any(name[0].isdigit() for name in found)
