# wsawait-path: app/storage/uploads.py
# wsawait-config: wsawait-infer-names = get_*manager*, read, write, tell, close, start, send, connect
"""Async wrappers over sync objects with the same method names, and which
objects the file's own methods may be called on."""
from __future__ import annotations

import asyncio
import tempfile
import threading
from typing import Annotated, Any, BinaryIO, Generator, Optional

from anyio import create_memory_object_stream, to_thread
from fastapi import Depends, WebSocket

from app import realtime


class UploadFile:
    """An async face on a sync spooled file: every method delegates."""

    def __init__(self, file: BinaryIO | None = None) -> None:
        self.file = file or tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
        self._in_memory = True

    async def write(self, data: bytes) -> None:
        if self._in_memory:
            self.file.write(data)
        else:
            await to_thread.run_sync(self.file.write, data)

    async def read(self, size: int = -1) -> bytes:
        if self._in_memory:
            return self.file.read(size)
        return await to_thread.run_sync(self.file.read, size)

    async def tell(self) -> int:
        return self.file.tell()

    async def close(self) -> None:
        self.file.close()

    def spooled_kilobytes(self) -> int:
        # Not a proxy method: the wrapped object is still some other type's.
        return self.file.tell() // 1024


class ConnectionManager:
    class Closed(Exception):
        """Raised to handlers, which may reconnect through the error's own client."""

    def __init__(self) -> None:
        self.active: list[WebSocket] = []

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self.active.append(websocket)

    async def get_room_manager(self, room: str) -> "ConnectionManager":
        return self

    def send(self, text: str) -> None:
        for websocket in self.active:
            asyncio.ensure_future(websocket.send_text(text))


class BackgroundUploader:
    async def start(self) -> None:
        await asyncio.sleep(0)


manager = ConnectionManager()
background_loop = asyncio.new_event_loop()


class Upload:
    """An awaitable: `await Upload(...)` runs the coroutine through `__await__`."""

    def __init__(self, file: UploadFile) -> None:
        self.file = file

    async def close(self) -> None:
        await self.file.close()

    def __await__(self) -> Generator[Any, None, None]:
        return self.close().__await__()


async def websocket_endpoint(websocket: WebSocket) -> None:
    manager.connect(websocket)  # expect: WSA002
    room = manager.get_room_manager("lobby")  # expect: WSA002
    await room.connect(websocket)


async def join(manager: ConnectionManager, websocket: WebSocket) -> None:
    manager.connect(websocket)  # expect: WSA002


async def join_any(pool, websocket: WebSocket) -> None:
    pool.connect(websocket)  # expect: WSA002


async def join_later(pool: "ConnectionManager | None", websocket: WebSocket) -> None:
    pool.connect(websocket)  # expect: WSA002


def stop_loop(loop: asyncio.AbstractEventLoop) -> None:
    loop.close()  # a loop, annotated as such: not one of this file's classes


def shutdown() -> None:
    background_loop.close()  # a global bound to something else


def upload_in_thread(data: bytes) -> None:
    thread = threading.Thread(target=print, args=(data,))
    thread.start()
    thread.join()


async def relay(messages: list[str]) -> None:
    send_stream, receive_stream = create_memory_object_stream(10)

    async def send(message: str) -> None:
        await send_stream.send(message)

    for message in messages:
        await send(message)
    await receive_stream.aclose()


async def copy_upload(source: UploadFile, target_path: str) -> None:
    upload = UploadFile()
    upload.write(b"header")  # expect: WSA002
    data = await source.read()
    with open(target_path, "wb") as target:
        target.write(data)
    await upload.close()


async def measure(upload_file: UploadFile) -> int:
    size = upload_file.tell()  # expect: WSA002
    return size + 1


async def join_all(managers: list[ConnectionManager], websocket: WebSocket) -> None:
    # A list of managers is no manager: what the list's `connect` would be is unknown.
    managers.connect(websocket)


async def join_declared(
    first: Optional["ConnectionManager"],
    second: Annotated[ConnectionManager, Depends(ConnectionManager)],
    third: realtime.ConnectionManager,
    websocket: WebSocket,
) -> None:
    first.connect(websocket)  # expect: WSA002
    second.connect(websocket)  # expect: WSA002
    third.connect(websocket)  # expect: WSA002


def on_closed(error: ConnectionManager.Closed, websocket: WebSocket) -> None:
    # The nested class, not ConnectionManager itself.
    error.connect(websocket)
