"""Finding and reading configuration files: flake8's INI files and pyproject.toml.

The configuration of a directory is the closest one, as ruff finds it: walk up
from the directory to the first folder holding a `setup.cfg`, `tox.ini` or
`.flake8` with a `[flake8]` section, or a `pyproject.toml` with a
`[tool.wsawait]` table, stopping at the home directory.  Both files of that
folder count; per option, the INI value wins over the TOML one.  Folders
further up are not merged in.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Collection, Iterator

from .settings import OPTIONS, OPTIONS_BY_NAME, ConfigError, RawValue, split_list

if TYPE_CHECKING:
    import configparser

INI_NAMES = ("setup.cfg", "tox.ini", ".flake8")
_CONFIG_NAMES = frozenset(INI_NAMES + ("pyproject.toml",))
_TOML_KEYS = {spec.toml_key: spec.name for spec in OPTIONS}
# Keys the standalone command reads from [tool.wsawait] besides the options.
EXCLUDE_KEYS = ("exclude", "extend-exclude")
SELECTION_KEYS = ("select", "extend-select", "ignore", "extend-ignore", "per-file-ignores")
STANDALONE_TOML_KEYS = EXCLUDE_KEYS + SELECTION_KEYS + ("extend",)


def _did_you_mean(key: str, known) -> str:
    import difflib

    close = difflib.get_close_matches(key, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _walk_up(start: str, home: str | None = None) -> Iterator[str]:
    home = home or os.path.expanduser("~")
    path = os.path.abspath(start)
    while True:
        yield path
        parent = os.path.dirname(path)
        if parent == path or parent == home:
            return
        path = parent


def _read_ini(path: str) -> configparser.RawConfigParser:
    """The parsed file; an unreadable or malformed one (a duplicate section or key
    included) is a ConfigError, never silently skipped."""
    import configparser  # most projects configure nothing in INI files: no run pays for it

    parser = configparser.RawConfigParser()
    try:
        with open(path, encoding="UTF-8") as handle:
            parser.read_file(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read config file {shown_path(path)}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, configparser.Error) as exc:
        reason = " ".join(str(exc).split())
        raise ConfigError(f"cannot parse config file {shown_path(path)}: {reason}") from None
    return parser


def _ini_at(directory: str) -> str | None:
    """The INI file of this folder that flake8 would use, if any."""
    for name in INI_NAMES:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            parser = _read_ini(candidate)
            if "flake8" in parser or "flake8:local-plugins" in parser:
                return candidate
    return None


def read_ini_options(path: str) -> dict[str, RawValue]:
    """Our options from the `[flake8]` section of an INI file, as raw strings."""
    parser = _read_ini(path)
    if "flake8" not in parser:
        return {}
    base_dir = os.path.dirname(os.path.abspath(path))
    source = shown_path(path)
    found: dict[str, RawValue] = {}
    for key, value in parser["flake8"].items():
        name = key.replace("_", "-")
        if name in OPTIONS_BY_NAME:
            found[name] = RawValue(value, source, base_dir)
        elif name.startswith("wsawait"):  # ours, misspelt: never silently ignored
            suggestion = _did_you_mean(name, OPTIONS_BY_NAME)
            raise ConfigError(f"unknown option {key!r} in [flake8] of {source}{suggestion}")
    return found


def read_ini_section(path: str) -> dict[str, str]:
    """The whole `[flake8]` section (the standalone command reads `exclude` from it)."""
    parser = _read_ini(path)
    if "flake8" not in parser:
        return {}
    return {key.replace("_", "-"): value for key, value in parser["flake8"].items()}


def _load_toml(path: str) -> dict:
    # Imported on first use: most runs find no pyproject.toml with our table.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python < 3.11
        import tomli as tomllib
    try:
        status = os.stat(path)
        key = (os.path.abspath(path), status.st_size, status.st_mtime_ns)
        if key not in _PARSED:  # each key of a table is read separately: parse it once
            with open(path, "rb") as handle:
                _PARSED[key] = tomllib.load(handle)
        return _PARSED[key]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None


_PARSED: dict[tuple[str, int, int], dict] = {}


def _pyproject_at(directory: str) -> str | None:
    """This folder's pyproject.toml, if it has a [tool.wsawait] table."""
    candidate = os.path.join(directory, "pyproject.toml")
    try:
        os.stat(candidate)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # there, but unreadable: whether it configures us is unknown
        raise ConfigError(f"cannot read {shown_path(candidate)}: {exc.strerror or exc}") from None
    # Every pyproject.toml met is parsed, as ruff parses them: a broken one may hold
    # our table, and silently running without it would lint with the wrong options.
    # Folders above the closest configuration are never looked at.
    return candidate if "wsawait" in _tool_table(candidate) else None


def find_pyproject(start: str) -> str | None:
    """The nearest pyproject.toml at or above `start` with a [tool.wsawait] table."""
    return next(filter(None, map(_pyproject_at, _walk_up(start))), None)


def _tool_table(path: str) -> dict:
    tool = _load_toml(path).get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"'tool' in {shown_path(path)} is not a table (it is a {type(tool).__name__})")
    return tool


