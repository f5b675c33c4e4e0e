"""The file's class hierarchy: method resolution orders as the interpreter builds them."""

from __future__ import annotations

import ast

from hypothesis import given, settings, strategies as st

from flake8_wsawait.analysis.hierarchy import Hierarchy, _as_list

# Each class names some earlier classes as bases, in any order; "Imported" stands for a
# base from elsewhere.
HIERARCHIES = st.integers(min_value=1, max_value=7).flatmap(
    lambda count: st.tuples(*[
        st.lists(st.sampled_from([f"C{m}" for m in range(n)] + ["Imported"]), unique=True, max_size=3)
        if n else st.just([])
        for n in range(count)
    ])
)


def _statement(n: int, bases: list[str]) -> str:
    return f"class C{n}({', '.join(bases)}):\n    pass\n"


def _orders(source: str) -> dict[str, object]:
    module = ast.parse(source)
    classes = {c.name: c for c in module.body}
    hierarchy = Hierarchy(classes, [])
    found: dict[str, object] = {}
    for name, cls in classes.items():
        order = hierarchy.order(cls)
        found[name] = None if order is None else [a if type(a) is str else a.name for a in _as_list(order)]
    return found


@settings(max_examples=500, deadline=None)
@given(HIERARCHIES)
def test_orders_are_the_interpreters(bases_of):
    found = _orders("".join(_statement(n, bases) for n, bases in enumerate(bases_of)))
    # Running the generated classes (never linted code) gives Python's own answer.
    namespace: dict[str, object] = {"Imported": type("Imported", (), {})}
    for n, bases in enumerate(bases_of):
        name = f"C{n}"
        try:
            exec(_statement(n, bases), namespace)
        except TypeError:  # Python refuses the order, or a base it refused
            assert found[name] is None
            namespace[name] = None
            continue
        expected = [c.__name__ for c in namespace[name].__mro__ if c is not object]
        assert found[name] == expected


def test_a_base_defined_later_or_the_class_itself_is_from_elsewhere():
    found = _orders("class Client(Client):\n    pass\nclass A(B):\n    pass\nclass B:\n    pass\n")
    assert found == {"Client": ["Client", "Client"], "A": ["A", "B"], "B": ["B"]}


def test_only_bases_known_to_add_no_methods_are_left_out():
    found = _orders(
        "class A(Protocol):\n    pass\n"  # asyncio's, maybe: it has methods
        "class B(Protocol[T]):\n    pass\n"
        "class C(typing.Protocol, abc.ABC, Generic[T], object):\n    pass\n"
        "class D(asyncio.Protocol, mixins.ABCMeta):\n    pass\n"
    )
    assert found == {
        "A": ["A", "Protocol"], "B": ["B"], "C": ["C"], "D": ["D", "asyncio.Protocol", "mixins.ABCMeta"],
    }
