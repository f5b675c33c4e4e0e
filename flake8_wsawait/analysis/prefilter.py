"""What a file's text must hold for a configuration to find anything in it.

Two tests before any parsing: on the bytes, whether the file can give a report at all
(most files of a tree spell no getter, and are never parsed); on the text, which callee
names are worth resolving (the walk visits only the lines that spell them).
"""

from __future__ import annotations

import re

from ..config.settings import Settings, derived

# A name assigned a (dotted) reference whose final name is one of the alternatives.
_ASSIGNED_FROM = r"([A-Za-z_]\w*)[ \t]*(?::[^=\n]*)?=[ \t]*(?:[A-Za-z_]\w*\.)*(?:%s)(?!\w)"


class Prefilter:
    """The two tests for one configuration, their patterns compiled once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        getters = settings.sync_getters + settings.async_getters
        self._async_finals = tuple({g.final.encode() for g in settings.async_getters})
        self._sync_finals = tuple({g.final.encode() for g in settings.sync_getters})
        # Whole words: a short consumer name (`run`) is inside many others (`return`).
        words = b"|".join(re.escape(c.encode()) for c in sorted(settings.consumer_finals)) or b"(?!)"
        self._consumer_words = re.compile(rb"\b(?:%s)\b" % words)
        names = b"|".join(re.escape(final) for final in sorted(self._sync_finals)) or b"(?!)"
        self._sync_definitions = re.compile(rb"def[ \t]+(?:%s)\b" % names)
        self._needles = _fewest_needles(
            set(self._async_finals) | set(self._sync_finals) | set(settings.infer_globs.byte_anchors)
        )
        # The byte test searches for UTF-8: a non-ASCII name looks different in a file
        # saved in another encoding (the command transcodes such files first).
        self.names_are_ascii = all(
            name.isascii()
            for name in [g.name for g in getters] + list(settings.consumers) + list(settings.infer_names)
        )

    def candidate_names(self, text: str) -> frozenset[str]:
        """The callee names worth resolving in this text: configured getters and the
        identifiers matching `wsawait-infer-names` (a definition in this file or in
        the project decides their kind, in fast mode too)."""
        found = {final for final in self.settings.getters_by_final if final in text}
        matched = self.settings.infer_globs.names_in(text)
        found |= matched
        if matched and self.settings.infer:
            # `factory = get_cache_manager`, then `await factory()`: inference follows the name.
            alternatives = "|".join(map(re.escape, sorted(matched)))
            found.update(re.findall(_ASSIGNED_FROM % alternatives, text))
        return frozenset(found)

    def may_contain_getters(self, data: bytes) -> bool:
        """Byte-level pre-check: could this file give a report at all?

        An async getter's name alone may; a sync getter's only beside `await` or a
        consumer's name (WSA001 is about awaiting it). Most files spelling a sync
        getter just call it, so they are not even parsed.
        """
        for needle in self._needles:  # most files spell none: one search rules them out
            if needle in data:
                break
        else:
            return False
        if any(final in data for final in self._async_finals):
            return True
        if any(final in data for final in self._sync_finals) and (
            b"await" in data or self._consumer_words.search(data) is not None
            or self._sync_definitions.search(data) is not None  # its own def decides its kind
        ):
            return True
        # A matching name: defined here, or imported from the project's modules.
        return self.settings.infer_globs.occur_in_bytes(data)


def _fewest_needles(needles: set[bytes]) -> tuple[bytes, ...]:
    """Needles such that a text holding any of the given ones holds one of these:
    `get_x_async` contains `get_x`, so searching for `get_x` alone tells whether
    either could be there. Past a few dozen, minimising costs more than it saves."""
    if len(needles) > 64:
        return tuple(needles)
    kept: list[bytes] = []
    for needle in sorted(needles, key=len):
        if not any(shorter in needle for shorter in kept):
            kept.append(needle)
    return tuple(kept)


def prefilter(settings: Settings) -> Prefilter:
    """The prefilter of these settings, made once."""
    return derived(settings, Prefilter)
