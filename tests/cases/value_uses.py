# wsawait-path: app/sessions/views.py
# wsawait-config: wsawait-sync-getters = get_session
# wsawait-config: wsawait-async-getters = get_session_async, fetch_user
"""The coroutine used as its own result: formatted, unpacked, tested, combined."""
import asyncio
import logging

from app.sessions import fetch_user, get_session, get_session_async

logger = logging.getLogger(__name__)


async def greet(user_id):
    return f"hello {fetch_user(user_id)}"  # expect: WSA002


async def describe(user_id):
    text = str(fetch_user(user_id))  # expect: WSA002
    print(fetch_user(user_id))  # expect: WSA002
    return text + "%s" % fetch_user(user_id)  # expect: WSA002


async def is_admin(user_id):
    user = fetch_user(user_id)  # expect: WSA002
    return isinstance(user, dict) and user.get("admin", False)


async def labels(user_id):
    return "{} / {}".format(fetch_user(user_id), user_id)  # expect: WSA002


async def unpacked(user_id):
    name, email = fetch_user(user_id)  # expect: WSA002
    for key, value in get_session_async(user_id):  # expect: WSA002
        logger.debug("%s=%s", key, value)
    return name, email


async def membership(user_id):
    return "admin" in get_session_async(user_id)  # expect: WSA002


async def either(user_id, cached):
    user = fetch_user(user_id) if cached is None else cached  # expect: WSA002
    return user.name


def session_for(user_id):
    session = get_session_async(user_id)  # expect: WSA003
    session.touch()  # used as the session here, then handed back
    return session


# Not reported: every hand-off.


async def awaited(user_id):
    return f"hello {await fetch_user(user_id)}"


async def logged_then_awaited(user_id):
    pending = fetch_user(user_id)
    logger.debug("fetching %r", user_id)
    return await pending


async def handed_to_gather(user_ids):
    return await asyncio.gather(*[fetch_user(u) for u in user_ids])


def delegates(user_id):
    return get_session_async(user_id)


def delegates_after_binding(user_id):
    session = get_session_async(user_id)
    return session


async def maybe(user_id, enabled):
    pending = fetch_user(user_id) if enabled else None
    return await pending if pending is not None else None


async def sync_session(user_id):
    return "%s" % get_session(user_id)


class PendingSession:
    """An awaitable: `await PendingSession(u)` runs the coroutine through `__await__`."""

    def __init__(self, user_id):
        self.user_id = user_id

    def __await__(self):
        return get_session_async(self.user_id).__await__()

    def state(self):
        return get_session_async(self.user_id).__dict__  # expect: WSA003

    async def touch(self):
        session = get_session_async(self.user_id)  # expect: WSA002
        session.touched = True


class RefreshedSession(PendingSession):
    def __await__(self):
        session = get_session_async(self.user_id)
        logger.debug("refreshing %r", self.user_id)
        return session.__await__()

