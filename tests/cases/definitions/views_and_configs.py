# wsawait-path: custom_components/alarm_panel/__init__.py
# wsawait-config: wsawait-infer-names = get, get_*, build_*, pop
"""An integration: HTTP views with `async def get`, and config dicts read with `.get()`."""
from __future__ import annotations

import asyncio
import copy
import logging
from typing import Any, Coroutine

from aiohttp import web
from homeassistant.components.http import HomeAssistantView
from homeassistant.core import HomeAssistant

from .const import CONF_DEVICES, CONF_HOST, CONF_PIN, DOMAIN

_LOGGER = logging.getLogger(__name__)


class PanelStatusView(HomeAssistantView):
    url = "/api/alarm_panel/{device_id}"
    name = "api:alarm_panel"

    async def get(self, request: web.Request, device_id: str) -> web.Response:
        panel = request.app["hass"].data[DOMAIN].get(device_id)
        return self.json({"state": panel.state if panel else None})

    async def pop(self, request: web.Request) -> web.Response:
        return self.json({})


class PanelRegistry:
    async def get_panel_manager(self, host: str):
        return await self._connect(host)

    async def _connect(self, host: str):
        await asyncio.sleep(0)
        return host


def import_validator(config):
    """Reformat a legacy configuration: `config` is a dict, whatever the views call `get`."""
    config = copy.deepcopy(config)
    for device in config.get(CONF_DEVICES, []):
        device[CONF_HOST] = config.get(CONF_HOST, "")
    return config


def zone_of(device):
    # An unannotated parameter with a dict's method: maybe a dict.
    if device.get(CONF_PIN):
        device.pop(CONF_PIN)
    return device


async def discover(hass: HomeAssistant, entry):
    # Near miss: an unannotated parameter calling a method no builtin type has.
    manager = entry.get_panel_manager(entry.data[CONF_HOST])  # expect: WSA002
    _LOGGER.debug("panel at %s", manager.host)


async def reuse(registry, entry):
    registry = registry or PanelRegistry()
    return registry.get_panel_manager(entry.data[CONF_HOST]).host  # expect: WSA002


async def status(view: PanelStatusView, request: web.Request):
    # Declared as the view: its `get` is a coroutine.
    response = view.get(request, "kitchen")  # expect: WSA002
    return response.status


def build_setup_functions(hass: HomeAssistant, hosts: list[str]) -> list[Coroutine[Any, Any, Any]]:
    registry = PanelRegistry()
    return [registry.get_panel_manager(host) for host in hosts]


def build_panel_settings(hosts: list[str]) -> dict[str, Any]:
    return {"hosts": list(hosts)}


async def async_setup_entry(hass: HomeAssistant, entry) -> bool:
    # The sync function's list is unpacked: gather receives its coroutines.
    managers = await asyncio.gather(*build_setup_functions(hass, entry.data["hosts"]))
    settings = await asyncio.gather(build_panel_settings(entry.data["hosts"]))  # expect: WSA001
    registry = PanelRegistry()
    for host in await asyncio.gather(*registry.get_panel_manager(entry.data[CONF_HOST])):  # expect: WSA002
        _LOGGER.debug("%s", host)
    return bool(managers and settings)


def build_pending(tasks) -> set[asyncio.Task]:
    return set(tasks)


async def async_shutdown(hass: HomeAssistant, tasks) -> None:
    # asyncio.wait and as_completed take a collection of awaitables: the set is right.
    pending = build_pending(tasks)
    await asyncio.wait(pending, timeout=10)
    for finished in asyncio.as_completed(build_pending(tasks)):
        await finished
    # Near miss: the list's element is what wait awaits.
    await asyncio.wait([build_panel_settings(["kitchen"])])  # expect: WSA001
    await asyncio.gather(pending)  # expect: WSA001
