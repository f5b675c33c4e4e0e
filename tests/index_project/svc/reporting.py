import logging

log = logging.getLogger(__name__)


def report_manager(manager):
    log.info("lock manager %s holds %d locks", manager.name, len(manager.held))


def keep_manager(pending, manager):
    pending.append(manager)
