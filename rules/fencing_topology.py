"""PCS304 fencing-topology: fencing levels that cannot work as written."""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib
from pcs_lint.nodes import NodeKind, NodeModel
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.values import C_SPACE, exact_integer

# The fencer keeps levels 1..9 per target (an array of ten, index 0 unused).
MAX_LEVEL = 9


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    levels = cib.elements("fencing-level")
    if not levels:
        return
    nodes = cib.node_model
    attributes = _permanent_node_attributes(cib)
    seen: dict[tuple[str, str], Any] = {}
    for level in levels:
        level_id = level.get("id") or "?"
        kind, target = _target(level)
        yield from _check_index(level, level_id, kind, target, seen)
        if kind == "node":
            yield from _check_node_target(level, level_id, target, nodes)
        elif kind == "attribute":
            yield from _check_attribute_target(level, level_id, target, attributes)
        yield from _check_devices(cib, level, level_id, kind, target)


def _whole_number(text: str | None) -> int | None:
    """An index written as a whole number (sign and surrounding blanks allowed, as the schema's
    integer type does); None for anything else, and for a number too large to write back."""
    read = exact_integer((text or "").strip(C_SPACE))
    return None if read is None or read.clipped else read.value


def _target(level: Any) -> tuple[str, str]:
    """The target kind and the key the fencer files the level under."""
    if level.get("target") is not None:
        return "node", level.get("target")
    if level.get("target-pattern") is not None:
        return "pattern", level.get("target-pattern")
    if level.get("target-attribute") is not None:
        return "attribute", f"{level.get('target-attribute')}={level.get('target-value') or ''}"
    return "none", ""


def _check_index(level: Any, level_id: str, kind: str, target: str, seen: dict) -> Iterator[Problem]:
    text = level.get("index")
    index = _whole_number(text)
    if index is None or not 1 <= index <= MAX_LEVEL:
        # The schema wants a positive integer: pcs and cibadmin refuse to load a CIB with any
        # other index, so only 10 and above can be removed with pcs.
        hint = (f"pcs stonith level remove {index} target {_pcs_target(kind, target)} stonith "
                f"{_pcs_devices(level)}, then add it again with an index from 1 to {MAX_LEVEL}: "
                f"pcs stonith level add INDEX {_pcs_target(kind, target)} {_pcs_devices(level)}"
                if index is not None and index > MAX_LEVEL else
                f"pcs and cibadmin refuse to load this CIB, so edit the file: give "
                f"<fencing-level id=\"{level_id}\"> an index from 1 to {MAX_LEVEL}")
        yield Problem(
            f"fencing level {level_id!r} has index {text!r}: the fencer accepts only levels 1 to "
            f"{MAX_LEVEL} and rejects this one, so its devices are never tried",
            element=level,
            object_id=level_id,
            hint=hint,
        )
        return
    key = (kind, target)
    first = seen.setdefault((key, index), level)
    if first is not level:
        yield Problem(
            f"fencing level {level_id!r} repeats index {index} for target {target!r} (already "
            f"used by {first.get('id')!r} on line {first.sourceline}): the fencer merges both "
            "into one level that needs every device of both to succeed, instead of trying them "
            "one after the other",
            element=level,
            object_id=level_id,
            hint=f"give it the next free index: pcs stonith level remove {index} target "
            f"{_pcs_target(kind, target)} stonith {_pcs_devices(level)}, then pcs stonith level add "
            f"INDEX {_pcs_target(kind, target)} {_pcs_devices(level)}",
        )


def _check_node_target(level: Any, level_id: str, target: str, nodes: NodeModel) -> Iterator[Problem]:
    # Created guests and bundle replicas; node names compare case-insensitively.
    if nodes.knows(target, NodeKind.GUEST, NodeKind.BUNDLE):
        yield Problem(
            f"fencing level {level_id!r} targets guest node {target!r}: Pacemaker fences a guest "
            "node by stopping and restarting its container resource and never asks the fencer, "
            "so this level is never used",
            element=level,
            object_id=level_id,
            fix=Fix.of(f"pcs stonith level remove {level.get('index')} target {target}"),
        )
    elif nodes and not nodes.knows(target):
        yield Problem(
            f"fencing level {level_id!r} targets {target!r}, which is not a node of this "
            "configuration (no cluster node, remote node or guest node has that name), so the "
            "level never applies; a misspelt name leaves the real node without its topology",
            element=level,
            object_id=level_id,
            **remedy(Fix.of(f"pcs stonith level remove {level.get('index')} target {target}"),
                     f"; if it was meant for another node, add it there: pcs stonith level add "
                     f"{level.get('index')} NODE {_pcs_devices(level)}"),
        )


