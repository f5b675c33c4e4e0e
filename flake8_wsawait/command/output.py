"""Output formats for the standalone command, with ruff's names: text (flake8's),
concise, full (with the source line), grouped, json and json-lines (ruff's shape),
github (workflow commands), gitlab (code quality), azure (pipeline logging
commands), pylint, junit (XML), rdjson (reviewdog) and sarif (SARIF 2.1.0)."""

from __future__ import annotations

import json
import os
from itertools import groupby
from typing import Optional, Sequence

from .. import __version__
from ..model import Report
from ..rules import ALL_CODES, COMMAND_RULES, FILE_PROBLEMS, RULES, FixSafety, rule_help

FORMATS = (
    "text", "concise", "full", "grouped", "json", "json-lines", "github", "gitlab", "azure", "pylint",
    "junit", "rdjson", "sarif",
)


def render(
    reports: Sequence[Report], fmt: str, colour: bool = False, texts: Optional[dict] = None,
) -> str:
    """`texts`: path -> text of files not on disk as checked (standard input)."""
    if fmt == "text":
        return _text(reports, colour)
    if fmt in ("json", "json-lines", "full"):  # these read the checked files again
        return {"json": _json, "json-lines": _json_lines, "full": _full}[fmt](reports, texts)
    return {
        "concise": _concise, "grouped": _grouped, "github": _github, "gitlab": _gitlab, "azure": _azure,
        "pylint": _pylint, "junit": _junit, "rdjson": _rdjson, "sarif": _sarif,
    }[fmt](reports)


_BOLD, _RED, _RESET = "\033[1m", "\033[31m", "\033[0m"


def _text(reports: Sequence[Report], colour: bool) -> str:
    if not colour:
        return "".join(f"{r.path}:{r.line}:{r.col}: {r.code} {r.message}\n" for r in reports)
    return "".join(
        f"{_BOLD}{r.path}{_RESET}:{r.line}:{r.col}: {_BOLD}{_RED}{r.code}{_RESET} {r.message}\n"
        for r in reports
    )


def _mark(report: Report) -> str:
    """ruff's `[*]`: a fix `--fix` applies."""
    return "[*] " if report.fix is not None and report.fix.safety is FixSafety.SAFE else ""


def _concise(reports: Sequence[Report]) -> str:
    return "".join(f"{r.path}:{r.line}:{r.col}: {r.code} {_mark(r)}{r.message}\n" for r in reports)


def _grouped(reports: Sequence[Report]) -> str:
    """The reports under their file's name, a blank line between files."""
    blocks = []
    for path, group in groupby(reports, key=lambda r: r.path):
        rows = "".join(f"  {r.line}:{r.col} {r.code} {_mark(r)}{r.message}\n" for r in group)
        blocks.append(f"{path}:\n{rows}")
    return "\n".join(blocks)


def _full(reports: Sequence[Report], texts: Optional[dict]) -> str:
    """Each report with the line it stands on and a caret under its span, and what its
    fix does (ruff's default format, without colour)."""
    from ..sourcefile import SourceError, analysis_text, decode, read_bytes

    out, lines_of = [], {}
    for r in reports:
        out.append(f"{r.path}:{r.line}:{r.col}: {r.code} {_mark(r)}{r.message}\n")
        if r.path not in lines_of:
            text = (texts or {}).get(r.path)
            if text is None:
                try:
                    text = decode(read_bytes(r.path)).text
                except (OSError, SourceError):
                    text = ""
            lines_of[r.path] = analysis_text(text).split("\n")
        lines = lines_of[r.path]
        if 0 < r.line <= len(lines):
            source = lines[r.line - 1].expandtabs(1)
            width = len(str(r.line))
            end = r.end_col if r.end_line == r.line and r.end_col and r.end_col > r.col else len(source) + 1
            carets = "^" * max(1, end - r.col)
            pad = " " * width
            marker = f"{' ' * (r.col - 1)}{carets} {r.code}"
            out.append(f"{pad} |\n{r.line} | {source}\n{pad} | {marker}\n{pad} |\n")
            fix_title = ALL_CODES[r.code].fix_title
            if r.fix is not None and fix_title:
                out.append(f"{pad} = help: {fix_title}\n")
        out.append("\n")
    return "".join(out)


