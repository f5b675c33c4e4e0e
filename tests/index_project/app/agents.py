from adklib import InMemorySessionService


async def start(app_name):
    service = InMemorySessionService()
    sessions = service.get_session_manager(app_name)  # expect: WSA002
    sessions.open()
    local = await service.get_local_manager(app_name)  # expect: WSA001
    return local


async def started(app_name):
    service = InMemorySessionService()
    sessions = await service.get_session_manager(app_name)
    return sessions.open()
