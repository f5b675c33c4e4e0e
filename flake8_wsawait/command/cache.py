"""Results of unchanged files, kept between runs, as ruff keeps them.

One JSON file per configuration fingerprint (tool version, Python version,
settings and code selection) in `.wsawait_cache/` (with a `.gitignore` of
`*` and a CACHEDIR.TAG); an entry is a file's absolute path, size,
modification time and reports.  A file changed within the last two seconds
is not stored: its next change could keep the same time stamp.  A missing,
corrupt or foreign cache file is an empty cache; a cache is written to a
temporary file and renamed, so concurrent runs never leave it torn.  JSON,
never pickle: a cache file is data, never code to run.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zlib
from typing import Optional, Sequence

from .. import __version__
from ..model import Edit, Fix, Report, Unless
from ..rules import ALL_CODES, FILE_NOT_CHECKED, FixSafety
from .project_index import still_true

CACHE_DIR_NAME = ".wsawait_cache"
_RACY_NS = 2_000_000_000
_FORMAT = 5


def cache_directory(explicit: Optional[str], project_root: str) -> str:
    """`--cache-dir`, else WSAWAIT_CACHE_DIR, else `.wsawait_cache` in the project root."""
    return explicit or os.environ.get("WSAWAIT_CACHE_DIR") or os.path.join(project_root, CACHE_DIR_NAME)


def fingerprint(*parts: object) -> str:
    """What a cached result depends on besides its file, as text kept in the cache."""
    return repr((_FORMAT, __version__, sys.version, parts))


class ResultCache:
    def __init__(self, directory: str, key: str, state: str = "") -> None:
        """`key`: the fingerprint, checked on load (its CRC only names the file: a
        clash costs a rebuild, never a wrong result). `state`: what every entry
        also depends on (in inference mode, the project's files); a cache saved
        with another key or state is empty."""
        name = zlib.crc32(key.encode("utf-8", "surrogatepass"))
        self.path = os.path.join(directory, f"{name:08x}.json")
        self.key = key
        self.state = state
        self.directory = directory
        self.entries: dict[str, list] = {}
        self.changed = False
        self.started = time.time_ns()
        self.cwd = os.path.join(os.getcwd(), "")  # with its separator: a relative path is appended
        try:
            with open(self.path, encoding="utf-8") as handle:
                data = json.load(handle)
            if isinstance(data, dict) and data.get("key") == key and data.get("state", "") == state:
                files = data.get("files")
                self.entries = files if isinstance(files, dict) else {}
        except (OSError, ValueError):
            pass  # no cache yet, or one that is not ours: start empty

    def get(self, path: str) -> Optional[list[Report]]:
        """The file's reports, if it is unchanged since they were stored."""
        entry = self.entries.get(self._key(path))
        if not (isinstance(entry, list) and len(entry) == 4):
            return None
        try:
            status = os.stat(path)
        except OSError:
            return None  # the check reports why
        size, mtime, reports, dependencies = entry
        if size != status.st_size or mtime != status.st_mtime_ns:
            return None
        if dependencies and not (isinstance(dependencies, dict) and still_true(dependencies)):
            return None  # a module its answers were read from changed
        try:
            return [_report(path, item) for item in reports]
        except (TypeError, ValueError, KeyError, IndexError):
            return None  # a foreign entry

    def put(
        self, path: str, status: os.stat_result, reports: list[Report], dependencies: Optional[dict] = None,
    ) -> None:
        """`dependencies`: the other files the reports were read from, path -> (size,
        time stamp) or None for a file that was looked for and not found."""
        dependencies = dependencies or {}
        recent = self.started - _RACY_NS
        if status.st_mtime_ns > recent or any(s is not None and s[1] > recent for s in dependencies.values()):
            return  # too recent to trust its time stamp (or one it depends on)
        if reports and any(r.code == FILE_NOT_CHECKED.code for r in reports):
            return  # a read error that may pass
        entry = [status.st_size, status.st_mtime_ns, [_plain(r) for r in reports], dependencies]
        self.entries[self._key(path)] = entry
        self.changed = True

    def forget_unseen(self, folders: list[str], paths: list[str]) -> None:
        """Drop the entries of files below `folders` (absolute, ending in a separator)
        that this run's walk of them did not find: deleted, renamed or now excluded.
        Only while the cache holds more files than the run checks, so it stays about
        the size of the tree and a warm run pays nothing for this."""
        if not folders or len(self.entries) <= len(paths):
            return
        seen = {self._key(path) for path in paths}
        below = tuple(folders)
        stale = [key for key in self.entries if key not in seen and key.startswith(below)]
        for key in stale:
            del self.entries[key]
        self.changed = self.changed or bool(stale)

    def _key(self, path: str) -> str:
        """The absolute path (paths from discovery are normalised already)."""
        return path if os.path.isabs(path) else self.cwd + path

    def save(self) -> None:
        if not self.changed:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            tag = "Signature: 8a477f597d28d172789f06886806bc55\n"  # https://bford.info/cachedir/
            for name, text in ((".gitignore", "*\n"), ("CACHEDIR.TAG", tag)):
                marker = os.path.join(self.directory, name)
                if not os.path.exists(marker):
                    with open(marker, "w", encoding="utf-8") as handle:
                        handle.write(text)
            temporary = f"{self.path}.{os.getpid()}.tmp"
            # dumps(), not dump(): only the one-shot encoder is the C one (twice as fast here).
            text = json.dumps({"key": self.key, "state": self.state, "files": self.entries})
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs the next run time


def project_state(roots: Sequence[str]) -> Optional[str]:
    """A digest of every `*.py` below the roots (path, size, time stamp) and of the
    installed packages (their folders' time stamps): in inference mode a file's
    result may depend on any of them. None while a file is too recent to trust."""
    import hashlib
    import site

    from ..files.discovery import walk

    digest = hashlib.sha256()
    racy = time.time_ns() - _RACY_NS
    for root in roots:
        if not os.path.isdir(root):
            continue
        for path in walk(root):
            if not isinstance(path, str):
                continue
            try:
                status = os.stat(path)
            except OSError:
                continue
            if status.st_mtime_ns > racy:
                return None
            digest.update(f"{os.path.abspath(path)}\0{status.st_size}\0{status.st_mtime_ns}\n".encode(
                "utf-8", "surrogateescape"))
    for packages in site.getsitepackages() + [site.getusersitepackages()]:
        try:
            digest.update(f"{packages}\0{os.stat(packages).st_mtime_ns}\n".encode("utf-8", "surrogateescape"))
        except OSError:
            pass
    return digest.hexdigest()


def _plain(report: Report) -> list:
    fix = None
    if report.fix is not None:
        edits = [[e.line, e.col, e.end_line, e.end_col, e.text] for e in report.fix.edits]
        fix = [report.fix.safety.value, edits]
    return [
        report.line, report.col, report.code, report.message, fix, report.end_line, report.end_col,
        None if report.unless is None else list(report.unless),
    ]


_SAFETY = {safety.value: safety for safety in FixSafety}


def _report(path: str, item: list) -> Report:
    """A stored report, checked field by field: a warm run may decode thousands."""
    line, col, code, message, fix, end_line, end_col, unless = item
    if not (
        type(line) is int and type(col) is int and code in ALL_CODES and type(message) is str
        and (end_line is None or type(end_line) is int) and (end_col is None or type(end_col) is int)
        and (unless is None or (type(unless) is list and len(unless) == 3))
    ):
        raise ValueError("not an entry of this version")
    if fix is not None:
        safety, edits = fix
        fix = Fix(_SAFETY[safety], tuple(map(Edit._make, edits)))
    if unless is not None:
        name, is_async, in_tests = unless
        if not (type(name) is str and type(is_async) is bool and type(in_tests) is bool):
            raise ValueError("not an entry of this version")
        unless = Unless(name, is_async, in_tests)
    return Report(path, line, col, code, message, fix, end_line, end_col, unless)


def clean(directory: str) -> bool:
    """Remove a cache directory; whether there was one."""
    import shutil

    if not os.path.isdir(directory):
        return False
    shutil.rmtree(directory, ignore_errors=True)
    return True
