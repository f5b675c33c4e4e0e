"""Every annotated case through `wsawait check`: the same reports as flake8 gives."""

from __future__ import annotations

import pytest

from annotated import (
    all_cases, assert_reports_match, case_params, expectations, parse_reports, run_flake8, run_wsawait,
)

CASES = all_cases()


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_through_wsawait_matches_flake8(case, tmp_path):
    project = case.materialize(tmp_path)
    mine = run_wsawait(["check", "-j", "1", case.rel_path], cwd=project)
    theirs = run_flake8(["--select", "WSA", case.rel_path], cwd=project)
    assert mine.returncode == theirs.returncode, mine.stderr + theirs.stderr
    assert "Traceback" not in mine.stderr
    assert_reports_match(parse_reports(mine.stdout), expectations(case.text))
    assert mine.stdout == theirs.stdout
