"""Which fields of an AST node can hold child nodes worth visiting, per node type."""

from __future__ import annotations

import ast

# Fields that never hold a node worth visiting (names, operators, flags).
_LEAF_FIELDS = {
    "ctx", "op", "ops", "id", "attr", "name", "asname", "arg", "module", "names", "level",
    "kind", "type_comment", "conversion", "is_async", "simple", "rest", "kwd_attrs",
}
# Nodes that bind a name held as a plain string in their `name` field, and the
# `match` mapping pattern (its `rest`).  Pattern nodes exist from Python 3.10.
NAMED_BINDERS = tuple(
    getattr(ast, kind) for kind in ("ExceptHandler", "MatchAs", "MatchStar") if hasattr(ast, kind)
)
MATCH_MAPPING = getattr(ast, "MatchMapping", None)

# Nodes whose fields hold plain Python values only.
_NO_CHILDREN = {ast.Constant} | ({ast.MatchSingleton} if hasattr(ast, "MatchSingleton") else set())
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}

# Node types without source positions (no `lineno`): always visited.
UNPOSITIONED = frozenset(
    {ast.arguments, ast.comprehension, ast.withitem, ast.keyword, ast.alias}
    | ({ast.match_case} if hasattr(ast, "match_case") else set())
)


def child_fields(kind: type) -> tuple[str, ...]:
    fields = _CHILD_FIELDS.get(kind)
    if fields is None:
        fields = () if kind in _NO_CHILDREN else tuple(f for f in kind._fields if f not in _LEAF_FIELDS)
        _CHILD_FIELDS[kind] = fields
    return fields
