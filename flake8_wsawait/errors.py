"""How an exception is shown: every error of ours is one line, in a report or on stderr."""

from __future__ import annotations


def internal_error(exc: BaseException) -> str:
    """What a file's report says when checking it met a bug of ours."""
    return f"internal error, please report it: {type(exc).__name__}: {first_line(exc)}"


def first_line(exc: BaseException) -> str:
    """The first line of the exception's message, or its type's name when it has none."""
    text = str(exc)
    return text.splitlines()[0] if text.strip() else type(exc).__name__
