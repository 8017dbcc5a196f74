"""Data files shipped inside pcs-lint's packages (and plugins'): rule docs, schemas, release facts.

Read through the package's loader, as pkgutil does. importlib.resources gives the same bytes,
but importing it costs ~12 ms of CPU (it brings tempfile, random and zipfile), and every run
reads some of these files: the ~100 docs of the built-in rules as they load, a release's facts.
A package whose loader cannot read files (a namespace package) goes through importlib.resources.
"""

from __future__ import annotations

import pkgutil


def read_bytes(package: str, relative: str) -> bytes:
    """``relative`` is a '/'-separated path inside the package's directory."""
    data = pkgutil.get_data(package, relative)
    if data is not None:
        return data
    from importlib import resources

    return resources.files(package).joinpath(*relative.split("/")).read_bytes()


def read_text(package: str, relative: str) -> str:
    return read_bytes(package, relative).decode("utf-8")
