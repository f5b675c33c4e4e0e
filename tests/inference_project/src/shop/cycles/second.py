from .first import *  # noqa: F401,F403


def get_pong_manager():
    return get_ping_manager()  # noqa: F405
