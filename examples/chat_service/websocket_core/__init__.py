from .manager import WebSocketManager, get_websocket_manager, get_websocket_manager_async

__all__ = ["WebSocketManager", "get_websocket_manager", "get_websocket_manager_async"]
