"""Output formats for the standalone command: text (flake8's), json, github, sarif."""

from __future__ import annotations

from typing import Sequence

from . import __version__
from .lint import Report
from .rules import RULES, RULES_BY_CODE, rule_help

FORMATS = ("text", "json", "github", "sarif")


def render(reports: Sequence[Report], fmt: str) -> str:
    return {"text": _text, "json": _json, "github": _github, "sarif": _sarif}[fmt](reports)


def _text(reports: Sequence[Report]) -> str:
    return "".join(f"{r.path}:{r.line}:{r.col}: {r.code} {r.message}\n" for r in reports)


def _json(reports: Sequence[Report]) -> str:
    import json

    return json.dumps(
        [
            {
                "filename": r.path,
                "line": r.line,
                "column": r.col,
                "code": r.code,
                "slug": RULES_BY_CODE[r.code].slug if r.code in RULES_BY_CODE else None,
                "message": r.message,
                "fix": {"safety": r.fix.value} if r.fix else None,
            }
            for r in reports
        ],
        indent=2,
    ) + "\n"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(reports: Sequence[Report]) -> str:
    return "".join(
        f"::error title={_escape_property('wsawait ' + r.code)},file={_escape_property(r.path)},"
        f"line={r.line},col={r.col}::{_escape_data(r.code + ' ' + r.message)}\n"
        for r in reports
    )


def _sarif(reports: Sequence[Report]) -> str:
    rule_index = {rule.code: n for n, rule in enumerate(RULES)}
    results = []
    for r in reports:
        result = {
            "ruleId": r.code,
            "level": "error",
            "message": {"text": r.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": r.path.replace("\\", "/")},
                    "region": {"startLine": r.line, "startColumn": r.col},
                },
            }],
        }
        if r.code in rule_index:
            result["ruleIndex"] = rule_index[r.code]
        results.append(result)
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "wsawait",
                "version": __version__,
                "informationUri": "https://pypi.org/project/flake8-wsawait/",
                "rules": [
                    {
                        "id": rule.code,
                        "name": rule.slug,
                        "shortDescription": {"text": rule.summary},
                        "help": {"text": rule_help(rule), "markdown": rule_help(rule)},
                        "defaultConfiguration": {"level": "error"},
                    }
                    for rule in RULES
                ],
            }},
            "results": results,
        }],
    }
    import json

    return json.dumps(document, indent=2) + "\n"