def read_toml_table(path: str) -> dict:
    """`[tool.wsawait]` of the file, with what it extends merged in."""
    return {key: value for key, (value, _) in _merged_table(path).items()}


def _own_table(path: str) -> dict:
    table = _tool_table(path).get("wsawait", {})
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.wsawait] in {path} is not a table")
    return table


def _merged_table(path: str, chain: tuple[str, ...] = ()) -> dict[str, tuple[object, str]]:
    """key -> (value, the file that set it): the table of the file that `extend`
    names first (ruff's `extend`: a path relative to this file, `~` expanded), then
    this file's keys, each replacing the extended file's."""
    own = _own_table(path)
    merged: dict[str, tuple[object, str]] = {}
    extend = own.get("extend")
    if extend is not None:
        if not isinstance(extend, str) or not extend.strip():
            raise ConfigError(f"invalid value for 'extend' in [tool.wsawait] of {shown_path(path)}: "
                              f"{extend!r}: expected the path of a pyproject.toml")
        base = os.path.join(os.path.dirname(os.path.abspath(path)), os.path.expanduser(extend))
        base = os.path.normpath(base)
        if base in chain or base == os.path.abspath(path):
            raise ConfigError(f"'extend' in [tool.wsawait] of {shown_path(path)} makes a cycle: "
                              + " -> ".join(map(shown_path, chain + (path, base))))
        if not os.path.isfile(base):
            raise ConfigError(f"'extend' in [tool.wsawait] of {shown_path(path)}: no file {shown_path(base)}")
        merged.update(_merged_table(base, chain + (os.path.abspath(path),)))
    merged.update((key, (value, path)) for key, value in own.items() if key != "extend")
    return merged


def _origin(files: "ConfigFiles", key: str) -> str:
    """The file whose `[tool.wsawait]` set `key` (this one, or one it extends)."""
    return _merged_table(files.toml).get(key, (None, files.toml))[1]


def read_toml_options(path: str) -> dict[str, RawValue]:
    """Our options from `[tool.wsawait]` (and what it extends), keyed by option name;
    relative paths in a value are relative to the file that set it."""
    found: dict[str, RawValue] = {}
    for key, (value, origin) in _merged_table(path).items():
        base_dir = os.path.dirname(os.path.abspath(origin))
        name = _TOML_KEYS.get(key) or (key if key in OPTIONS_BY_NAME else None)
        if name is None:
            if key in STANDALONE_TOML_KEYS:
                continue
            known = list(_TOML_KEYS) + list(STANDALONE_TOML_KEYS)
            raise ConfigError(f"unknown key {key!r} in [tool.wsawait] of {path}{_did_you_mean(key, known)}")
        if name in found:
            raise ConfigError(
                f"[tool.wsawait] of {path} sets '{name}' twice (as {_toml_key(name)!r} and {key!r})"
            )
        found[name] = RawValue(value, shown_path(origin), base_dir, typed=True)
    return found


def parse_override(text: str, cwd: str) -> tuple[dict[str, RawValue], dict[str, object]]:
    """`--config 'KEY = VALUE'` (ruff's form: a TOML line with any `[tool.wsawait]` key):
    (option values, as a command-line layer; the standalone keys' values, checked)."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # Python < 3.11
        import tomli as tomllib
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"--config {text!r}: not a config file, nor a TOML 'KEY = VALUE': {exc}") from None
    options: dict[str, RawValue] = {}
    standalone: dict[str, object] = {}
    for key, value in table.items():
        name = _TOML_KEYS.get(key) or (key if key in OPTIONS_BY_NAME else None)
        if name is not None:
            options[name] = RawValue(value, f"--config {key}", cwd, typed=True)
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(codes, list) and all(isinstance(c, str) for c in codes) for codes in value.values()
            ):
                raise ConfigError(f"invalid value for 'per-file-ignores' in --config: {value!r}: "
                                  "expected a table of glob = [codes]")
            standalone[key] = value
        elif key == "extend":
            raise ConfigError("'extend' belongs in a pyproject.toml; on the command line, name the file "
                              "with --config FILE")
        elif key in STANDALONE_TOML_KEYS:
            if not isinstance(value, list) or not all(isinstance(g, str) and g.strip() for g in value):
                raise ConfigError(f"invalid value for '{key}' in --config: {value!r}: "
                                  "expected a list of non-empty strings")
            standalone[key] = [g.strip() for g in value]
        else:
            known = list(_TOML_KEYS) + list(STANDALONE_TOML_KEYS)
            raise ConfigError(f"unknown key {key!r} in --config{_did_you_mean(key, known)}")
    return options, standalone


def _toml_key(name: str) -> str:
    return OPTIONS_BY_NAME[name].toml_key


class ConfigFiles:
    """The INI file and the pyproject.toml that configure some files."""

    def __init__(self, ini: str | None, toml: str | None) -> None:
        self.ini = ini
        self.toml = toml

    @property
    def key(self) -> tuple[str | None, str | None]:
        return self.ini, self.toml

    @classmethod
    def closest(cls, start: str) -> "ConfigFiles":
        """The configuration of the closest folder at or above `start` that has one."""
        for directory in _walk_up(start):
            ini, toml = _ini_at(directory), _pyproject_at(directory)
            if ini or toml:
                return cls(ini, toml)
        return cls(None, None)

    @classmethod
    def discover(cls, cwd: str, explicit: str | None = None, isolated: bool = False) -> "ConfigFiles":
        """An explicit file replaces the discovery of files of its own kind only."""
        if isolated:
            return cls(None, None)
        if explicit is None:
            return cls.closest(cwd)
        if not os.path.isfile(explicit):
            raise ConfigError(f"config file not found: {explicit}")
        if explicit.endswith(".toml"):
            return cls(cls.closest(cwd).ini, explicit)
        return cls(explicit, find_pyproject(cwd))

    def project_root(self, cwd: str) -> str:
        """Where module paths (for relative imports) are counted from, unless
        `wsawait-project-root` says otherwise: the configuration's folder."""
        chosen = self.ini or self.toml
        return os.path.dirname(os.path.abspath(chosen)) if chosen else os.path.abspath(cwd)

    def layers(self, read_ini: bool = True) -> list[dict[str, RawValue]]:
        """Raw option values by precedence: INI `[flake8]` first, then `[tool.wsawait]`."""
        layers = []
        if read_ini and self.ini:
            layers.append(read_ini_options(self.ini))
        if self.toml:
            layers.append(read_toml_options(self.toml))
        return layers


