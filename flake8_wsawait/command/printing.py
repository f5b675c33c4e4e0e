"""Standard output and error: writing to them, whatever the locale or the reader does."""

from __future__ import annotations

import os
import sys
from typing import Union


class OutputError(Exception):
    """Standard output cannot take the output (closed, full): a one-line error."""


def write_output(text: Union[str, bytes]) -> None:
    """Write to standard output (bytes as they are). A reader that went away
    (`| head`) ends the output quietly; any other failure is an OutputError."""
    if not text:
        return
    if sys.stdout is None:
        raise OutputError("standard output is closed")
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # Nothing more can be shown; point stdout at /dev/null so that the
        # interpreter's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except OSError as exc:
        raise OutputError(f"cannot write the output: {exc.strerror or exc}") from None


def _printable(error: UnicodeError):
    """Encoding error handler for the output streams: file names that are not valid in
    the locale's encoding (undecodable bytes kept as surrogates) are written back as
    the bytes they were; any other unencodable character is escaped."""
    import codecs

    try:
        return codecs.lookup_error("surrogateescape")(error)
    except UnicodeError:
        return codecs.lookup_error("backslashreplace")(error)


def tolerant_streams() -> None:
    import codecs

    codecs.register_error("wsawait.printable", _printable)
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="wsawait.printable")
