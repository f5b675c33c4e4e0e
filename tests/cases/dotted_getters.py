# wsawait-config: wsawait-sync-getters = app.db.get_database_manager
# wsawait-config: wsawait-async-getters = app.db.get_database_manager_async, get_websocket_manager_async
# Dotted getters match only calls that resolve to that path through the imports.
import app
import app.db
import app.db as database
import other.db
from app import db
from app.db import get_database_manager
from app.db import get_database_manager as gdm
from other.db import get_database_manager_async as other_async


async def matched():
    a = await get_database_manager()  # expect: WSA001
    b = await gdm()  # expect: WSA001
    c = await app.db.get_database_manager()  # expect: WSA001
    d = await database.get_database_manager()  # expect: WSA001
    e = await db.get_database_manager()  # expect: WSA001
    db.get_database_manager_async()  # expect: WSA002
    return a, b, c, d, e


async def not_matched(session):
    a = await other.db.get_database_manager()
    b = await session.get_database_manager()
    other_async()
    # The default sync getter is no longer configured: the option replaced it.
    c = await get_websocket_manager()
    return a, b, c


def bare_names_still_match_by_final_name(client):
    client.get_websocket_manager_async()  # expect: WSA003
