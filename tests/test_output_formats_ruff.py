"""ruff's other output formats, each read back as its consumer reads it: GitLab's code
quality report and reviewdog's rdjson against JSON schemas written from their
specifications (neither project ships one on PyPI), JUnit through junitparser (a
JUnit reader), the rest by their line formats."""

from __future__ import annotations

import json

import jsonschema
import pytest

from annotated import parse_reports, run_wsawait

SOURCE = (
    "async def f():\n    return await get_websocket_manager()\n\n\n"
    "async def g():\n    get_websocket_manager_async()\n"
)
OTHER = "def h():\n    get_websocket_manager_async()\n"

# GitLab's code quality report: https://docs.gitlab.com/ci/testing/code_quality/ (the fields
# it requires, and the severities it knows).
_LINES = {"type": "object", "required": ["begin"], "properties": {"begin": {"type": "integer"}}}
_POSITION = {"type": "object", "required": ["line"],
             "properties": {"line": {"type": "integer", "minimum": 1}, "column": {"type": "integer"}}}
GITLAB_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path"],
                "properties": {
                    "path": {"type": "string", "not": {"pattern": "^/"}},
                    "lines": _LINES,
                    "positions": {"type": "object", "required": ["begin"],
                                  "properties": {"begin": _POSITION, "end": _POSITION}},
                },
                "oneOf": [{"required": ["lines"]}, {"required": ["positions"]}],
            },
        },
    },
}
# reviewdog's DiagnosticResult (proto/rdf/reviewdog.proto), strict: no field it does not define.
_RD_POSITION = {"type": "object", "additionalProperties": False,
                "properties": {"line": {"type": "integer"}, "column": {"type": "integer"}}}
_RD_RANGE = {"type": "object", "additionalProperties": False,
             "properties": {"start": _RD_POSITION, "end": _RD_POSITION}}
_RD_SEVERITY = {"enum": ["UNKNOWN_SEVERITY", "ERROR", "WARNING", "INFO"]}
_RD_SOURCE = {"type": "object", "additionalProperties": False, "required": ["name"],
              "properties": {"name": {"type": "string"}, "url": {"type": "string"}}}
RDJSON_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["diagnostics"],
    "properties": {
        "source": _RD_SOURCE,
        "severity": _RD_SEVERITY,
        "diagnostics": {"type": "array", "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["message", "location"],
            "properties": {
                "message": {"type": "string"},
                "location": {"type": "object", "additionalProperties": False, "required": ["path"],
                             "properties": {"path": {"type": "string"}, "range": _RD_RANGE}},
                "severity": _RD_SEVERITY,
                "source": _RD_SOURCE,
                "code": {"type": "object", "additionalProperties": False, "required": ["value"],
                         "properties": {"value": {"type": "string"}, "url": {"type": "string"}}},
                "suggestions": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False, "required": ["range", "text"],
                    "properties": {"range": _RD_RANGE, "text": {"type": "string"}}}},
                "original_output": {"type": "string"},
            },
        }},
    },
}


@pytest.fixture
def project(tmp_path):
    (tmp_path / "m.py").write_text(SOURCE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "o.py").write_text(OTHER)
    return tmp_path


def _output(project, fmt: str) -> str:
    result = run_wsawait(["check", "-n", "--output-format", fmt, "."], cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_gitlab_code_quality(project):
    items = json.loads(_output(project, "gitlab"))
    jsonschema.validate(items, GITLAB_SCHEMA)
    assert [(i["location"]["path"], i["location"]["positions"]["begin"]["line"], i["check_name"])
            for i in items] == [("m.py", 2, "WSA001"), ("m.py", 6, "WSA002"), ("sub/o.py", 2, "WSA003")]
    assert len({i["fingerprint"] for i in items}) == 3
    # A fingerprint follows the finding, not its line: code added above keeps it.
    (project / "m.py").write_text("import os\n\n\n" + SOURCE)
    moved = json.loads(_output(project, "gitlab"))
    assert {i["fingerprint"] for i in moved} == {i["fingerprint"] for i in items}


def test_rdjson_for_reviewdog(project):
    document = json.loads(_output(project, "rdjson"))
    jsonschema.validate(document, RDJSON_SCHEMA)
    first = document["diagnostics"][0]
    assert first["code"] == {"value": "WSA001"} and first["location"]["path"] == "m.py"
    assert first["location"]["range"]["start"] == {"line": 2, "column": 12}
    assert first["suggestions"] == [{"range": {"start": {"line": 2, "column": 12},
                                               "end": {"line": 2, "column": 18}}, "text": ""}]


def test_junit_reads_back_with_a_junit_reader(project, tmp_path_factory):
    junitparser = pytest.importorskip("junitparser")
    path = tmp_path_factory.mktemp("out") / "junit.xml"
    path.write_text(_output(project, "junit"))
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {"m.py", "sub/o.py"}
    cases = [(case.name, [type(r).__name__ for r in case.result]) for case in suites["m.py"]]
    assert cases == [("wsawait.WSA001", ["Failure"]), ("wsawait.WSA002", ["Failure"])]
    clean = project / "clean"
    clean.mkdir()
    (clean / "ok.py").write_text("x = 1\n")
    empty = run_wsawait(["check", "-n", "--output-format", "junit", "."], cwd=clean).stdout
    path.write_text(empty)
    assert sum(1 for suite in junitparser.JUnitXml.fromfile(str(path)) for _ in suite) == 0


def test_json_lines_is_the_json_objects_one_a_line(project):
    whole = json.loads(_output(project, "json"))
    lines = [json.loads(line) for line in _output(project, "json-lines").splitlines()]
    assert lines == whole


@pytest.mark.parametrize("fmt, first", [
    ("concise", "m.py:2:12: WSA001 [*] 'get_websocket_manager()' is synchronous"),
    ("pylint", "m.py:2: [WSA001] 'get_websocket_manager()' is synchronous"),
    ("azure", "##vso[task.logissue type=error;sourcepath=m.py;linenumber=2;columnnumber=12;code=WSA001;]"
              "'get_websocket_manager()' is synchronous"),
])
def test_line_formats(project, fmt, first):
    lines = _output(project, fmt).splitlines()
    assert len(lines) == 3 and lines[0].startswith(first)
    assert "[*]" not in lines[1]  # an unsafe fix is not applied by --fix


def test_grouped_and_full(project):
    grouped = _output(project, "grouped")
    assert grouped.startswith("m.py:\n  2:12 WSA001 [*] ") and "\n\nsub/o.py:\n  2:5 WSA003 " in grouped
    full = _output(project, "full")
    assert "2 |     return await get_websocket_manager()\n  |            ^^^^^" in full
    assert "= help: Remove `await`" in full
    # Every format names the same reports as the text output.
    assert len(parse_reports(_output(project, "text"))) == 3
