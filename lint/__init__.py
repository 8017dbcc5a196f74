"""pcs-lint: a linter for Pacemaker cluster configuration."""

__version__ = "0.1.0"