def _check_attribute_target(level: Any, level_id: str, target: str,
                            attributes: set[tuple[str, str]]) -> Iterator[Problem]:
    pair = (level.get("target-attribute") or "", level.get("target-value") or "")
    if pair not in attributes:
        yield Problem(
            f"fencing level {level_id!r} targets nodes with attribute {target!r}, but no node in "
            "<nodes> has that permanent attribute (the fencer looks only there, not at "
            "transient attributes), so the level applies to no node",
            element=level,
            object_id=level_id,
            hint=f"set it on the nodes it is meant for: pcs node attribute NODE {target}",
        )


def _check_devices(cib: Cib, level: Any, level_id: str, kind: str, target: str) -> Iterator[Problem]:
    for device in (d for d in (level.get("devices") or "").split(",") if d):
        resource = cib.resources.get(device)
        if resource is None:
            yield Problem(
                f"fencing level {level_id!r} for {target!r} lists device {device!r}, which does "
                "not exist: the level fails whenever it is tried",
                element=level,
                object_id=level_id,
                hint=f"create it (pcs stonith create {device} AGENT ...) or list an existing "
                "device: pcs stonith level verify shows such mistakes",
            )
        elif not cib.is_fence_device(device):
            yield Problem(
                f"fencing level {level_id!r} for {target!r} lists {device!r}, which is a "
                f"{resource.kind} of class {cib.effective_agent(resource).standard or 'none'}, "
                "not a fence device (class stonith): the fencer cannot use it and the level "
                "fails whenever it is tried",
                element=level,
                object_id=level_id,
                fix=_replace_devices_fix(cib, level, kind, target),
            )


def _pcs_target(kind: str, target: str) -> str:
    """The target as pcs writes it: a node name, regexp%PATTERN or attrib%NAME=VALUE."""
    prefixed = {"pattern": f"regexp%{target}", "attribute": f"attrib%{target}"}.get(kind, target)
    return shlex.quote(prefixed)


def _pcs_devices(level: Any) -> str:
    # pcs takes devices as separate words (commas are deprecated), and matches a level by all.
    return " ".join(d for d in (level.get("devices") or "").split(",") if d) or "DEVICES"


def _replace_devices_fix(cib: Cib, level: Any, kind: str, target: str) -> Fix:
    """Remove the level (pcs matches it by all its devices) and add it back with the fence
    devices that exist (pcs refuses to add a level naming anything else)."""
    index, pcs_target = level.get("index"), _pcs_target(kind, target)
    remove = f"pcs stonith level remove {index} target {pcs_target} stonith {_pcs_devices(level)}"
    rest = [d for d in (level.get("devices") or "").split(",") if d and cib.is_fence_device(d)]
    if not rest:
        return Fix.of(remove)
    return Fix.of(remove, f"pcs stonith level add {index} {pcs_target} {' '.join(rest)}")


def _permanent_node_attributes(cib: Cib) -> set[tuple[str, str]]:
    # The fencer matches nvpairs directly in a node's instance_attributes (id-refs not followed).
    return {
        (pair.name, pair.value or "")
        for node in cib.nodes
        if node.uname
        for attribute_set in cib.attribute_sets(node.element, "instance_attributes")
        for pair in attribute_set.nvpairs
    }


RULE = Rule(
    code="PCS304",
    name="fencing-topology",
    severity=Severity.WARNING,
    summary="a fencing level for an unknown or guest target, a missing or non-stonith device, "
    "a duplicate index per target, an index outside 1..9",
    check=check,
    doc=rule_doc(__name__),
)
