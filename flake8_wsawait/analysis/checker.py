"""Checking one parsed file: the walk records facts (walker.py), the resolve step finds
which getter each call reaches (resolve.py), the judge step decides the rules
(judge.py); here the allowlist is applied and the violations put in order."""

from __future__ import annotations

import ast
from typing import Optional, Sequence

from . import names
from .definitions import Definitions
from .judge import Judge
from .names import CLASS
from .prefilter import prefilter
from .resolve import ProjectKinds, Resolver
from .textscan import PositionIndex, import_aliases
from .walker import Walker
from ..config.settings import Settings
from ..model import Violation
from ..sourcefile import analysis_text, split_lines


def check_tree(
    tree: ast.Module, text: str, filename: str, settings: Settings, lines: Optional[Sequence[str]] = None,
    project: Optional[ProjectKinds] = None,
) -> list[Violation]:
    """All violations in one parsed file, allowlist applied, in position order.

    `lines` are `text` split with line endings kept (flake8 has them already);
    `project` tells what the project's other modules define.
    """
    if "\r" in text:  # the parser counts "\r" and "\r\n" as line breaks too
        text, lines = analysis_text(text), None
    if lines is None:
        lines = split_lines(text)
    candidates = prefilter(settings).candidate_names(text)
    wanted = candidates | import_aliases(text, candidates) if candidates else frozenset()
    # Dotted consumers resolve through imports, which are always visited; only a
    # bare consumer name (`create_task`) may be shadowed by a local def.
    bare_consumers = {c for c in settings.consumers if "." not in c}
    index = PositionIndex(text, wanted | bare_consumers if wanted else ())
    module = names.module_parts(filename, settings.project_root)
    facts = Walker(settings, module, index, candidates).walk(tree)
    if project is not None:
        project.enter(filename, module, text, tree)
    resolver = Resolver(settings, facts, tree, text, lines, filename, module, candidates, project)
    violations = Judge(settings, facts, resolver, tree, text, lines, candidates).run()
    unique = {(v.line, v.col, v.code): v for v in violations}
    return sorted(
        (v for v in unique.values() if not settings.allowed(filename, v.code, v.getter)),
        key=lambda v: v.sort_key,
    )


def method_kinds(
    tree: ast.Module, text: str, filename: str, settings: Settings, wanted: frozenset[str],
) -> list[tuple[str, Optional[str]]]:
    """(name, ASYNC / SYNC / None) for every method of these names that the file's
    classes define, judged as same-file definitions judge them (project_methods.py)."""
    module = names.module_parts(filename, settings.project_root)
    facts = Walker(settings, module, PositionIndex(text, wanted), wanted).walk(tree)
    definitions = Definitions(tree, facts.defs, facts.rebound)
    return [(node.name, definitions.kind(node)) for scope, node in facts.defs if scope.kind == CLASS]
