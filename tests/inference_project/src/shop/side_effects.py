"""Importing this module writes a file: inference must only read it."""

from pathlib import Path

Path(__file__).with_name("IMPORTED-BY-THE-LINTER").write_text("this module was executed\n")


class SideManager:
    pass


def get_side_manager():
    return SideManager()
