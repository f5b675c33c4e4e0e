"""The result cache: same output warm as cold, changed files re-checked, never fatal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from annotated import parse_reports, run_wsawait

BAD = "async def f():\n    return await get_websocket_manager()\n"
GOOD = "def f():\n    return get_websocket_manager()\n"
HOUR_AGO = time.time() - 3600


def project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        os.utime(path, (HOUR_AGO, HOUR_AGO))  # old enough for its time stamp to be trusted
    return root


def cache_files(root: Path) -> list[Path]:
    return sorted((root / ".wsawait_cache").glob("*.json"))


def test_a_warm_run_reports_what_a_cold_run_does(tmp_path):
    project(tmp_path, {"bad.py": BAD, "good.py": GOOD, "plain.py": "x = 1\n"})
    cold = run_wsawait(["check", "-j", "1", "."], cwd=tmp_path)
    [cache] = cache_files(tmp_path)
    entries = json.loads(cache.read_text())["files"]
    assert set(entries) == {str(tmp_path / n) for n in ("bad.py", "good.py", "plain.py")}
    assert (tmp_path / ".wsawait_cache" / ".gitignore").read_text() == "*\n"
    warm = run_wsawait(["check", "-j", "1", "--output-format", "json", "."], cwd=tmp_path)
    again = run_wsawait(["check", "-j", "1", "."], cwd=tmp_path)
    assert (again.stdout, again.returncode) == (cold.stdout, cold.returncode) != ("", 0)
    assert json.loads(warm.stdout)[0]["fix"]["applicability"] == "safe"


def test_the_cache_is_really_used(tmp_path):
    """Control: a cached entry with a planted report is shown, so hits skip the file."""
    project(tmp_path, {"good.py": GOOD})
    run_wsawait(["check", "-j", "1", "."], cwd=tmp_path)
    [cache] = cache_files(tmp_path)
    data = json.loads(cache.read_text())
    entry = data["files"][str(tmp_path / "good.py")]
    entry[2] = [[1, 1, "WSA001", "planted", None, 1, 2, None]]
    cache.write_text(json.dumps(data))
    assert [r.code for r in parse_reports(run_wsawait(["check", "."], cwd=tmp_path).stdout)] == ["WSA001"]
    assert run_wsawait(["check", "--no-cache", "."], cwd=tmp_path).stdout == ""


def test_files_gone_from_a_walked_folder_leave_the_cache(tmp_path):
    project(tmp_path, {"a.py": GOOD, "b.py": BAD, "sub/c.py": BAD, "sub/d.py": GOOD})

    def cached() -> set[str]:
        [cache] = cache_files(tmp_path)
        return {os.path.relpath(p, tmp_path) for p in json.loads(cache.read_text())["files"]}

    run_wsawait(["check", "."], cwd=tmp_path)
    assert cached() == {"a.py", "b.py", os.path.join("sub", "c.py"), os.path.join("sub", "d.py")}
    (tmp_path / "b.py").unlink()
    (tmp_path / "sub" / "d.py").unlink()
    run_wsawait(["check", "sub"], cwd=tmp_path)  # the walk of sub/ says nothing of b.py
    assert cached() == {"a.py", "b.py", os.path.join("sub", "c.py")}
    run_wsawait(["check", "sub/c.py", "a.py"], cwd=tmp_path)  # named files walk no folder
    assert cached() == {"a.py", "b.py", os.path.join("sub", "c.py")}
    (tmp_path / "setup.cfg").write_text("[flake8]\nextend-exclude = sub\n")
    assert run_wsawait(["check", "."], cwd=tmp_path).returncode == 0
    assert cached() == {"a.py"}


def test_a_changed_file_is_checked_again(tmp_path):
    project(tmp_path, {"m.py": GOOD})
    assert run_wsawait(["check", "."], cwd=tmp_path).returncode == 0
    (tmp_path / "m.py").write_text(BAD)  # a new size and time stamp
    assert run_wsawait(["check", "."], cwd=tmp_path).returncode == 1


def test_fixes_leave_the_cache_right(tmp_path):
    project(tmp_path, {"m.py": BAD})
    run_wsawait(["check", "."], cwd=tmp_path)
    fixed = run_wsawait(["check", "--fix", "."], cwd=tmp_path)
    assert fixed.returncode == 0 and "await" not in (tmp_path / "m.py").read_text()
    assert run_wsawait(["check", "."], cwd=tmp_path).returncode == 0


def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path):
    project(tmp_path, {"m.py": BAD})
    run_wsawait(["check", "."], cwd=tmp_path)
    [cache] = cache_files(tmp_path)
    saved = json.loads(cache.read_text())
    [(path, (size, mtime, _, _))] = saved["files"].items()
    key = saved["key"]
    for garbage in (
        "{not json", "[]", json.dumps({"key": key, "files": {"x": 1}}),
        json.dumps({"key": key, "files": {path: [0, 0, "x"]}}),
        json.dumps({"key": key, "files": {path: [size, mtime, [["not", "a", "report"]]]}}),
        json.dumps({"key": key, "files": {path: [size, mtime, [["not", "a", "report"]], {}]}}),
        json.dumps({"key": key, "files": {path: [size, mtime, [], "not a mapping"]}}),
        json.dumps({"key": key, "files": {path: [size, mtime, [], {"/nowhere.py": 5, "x": [1, 2, 3]}]}}),
        # Another configuration's results under this file name (a CRC clash): never used.
        json.dumps({"key": key + " ", "files": {path: [size, mtime, []]}}),
    ):
        cache.write_text(garbage)
        result = run_wsawait(["check", "."], cwd=tmp_path)
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr


def test_no_cache_cache_dir_environment_and_clean(tmp_path):
    project(tmp_path, {"m.py": BAD})
    run_wsawait(["check", "--no-cache", "."], cwd=tmp_path)
    assert not (tmp_path / ".wsawait_cache").exists()
    run_wsawait(["check", "--cache-dir", "elsewhere", "."], cwd=tmp_path)
    assert list((tmp_path / "elsewhere").glob("*.json"))
    environment = dict(os.environ, WSAWAIT_CACHE_DIR=str(tmp_path / "from-env"))
    subprocess.run([sys.executable, "-m", "flake8_wsawait", "check", "."], cwd=tmp_path, env=environment,
                   capture_output=True, check=False)
    assert list((tmp_path / "from-env").glob("*.json"))
    run_wsawait(["check", "."], cwd=tmp_path)
    assert (tmp_path / ".wsawait_cache").is_dir()
    cleaned = run_wsawait(["clean"], cwd=tmp_path)
    assert cleaned.returncode == 0 and not (tmp_path / ".wsawait_cache").exists()


def test_a_settings_change_uses_another_cache(tmp_path):
    project(tmp_path, {"m.py": BAD})
    run_wsawait(["check", "."], cwd=tmp_path)
    (tmp_path / "setup.cfg").write_text("[flake8]\nwsawait-sync-getters = other\n")
    assert run_wsawait(["check", "."], cwd=tmp_path).returncode == 0
    assert len(cache_files(tmp_path)) == 2


def test_concurrent_runs_never_tear_the_cache(tmp_path):
    project(tmp_path, {f"m{n}.py": BAD if n % 2 else GOOD for n in range(60)})
    runs = [subprocess.Popen([sys.executable, "-m", "flake8_wsawait", "check", "-j", "1", "."], cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert len(outputs) == 1
    for cache in cache_files(tmp_path):
        assert len(json.loads(cache.read_text())["files"]) == 60
    assert not list((tmp_path / ".wsawait_cache").glob("*.tmp"))


def _age(root: Path, seconds_ago: float) -> None:
    for path in root.rglob("*"):
        os.utime(path, (time.time() - seconds_ago,) * 2)


def test_inference_results_are_cached_until_any_project_module_changes(tmp_path):
    import shutil

    root = tmp_path / "project"
    shutil.copytree(Path(__file__).parent / "inference_project", root)
    _age(root, 3600)
    first = run_wsawait(["check", "-j", "1", "src"], cwd=root)
    [cache] = cache_files(root)
    data = json.loads(cache.read_text())
    assert data["state"] and data["files"]
    # Control: a planted report shows that a warm inference run reads the cache.
    orders = str(root / "src/shop/services/orders.py")
    planted = [[1, 1, "WSA002", "planted", None, 1, 2, None]]
    data["files"][orders][2] = planted
    cache.write_text(json.dumps(data))
    assert "planted" in run_wsawait(["check", "-j", "1", "src"], cwd=root).stdout
    # A module the file resolves through changes: every inference result is recomputed.
    managers = root / "src/shop/managers/cache.py"
    source = managers.read_text()
    managers.write_text(source.replace("def get_cache_manager():", "async def get_cache_manager():"))
    os.utime(managers, (time.time() - 1800,) * 2)
    changed = run_wsawait(["check", "-j", "1", "src"], cwd=root)
    assert "planted" not in changed.stdout
    assert changed.stdout != first.stdout  # the awaited get_cache_manager() is fine now
    assert "src/shop/services/orders.py:12:13: WSA001" in first.stdout
    assert "src/shop/services/orders.py:12:13: WSA001" not in changed.stdout


def test_a_large_tree_is_cached_by_its_workers_run_and_fixes_are_not_cached_stale(tmp_path):
    """From 1,000 files the workers share the reading while this process takes the
    time stamps: every file is cached, and a file a worker fixed is filed as fixed."""
    files = {f"pkg{n % 9}/clean{n}.py": GOOD for n in range(1_100)}
    project(tmp_path, {**files, "bad.py": BAD})
    cold = run_wsawait(["check", "-j", "2", "."], cwd=tmp_path)
    assert [r.code for r in parse_reports(cold.stdout)] == ["WSA001"]
    [cache] = cache_files(tmp_path)
    assert len(json.loads(cache.read_text())["files"]) == 1_101
    assert run_wsawait(["check", "-j", "2", "--fix", "."], cwd=tmp_path).returncode == 0
    # An entry filed under the fixed file's stamp holds the fixed file's (empty) result.
    status = (tmp_path / "bad.py").stat()
    size, mtime, reports, _ = json.loads(cache.read_text())["files"][str(tmp_path / "bad.py")]
    assert (size, mtime) != (status.st_size, status.st_mtime_ns) or reports == []
    assert run_wsawait(["check", "-j", "2", "."], cwd=tmp_path).returncode == 0
