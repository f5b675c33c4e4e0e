"""The docs document every rule exactly as `rules.py` declares it, and every option."""

from __future__ import annotations

import re
from pathlib import Path

from annotated import all_cases, expectations
from flake8_wsawait.rules import COMMAND_RULES, MESSAGES, RULES, rule_help
from flake8_wsawait.config.settings import DEFAULT_CONSUMERS, OPTIONS

REPO = Path(__file__).parent.parent
RULES_DOC = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
CONFIGURATION_DOC = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
SEMANTICS_DOC = (REPO / "docs" / "semantics.md").read_text(encoding="utf-8")


def test_every_rule_doc_is_in_the_rules_page_verbatim():
    for rule in RULES + COMMAND_RULES:
        assert rule_help(rule) in RULES_DOC, rule.code


def test_the_readme_links_only_to_pages_that_exist():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    assert targets, "the README links to the docs"
    assert [t for t in targets if not t.startswith("http") and not (REPO / t).exists()] == []


def test_rule_docs_have_ruffs_sections():
    for rule in RULES + COMMAND_RULES:
        sections = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety", "Options")
        for section in sections:
            assert f"#### {section}\n" in rule.doc, (rule.code, section)


def test_every_code_appears_in_an_annotated_case():
    marked = {e.code for case in all_cases() for e in expectations(case.text)}
    assert {rule.code for rule in RULES} <= marked


def test_every_message_template_belongs_to_a_declared_rule():
    assert {code for code, _ in MESSAGES} == {rule.code for rule in RULES + COMMAND_RULES}


def test_codes_fit_flake8s_code_pattern():
    for rule in RULES + COMMAND_RULES:
        assert re.fullmatch(r"[A-Z]{1,3}[0-9]{1,3}", rule.code)


def test_every_option_and_default_consumer_is_documented():
    for spec in OPTIONS:
        assert f"`{spec.name}`" in CONFIGURATION_DOC, spec.name
    for consumer in DEFAULT_CONSUMERS:
        assert f"`{consumer}`" in SEMANTICS_DOC, consumer
