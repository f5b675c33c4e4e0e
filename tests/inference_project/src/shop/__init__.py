"""A small service whose getters are found by inference, not by configuration."""
