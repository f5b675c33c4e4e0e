from shop.cycles.first import get_loop_manager, get_ping_manager
from shop.side_effects import get_side_manager


async def uncertain():
    loop = await get_loop_manager()
    ping = await get_ping_manager()
    return loop, ping


async def analysed_not_executed():
    return await get_side_manager()  # expect: WSA001
