"""Whether any installed distribution may declare entry points of a group, without importing
importlib.metadata.

Importing importlib.metadata costs ~15 ms of CPU (it brings email, zipfile, csv, ...), a tenth of
a small run's start-up (issue 14), and nearly every run has no third-party plugin to load. So
the plugin registry asks here first: this looks where importlib.metadata's path finder looks
(every ``sys.path`` directory's ``*.dist-info`` and ``*.egg-info``, an ``.egg``'s ``EGG-INFO``)
for an ``entry_points.txt`` that names the group. Only when one may declare it does the
registry import importlib.metadata and load the plugins exactly as before. Every doubt answers
"maybe" (a sys.path entry that is a file, such as a zip, another finder of distributions, a file
that cannot be read): a wrong "maybe" costs the import, a wrong "no" would lose a plugin.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import PathFinder

METADATA_SUFFIXES = (".dist-info", ".egg-info")


def may_declare(group: str) -> bool:
    """False only when no distribution on sys.path declares entry points of ``group``."""
    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True  # distributions importlib.metadata would find somewhere this does not look
    return any(_directory_may_declare(entry, group) for entry in sys.path)


def _directory_may_declare(entry: str, group: str) -> bool:
    root = entry or "."
    try:
        children = os.listdir(root)
    except NotADirectoryError:
        return True  # a zip archive, or something importlib.metadata tries as one
    except OSError:
        return False  # missing or unreadable: importlib.metadata finds nothing there either
    in_egg = os.path.basename(root).lower().endswith(".egg")
    for child in children:
        low = child.lower()
        if low.endswith(METADATA_SUFFIXES) or (in_egg and low == "egg-info"):
            if _has_section(os.path.join(root, child, "entry_points.txt"), group):
                return True
    return False


def _has_section(path: str, group: str) -> bool:
    """Whether the file has a section header naming ``group`` (importlib.metadata takes a
    stripped line in square brackets as one; a header with the name inside spaces or other text
    also counts here, to err towards "maybe")."""
    try:
        with open(path, "rb") as file:
            text = file.read().decode("utf-8", "replace")
    except (FileNotFoundError, NotADirectoryError):
        return False  # no entry points (an .egg-info may be a single file)
    except OSError:
        return True
    return any(line.startswith("[") and line.endswith("]") and group in line
               for line in map(str.strip, text.splitlines()))
