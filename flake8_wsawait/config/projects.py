"""Which configuration applies to each file: the closest one, as ruff finds it.

A monorepo's `svc/pyproject.toml` configures the files below `svc/` when the
tool runs from the repository root (pre-commit always does).  Each
configuration gives its files their Settings (project root: the
configuration's folder, or `wsawait-project-root`), their excludes and their
code selection; the command line overrides every configuration.
"""

from __future__ import annotations

import os
import sys
from types import MappingProxyType
from typing import Callable, Collection, Mapping, NamedTuple, Optional

from .config_files import (
    ConfigFiles, ConfigLocator, configured_list, read_ini_section, shown_path, toml_list,
    toml_per_file_ignores,
)
from .selection import Selection, parse_codes
from .path_globs import PathPattern
from .settings import ConfigError, Settings, resolve_settings, split_list
from ..errors import first_line


class CommandLine(NamedTuple):
    """What the command line says, overriding every configuration file."""

    options: Mapping = MappingProxyType({})  # option name -> RawValue
    select: Optional[tuple[str, ...]] = None
    extend_select: tuple[str, ...] = ()
    ignore: Optional[tuple[str, ...]] = None
    exclude: Optional[tuple[str, ...]] = None  # replaces the configured `exclude`
    extend_exclude: tuple[str, ...] = ()
    extend_ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (glob, codes), globs from the cwd


class Config(NamedTuple):
    settings: Settings
    excludes: tuple[PathPattern, ...]
    selection: Selection

    def excluded(self, path: str) -> bool:
        return any(pattern.matches(path) for pattern in self.excludes)


class Configs:
    """The configuration of every file of one run, each built once."""

    def __init__(
        self, cwd: str, command_line: CommandLine, explicit: Optional[str] = None, isolated: bool = False,
    ) -> None:
        self.cwd = cwd
        self.command_line = command_line
        self.locator = ConfigLocator(cwd, explicit, isolated)
        self.built: dict[tuple, Config] = {}
        self.by_directory: dict[str, Config] = {}

    def exclusions(
        self, directory: str, names: Optional[Collection[str]] = None, absolute: Optional[str] = None,
    ) -> Optional[Callable[[str], bool]]:
        """What excludes entries of `directory` (a folder as written, holding `names`
        when known, at `absolute` when known) in its configuration, or None when it
        excludes nothing."""
        config = self.for_directory(directory, names, absolute)
        return config.excluded if config.excludes else None

    def for_path(self, path: str) -> Config:
        return self.for_directory(os.path.dirname(path))

    def for_directory(
        self, directory: str, names: Optional[Collection[str]] = None, absolute: Optional[str] = None,
    ) -> Config:
        """The configuration of a folder as written: most paths of a walk share a few."""
        config = self.by_directory.get(directory)
        if config is None:
            config = self.by_directory[directory] = self.for_files(
                self.locator.for_directory(absolute or os.path.abspath(directory or "."), names)
            )
        return config

    def for_cwd(self) -> Config:
        return self.for_files(self.locator.for_directory(self.cwd))

    def for_files(self, files: ConfigFiles) -> Config:
        config = self.built.get(files.key)
        if config is None:
            config = self.built[files.key] = self._build(files)
        return config

    def _build(self, files: ConfigFiles) -> Config:
        line = self.command_line
        settings = resolve_settings([line.options] + files.layers(), files.project_root(self.cwd))
        _warn_about_unreachable_getters(settings)
        excludes = [
            (glob, base) for glob, base in configured_list(files, "exclude") if line.exclude is None
        ] + [(glob, self.cwd) for glob in line.exclude or ()]
        excludes += configured_list(files, "extend-exclude")
        excludes += [(glob, self.cwd) for glob in line.extend_exclude]
        patterns = tuple(PathPattern.from_glob(glob, base) for glob, base in excludes)
        return Config(settings, patterns, self._selection(files))

    def _selection(self, files: ConfigFiles) -> Selection:
        """The command line's codes, then `[flake8]`'s ignore options (as flake8 applies
        them, so that both front ends report the same), then `[tool.wsawait]`'s."""
        line = self.command_line
        section = read_ini_section(files.ini) if files.ini else {}
        toml = _toml_codes(files)
        select = line.select or toml.get("select") or ("WSA",)
        select += line.extend_select + toml.get("extend-select", ())
        # Codes from [flake8] may be any plugin's (ASYNC100): they only ever ignore.
        ignore = line.ignore if line.ignore is not None else (
            _tokens(section.get("ignore", "")) or toml.get("ignore", ())
        )
        ignore += _tokens(section.get("extend-ignore", "")) + toml.get("extend-ignore", ())
        ignore += line.extend_ignore
        per_file = []
        if section.get("per-file-ignores", "").strip():
            from flake8.utils import parse_files_to_codes_mapping

            try:
                mapping = parse_files_to_codes_mapping(section["per-file-ignores"])
            except Exception as exc:  # flake8 raises ValueError (a subclass of its own) here
                where = f"'per-file-ignores' in [flake8] of {shown_path(files.ini)}"
                raise ConfigError(f"{where}: {first_line(exc)}") from None
            # flake8 makes these patterns absolute against the working directory.
            per_file += [(PathPattern.from_glob(glob, self.cwd), tuple(codes)) for glob, codes in mapping]
        for glob, base, codes in toml_per_file_ignores(files):
            where = f"'per-file-ignores' in [tool.wsawait] of {shown_path(files.toml)}"
            per_file.append((PathPattern.from_glob(glob, base), _codes(" ".join(codes), where)))
        per_file += [(PathPattern.from_glob(glob, self.cwd), codes) for glob, codes in line.per_file_ignores]
        return Selection(select, ignore, tuple(per_file))


def _toml_codes(files: ConfigFiles) -> dict[str, tuple[str, ...]]:
    found = {}
    for key in ("select", "extend-select", "ignore", "extend-ignore"):
        items = toml_list(files, key)
        if items:
            found[key] = _codes(" ".join(items), f"'{key}' in [tool.wsawait] of {shown_path(files.toml)}")
    return found


def _codes(text: str, option: str) -> tuple[str, ...]:
    try:
        return parse_codes(text, option)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None


def _tokens(text: str) -> tuple[str, ...]:
    return split_list(text)


_WARNED: set[tuple[str, str]] = set()


def _warn_about_unreachable_getters(settings: Settings) -> None:
    """A dotted getter whose top package is neither in the project nor importable can
    only match through relative imports resolved from the project root: likely a
    wrong root (a config file outside the tree). Warned once, never fatal."""
    import importlib.machinery

    for getter in settings.sync_getters + settings.async_getters:
        if not getter.dotted:
            continue
        top = getter.name.partition(".")[0]
        key = (settings.project_root, top)
        if key in _WARNED:
            continue
        _WARNED.add(key)
        if any(os.path.exists(os.path.join(root, top)) or os.path.exists(os.path.join(root, top + ".py"))
               for root in settings.project_roots):
            continue
        # Installed packages only (the working directory is on sys.path under `python -m`).
        paths = [p for p in sys.path if p and os.path.abspath(p) != os.getcwd()]
        try:
            found = importlib.machinery.PathFinder.find_spec(top, paths) is not None  # imports nothing
        except (ImportError, ValueError):
            found = False
        if not found:
            print(
                f"wsawait: warning: dotted getter {getter.name!r}: no module {top!r} in the project root "
                f"{settings.project_root} (set wsawait-project-root if the root is elsewhere)",
                file=sys.stderr,
            )
