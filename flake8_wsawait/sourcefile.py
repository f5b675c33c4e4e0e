"""Reading a source file exactly: its encoding, BOM and line endings are kept
so that a fix can write back every byte it did not change."""

from __future__ import annotations

import io
import os
from typing import NamedTuple, Optional, Sequence

from .errors import first_line


class SourceError(Exception):
    """A file that cannot be read or decoded; the message is one line."""


class Source(NamedTuple):
    text: str  # decoded, line endings as in the file, BOM removed
    encoding: str  # as tokenize detects it; "utf-8-sig" when the file has a BOM
    data: bytes  # the bytes read: a fix is written only over these, unchanged

    def encode(self, text: str) -> bytes:
        return text.encode(self.encoding)


def decode(data: bytes) -> Source:
    import tokenize  # only a file that is checked is decoded: a warm run never pays for it

    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # an unknown or inconsistent coding cookie
        raise SourceError(f"cannot decode: {exc}") from None
    try:
        text = data.decode(encoding)
    except (ValueError, LookupError) as exc:  # UnicodeError, and codecs that are not text encodings
        raise SourceError(f"cannot decode as {encoding}: {first_line(exc)}") from None
    return Source(text, encoding, data)


_CHUNK = 1 << 16


def read_bytes(path: str) -> bytes:
    """A file's bytes, through the descriptor: about twice as fast as open().read()
    on the many small files of a tree (no buffered reader, no fstat)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        chunk = os.read(fd, _CHUNK)
        if len(chunk) < _CHUNK:  # a short read of a regular file is its end
            return chunk
        chunks = [chunk]
        while chunk:
            chunk = os.read(fd, _CHUNK)
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def char_column(lines: Sequence[str], lineno: int, byte_col: int) -> Optional[int]:
    """The character column of an `ast` column (a UTF-8 byte offset) on a line;
    None where the line has no such position."""
    if not 1 <= lineno <= len(lines):
        return None
    line = lines[lineno - 1]
    if line.isascii():
        return byte_col
    prefix = line.encode("utf-8", "surrogatepass")[:byte_col]
    try:
        return len(prefix.decode("utf-8"))
    except UnicodeDecodeError:
        return None


def analysis_text(text: str) -> str:
    """The text with every line ending as "\\n": line numbers as the parser counts them,
    every column unchanged."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """Lines with their endings, split where Python's tokenizer splits them.

    Unlike str.splitlines, form feeds and other Unicode separators inside a
    line do not start a new line.
    """
    return io.StringIO(text, newline="").readlines()
