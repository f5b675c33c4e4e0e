"""`--diff`: a unified diff that `patch -p0` and `git apply -p0` apply to give,
byte for byte, what `--fix` writes.

The diff is made of the file's bytes, split at "\\n" only (as both tools
split), so CRLF, lone CR and mixed endings, a BOM and any encoding pass
through untouched; a last line without "\\n" is marked "\\ No newline at end
of file"; names that need it are quoted the way git quotes them; a symbolic
link is named by its target, the file a fix writes.
"""

from __future__ import annotations

import difflib
import os

_NO_NEWLINE = b"\n\\ No newline at end of file\n"
_ESCAPES = {0x07: b"\\a", 0x08: b"\\b", 0x09: b"\\t", 0x0A: b"\\n", 0x0B: b"\\v", 0x0C: b"\\f",
            0x0D: b"\\r", 0x22: b'\\"', 0x5C: b"\\\\"}


def unified_diff(path: str, before: bytes, after: bytes) -> bytes:
    name = quoted_name(_written_path(path))
    chunks = list(difflib.diff_bytes(difflib.unified_diff, _lines(before), _lines(after), name, name))
    for n, chunk in enumerate(chunks):
        # After the two header lines: hunk headers (ending in "\n") and content lines.
        if n >= 2 and not chunk.endswith(b"\n"):
            chunks[n] = chunk + _NO_NEWLINE
    return b"".join(chunks)


def _lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    last = lines.pop()
    return [line + b"\n" for line in lines] + ([last] if last else [])


def _written_path(path: str) -> str:
    """The path a fix writes: through symbolic links, their target."""
    real = os.path.realpath(path)
    if real == os.path.abspath(path):
        return path
    relative = os.path.relpath(real)
    return real if relative.startswith("..") else relative


def quoted_name(path: str) -> bytes:
    """The name as git writes it in a diff header: C-quoted when it holds a space, a
    quote, a backslash, a control character or a byte outside ASCII."""
    raw = os.fsencode(path)
    if all(0x20 < byte < 0x7F and byte not in (0x22, 0x5C) for byte in raw):
        return raw
    out = bytearray(b'"')
    for byte in raw:
        if byte in _ESCAPES:
            out += _ESCAPES[byte]
        elif byte < 0x20 or byte >= 0x7F:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    out += b'"'
    return bytes(out)
