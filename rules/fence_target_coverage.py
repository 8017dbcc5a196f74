"""PCS308 fence-target-coverage: which nodes the fence devices can target (pcmk_host_check,
pcmk_host_list, pcmk_host_map), read as pacemaker-fenced 2.1.5 reads them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, NvPair, Resource
from pcs_lint.nodes import NodeKind, PacemakerNode, fold
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import fencing_setting, has_watchdog
from pcs_lint.rules._posix_regex import EreError, compile_ere, too_costly
from pcs_lint.rules._remote_helpers import listed_names

HOST_CHECK = "pcmk_host_check"
HOST_LIST = "pcmk_host_list"
HOST_MAP = "pcmk_host_map"
STATIC = "static-list"
# Measured with pacemaker-fenced 2.1.5 run stand-alone and stonith_admin -l: a host list is split
# at blanks, commas and semicolons; a host map's entries at semicolons and blanks, each entry's
# name ending at ':' or '='; names match ignoring case.
_LIST_SEPARATORS = re.compile(r"[\s,;]+")
_MAP_SEPARATORS = re.compile(r"[\s;]+")
_MAP_NAME = re.compile(r"[:=]")


@dataclass(frozen=True)
class Targets:
    """What one device can fence: ``names`` when it checks a static list, else None (any node
    it is asked about: the device's own list or status command decides, or pcmk_host_check=none)."""

    device: Resource
    names: tuple[str, ...] | None
    pairs: tuple[NvPair, ...]  # the host list and map as written


def _set(pair: NvPair | None) -> bool:
    return pair is not None and bool((pair.value or "").strip())


def targets(cib: Cib, device: Resource) -> Targets:
    params = cib.params(device)
    host_list, host_map, check = params.get(HOST_LIST), params.get(HOST_MAP), params.get(HOST_CHECK)
    pairs = tuple(p for p in (host_list, host_map) if _set(p))
    # Without pcmk_host_check, a list or map makes the check static-list (fenced's default).
    mode = (check.value or "").strip().lower() if check is not None else (STATIC if pairs else "dynamic-list")
    if mode != STATIC:
        return Targets(device, None, pairs)
    names: list[str] = []
    if _set(host_list):
        names.extend(n for n in _LIST_SEPARATORS.split(host_list.value) if n)
    if _set(host_map):
        for entry in _MAP_SEPARATORS.split(host_map.value):
            name = _MAP_NAME.split(entry, 1)[0]
            if name:
                names.append(name)
    return Targets(device, tuple(dict.fromkeys(names)), pairs)


def _levels_cover(cib: Cib) -> tuple[set[str], list, bool]:
    """Node names fencing levels name, their patterns, and whether some level targets by node
    attribute (which offline cannot be evaluated: it counts as covering every node)."""
    named, patterns, by_attribute = set(), [], False
    for level in cib.elements("fencing-level"):
        if level.get("target") is not None:
            named.add(fold(level.get("target")))
        elif level.get("target-pattern") is not None:
            try:
                patterns.append(compile_ere(level.get("target-pattern")))
            except EreError:
                continue
        elif level.get("target-attribute") is not None:
            by_attribute = True
    return named, patterns, by_attribute


def _covered_by_level(name: str, folded: str, named: set[str], patterns: list) -> bool:
    if folded in named:
        return True
    # A pattern too costly to try here is taken to cover the node: no false alarm from it.
    return any(too_costly(ere, name) or ere.search(name) for ere in patterns)


def _fenceable_nodes(cib: Cib) -> Iterator[PacemakerNode]:
    """Cluster nodes and the remote nodes a connection creates, once per name (a <node
    type="remote"> entry without its connection is no node: PCS122); guests and bundle replicas
    are fenced by recovering their container, not by a device."""
    seen: set[str] = set()
    model = cib.node_model
    for record in model.nodes(NodeKind.CLUSTER, NodeKind.REMOTE):
        key = fold(record.name)
        if record.kind is NodeKind.REMOTE and not record.is_connection:
            continue
        if key in seen or model.knows(record.name, NodeKind.GUEST, NodeKind.BUNDLE):
            continue
        seen.add(key)
        yield record


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    if not cib.fence_devices:
        return  # PCS301's
    every = [targets(cib, device) for device in cib.fence_devices]
    yield from _static_without_list(cib, every)
    model = cib.node_model
    if model:
        yield from _unknown_names(cib, every)
    limited = all(t.names is not None for t in every)
    if not limited or not fencing_setting(cib, ctx.release).enabled or has_watchdog(cib):
        return
    watchdog = cib.cluster_options.get("stonith-watchdog-timeout")
    if watchdog is not None and (watchdog.value or "0").strip() not in ("0", ""):
        return  # watchdog self-fencing may cover the nodes
    named, patterns, by_attribute = _levels_cover(cib)
    if by_attribute:
        return
    # Every device checks a static list here: a node is covered when any list names it.
    listed = frozenset(fold(name) for found in every for name in found.names or ())
    uncovered = _Uncovered.of(every)
    for node in _fenceable_nodes(cib):
        folded = fold(node.name)
        if folded in listed or _covered_by_level(node.name, folded, named, patterns):
            continue
        yield uncovered.problem(node)


def _static_without_list(cib: Cib, every: list[Targets]) -> Iterator[Problem]:
    for found in every:
        if found.names is not None and not found.pairs:
            pair = cib.params(found.device)[HOST_CHECK]
            yield Problem(
                f"fence device {found.device.id!r} has {HOST_CHECK}={pair.value} but neither {HOST_LIST} nor "
                f"{HOST_MAP}: it can fence no node at all",
                element=pair.element, object_id=found.device.id,
                hint=f"name the nodes it fences: pcs stonith update {found.device.id} {HOST_LIST}=NODE1,NODE2 "
                     f"(or {HOST_MAP}=NODE1:PORT1;NODE2:PORT2)",
            )


def _unknown_names(cib: Cib, every: list[Targets]) -> Iterator[Problem]:
    model = cib.node_model
    for found in every:
        if not found.names or not found.pairs:
            continue
        # A connection that makes no node yet (in a group, behind a template) still names a host
        # the configuration means to have: other rules say why it is no node.
        unknown = [name for name in found.names if not model.find(name, created=None)]
        if not unknown:
            continue
        pair = found.pairs[0]
        yield Problem(
            f"fence device {found.device.id!r} lists {listed_names(unknown, len(unknown))} in "
            f"{' and '.join(p.name for p in found.pairs)}, which no node of the configuration is called: a "
            "misspelt or removed node (names are compared ignoring case)",
            element=pair.element, object_id=found.device.id, severity=Severity.WARNING,
            hint=f"correct or remove the name{'s' if len(unknown) > 1 else ''}: pcs stonith update "
                 f"{found.device.id} {pair.name}=...",
        )


# A fix rewrites a device's whole host list: past this many names it is left to the user (each
# uncovered node's finding would otherwise carry the whole list again).
FIX_LIST_LIMIT = 64


@dataclass(frozen=True)
class _Uncovered:
    """What every uncovered node's finding says of the devices, worked out once per CIB."""

    devices: str  # the devices, listed for the message
    listing: Targets | None  # a device whose pcmk_host_list a fix may extend

    @classmethod
    def of(cls, every: list[Targets]) -> _Uncovered:
        listing = next((t for t in every if any(p.name == HOST_LIST for p in t.pairs)
                        and len(t.names or ()) < FIX_LIST_LIMIT), None)
        return cls(listed_names((t.device.id for t in every), len(every)), listing)

    def problem(self, node: PacemakerNode) -> Problem:
        listing = self.listing
        fix = None
        if listing is not None:
            fix = Fix.of(f"pcs stonith update {listing.device.id} {HOST_LIST}="
                         f"{','.join((*listing.names, node.name))}")
        return Problem(
            f"{node.kind.value} {node.name!r} can be fenced by no device: every fence device ({self.devices}) "
            "lists the nodes it fences and none lists it, and no fencing level names it; when it fails, "
            "fencing it fails, and its resources are not recovered elsewhere",
            element=node.element, location=None if node.element is not None else node.location,
            object_id=node.name,
            **remedy(fix if fix is not None else
                     f"add {node.name} to a fence device's {HOST_LIST} or {HOST_MAP} "
                     f"(pcs stonith update DEVICE {HOST_MAP}=...), or create a device for it",
                     ", or create a device for it" if fix is not None else ""),
        )


RULE = Rule(
    code="PCS308",
    name="fence-target-coverage",
    severity=Severity.ERROR,
    summary="static-list without a host list, host lists naming unknown nodes, nodes no fence device can target",
    check=check,
    doc=rule_doc(__name__),
)
