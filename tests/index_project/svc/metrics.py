import time


def timed(function):
    async def measured(*args):
        started = time.monotonic()
        try:
            return function(*args)
        finally:
            print(time.monotonic() - started)

    return measured
