"""Option parsing and validation, independent of any front end."""

from __future__ import annotations

import os

import pytest

from flake8_wsawait.analysis.prefilter import prefilter
from flake8_wsawait.config.settings import (
    DEFAULT_CONSUMERS, OPTIONS, ConfigError, RawValue, default_settings, resolve_settings,
)


def settings(base_dir="/proj", **values):
    layer = {name.replace("_", "-"): RawValue(v, "setup.cfg", base_dir) for name, v in values.items()}
    return resolve_settings([layer], base_dir)


def test_defaults_match_the_spec():
    s = default_settings()
    assert [g.name for g in s.sync_getters] == ["get_websocket_manager"]
    assert [g.name for g in s.async_getters] == ["get_websocket_manager_async"]
    assert s.sync_getters[0].pair == "get_websocket_manager_async"
    assert s.async_getters[0].pair == "get_websocket_manager"
    assert s.allow == () and s.allow_in_raises is True and s.infer is False
    assert s.consumers == DEFAULT_CONSUMERS
    assert s.infer_names == ("get_*manager*",)


def test_every_option_is_prefixed_and_has_help():
    for spec in OPTIONS:
        assert spec.name.startswith("wsawait-") and spec.help


@pytest.mark.parametrize("text", ["a, b", "a,b", "a\nb", " a ,\n  b ,", "a b"])
def test_list_strings_split_on_commas_and_whitespace(text):
    s = settings(wsawait_sync_getters=text)
    assert [g.name for g in s.sync_getters] == ["a", "b"]


def test_toml_lists_and_dotted_names():
    s = settings(wsawait_sync_getters=["app.db.get_db_manager", "get_x"])
    assert [(g.name, g.final, g.dotted) for g in s.sync_getters] == [
        ("app.db.get_db_manager", "get_db_manager", True),
        ("get_x", "get_x", False),
    ]


@pytest.mark.parametrize("async_name", ["get_x_async", "async_get_x", "aget_x"])
def test_pairs(async_name):
    s = settings(wsawait_sync_getters="get_x, get_y", wsawait_async_getters=f"pkg.{async_name}")
    assert s.sync_getters[0].pair == async_name
    assert s.sync_getters[1].pair is None
    assert s.async_getters[0].pair == "get_x"


@pytest.mark.parametrize(
    "value, expected",
    [("true", True), ("False", False), ("yes", True), ("off", False), ("1", True), (" 0 ", False),
     (True, True), (False, False)],
)
def test_booleans(value, expected):
    assert settings(wsawait_allow_in_raises=value).allow_in_raises is expected


def test_consumers_replace_and_extend():
    s = settings(wsawait_consumers="mylib.run", wsawait_extend_consumers="x.spawn, mylib.run")
    assert s.consumers == ("mylib.run", "x.spawn")
    assert settings(wsawait_extend_consumers="x.spawn").consumers == DEFAULT_CONSUMERS + ("x.spawn",)


def test_first_layer_wins_per_option():
    top = {"wsawait-infer": RawValue("true", "command line", "/")}
    below = {
        "wsawait-infer": RawValue(False, "pyproject.toml", "/"),
        "wsawait-sync-getters": RawValue(["get_a"], "pyproject.toml", "/"),
    }
    s = resolve_settings([top, below], "/")
    assert s.infer is True
    assert [g.name for g in s.sync_getters] == ["get_a"]


def test_allow_entries_parse_and_normalise_like_flake8():
    s = settings(
        base_dir="/proj",
        wsawait_allow="tests/compat/*.py: WSA001\nscripts/legacy/**\n*_test.py: WSA0, get_x; ../other/*.py",
    )
    assert [(e.path.pattern, e.items) for e in s.allow] == [
        ("/proj/tests/compat/*.py", ("WSA001",)),
        ("/proj/scripts/legacy/**", ()),
        ("*_test.py", ("WSA0", "get_x")),
        (os.path.abspath("/other/*.py"), ()),
    ]


def test_allow_matching():
    s = settings(base_dir="/proj", wsawait_allow=["tests/*.py: WSA001 app.db.get_db", "legacy_*.py"])
    [tests_entry, legacy_entry] = s.allow
    assert tests_entry.path.matches("/proj/tests/test_a.py")
    assert tests_entry.path.matches("/proj/tests/deeper/test_a.py")  # fnmatch's * crosses '/', as in flake8
    assert not tests_entry.path.matches("/proj/src/test_a.py")
    assert legacy_entry.path.matches("/anywhere/legacy_job.py")
    getter = default_settings().sync_getters[0]
    assert tests_entry.allows("WSA001", getter) and not tests_entry.allows("WSA002", getter)
    db_getter = settings(wsawait_sync_getters="app.db.get_db").sync_getters[0]
    assert tests_entry.allows("WSA003", db_getter)
    assert legacy_entry.allows("WSA002", getter)


