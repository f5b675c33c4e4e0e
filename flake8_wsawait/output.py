"""Output formats for the standalone command: text (flake8's), json (ruff's shape),
github (workflow commands) and sarif (SARIF 2.1.0)."""

from __future__ import annotations

import json
import os
from typing import Sequence

from . import __version__
from .lint import Report
from .rules import ALL_CODES, COMMAND_RULES, FILE_PROBLEMS, RULES, rule_help

FORMATS = ("text", "json", "github", "sarif")


def render(reports: Sequence[Report], fmt: str, colour: bool = False) -> str:
    if fmt == "text":
        return _text(reports, colour)
    return {"json": _json, "github": _github, "sarif": _sarif}[fmt](reports)


_BOLD, _RED, _RESET = "\033[1m", "\033[31m", "\033[0m"


def _text(reports: Sequence[Report], colour: bool) -> str:
    if not colour:
        return "".join(f"{r.path}:{r.line}:{r.col}: {r.code} {r.message}\n" for r in reports)
    return "".join(
        f"{_BOLD}{r.path}{_RESET}:{r.line}:{r.col}: {_BOLD}{_RED}{r.code}{_RESET} {r.message}\n"
        for r in reports
    )


def _location(row: int, column: int) -> dict:
    return {"row": row, "column": column}


def _json(reports: Sequence[Report]) -> str:
    """A list of ruff's JSON objects, so tools that read ruff's output read ours."""
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
            "noqa_row": r.noqa_row or r.line,
            "url": None,
        })
    return json.dumps(items, indent=2) + "\n"


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
