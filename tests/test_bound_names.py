"""Which names a module's (or class body's) statements bind: a class name bound again
is no class of the file."""

from __future__ import annotations

import ast
import sys

import pytest

from flake8_wsawait.analysis.definitions import names_bound_in

SOURCE = """
import json, os.path as osp
from app import Pool as Alias
a = b = compute()
c, (d, *e) = pairs
f += 1
g: int
h: int = 2
for i, j in items:
    k = i
else:
    l = 0
while cond:
    m = 1
with open(p) as n, lock:
    o = n.read()
try:
    q = 1
except ValueError as r:
    s = 2
finally:
    t = 3
if flag:
    def u():
        inner = 1
    class V:
        attr = 1
del w
x.attr = 1
y[0] = 1
print(z := 1)  # a walrus in an expression: not looked for (expressions are not walked)
"""

BOUND = set("json osp Alias a b c d e f h i j k l m n o q r s t u V w".split())


def test_targets_imports_defs_handlers_and_nested_blocks_bind():
    assert set(names_bound_in(ast.parse(SOURCE).body)) == BOUND


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match statements")
def test_match_patterns_bind():
    source = "match x:\n    case [p1, *p2]:\n        p3 = 1\n    case {'k': p4, **p5} as p6:\n        pass\n"
    assert set(names_bound_in(ast.parse(source).body)) == {"p1", "p2", "p3", "p4", "p5", "p6"}
