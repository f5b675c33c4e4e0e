"""A small installed library: its session service became async in 1.0."""
from .sessions import InMemorySessionService

__all__ = ["InMemorySessionService"]