class ConfigLocator:
    """The closest configuration of every directory, each folder looked at once."""

    def __init__(self, cwd: str, explicit: str | None = None, isolated: bool = False) -> None:
        self.fixed = ConfigFiles.discover(cwd, explicit, isolated) if explicit or isolated else None
        self.cache: dict[str, ConfigFiles] = {}
        self.home = os.path.expanduser("~")

    def for_directory(self, directory: str, names: Collection[str] | None = None) -> ConfigFiles:
        """`names`: what the folder holds, when a walk listed it already: then only
        the configuration files among them are looked at (a walk meets thousands of
        folders, nearly all without one)."""
        if self.fixed is not None:
            return self.fixed
        directory = os.path.abspath(directory)
        if names is not None and _CONFIG_NAMES.isdisjoint(names):
            # A walk goes top down: the parent folder's answer is known, and is this one's.
            parent = os.path.dirname(directory)
            if parent != self.home and parent in self.cache:
                found = self.cache[directory] = self.cache[parent]
                return found
        walked, found = [], None
        for folder in _walk_up(directory, self.home):
            if folder in self.cache:
                found = self.cache[folder]
                break
            walked.append(folder)
            if folder == directory and names is not None and _CONFIG_NAMES.isdisjoint(names):
                continue
            ini, toml = _ini_at(folder), _pyproject_at(folder)
            if ini or toml:
                found = ConfigFiles(ini, toml)
                break
        found = found or ConfigFiles(None, None)
        for folder in walked:
            self.cache[folder] = found
        return found


def shown_path(path: str) -> str:
    """A config file's path as error messages show it: relative when below the cwd."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def configured_list(files: ConfigFiles, key: str) -> list[tuple[str, str]]:
    """(item, base directory) pairs of a list-valued key of `[flake8]` and `[tool.wsawait]`."""
    found: list[tuple[str, str]] = []
    if files.ini:
        base = os.path.dirname(os.path.abspath(files.ini))
        section = read_ini_section(files.ini)
        found.extend((g, base) for g in split_list(section.get(key, "")))
    if files.toml:
        base = os.path.dirname(os.path.abspath(_origin(files, key)))
        found.extend((item, base) for item in toml_list(files, key))
    return found


def toml_list(files: ConfigFiles, key: str) -> list[str]:
    """A list of strings from `[tool.wsawait]` (empty when not set)."""
    if not files.toml:
        return []
    value = read_toml_table(files.toml).get(key, [])
    if not isinstance(value, list) or not all(isinstance(g, str) and g.strip() for g in value):
        raise ConfigError(
            f"invalid value for '{key}' in [tool.wsawait] of {shown_path(files.toml)}: "
            f"{value!r}: expected a list of non-empty strings"
        )
    return [g.strip() for g in value]


def toml_per_file_ignores(files: ConfigFiles) -> list[tuple[str, str, tuple[str, ...]]]:
    """(glob, base directory, codes) from `per-file-ignores` in `[tool.wsawait]`:
    a table of glob = [codes], as ruff writes it."""
    if not files.toml:
        return []
    value = read_toml_table(files.toml).get("per-file-ignores", {})
    base = os.path.dirname(os.path.abspath(_origin(files, "per-file-ignores")))
    if not isinstance(value, dict) or not all(
        isinstance(codes, list) and all(isinstance(c, str) for c in codes) for codes in value.values()
    ):
        raise ConfigError(
            f"invalid value for 'per-file-ignores' in [tool.wsawait] of {shown_path(files.toml)}: "
            f"{value!r}: expected a table of glob = [codes]"
        )
    return [(glob, base, tuple(codes)) for glob, codes in value.items()]
