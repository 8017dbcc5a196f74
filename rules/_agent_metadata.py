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
from pcs_lint.model import Cib
from pcs_lint.rules._operations import Operation, is_promoted_role

_ACTIONS = re.compile(rb"<actions>.*?</actions>", re.S)
_MAX_BYTES = 2_000_000

# The option of every rule that reads agent metadata (PCS409, PCS403).
METADATA_OPTIONS_SCHEMA = {
    "type": "object",
    "properties": {
        "metadata_dirs": {
            "type": "array",
            "items": {"type": "string"},
            "default": [],
            "description": "directories laid out as <provider>/<agent> (e.g. /usr/lib/ocf/resource.d) "
            "whose OCF metadata gives advised timeouts; empty: no metadata advice",
        },
    },
    "additionalProperties": False,
}


@lru_cache(maxsize=512)
def advised_timeouts(directories: tuple[str, ...], provider: str,
                     agent: str) -> tuple[tuple[str, str | None, int], ...]:
    """((action, role or None, timeout ms), ...) from the first metadata found, else ()."""
    for directory in directories:
        for candidate in (Path(directory, provider, agent), Path(directory, provider, f"{agent}.xml")):
            found = _read(candidate)
            if found is not None:
                return found
    return ()


def advised_for(actions, op: Operation) -> int | None:
    """The advised timeout for this op: the metadata action of that name, preferring one for the
    same kind of role (Promoted monitors often have their own entry)."""
    named = [a for a in actions if a[0] == op.name]
    matching = [a for a in named if is_promoted_role(a[1]) == is_promoted_role(op.role)]
    chosen = matching or named
    return chosen[0][2] if chosen else None


def op_advised_timeout(cib: Cib, op: Operation, directories: tuple[str, ...]) -> int | None:
    """The timeout (ms) the op's OCF agent advises for it, from metadata on disk, else None."""
    if op.owner is None or not directories:
        return None
    agent = cib.effective_agent(op.owner)
    if (agent.standard or "").lower() != "ocf" or not agent.provider or not agent.type:
        return None
    return advised_for(advised_timeouts(directories, agent.provider, agent.type), op)


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
