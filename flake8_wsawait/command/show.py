"""`--show-files` and `--show-settings`: what a run would read, and with which options,
so that a user can see for themselves why a file is or is not checked."""

from __future__ import annotations

import os

from ..config.projects import Configs


def shown_files(files: list[str]) -> str:
    """Every file the run would check, one absolute path a line, sorted (as ruff)."""
    return "".join(f"{path}\n" for path in sorted(os.path.abspath(f) for f in files))


def shown_settings(configs: Configs, path: str) -> str:
    """The configuration that applies to `path`: its files, options and selection."""
    absolute = os.path.abspath(path)
    folder = absolute if os.path.isdir(absolute) else os.path.dirname(absolute)
    files = configs.locator.for_directory(folder)
    config = configs.for_directory(folder)
    settings, selection = config.settings, config.selection
    chosen = [f for f in (files.ini, files.toml) if f]

    def names(items) -> str:
        return ", ".join(items) or "(none)"

    rows = [
        ("Settings for", path),
        ("Configuration files", names(chosen) if chosen else "(none: the defaults)"),
        ("Project root", settings.project_root),
        ("wsawait-sync-getters", names(g.name for g in settings.sync_getters)),
        ("wsawait-async-getters", names(g.name for g in settings.async_getters)),
        ("wsawait-allow", names(
            f"{entry.path.pattern}: {' '.join(entry.items)}" if entry.items else entry.path.pattern
            for entry in settings.allow
        )),
        ("wsawait-allow-in-raises", str(settings.allow_in_raises).lower()),
        ("wsawait-consumers", names(settings.consumers)),
        ("wsawait-infer", str(settings.infer).lower()),
        ("wsawait-infer-names", names(settings.infer_names)),
        ("wsawait-infer-roots", names(settings.infer_roots)),
        ("select", names(selection.select)),
        ("ignore", names(selection.ignore)),
        ("per-file-ignores", names(f"{p.pattern}: {' '.join(codes)}" for p, codes in selection.per_file)),
        ("exclude", names(p.pattern for p in config.excludes)),
        ("Excluded", "yes" if config.excluded(path) else "no"),
    ]
    width = max(len(key) for key, _ in rows)
    return "".join(f"{key + ':':<{width + 1}} {value}\n" for key, value in rows)
