"""The plugin on its own code, and on the bundled examples."""

from __future__ import annotations

from annotated import REPO, assert_reports_match, expectations, parse_reports, run_flake8


def test_own_source_is_clean_under_flake8_with_every_plugin():
    result = run_flake8(["flake8_wsawait", "tests", "bench"], cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_examples_report_exactly_their_marked_lines():
    result = run_flake8(["--isolated", "--select", "WSA", "examples"], cwd=REPO)
    reports = parse_reports(result.stdout)
    files = sorted((REPO / "examples").rglob("*.py"))
    for path in files:
        rel = path.relative_to(REPO).as_posix()
        mine = [r for r in reports if r.path == rel]
        assert_reports_match(mine, expectations(path.read_text(encoding="utf-8")))
    assert {r.path for r in reports} <= {p.relative_to(REPO).as_posix() for p in files}
    assert len(reports) == 4


def test_the_readmes_quick_start_command_reports_the_four_examples():
    """`wsawait check examples/` exactly as the README writes it, from the repository root with
    its own configuration (which excludes `examples` from self-linting: a folder named on the
    command line is read all the same, however it is spelt)."""
    from annotated import run_wsawait

    result = run_wsawait(["check", "--no-cache", "examples/"], cwd=REPO)
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(parse_reports(result.stdout)) == 4
    assert len(parse_reports(run_wsawait(["check", "--no-cache", "examples"], cwd=REPO).stdout)) == 4
    assert len(parse_reports(run_flake8(["--select", "WSA", "examples/"], cwd=REPO).stdout)) == 4