@pytest.mark.parametrize(
    "option, value, fragment",
    [
        ("wsawait-allow", ": WSA001", "empty glob"),
        ("wsawait-allow", "tests/*.py: WSA009", "unknown code 'WSA009'"),
        ("wsawait-allow", "tests/*.py: E501", "unknown code 'E501'"),
        ("wsawait-allow", "tests/*.py: not-a-name", "neither a code nor a getter name"),
        ("wsawait-allow", 5, "expected a list"),
        ("wsawait-allow", ["ok.py", 3], "expected a list"),
        ("wsawait-sync-getters", "get-manager", "not a name or dotted name"),
        ("wsawait-sync-getters", "app..get", "not a name or dotted name"),
        ("wsawait-sync-getters", "app.1get", "not a name or dotted name"),
        ("wsawait-async-getters", "get_x_async", None),
        ("wsawait-consumers", "asyncio.gather()", "not a name or dotted name"),
        ("wsawait-consumers", "asyncio.gather", None),
        ("wsawait-sync-getters", "get_x", None),
        ("wsawait-sync-getters", True, "expected a list of strings"),
        ("wsawait-sync-getters", {"a": 1}, "expected a list of strings"),
        ("wsawait-infer", "maybe", "expected true or false"),
        ("wsawait-infer", 1, "expected true or false"),
        ("wsawait-allow-in-raises", "", "expected true or false"),
        ("wsawait-infer-names", 3, "expected a list of strings"),
    ],
)
def test_malformed_values_are_one_line_errors_naming_the_option(option, value, fragment):
    layer = {option: RawValue(value, "pyproject.toml", "/proj", typed=not isinstance(value, str))}
    if fragment is None:
        resolve_settings([layer], "/proj")
        return
    with pytest.raises(ConfigError) as info:
        resolve_settings([layer], "/proj")
    text = str(info.value)
    assert "\n" not in text
    assert f"'{option}'" in text and "pyproject.toml" in text and fragment in text


def test_a_getter_cannot_be_both_sync_and_async():
    with pytest.raises(ConfigError, match="both name 'get_x'"):
        settings(wsawait_sync_getters="get_x", wsawait_async_getters="get_x")


def test_huge_lists_are_fine():
    names = ", ".join(f"get_manager_{i}" for i in range(5000))
    assert len(settings(wsawait_sync_getters=names).sync_getters) == 5000


def test_empty_getter_list_means_no_getters():
    s = settings(wsawait_sync_getters="")
    assert s.sync_getters == () and len(s.async_getters) == 1


@pytest.mark.parametrize(
    "option, value",
    [("wsawait-sync-getters", "get_x"), ("wsawait-infer", "true"), ("wsawait-allow", "tests/*.py")],
)
def test_toml_values_must_have_the_right_type(option, value):
    with pytest.raises(ConfigError, match=f"'{option}' in pyproject.toml"):
        resolve_settings([{option: RawValue(value, "pyproject.toml", "/", typed=True)}], "/")


@pytest.mark.parametrize("glob", ["*", "?*", "get_*", "*manager*", "[gs]et_*"])
def test_infer_name_globs_match_whole_identifiers_never_the_empty_string(glob):
    s = settings(wsawait_infer="true", wsawait_infer_names=glob)
    names = prefilter(s).candidate_names("x = get_manager(a) + set_y  # 1 (2)\n")
    assert "" not in names and all(n.isidentifier() for n in names)


def test_star_glob_with_inference_finishes(tmp_path):
    """Found by fuzzing: `*` once matched the empty name and alias scanning never ended."""
    import ast

    from flake8_wsawait.analysis.checker import check_tree

    s = settings(wsawait_infer="true", wsawait_infer_names="*")
    source = "import os as o\nx = o.path\n"
    assert check_tree(ast.parse(source), source, str(tmp_path / "m.py"), s) == []


def test_lone_carriage_returns_count_as_line_breaks():
    """Found by fuzzing: a backslash continuation ended by a lone CR shifted every position."""
    import ast

    from flake8_wsawait.analysis.checker import check_tree

    source = "try:\n pass\nfinally\\\r:\n pass\n\n\ndef f():\n    get_websocket_manager_async()\n"
    found = check_tree(ast.parse(source), source, "m.py", default_settings())
    assert [(v.line, v.code) for v in found] == [(9, "WSA003")]


@pytest.mark.parametrize("data, may", [
    (b"m = await get_conn()\n", True),  # a sync getter awaited
    (b"m = get_conn_async()\n", True),  # an async getter: its name contains the sync one's
    (b"m = get_conn()\n", False),  # a sync getter just called: nothing to report
    (b"def get_pool_client():\n    return 1\n", True),  # defines a name wsawait-infer-names matches
    ("async def get_café_client():\n    return 1\n".encode(), True),  # a non-ASCII name
    (b"def get_pool():\n    return client\n", False),  # the anchor, but not in a def's name
    (b"pool_client = 1\n", False),  # spells the glob's anchor, defines nothing
    (b"import os\n", False),
])
def test_the_byte_pre_filter(data, may):
    s = settings(wsawait_sync_getters="get_conn", wsawait_async_getters="get_conn_async",
                 wsawait_infer_names="get_*_client")
    assert prefilter(s).may_contain_getters(data) is may


def test_the_pre_filter_searches_the_fewest_needles():
    s = settings(wsawait_sync_getters="get_conn, db.get_manager",
                 wsawait_async_getters="get_conn_async, get_manager_async")
    # `manager` is the default wsawait-infer-names anchor: every manager getter contains it.
    assert sorted(prefilter(s)._needles) == [b"get_conn", b"manager"]
