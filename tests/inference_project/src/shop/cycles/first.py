from .second import *  # noqa: F401,F403  (an import cycle through star imports)


def get_loop_manager():
    """Recursive: inference gives up, nothing is reported."""
    return get_loop_manager()


def get_ping_manager():
    return get_pong_manager()  # noqa: F405