def _pylint(reports: Sequence[Report]) -> str:
    return "".join(f"{r.path}:{r.line}: [{r.code}] {r.message}\n" for r in reports)


def _azure(reports: Sequence[Report]) -> str:
    """Azure Pipelines logging commands (`##vso[task.logissue ...]`), as ruff writes them."""
    return "".join(
        f"##vso[task.logissue type=error;sourcepath={r.path};linenumber={r.line};"
        f"columnnumber={r.col};code={r.code};]{r.message}\n"
        for r in reports
    )


def _location(row: int, column: int) -> dict:
    return {"row": row, "column": column}


def _json_lines(reports: Sequence[Report], texts: Optional[dict]) -> str:
    """One of ruff's JSON objects per line."""
    return "".join(json.dumps(item) + "\n" for item in _json_items(reports, texts))


def _json(reports: Sequence[Report], texts: Optional[dict]) -> str:
    """A list of ruff's JSON objects, so tools that read ruff's output read ours."""
    return json.dumps(_json_items(reports, texts), indent=2) + "\n"


def _json_items(reports: Sequence[Report], texts: Optional[dict]) -> list[dict]:
    from .noqa import noqa_rows

    rows = noqa_rows(reports, texts)
    items = []
    for r in reports:
        fix = None
        if r.fix is not None:
            fix = {
                "applicability": r.fix.safety.value,
                "message": ALL_CODES[r.code].fix_title,
                "edits": [
                    {
                        "content": e.text,
                        "location": _location(e.line, e.col + 1),
                        "end_location": _location(e.end_line, e.end_col + 1),
                    }
                    for e in r.fix.edits
                ],
            }
        items.append({
            "cell": None,
            "code": r.code,
            "end_location": _location(r.end_line or r.line, r.end_col or r.col),
            "filename": os.path.abspath(r.path),
            "fix": fix,
            "location": _location(r.line, r.col),
            "message": r.message,
            "noqa_row": rows.get((r.path, r.line), r.line),
            "url": None,
        })
    return items


def _fingerprints(reports: Sequence[Report]) -> list[str]:
    """A stable fingerprint per report (GitLab tells new findings from old ones by it):
    its file, code and message, and how many alike came before it in the file, so
    that moving code does not make an old finding new."""
    import hashlib

    seen: dict[tuple, int] = {}
    found = []
    for r in reports:
        key = (r.path, r.code, r.message)
        seen[key] = seen.get(key, -1) + 1
        text = "\0".join((r.path, r.code, r.message, str(seen[key])))
        found.append(hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest())
    return found


def _gitlab(reports: Sequence[Report]) -> str:
    """GitLab's code quality report (a CodeClimate subset), paths relative to the
    working directory, as ruff writes it."""
    items = []
    for r, fingerprint in zip(reports, _fingerprints(reports)):
        end = {"line": r.end_line or r.line, "column": r.end_col or r.col}
        items.append({
            "check_name": r.code,
            "description": f"{r.code}: {r.message}",
            "fingerprint": fingerprint,
            "severity": "major",
            "location": {
                "path": os.path.relpath(r.path).replace(os.sep, "/"),
                "positions": {"begin": {"line": r.line, "column": r.col}, "end": end},
            },
        })
    return json.dumps(items, indent=2) + "\n"


