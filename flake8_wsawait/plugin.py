"""The flake8 adapter: registers the options, builds Settings once, runs the core."""

from __future__ import annotations

import ast
import functools
import os
import sys
from typing import Any, ClassVar, Iterator, Optional, Sequence

from .analysis.prefilter import prefilter
from . import __version__
from .config.config_files import ConfigFiles, read_ini_options
from .config.projects import CommandLine, Configs
from .config.settings import OPTIONS, ConfigError, RawValue, Settings, default_settings
from .errors import internal_error
from .rules import FILE_NOT_CHECKED


def _option_attr(name: str) -> str:
    return name.replace("-", "_")


def _command_line_layer(options: Any, files: ConfigFiles, cwd: str) -> dict[str, RawValue]:
    """flake8 merged the command line with its INI file; tell the two apart by value:
    the INI file's values come from each file's own configuration instead."""
    ini_values = read_ini_options(files.ini) if files.ini else {}
    layer = {}
    for spec in OPTIONS:
        value = getattr(options, _option_attr(spec.name), None)
        if value is None:
            continue
        from_ini = ini_values.get(spec.name)
        if from_ini is None or from_ini.value != value:
            layer[spec.name] = RawValue(value, "command line", cwd)
    return layer


def _stage1_arguments() -> tuple[str | None, bool]:
    """flake8's own `--config` and `--isolated`.

    flake8 consumes these before plugins see the options, so they are read
    again from the command line, and only when this process is flake8's
    command (not a program using flake8's API with arguments of its own).
    """
    program = os.path.basename(sys.argv[0]) if sys.argv else ""
    if not (program.startswith("flake8") or sys.argv[0].endswith(os.path.join("flake8", "__main__.py"))):
        return None, False
    from flake8.main.options import stage1_arg_parser

    known, _ = stage1_arg_parser().parse_known_args(sys.argv[1:])
    return known.config, known.isolated


def configs_from_flake8(options: Any) -> Configs:
    """The configuration of each file, as `wsawait check` finds it, with flake8's
    command-line values over all (flake8 itself owns code selection)."""
    cwd = os.getcwd()
    config, isolated = _stage1_arguments()
    files = ConfigFiles.discover(cwd, explicit=config, isolated=isolated)
    line = CommandLine(options=_command_line_layer(options, files, cwd))
    configs = Configs(cwd, line, explicit=config, isolated=isolated)
    configs.for_cwd()  # a broken configuration fails here, before any file
    return configs


class Plugin:
    name = "flake8-wsawait"
    version = __version__
    configs: ClassVar[Optional[Configs]] = None  # set by parse_options

    def __init__(self, tree: ast.Module, filename: str, lines: Sequence[str]) -> None:
        self.tree = tree
        self.filename = filename
        self.lines = lines
        # Resolved here, not in run(): flake8 turns an exception raised while it makes
        # the plugin into its one-line "failed during execution" report naming the
        # file, in its main process and in its workers alike.
        self.settings = self._settings()

    @classmethod
    def add_options(cls, manager: Any) -> None:
        for spec in OPTIONS:
            extra = {}
            if spec.kind == "bool":
                # Off by default: a plain flag (`--wsawait-infer`). On by default:
                # a value (`--wsawait-allow-in-raises=false`). In config files both
                # take true/false.
                flag = {"action": "store_const", "const": "true"}
                extra = flag if spec.default is False else {"metavar": "BOOL"}
            manager.add_option(
                f"--{spec.name}", default=None, parse_from_config=True,
                help=f"{spec.help} (default: {_shown_default(spec.default)})", **extra,
            )

    @classmethod
    def parse_options(cls, options: Any) -> None:
        try:
            cls.configs = configs_from_flake8(options)
        except ConfigError as exc:
            print(f"flake8-wsawait: error: {exc}", file=sys.stderr)
            raise SystemExit(2) from None

    def _settings(self) -> Settings:
        if self.configs is None:  # used without flake8's option parsing
            return _fallback_settings()
        try:
            return self.configs.for_path(self.filename).settings
        except ConfigError as exc:  # a broken configuration below the working directory
            # Never SystemExit here: in a flake8 worker process it ends the worker, whose
            # result never arrives, and flake8 waits for it forever.
            raise NestedConfigError(str(exc)) from None

    def run(self) -> Iterator[tuple[int, int, str, type]]:
        settings = self.settings
        text = "".join(self.lines)
        # The standalone command's test, on the file's text as UTF-8: both front ends
        # look at the same files.
        if not prefilter(settings).may_contain_getters(text.encode("utf-8", "surrogatepass")):
            return
        # Imported on first use: a flake8 run over files without getters never pays for it.
        from .analysis.checker import check_tree
        from .command.project_index import project_index
        from .command.project_methods import without_guesses

        try:
            found = check_tree(self.tree, text, self.filename, settings, self.lines, project_index(settings))
        except Exception as exc:  # a bug of ours: flake8 would abort the whole run for one file
            yield 1, 0, f"{FILE_NOT_CHECKED.code} {internal_error(exc)}", type(self)
            return
        for violation in without_guesses(found, settings):
            yield violation.line, violation.col, violation.message, type(self)


class NestedConfigError(ConfigError):
    """A configuration file below the working directory is invalid; flake8 shows
    the exception's repr, which is its message."""

    def __repr__(self) -> str:
        return f"flake8-wsawait: {self}"


@functools.lru_cache(maxsize=1)
def _fallback_settings() -> Settings:
    return default_settings()


def _shown_default(default: object) -> str:
    if isinstance(default, tuple):
        return ", ".join(default) or "none"
    return str(default).lower()
