"""Every annotated case file through the real flake8: exactly the marked reports."""

from __future__ import annotations

import pytest

from annotated import all_cases, assert_reports_match, case_params, expectations, parse_reports, run_flake8

CASES = all_cases()


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_through_flake8(case, tmp_path):
    project = case.materialize(tmp_path)
    result = run_flake8(["--select", "WSA", case.rel_path], cwd=project)
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr
    assert_reports_match(parse_reports(result.stdout), expectations(case.text))


def test_every_case_expects_something_or_says_why():
    for case in CASES:
        assert expectations(case.text) or "not reported" in case.text.lower(), case.id


ALLOW_CASES = [c for c in CASES if c.id.startswith("allow/")]


@pytest.mark.parametrize("case", case_params(ALLOW_CASES))
def test_allow_cases_report_more_without_the_allowlist(case, tmp_path):
    """Control: the allowlist, not something else, is what silences these files."""
    project = case.materialize(tmp_path)
    result = run_flake8(["--select", "WSA", "--isolated", case.rel_path], cwd=project)
    assert len(parse_reports(result.stdout)) > len(expectations(case.text))