def _junit(reports: Sequence[Report]) -> str:
    """JUnit XML: a test suite per file, a failing test case per report (ruff's shape)."""
    from xml.etree import ElementTree

    suites = ElementTree.Element("testsuites", name="wsawait", tests=str(len(reports)),
                                 failures=str(len(reports)), errors="0")
    for path, group in groupby(reports, key=lambda r: r.path):
        group = list(group)
        suite = ElementTree.SubElement(suites, "testsuite", name=path, tests=str(len(group)),
                                       failures=str(len(group)), errors="0")
        for r in group:
            case = ElementTree.SubElement(suite, "testcase", name=f"wsawait.{r.code}", classname=path,
                                          line=str(r.line), column=str(r.col))
            failure = ElementTree.SubElement(case, "failure", message=r.message)
            failure.text = f"line {r.line}, col {r.col}, {r.message}"
    if not reports:
        ElementTree.SubElement(suites, "testsuite", name="wsawait", tests="0", failures="0", errors="0")
    body = ElementTree.tostring(suites, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _rdjson(reports: Sequence[Report]) -> str:
    """reviewdog's Diagnostic Format (rdjson), with each fix as suggestions."""

    def position(line: int, column: int) -> dict:
        return {"line": line, "column": column}

    diagnostics = []
    for r in reports:
        item = {
            "message": r.message,
            "location": {
                "path": r.path,
                "range": {"start": position(r.line, r.col),
                          "end": position(r.end_line or r.line, r.end_col or r.col)},
            },
            "severity": "ERROR",
            "code": {"value": r.code},
        }
        if r.fix is not None:
            item["suggestions"] = [
                {"range": {"start": position(e.line, e.col + 1), "end": position(e.end_line, e.end_col + 1)},
                 "text": e.text}
                for e in r.fix.edits
            ]
        diagnostics.append(item)
    document = {"source": {"name": "wsawait"}, "severity": "ERROR", "diagnostics": diagnostics}
    return json.dumps(document, indent=2) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(reports: Sequence[Report]) -> str:
    lines = []
    for r in reports:
        end = f",endLine={r.end_line},endColumn={r.end_col}" if r.end_line and r.end_col else ""
        lines.append(
            f"::error title={_escape_property('wsawait ' + r.code)},file={_escape_property(r.path)},"
            f"line={r.line},col={r.col}{end}::{_escape_data(r.code + ' ' + r.message)}\n"
        )
    return "".join(lines)


_ROOT = "%SRCROOT%"


def _uri(path: str) -> str:
    """A path percent-encoded for a URI, with forward slashes."""
    from urllib.parse import quote  # SARIF only: the other formats never pay for it

    return quote(os.fsencode(path).replace(os.sep.encode(), b"/"))


def _artifact(path: str) -> dict:
    """A path as SARIF wants it: a percent-encoded URI relative to the working directory
    (declared in originalUriBaseIds), or an absolute `file://` URI outside it."""
    relative = os.path.relpath(os.path.abspath(path))
    if relative.startswith(".."):
        return {"uri": "file://" + _uri(os.path.abspath(path))}
    return {"uri": _uri(relative), "uriBaseId": _ROOT}


def _rule_entry(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.slug,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.summary},
        "help": {"text": rule_help(rule), "markdown": rule_help(rule)},
        "defaultConfiguration": {"level": "error"},
    }


def _sarif(reports: Sequence[Report]) -> str:
    rules = RULES + COMMAND_RULES + FILE_PROBLEMS
    rule_index = {rule.code: n for n, rule in enumerate(rules)}
    results = []
    for r in reports:
        region = {"startLine": r.line, "startColumn": r.col}
        if r.end_line and r.end_col:
            region.update(endLine=r.end_line, endColumn=r.end_col)
        results.append({
            "ruleId": r.code,
            "ruleIndex": rule_index[r.code],
            "level": "error",
            "message": {"text": r.message},
            "locations": [{"physicalLocation": {"artifactLocation": _artifact(r.path), "region": region}}],
        })
    root = _uri(os.getcwd()).rstrip("/") + "/"
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wsawait",
                "version": __version__,
                "rules": [_rule_entry(rule) for rule in rules],
            }},
            "originalUriBaseIds": {_ROOT: {"uri": "file://" + root}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(document, indent=2) + "\n"
