"""Facts about a corosync.conf shared by the PCS5xx rules: the key list, votequorum's and totem's
reading of the values (corosync 3.1.7 defaults), and where a finding points.

One home for each corosync fact: the keys and their types are data (schemas/corosync-keys.json),
the defaults are named here once.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pcs_lint.config import load_schema
from pcs_lint.findings import Fix, SourceLocation, remedy

if TYPE_CHECKING:  # corosync.conf's records: imported by the runs given one (start-up: issue 14)
    from pcs_lint.corosync import CorosyncConf, CorosyncKey, CorosyncSection
    from pcs_lint.quorum_facts import QuorumFacts

# corosync.conf(5) of corosync 3.1.7: the defaults the rules compute with.
DEFAULT_TOKEN_MS = 3000
DEFAULT_TOKEN_COEFFICIENT_MS = 650
DEFAULT_JOIN_MS = 50
DEFAULT_TRANSPORT = "knet"
MAX_KNET_LINKS = 8  # links 0..7
KNET_PING_MINIMUM_MS = 200
_INTEGER_RANGES = {
    "uint8": (0, 2**8 - 1),
    "uint32": (0, 2**32 - 1),
    "int32": (-(2**31), 2**31 - 1),
    "uint64": (-(2**64 - 1), 2**64 - 1),  # strtoull takes a sign: "-1" is read, as 2**64 - 1
}


@functools.cache
def key_list() -> Mapping[str, Any]:
    return load_schema("corosync-keys.json")


def section_spec(path: str) -> Mapping[str, Any] | None:
    return key_list()["sections"].get(path)


def key_spec(path: str, name: str) -> Mapping[str, Any] | None:
    """What the key list says about key ``name`` in section ``path``; None when unknown."""
    spec = section_spec(path)
    if spec is None:
        return None
    found = spec["keys"].get(name)
    if found is not None:
        return found
    return next((value for pattern, value in spec.get("patterns", {}).items() if re.fullmatch(pattern, name)), None)


def parser_refuses(key: CorosyncKey) -> str | None:
    """Why corosync's own parser refuses this key's value (its type says so), or None."""
    spec = key_spec(key.path, key.name) or {}
    kind = spec.get("type")
    if kind in _INTEGER_RANGES:
        low, high = _INTEGER_RANGES[kind]
        number = key.as_int()
        if number is None or not low <= number <= high:
            return f"corosync reads {key.dotted} as an integer from {max(low, 0)} to {high}"
    if spec.get("parser") and key.value not in spec.get("enum", ()):
        return f"corosync accepts only {', '.join(spec['enum'])} for {key.dotted}"
    if kind == "address" and (" " in key.value or "#" in key.value):
        return f"corosync cannot resolve {key.dotted} as an address"
    return None


def where(conf: CorosyncConf) -> str:
    """How a message names the file: its path, and whose copy it is when it is one node's."""
    return conf.path if conf.node is None else f"{conf.path} (node {conf.node}'s copy)"


def at(conf: CorosyncConf, line: int | None, column: int | None = None) -> SourceLocation:
    return SourceLocation(conf.path, line if line else None, column)


def key_at(conf: CorosyncConf, key: CorosyncKey) -> SourceLocation:
    return SourceLocation(conf.path, key.line, key.column)


def first_line(conf: CorosyncConf, *paths: str) -> int | None:
    """The line of the first of these keys or sections that the file has: where a finding about
    a missing setting points (the section it belongs in)."""
    for path in paths:
        key = conf.key(path)
        if key is not None:
            return key.line
        sections = conf.sections(path)
        if sections:
            return sections[0].line
    return None


def int_value(conf: CorosyncConf, dotted: str) -> int | None:
    key = conf.key(dotted)
    return key.as_int() if key is not None else None


def flag(conf: CorosyncConf, dotted: str) -> bool:
    """A votequorum 0/1 option as corosync reads it: set and not 0."""
    value = int_value(conf, dotted)
    return value is not None and value != 0


def transport(conf: CorosyncConf) -> str:
    return conf.value("totem.transport") or DEFAULT_TRANSPORT


def has_quorum_device(conf: CorosyncConf) -> bool:
    """A quorum device is configured: a ``quorum { device { model: ... } }`` section."""
    return any(section.get("model") is not None for section in conf.sections("quorum.device"))


def device_section(conf: CorosyncConf) -> CorosyncSection | None:
    sections = conf.sections("quorum.device")
    return sections[0] if sections else None


def node_count(conf: CorosyncConf) -> int:
    return len(conf.nodelist)


def effective_token(conf: CorosyncConf) -> int:
    """totem's real token timeout: token + (nodes - 2) x token_coefficient from three nodes on."""
    token = int_value(conf, "totem.token")
    token = DEFAULT_TOKEN_MS if token is None else token
    coefficient = int_value(conf, "totem.token_coefficient")
    coefficient = DEFAULT_TOKEN_COEFFICIENT_MS if coefficient is None else coefficient
    nodes = node_count(conf)
    return token + (nodes - 2) * coefficient if nodes >= 3 else token


def _origin(conf: CorosyncConf, dotted: str, default_ms: int) -> tuple[int, str]:
    key = conf.key(dotted)
    value = key.as_int() if key is not None else None
    if value is None:
        return default_ms, f"the default {default_ms} ms"
    return value, f"{dotted.rsplit('.', 1)[-1]}: {value} at {conf.path}:{key.line}"


def quorum_facts(confs: tuple[CorosyncConf, ...]) -> QuorumFacts | None:
    """What the SBD and fencing rules read of corosync.conf (the first copy; PCS703 compares
    copies), with where each time comes from; None without a corosync.conf."""
    if not confs:
        return None
    from pcs_lint.quorum_facts import Millis, QuorumFacts

    conf = confs[0]
    nodes = node_count(conf)
    token, token_origin = _origin(conf, "totem.token", DEFAULT_TOKEN_MS)
    coefficient, coefficient_origin = _origin(conf, "totem.token_coefficient", DEFAULT_TOKEN_COEFFICIENT_MS)
    effective = effective_token(conf)
    if nodes >= 3:
        token_origin = f"{token_origin} + ({nodes} - 2) x {coefficient} ms ({coefficient_origin})"
    consensus_key = conf.key("totem.consensus")
    consensus = consensus_key.as_int() if consensus_key is not None else None
    if consensus is None:
        consensus_millis = Millis(effective * 6 // 5, f"the default 1.2 x the token of {effective} ms")
    else:
        consensus_millis = Millis(consensus, f"consensus: {consensus} at {conf.path}:{consensus_key.line}")
    return QuorumFacts(
        path=conf.path, nodes=nodes, two_node=flag(conf, "quorum.two_node"), qdevice=has_quorum_device(conf),
        auto_tie_breaker=flag(conf, "quorum.auto_tie_breaker"), token=Millis(effective, token_origin),
        consensus=consensus_millis, wait_for_all=wait_for_all(conf),
    )


def wait_for_all(conf: CorosyncConf) -> bool:
    """votequorum(5): two_node: 1 "automatically enables wait_for_all", unless it is set to 0."""
    explicit = int_value(conf, "quorum.wait_for_all")
    return flag(conf, "quorum.two_node") if explicit is None else explicit != 0


def pcs_fix(*commands: str, then: str = "") -> dict:
    """``Problem`` keyword arguments for pcs commands that remove the problem (pcs edits
    corosync.conf on every node, or offline with --corosync_conf=FILE), followed in the hint by
    what else the user may do."""
    return remedy(Fix(commands), f"; {then}" if then else "")


