from svc import get_lock_manager_async
from svc.reporting import keep_manager, report_manager


async def report(name, pending):
    report_manager(get_lock_manager_async(name))  # expect: WSA002
    keep_manager(pending, get_lock_manager_async(name))  # stored: gathered later
