"""One frozen Settings object, and the parsing and validation of every option.

Both front ends hand raw values (strings from the command line and INI files,
typed values from TOML) to `resolve_settings`, so an option means the same
thing wherever it is written and a bad value fails the same way everywhere.
"""

from __future__ import annotations

import os
import re
from typing import Callable, Mapping, NamedTuple, Sequence, TypeVar

from .name_globs import NameGlobs, first_invalid
from ..model import Getter
from .path_globs import PathPattern
from ..errors import first_line
from ..rules import RULES


class ConfigError(Exception):
    """A malformed option value; the message is one line naming option and value."""


class OptionSpec(NamedTuple):
    name: str  # as written in INI files and (with `--`) on the command line
    kind: str  # "list", "bool" or "allow"
    default: object
    help: str

    @property
    def toml_key(self) -> str:
        return self.name[len("wsawait-"):]


DEFAULT_CONSUMERS = (
    "asyncio.gather",
    "asyncio.wait",
    "asyncio.wait_for",
    "asyncio.shield",
    "asyncio.create_task",
    "asyncio.ensure_future",
    "asyncio.run",
    "asyncio.as_completed",
    "asyncio.run_coroutine_threadsafe",
    "asyncio.Task",
    "run_until_complete",
    "create_task",
    "anyio.run",
)

OPTIONS: tuple[OptionSpec, ...] = (
    OptionSpec("wsawait-sync-getters", "list", ("get_websocket_manager",),
               "sync getters, bare or dotted names (comma separated)"),
    OptionSpec("wsawait-async-getters", "list", ("get_websocket_manager_async",),
               "async getters, bare or dotted names (comma separated)"),
    OptionSpec("wsawait-allow", "allow", (),
               "per-path allowlist: one 'GLOB[: ITEM ...]' entry per line (or ';' separated)"),
    OptionSpec("wsawait-allow-in-raises", "bool", True,
               "do not report WSA001 inside pytest.raises/assertRaises(TypeError) blocks"),
    OptionSpec("wsawait-consumers", "list", DEFAULT_CONSUMERS,
               "calls that await or schedule a coroutine argument (replaces the defaults)"),
    OptionSpec("wsawait-extend-consumers", "list", (),
               "calls added to the consumer list"),
    OptionSpec("wsawait-infer", "bool", False,
               "resolve callees with astroid across the project"),
    OptionSpec("wsawait-infer-names", "list", ("get_*manager*",),
               "globs of callee names that inference mode examines"),
    OptionSpec("wsawait-project-root", "path", None,
               "where module paths are counted from, for relative imports (default: the config's folder)"),
    OptionSpec("wsawait-infer-roots", "paths", (),
               "extra import roots for inference mode (besides the project root and its src/)"),
)
OPTIONS_BY_NAME = {spec.name: spec for spec in OPTIONS}


class RawValue(NamedTuple):
    """An option value as found, with where it came from."""

    value: object  # str from INI / command line, TOML-typed from pyproject.toml
    source: str  # shown in error messages: a file name or "command line"
    base_dir: str  # what relative allowlist globs are relative to
    typed: bool = False  # a TOML value: its type must already be right


class AllowEntry(NamedTuple):
    path: PathPattern  # matched like flake8's per-file-ignores patterns
    items: tuple[str, ...]  # codes, code prefixes or getter names; empty = all

    def allows(self, code: str, getter: Getter) -> bool:
        if not self.items:
            return True
        return any(
            code.startswith(item) or item in (getter.name, getter.final)
            for item in self.items
        )


