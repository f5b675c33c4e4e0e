"""The project index, question by question: each silence it keeps, both ways.

Every test writes a small project and checks one file in process, as both front
ends do (check_tree with the process's index); the fixture project
(tests/index_project) runs the same forms through the real commands.
"""

from __future__ import annotations

import ast
import textwrap
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from flake8_wsawait.analysis.checker import check_tree
from flake8_wsawait.command.project_index import ProjectIndex
from flake8_wsawait.config.settings import Settings
from flake8_wsawait.files.site_packages import library_roots

STORES = '''
class StoreManager:
    pass


class UserStore:
    async def get_user_manager(self):
        return StoreManager()


class LegacyStore:
    def get_user_manager(self):
        return StoreManager()
'''


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    return tmp_path


def _reports(root: Path, rel: str) -> list[tuple[int, str]]:
    settings = Settings((), (), project_root=str(root))
    path = root / rel
    text = path.read_text()
    found = check_tree(ast.parse(text), text, str(path), settings, project=ProjectIndex(settings))
    return [(v.line, v.code) for v in found]


def test_a_declared_parameter_decides_by_its_class(tmp_path):
    root = _project(tmp_path, {"svc/__init__.py": "", "svc/stores.py": STORES, "app.py": '''
        from typing import Optional, Union
        from svc.stores import LegacyStore, UserStore


        async def declared(store: UserStore, maybe: "Optional[UserStore]", either: Union[UserStore, None]):
            a = store.get_user_manager()
            b = maybe.get_user_manager()
            c = either.get_user_manager()
            return a.x, b.x, c.x


        async def undecided(two: Union[UserStore, LegacyStore], many: list[UserStore], store: UserStore):
            store = LegacyStore()
            a = two.get_user_manager()
            b = store.get_user_manager()
            return a.x, b.x, [s.get_user_manager() for s in many]
    '''})
    assert _reports(root, "app.py") == [(7, "WSA002"), (8, "WSA002"), (9, "WSA002")]


def test_a_declaration_follows_inference_mode_s_policy(tmp_path):
    """A declared object may be of a subclass, or, for a Protocol, of any class: the
    subclass's override in the class's module and an interface's body decide nothing,
    while the class made right there is exactly that class."""
    interfaces = STORES + '''

class StreamingStore(LegacyStore):
    async def get_user_manager(self):
        return StoreManager()


class Gateway(Protocol):
    async def get_user_manager(self):
        ...
'''
    stores = "from typing import Protocol\n" + interfaces
    root = _project(tmp_path, {"svc/__init__.py": "", "svc/stores.py": stores, "app.py": '''
        from svc.stores import Gateway, LegacyStore


        async def declared(legacy: LegacyStore, gateway: Gateway):
            a = await legacy.get_user_manager()
            b = gateway.get_user_manager()
            return a, b.x


        async def made():
            return await LegacyStore().get_user_manager()
    '''})
    assert _reports(root, "app.py") == [(12, "WSA001")]
    # Near misses: the override, the Protocol and the interface's body each decide alone.
    plain = stores.replace("class StreamingStore(LegacyStore)", "class StreamingStore")
    for protocol, stub, expected in [
        (True, True, [(6, "WSA001"), (12, "WSA001")]),
        (True, False, [(6, "WSA001"), (12, "WSA001")]),
        (False, True, [(6, "WSA001"), (12, "WSA001")]),
        (False, False, [(6, "WSA001"), (7, "WSA002"), (12, "WSA001")]),
    ]:
        text = plain if protocol else plain.replace("class Gateway(Protocol)", "class Gateway")
        text = text if stub else text.replace("        ...\n", "        return StoreManager()\n")
        (root / "svc" / "stores.py").write_text(text)
        assert _reports(root, "app.py") == expected, (protocol, stub)


def test_a_class_name_bound_otherwise_in_the_file_decides_nothing(tmp_path):
    files = {"svc/__init__.py": "", "svc/stores.py": STORES}
    near_miss = '''
        from svc.stores import UserStore


        async def load():
            manager = UserStore().get_user_manager()
            return manager.name
    '''
    root = _project(tmp_path, {**files, "app.py": near_miss})
    assert _reports(root, "app.py") == [(6, "WSA002")]
    for shadow in (
        "UserStore = object\n",  # re-bound at the module level, on a line naming no getter
        "try:\n    from svc.stores import UserStore\nexcept ImportError:\n    UserStore = None\n",
    ):
        (root / "app.py").write_text(shadow + textwrap.dedent(near_miss))
        assert _reports(root, "app.py") == [], shadow
    (root / "app.py").write_text(textwrap.dedent(near_miss).replace(
        "async def load():\n", "async def load(UserStore=None):\n"))
    assert _reports(root, "app.py") == []  # a parameter of that name


def test_self_attributes_decide_by_every_store_in_the_file(tmp_path):
    root = _project(tmp_path, {"svc/__init__.py": "", "svc/stores.py": STORES, "app.py": '''
        from svc.stores import LegacyStore, UserStore


        class Service:
            def __init__(self, store: UserStore, other, legacy=False):
                self.store = store
                self.made = UserStore()
                self.either = LegacyStore() if legacy else UserStore()
                self.handed = other

            async def run(self):
                a = self.store.get_user_manager()
                b = self.made.get_user_manager()
                c = self.either.get_user_manager()
                d = self.handed.get_user_manager()
                return a.x, b.x, c.x, d.x
    '''})
    assert _reports(root, "app.py") == [(13, "WSA002"), (14, "WSA002")]


