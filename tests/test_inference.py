"""Inference mode on a fixture project, through both front ends."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from annotated import assert_reports_match, expectations, parse_reports, run_flake8, run_wsawait

FIXTURE = Path(__file__).parent / "inference_project"
MARKER = "IMPORTED-BY-THE-LINTER"


@pytest.fixture
def project(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    return root


def sources(root: Path) -> list[Path]:
    return sorted((root / "src").rglob("*.py"))


def assert_matches_marks(root: Path, output: str) -> None:
    reports = parse_reports(output)
    for path in sources(root):
        rel = path.relative_to(root).as_posix()
        assert_reports_match([r for r in reports if r.path == rel], expectations(path.read_text()))
    assert len(reports) == sum(len(expectations(p.read_text())) for p in sources(root)) == 24


@pytest.mark.parametrize("front_end", ["flake8", "wsawait"])
def test_fixture_project_reports_exactly_its_marks(project, front_end):
    if front_end == "flake8":
        result = run_flake8(["--select", "WSA", "src"], cwd=project)
    else:
        result = run_wsawait(["check", "src"], cwd=project)
    assert "Traceback" not in result.stderr, result.stderr
    assert_matches_marks(project, result.stdout)
    assert not list(project.rglob(MARKER)), "inference executed the analysed code"


def test_command_line_switches_turn_inference_on(project):
    (project / "setup.cfg").write_text("[flake8]\n")
    # Without inference, same-file definitions (the class calling its own methods) and the
    # project index (functions imported from the project's modules) decide: a part of the
    # marks, and nothing off them.
    fast = parse_reports(run_wsawait(["check", "src"], cwd=project).stdout)
    marked = {
        (path.relative_to(project).as_posix(), e.line, e.code)
        for path in project.rglob("*.py") for e in expectations(path.read_text())
    }
    assert {(r.path, r.line, r.code) for r in fast} <= marked
    assert {("src/shop/services/selfcalls.py", 9, "WSA001"), ("src/shop/services/orders.py", 13, "WSA002"),
            ("src/shop/services/misc.py", 12, "WSA001")} <= {(r.path, r.line, r.code) for r in fast}
    assert_matches_marks(project, run_wsawait(["check", "--infer", "src"], cwd=project).stdout)
    flake8_result = run_flake8(["--select", "WSA", "--wsawait-infer", "src"], cwd=project)
    assert_matches_marks(project, flake8_result.stdout)


def test_parallel_workers_agree(project):
    serial = run_wsawait(["check", "-j", "1", "src"], cwd=project)
    parallel = run_wsawait(["check", "-j", "2", "src"], cwd=project)
    assert serial.stdout == parallel.stdout != ""


def test_extra_import_roots(tmp_path):
    library = tmp_path / "vendor" / "payments"
    library.mkdir(parents=True)
    (library / "__init__.py").write_text("def get_payment_manager():\n    return {}\n")
    app = tmp_path / "app"
    app.mkdir()
    (app / "pay.py").write_text(
        "from payments import get_payment_manager\n\n\n"
        "async def pay():\n    return await get_payment_manager()\n"
    )
    (app / "setup.cfg").write_text("[flake8]\nwsawait-infer = true\n")
    assert parse_reports(run_wsawait(["check", "pay.py"], cwd=app).stdout) == []
    (app / "setup.cfg").write_text("[flake8]\nwsawait-infer = true\nwsawait-infer-roots = ../vendor\n")
    assert [r.code for r in parse_reports(run_wsawait(["check", "pay.py"], cwd=app).stdout)] == ["WSA001"]


def test_astroid_is_imported_only_in_inference_mode(tmp_path):
    (tmp_path / "m.py").write_text("async def f():\n    return await get_websocket_manager()\n")
    probe = (
        "import sys\n"
        "from flake8_wsawait.cli import main\n"
        "status = main(['check', '-j', '1', 'm.py'{extra}])\n"
        "print('astroid' in sys.modules, status)\n"
    )
    fast = subprocess.run([sys.executable, "-c", probe.format(extra="")], cwd=tmp_path,
                          capture_output=True, text=True)
    assert fast.stdout.splitlines()[-1] == "False 1"
    inferred = subprocess.run([sys.executable, "-c", probe.format(extra=", '--infer'")], cwd=tmp_path,
                              capture_output=True, text=True)
    assert inferred.stdout.splitlines()[-1] == "True 1"


def test_inference_falls_back_to_configured_names_when_uncertain(tmp_path):
    # The getter's module is not in the project: inference cannot tell, the name still counts.
    (tmp_path / "m.py").write_text(
        "from elsewhere import get_websocket_manager\n\n\n"
        "async def f():\n    return await get_websocket_manager()\n"
    )
    result = run_wsawait(["check", "--infer", "m.py"], cwd=tmp_path)
    assert [(r.line, r.code) for r in parse_reports(result.stdout)] == [(5, "WSA001")]


def test_inference_failure_is_unknown_not_a_crash(tmp_path, monkeypatch):
    from flake8_wsawait.analysis.inference import infer
    from flake8_wsawait.analysis.checker import check_tree
    from flake8_wsawait.config.settings import RawValue, resolve_settings

    def explode(self, call):
        raise RecursionError("astroid went too deep")

    monkeypatch.setattr(infer.ProjectInference, "classify", explode)
    settings = resolve_settings([{"wsawait-infer": RawValue("true", "test", str(tmp_path))}], str(tmp_path))
    # Defined in another module: only inference could decide (a same-file def decides without it).
    source = "from elsewhere import get_x_manager\n\n\nasync def f():\n    return await get_x_manager()\n"
    import ast

    assert check_tree(ast.parse(source), source, str(tmp_path / "m.py"), settings) == []


_WITHOUT_ASTROID = "import sys\nsys.modules['astroid'] = None  # import astroid now raises ImportError\n"


@pytest.mark.parametrize("front_end", [
    "from flake8_wsawait.cli import main\nraise SystemExit(main(['check', '--infer', 'm.py']))\n",
    "sys.argv = ['flake8']\nfrom flake8.main.cli import main\n"
    "main(['--select', 'WSA', '--wsawait-infer', 'm.py'])\n",
])
def test_inference_without_astroid_is_a_one_line_error(tmp_path, front_end):
    (tmp_path / "m.py").write_text("async def f():\n    return await get_websocket_manager()\n")
    result = subprocess.run([sys.executable, "-c", _WITHOUT_ASTROID + front_end], cwd=tmp_path,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "'wsawait-infer' needs the astroid package" in result.stderr


def test_only_an_unresolved_receiver_stays_silent_where_the_project_defines_the_other_kind(tmp_path):
    """A configured sync `update_user` (a client library's) and the project's own
    `async def update_user` method: a call whose import names its target is decided by
    that target (reported in both modes); `obj.update_user()` on an object nothing
    resolves may be the project's own service, in both modes alike (silent). A module
    function of that name elsewhere is no method: it decides nothing."""
    (tmp_path / "users").mkdir()
    (tmp_path / "users" / "__init__.py").write_text("")
    (tmp_path / "users" / "store.py").write_text(
        "class UserStore:\n    async def update_user(self, user_id, **fields):\n        return {}\n"
    )
    (tmp_path / "users" / "tasks.py").write_text("async def refresh_token(user_id):\n    return None\n")
    (tmp_path / "handler.py").write_text(
        "from vendor_client import update_user, refresh_token\n\n\n"
        "async def save(user_id, store, session):\n"
        "    await update_user(user_id)  # expect: WSA001\n"
        "    await store.update_user(user_id)\n"
        "    await refresh_token(user_id)  # expect: WSA001\n"
        "    await session.refresh_token(user_id)  # expect: WSA001\n"
    )
    (tmp_path / "setup.cfg").write_text(
        "[flake8]\nwsawait-sync-getters = update_user, refresh_token\nwsawait-async-getters = x_async\n"
    )
    expected = expectations((tmp_path / "handler.py").read_text())
    for args in (["check", "handler.py"], ["check", "--infer", "handler.py"]):
        assert_reports_match(parse_reports(run_wsawait(args, cwd=tmp_path).stdout), expected)
    for args in (["--select", "WSA", "handler.py"], ["--select", "WSA", "--wsawait-infer", "handler.py"]):
        assert_reports_match(parse_reports(run_flake8(args, cwd=tmp_path).stdout), expected)
    # Near miss: without the project's method, the unresolved receiver is reported too.
    (tmp_path / "users" / "store.py").write_text("class UserStore:\n    pass\n")
    # The cache the runs above wrote holds handler.py's reports, and they follow store.py.
    for cache in (["--no-cache"], []):
        fast = parse_reports(run_wsawait(["check", *cache, "handler.py"], cwd=tmp_path).stdout)
        assert [r.line for r in fast] == [5, 6, 7, 8]


def test_compiled_and_interface_bodies_decide_nothing(tmp_path):
    # astroid gives a builtin method (async_generator.aclose) a made-up body: no
    # return there says it is sync. A pure-Python def of that name still decides.
    (tmp_path / "setup.cfg").write_text("[flake8]\nwsawait-infer = true\nwsawait-infer-names = aclose\n")
    (tmp_path / "streams.py").write_text(
        "async def chunks(data):\n"
        "    yield data\n"
        "\n"
        "\n"
        "class Buffer:\n"
        "    def aclose(self):\n"
        "        return None\n"
        "\n"
        "\n"
        "async def drain(data):\n"
        "    stream = chunks(data)\n"
        "    await stream.aclose()\n"
        "    buffer = Buffer()\n"
        "    await buffer.aclose()  # expect: WSA001\n"
    )
    result = run_wsawait(["check", "--no-cache", "streams.py"], cwd=tmp_path)
    assert "Traceback" not in result.stderr, result.stderr
    assert_reports_match(parse_reports(result.stdout), expectations((tmp_path / "streams.py").read_text()))