class Settings:
    """One configuration's options, and the lookups derived from them. Never changed
    once made: the command's cache is keyed by its repr."""

    _OPTIONS = (
        "sync_getters", "async_getters", "allow", "allow_in_raises", "consumers", "infer",
        "infer_names", "infer_roots", "project_root",
    )
    __slots__ = _OPTIONS + ("getters_by_final", "consumer_finals", "infer_globs")

    def __init__(
        self,
        sync_getters: tuple[Getter, ...],
        async_getters: tuple[Getter, ...],
        allow: tuple[AllowEntry, ...] = (),
        allow_in_raises: bool = True,
        consumers: tuple[str, ...] = DEFAULT_CONSUMERS,
        infer: bool = False,
        infer_names: tuple[str, ...] = ("get_*manager*",),
        infer_roots: tuple[str, ...] = (),
        project_root: str = ".",
    ) -> None:
        self.sync_getters = sync_getters
        self.async_getters = async_getters
        self.allow = allow
        self.allow_in_raises = allow_in_raises
        self.consumers = consumers
        self.infer = infer
        self.infer_names = infer_names
        self.infer_roots = infer_roots
        self.project_root = project_root
        by_final: dict[str, tuple[Getter, ...]] = {}
        for getter in sync_getters + async_getters:
            by_final[getter.final] = by_final.get(getter.final, ()) + (getter,)
        self.getters_by_final: Mapping[str, tuple[Getter, ...]] = by_final
        self.consumer_finals = frozenset(c.rpartition(".")[2] for c in consumers)
        self.infer_globs = NameGlobs(infer_names)

    @property
    def project_roots(self) -> tuple[str, ...]:
        """Where the project's own top-level modules live: the root, and src/ (the src layout)."""
        return (self.project_root, os.path.join(self.project_root, "src"))

    @property
    def import_roots(self) -> tuple[str, ...]:
        """Where inference mode finds modules by import: the project's roots and the extra ones."""
        return self.project_roots + tuple(self.infer_roots)

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._OPTIONS)
        return f"Settings({fields})"

    def allowed(self, path: str, code: str, getter: Getter) -> bool:
        """True when a `wsawait-allow` entry silences `code` for `getter` in `path`."""
        return any(e.path.matches(path) and e.allows(code, getter) for e in self.allow)


_SPLIT_LIST = re.compile(r"[,\s]+")


def split_list(text: str) -> tuple[str, ...]:
    """The items of a list written with commas or blanks between them, as flake8 writes lists."""
    return tuple(item for item in _SPLIT_LIST.split(text) if item)


_CODE_LIKE = re.compile(r"[A-Z]{1,3}[0-9]{0,3}")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def _is_identifier_path(text: str) -> bool:
    return all(part.isidentifier() for part in text.split("."))


class _Reader:
    """Validates one raw value of one option, raising ConfigError on a bad one."""

    def __init__(self, spec: OptionSpec, raw: RawValue) -> None:
        self.spec = spec
        self.raw = raw

    def fail(self, reason: str, value: object = None) -> ConfigError:
        shown = self.raw.value if value is None else value
        return ConfigError(
            f"invalid value for '{self.spec.name}' in {self.raw.source}: {shown!r}: {reason}"
        )

    def strings(self) -> list[str]:
        value = self.raw.value
        if isinstance(value, str) and not self.raw.typed:
            return list(split_list(value))
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return [item.strip() for item in value if item.strip()]
        raise self.fail("expected a list of strings")

    def identifier_paths(self) -> tuple[str, ...]:
        names = self.strings()
        for name in names:
            if not _is_identifier_path(name):
                raise self.fail("not a name or dotted name", name)
        return tuple(dict.fromkeys(names))

    def globs(self) -> tuple[str, ...]:
        globs = tuple(dict.fromkeys(self.strings()))
        invalid = first_invalid(globs)
        if invalid is not None:
            raise self.fail("a glob over identifiers holds only letters, digits, '_', '*', '?' and [sets]",
                            invalid)
        return globs

    def directories(self) -> tuple[str, ...]:
        """Paths relative to the config's directory, made absolute."""
        paths = [os.path.abspath(os.path.join(self.raw.base_dir, p)) for p in self.strings()]
        return tuple(dict.fromkeys(paths))

    def directory(self) -> str:
        paths = self.directories()
        if len(paths) != 1:
            raise self.fail("expected one directory")
        if not os.path.isdir(paths[0]):
            raise self.fail("no such directory", paths[0])
        return paths[0]

    def boolean(self) -> bool:
        value = self.raw.value
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and not self.raw.typed and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise self.fail("expected true or false")

    def allow_entries(self) -> tuple[AllowEntry, ...]:
        value = self.raw.value
        if isinstance(value, str) and not self.raw.typed:
            texts = [t.strip() for t in re.split(r"[\n;]", value)]
        elif isinstance(value, list) and all(isinstance(t, str) for t in value):
            texts = [t.strip() for t in value]
        else:
            raise self.fail("expected a list of 'GLOB[: ITEM ...]' strings")
        return tuple(self._allow_entry(text) for text in texts if text)

    def _allow_entry(self, text: str) -> AllowEntry:
        glob, colon, rest = text.rpartition(":")
        if not colon:
            glob, rest = text, ""
        glob = glob.strip()
        if not glob:
            raise self.fail("empty glob", text)
        items = split_list(rest)
        for item in items:
            if _CODE_LIKE.fullmatch(item):
                if not any(rule.code.startswith(item) for rule in RULES):
                    raise self.fail(f"unknown code {item!r}", text)
            elif not _is_identifier_path(item):
                raise self.fail(f"{item!r} is neither a code nor a getter name", text)
        return AllowEntry(PathPattern.from_glob(glob, self.raw.base_dir), items)


