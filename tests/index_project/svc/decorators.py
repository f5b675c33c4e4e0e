import functools


def to_coroutine(function):
    """Run a sync function as a coroutine function (what callers must then await)."""

    @functools.wraps(function)
    async def wrapper(*args, **kwargs):
        return function(*args, **kwargs)

    return wrapper