def test_a_class_body_declaration_decides_with_the_stores_it_does_not_contradict(tmp_path):
    root = _project(tmp_path, {"svc/__init__.py": "", "svc/stores.py": STORES, "app.py": '''
        from dataclasses import dataclass
        from typing import ClassVar

        from svc.stores import LegacyStore, UserStore


        @dataclass
        class Service:
            store: UserStore
            shared: ClassVar[UserStore]

            async def run(self):
                a = self.store.get_user_manager()
                b = self.shared.get_user_manager()
                return a.x, b.x


        class Child(Service):
            async def again(self):
                manager = self.store.get_user_manager()
                return manager.x


        class Mixed:
            backend: UserStore

            def __init__(self, legacy):
                self.backend = LegacyStore() if legacy else None

            async def run(self):
                manager = self.backend.get_user_manager()
                return manager.x
    '''})
    # ClassVar is no instance's declaration; a store of another class makes the answers disagree.
    assert _reports(root, "app.py") == [(14, "WSA002"), (21, "WSA002")]
    text = (root / "app.py").read_text()
    (root / "app.py").write_text(text.replace("LegacyStore() if legacy", "UserStore() if legacy"))
    assert _reports(root, "app.py") == [(14, "WSA002"), (21, "WSA002"), (32, "WSA002")]


def test_self_and_super_follow_bases_in_other_modules_and_overrides_here(tmp_path):
    root = _project(tmp_path, {"svc/__init__.py": "", "svc/stores.py": STORES, "app.py": '''
        from svc.stores import LegacyStore, UserStore


        class Cached(UserStore):
            async def warm(self):
                manager = self.get_user_manager()
                return manager.x

            async def again(self):
                manager = super().get_user_manager()
                return manager.x


        class Legacy(LegacyStore):
            async def warm(self):
                return await self.get_user_manager()


        class Modern(Legacy):
            async def get_user_manager(self):
                return None
    '''})
    # Legacy's own subclass here overrides get_user_manager with an async def: self may be one.
    assert _reports(root, "app.py") == [(7, "WSA002"), (11, "WSA002")]
    text = (root / "app.py").read_text()
    (root / "app.py").write_text(text[:text.index("class Modern")])
    assert _reports(root, "app.py") == [(7, "WSA002"), (11, "WSA002"), (17, "WSA001")]


def test_a_module_instance_decides_by_its_class(tmp_path):
    root = _project(tmp_path, {"svc/__init__.py": "", "svc/stores.py": STORES + '''

def make():
    return UserStore()


shared = UserStore()
made = make()
''', "app.py": '''
        from svc import stores
        from svc.stores import made, shared


        async def load():
            a = shared.get_user_manager()
            b = stores.shared.get_user_manager()
            c = made.get_user_manager()
            return a.x, b.x, c.x
    '''})
    assert _reports(root, "app.py") == [(7, "WSA002"), (8, "WSA002")]


def _environment(root: Path) -> Path:
    (root / ".venv").mkdir()
    (root / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    packages = root / ".venv" / "lib" / "python3.11" / "site-packages"
    packages.mkdir(parents=True)
    return packages


def test_an_installed_library_is_read_from_the_project_environment(tmp_path):
    root = _project(tmp_path, {"app.py": '''
        from fastlib.stores import UserStore


        async def load():
            manager = UserStore().get_user_manager()
            return manager.x
    '''})
    assert _reports(root, "app.py") == []  # not installed: unknown
    packages = _environment(root)
    assert str(packages) in library_roots(str(root))
    _project(packages, {"fastlib/__init__.py": "", "fastlib/stores.py": STORES})
    assert _reports(root, "app.py") == [(6, "WSA002")]
    # The compiled module beside the source is what Python loads: nothing is known of it.
    (packages / "fastlib" / f"stores{EXTENSION_SUFFIXES[0]}").write_bytes(b"\x7fELF")
    assert _reports(root, "app.py") == []


@pytest.mark.parametrize("layout", ["project first", "library only"])
def test_the_project_s_own_module_comes_before_an_installed_one(tmp_path, layout):
    root = _project(tmp_path, {"app.py": '''
        from svc.stores import LegacyStore


        async def load():
            return await LegacyStore().get_user_manager()
    '''})
    _project(_environment(root), {"svc/__init__.py": "", "svc/stores.py": STORES})
    if layout == "project first":
        _project(root, {"svc/__init__.py": "", "svc/stores.py": STORES.replace(
            "class LegacyStore:\n    def", "class LegacyStore:\n    async def")})
        assert _reports(root, "app.py") == []
    else:
        assert _reports(root, "app.py") == [(6, "WSA001")]


@pytest.mark.parametrize("where", ["this file", "another module"])
def test_a_hand_on_is_judged_on_the_function_s_own_lines_past_a_form_feed(tmp_path, where):
    """A form feed is no line break to the parser (str.splitlines would count it as one)."""
    describe = (
        "\x0c\ndef describe(manager):\n    # \x0c inside a line\n    title = 'room'\n"
        "    return title + manager.name\n"
    )
    call = "\n\nasync def show(room):\n    return describe(get_room_manager_async(room))\n"
    getter = "async def get_room_manager_async(room):\n    return room\n\n\n"
    if where == "this file":
        root = _project(tmp_path, {"app.py": getter + describe + call})
    else:
        app = getter + "from text import describe\n" + call
        root = _project(tmp_path, {"text.py": describe, "app.py": app})
    [(line, code)] = _reports(root, "app.py")
    assert code == "WSA002"
