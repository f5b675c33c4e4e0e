# wsawait-path: app/routes/ws.py
"""A getter called in a decorator runs when the def or class statement runs."""
from app.websocket_core import get_websocket_manager, get_websocket_manager_async


@get_websocket_manager_async().route("/ws")  # expect: WSA003
def connect(request):
    return request.accept()


@get_websocket_manager().route("/plain")
def plain(request):
    return request.accept()


@get_websocket_manager_async().register  # expect: WSA003
class Room:
    pass


def outer():
    async def build():
        @get_websocket_manager_async().on("message")  # expect: WSA002
        async def on_message(message):
            return message

        return on_message

    return build
