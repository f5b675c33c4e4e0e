"""Every option with empty, wrong-type, huge and glob-special values, in every
config file: a documented meaning or a one-line error, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotated import run_flake8
from flake8_wsawait.cli import main
from flake8_wsawait.config.settings import OPTIONS

OPTION_NAMES = [spec.name for spec in OPTIONS] + ["exclude", "extend-exclude"]
INI_VALUES = [
    "", " ", "[", "]", "[!]", "**/", "/abs/*.py", "../*.py", "..", "x" * 100_000, "a,,b", "\t",
    "café", "WSA001", "WSA", "true", "1", "[1, 2]", "-", ":", "*", "a.b.", "\\", "tests/*.py: WSA001",
    "tests/[a: WSA", ": WSA001", "tests/*.py: NOPE1", "x;;y", "\n  a\n  b",
]
TOML_VALUES = [
    "", "[", ["**/"], ["/abs/*.py"], [".."], 1, True, [1, 2], {}, ["x" * 100_000], [""], ["[", "]"],
    1.5, ["[!]"], ["tests/*.py: WSA001"], [": WSA"],
]
SOURCE = "async def f():\n    return await get_websocket_manager()\n"


def toml_key(option: str) -> str:
    return option[len("wsawait-"):] if option.startswith("wsawait-") else option


def check_in_process(root: Path, monkeypatch, capsys) -> tuple[int, str, str]:
    monkeypatch.chdir(root)
    status = main(["check", "-j", "1", "m.py"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_documented_or_one_line_error(status: int, err: str) -> None:
    assert status in (0, 1, 2)
    if status == 2:
        assert err.startswith("wsawait: error: ") and err.count("\n") == 1, err[:300]
    else:
        assert "Traceback" not in err


@pytest.mark.parametrize("option", OPTION_NAMES)
@pytest.mark.parametrize("ini_name", ["setup.cfg", "tox.ini", ".flake8"])
def test_ini_values(tmp_path, monkeypatch, capsys, option, ini_name):
    (tmp_path / "m.py").write_text(SOURCE)
    for value in INI_VALUES:
        text = value.replace("\n", "\n ") if "\n" in value else value
        (tmp_path / ini_name).write_text(f"[flake8]\n{option} = {text}\n")
        status, _, err = check_in_process(tmp_path, monkeypatch, capsys)
        assert_documented_or_one_line_error(status, err)


@pytest.mark.parametrize("option", OPTION_NAMES)
def test_toml_values(tmp_path, monkeypatch, capsys, option):
    (tmp_path / "m.py").write_text(SOURCE)
    for value in TOML_VALUES:
        rendered = "{}" if value == {} else json.dumps(value)
        if isinstance(value, bool):
            rendered = "true"
        (tmp_path / "pyproject.toml").write_text(f"[tool.wsawait]\n{toml_key(option)} = {rendered}\n")
        status, _, err = check_in_process(tmp_path, monkeypatch, capsys)
        assert_documented_or_one_line_error(status, err)


def test_broken_config_files(tmp_path, monkeypatch, capsys):
    (tmp_path / "m.py").write_text(SOURCE)
    for name, text in [
        ("setup.cfg", "[flake8\nwsawait-infer = true\n"),  # unparseable: flake8 ignores it too
        ("pyproject.toml", "[tool.wsawait]\ninfer = \n"),
        ("pyproject.toml", "[tool.wsawait]\ninfer = true\ninfer = false\n"),
        ("pyproject.toml", "tool = 3\n"),
        ("pyproject.toml", "[tool]\nwsawait = []\n"),
        ("pyproject.toml", b"\xff\xfe[tool.wsawait]\n"),
    ]:
        for other in ("setup.cfg", "pyproject.toml"):
            (tmp_path / other).unlink(missing_ok=True)
        if isinstance(text, bytes):
            (tmp_path / name).write_bytes(text)
        else:
            (tmp_path / name).write_text(text)
        status, _, err = check_in_process(tmp_path, monkeypatch, capsys)
        assert_documented_or_one_line_error(status, err)


@pytest.mark.slow
@pytest.mark.parametrize("option", OPTION_NAMES[:-2])
def test_flake8_front_end_on_hostile_values(tmp_path, option):
    (tmp_path / "m.py").write_text(SOURCE)
    for value in ["", "[", "[!]", "**/", "..", "x" * 10_000, ": WSA001", "tests/*.py: NOPE1"]:
        (tmp_path / "setup.cfg").write_text(f"[flake8]\n{option} = {value}\n")
        result = run_flake8(["--select", "WSA", "m.py"], cwd=tmp_path)
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        if result.returncode == 2:
            assert result.stderr.startswith("flake8-wsawait: error: ") and result.stderr.count("\n") == 1


@pytest.mark.parametrize("key, value", [
    ("select", '["WSA9"]'), ("extend-select", '["WSA9"]'), ("ignore", '["WSA9"]'),
    ("extend-ignore", '["WSA9"]'), ("per-file-ignores", '{"*.py" = ["WSA9"]}'),
])
def test_code_errors_name_their_file_and_key(tmp_path, capsys, monkeypatch, key, value):
    """In a monorepo, `'ignore' in [tool.wsawait]` alone does not say which file."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "pyproject.toml").write_text(f"[tool.wsawait]\n{key} = {value}\n")
    (tmp_path / "svc" / "m.py").write_text(SOURCE)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "svc"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"'{key}' in [tool.wsawait] of {Path('svc', 'pyproject.toml')}: unknown code 'WSA9'" in err
