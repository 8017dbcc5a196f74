"""Advised action timeouts from OCF agent metadata found on disk (not a rule).

Agents are never run: an agent file (or a ``<provider>/<type>.xml`` metadata file) is read as
text and its ``<actions>`` block parsed, which works for the shell and Python agents of
resource-agents and Pacemaker, whose metadata is a literal here-document. Values that need the
agent to run (shell variables in a timeout) are skipped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lxml import etree

from pcs_lint.durations import parse_timeout

_ACTIONS = re.compile(rb"<actions>.*?</actions>", re.S)
_MAX_BYTES = 2_000_000


@lru_cache(maxsize=512)
def advised_timeouts(directories: tuple[str, ...], provider: str, agent: str) -> tuple[tuple[str, str | None, int], ...]:
    """((action, role or None, timeout ms), ...) from the first metadata found, else ()."""
    for directory in directories:
        for candidate in (Path(directory, provider, agent), Path(directory, provider, f"{agent}.xml")):
            found = _read(candidate)
            if found is not None:
                return found
    return ()


def _read(path: Path) -> tuple[tuple[str, str | None, int], ...] | None:
    try:
        if not path.is_file() or path.stat().st_size > _MAX_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    match = _ACTIONS.search(data)
    if match is None:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    try:
        block = etree.fromstring(match.group(), parser)
    except etree.XMLSyntaxError:
        return None
    if block is None:
        return None
    actions = []
    for action in block.iterchildren("action"):
        timeout = parse_timeout(action.get("timeout")) if action.get("timeout") else None
        if action.get("name") and timeout is not None and timeout.valid:
            actions.append((action.get("name"), action.get("role"), timeout.ms))
    return tuple(actions)
