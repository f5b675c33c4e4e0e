"""flake8-wsawait: catch awaiting a sync getter and un-awaited async getters."""

__version__ = "0.1.0"