def pair_names(name: str, is_async: bool) -> list[str]:
    """The names a getter's pair of the other kind may have: `X` pairs with
    `X_async`, `async_X` and `aX`."""
    if not is_async:
        return [name + "_async", "async_" + name, "a" + name]
    found = [name[: -len("_async")]] if name.endswith("_async") else []
    found += [name[len("async_"):]] if name.startswith("async_") else []
    found += [name[1:]] if name.startswith("a") else []
    return [n for n in found if n]


def _pair_of(getter_final: str, others: Sequence[str], is_async: bool) -> str | None:
    wanted = pair_names(getter_final, is_async)
    return next((other for other in others if other in wanted), None)


def _getters(
    sync_names: Sequence[str], async_names: Sequence[str]
) -> tuple[tuple[Getter, ...], tuple[Getter, ...]]:
    sync_finals = [n.rpartition(".")[2] for n in sync_names]
    async_finals = [n.rpartition(".")[2] for n in async_names]
    sync = tuple(
        Getter(n, False, _pair_of(f, async_finals, False)) for n, f in zip(sync_names, sync_finals)
    )
    async_ = tuple(
        Getter(n, True, _pair_of(f, sync_finals, True)) for n, f in zip(async_names, async_finals)
    )
    return sync, async_


def resolve_settings(layers: Sequence[Mapping[str, RawValue]], project_root: str) -> Settings:
    """Build Settings from layers of raw values; the first layer that sets an option wins."""
    values: dict[str, object] = {}
    for spec in OPTIONS:
        raw = next((layer[spec.name] for layer in layers if spec.name in layer), None)
        if raw is None:
            values[spec.name] = spec.default
            continue
        reader = _Reader(spec, raw)
        if spec.kind == "bool":
            values[spec.name] = reader.boolean()
        elif spec.kind == "allow":
            values[spec.name] = reader.allow_entries()
        elif spec.name == "wsawait-infer-names":
            values[spec.name] = reader.globs()
        elif spec.kind == "paths":
            values[spec.name] = reader.directories()
        elif spec.kind == "path":
            values[spec.name] = reader.directory()
        else:
            values[spec.name] = reader.identifier_paths()

    sync_names = values["wsawait-sync-getters"]
    async_names = values["wsawait-async-getters"]
    both = set(sync_names) & set(async_names)
    if both:
        raise ConfigError(
            "'wsawait-sync-getters' and 'wsawait-async-getters' both name "
            f"{sorted(both)[0]!r}: a getter is either sync or async"
        )
    if values["wsawait-infer"]:
        _require_astroid()
    sync, async_ = _getters(sync_names, async_names)
    consumers = tuple(dict.fromkeys(values["wsawait-consumers"] + values["wsawait-extend-consumers"]))
    return Settings(
        sync_getters=sync,
        async_getters=async_,
        allow=values["wsawait-allow"],
        allow_in_raises=values["wsawait-allow-in-raises"],
        consumers=consumers,
        infer=values["wsawait-infer"],
        infer_names=values["wsawait-infer-names"],
        infer_roots=values["wsawait-infer-roots"],
        project_root=values["wsawait-project-root"] or os.path.abspath(project_root),
    )


def _require_astroid() -> None:
    try:
        import astroid  # noqa: F401  (inference mode's engine, a dependency of this package)
    except Exception as exc:
        raise ConfigError(
            f"'wsawait-infer' needs the astroid package, which cannot be imported ({first_line(exc)}); "
            "install it with: pip install astroid"
        ) from None


T = TypeVar("T")
_DERIVED: dict[tuple[int, Callable], tuple[Settings, object]] = {}


def derived(settings: Settings, make: Callable[[Settings], T]) -> T:
    """`make(settings)`, made once per process for these settings (a Settings never
    changes): the patterns, indexes and engines the layers build from them."""
    key = (id(settings), make)
    found = _DERIVED.get(key)
    if found is None or found[0] is not settings:  # an id reused by new settings
        found = _DERIVED[key] = (settings, make(settings))
    return found[1]  # type: ignore[return-value]


def default_settings(project_root: str = ".") -> Settings:
    return resolve_settings([], project_root)
