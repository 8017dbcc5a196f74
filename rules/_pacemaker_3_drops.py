"""What Pacemaker 3.0.0 deprecates or drops that 2.1.5 still reads, for PCS904 (not a rule).

3.0.0 upgrades a CIB whose schema is older than pacemaker-4.0 in memory before it reads it, and
that upgrade drops what 4.0 no longer has: nagios and upstart resources, rkt bundles, the
can_fail and role_after_failure operation meta-attributes, a date_spec's moon. 3.0.0 also warns
about an explicit '#default' meta or cluster option value and the Master/Slave role names in constraints. Every
message below is crm_verify 3.0.0's (Debian 13, ``crm_verify -VV -x FILE``) verbatim, measured on
generated CIBs and on the corpus; 2.1.5 says nothing about any of them.

Measured and left out: an op's role="Master" draws the role warning only when the scheduler
evaluates the op for a node of a status section; a node's resource-discovery-enabled and a
resource set's ordering likewise (their warnings come with a status section).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pcs_lint.model import Cib
from pcs_lint.rules._operations import operations
from pcs_lint.values import schema_version

RELEASE = "3.0.0"
# The schema 3.0.0 upgrades every older CIB to in memory.
UPGRADED_TO = (4, 0)
DROPPED_CLASSES = ("nagios", "upstart")
DROPPED_OP_META = ("can_fail", "role_after_failure")
# Role attributes 3.0.0 warns about without a status section (measured: rsc_location role,
# rsc_colocation rsc-role and with-rsc-role).
CONSTRAINT_ROLES = {"rsc_location": ("role",), "rsc_colocation": ("rsc-role", "with-rsc-role")}
NEW_ROLE = {"master": ("Master", "Promoted"), "slave": ("Slave", "Unpromoted")}
DEFAULT_VALUE = "#default"


@dataclass(frozen=True)
class Construct:
    """One construct found: what it is, what 3.0.0 says about it, whether 3.0.0 drops it."""

    what: str
    said: str
    dropped: bool
    element: Any
    object_id: str | None
    advice: str


def _upgraded(cib: Cib) -> bool:
    version = schema_version(cib.validate_with)
    return version is not None and version < UPGRADED_TO


def _dropped_resources(cib: Cib) -> Iterator[Construct]:
    for resource in cib.resources.values():
        if resource.kind not in ("primitive", "template"):
            continue
        standard = (cib.effective_agent(resource).standard or "").lower()
        if standard not in DROPPED_CLASSES:
            continue
        noun = "template" if resource.kind == "template" else "resource"
        yield Construct(
            f"{resource.kind} {resource.id!r} is of class {standard}",
            f"Dropping {noun} {resource.id} because {standard} resources are no longer supported", True,
            resource.element, resource.id,
            f"Pacemaker 3 has no {standard} resources: replace it with an agent of a class it runs "
            f"(ocf, systemd, lsb, service, stonith) before upgrading (pcs resource delete {resource.id}, "
            "then pcs resource create ...)")


def _rkt_bundles(cib: Cib) -> Iterator[Construct]:
    for bundle in cib.resources_of_kind("bundle"):
        runtime = bundle.element.find("rkt")
        if runtime is None:
            continue
        yield Construct(
            f"bundle {bundle.id!r} runs rkt containers",
            f"Dropping bundle resource {bundle.id} because rkt containers are no longer supported", True,
            runtime, bundle.id,
            "use <podman> or <docker> instead of <rkt> (pcs has no command to change a bundle's container "
            "engine: pcs cluster edit)")


def _op_meta(cib: Cib) -> Iterator[Construct]:
    sets = [(meta, op.id) for op in operations(cib) for meta in cib.attribute_sets(op.element, "meta_attributes")]
    sets += [(meta, meta.id) for defaults in cib.elements("op_defaults")
             for meta in cib.attribute_sets(defaults, "meta_attributes")]
    for meta, owner in sets:
        for pair in meta.nvpairs:
            if pair.name in DROPPED_OP_META:
                yield Construct(
                    f"meta_attributes {meta.id!r} sets {pair.name}",
                    f"Dropping {pair.name} meta-attribute from {meta.id} because it is no longer supported. "
                    "Consider setting the \"on-fail\" operation attribute instead", True,
                    pair.element, owner,
                    f"remove {pair.name} and set on-fail on the operation instead (pcs cluster edit)")


def _moons(cib: Cib) -> Iterator[Construct]:
    for spec in cib.elements("date_spec"):
        if spec.get("moon") is None:
            continue
        yield Construct(
            f"date_spec {spec.get('id')!r} has moon={spec.get('moon')!r}",
            f"Dropping moon attribute from date spec {spec.get('id')} because moon phase is no longer supported",
            True, spec, spec.get("id"),
            "remove the moon attribute: the rest of the date_spec is what Pacemaker 3 evaluates (pcs cluster edit)")


def _default_values(cib: Cib) -> Iterator[Construct]:
    sets = [(meta, resource.id, f"pcs resource meta {resource.id}") for resource in cib.resources.values()
            for meta in cib.attribute_sets(resource.element, "meta_attributes")]
    sets += [(meta, meta.id, "pcs resource defaults update") for element in cib.elements("rsc_defaults")
             for meta in cib.attribute_sets(element, "meta_attributes")]
    # Cluster options too, in the same words (measured: no-quorum-policy=#default).
    sets += [(properties, properties.id, "pcs property set") for element in cib.elements("crm_config")
             for properties in cib.attribute_sets(element, "cluster_property_set")]
    for meta, owner, command in sets:
        for pair in meta.nvpairs:
            if pair.value != DEFAULT_VALUE:
                continue
            yield Construct(
                f"{pair.name}='#default' in {owner!r}",
                f"Support for setting meta-attributes (such as {pair.name}) to the explicit value '#default' is "
                "deprecated and will be removed in a future release", False,
                pair.element, owner,
                f"remove the attribute: without it Pacemaker uses the default ({command} {pair.name}=)")


def _constraint_roles(cib: Cib) -> Iterator[Construct]:
    for tag, attributes in CONSTRAINT_ROLES.items():
        for element in cib.elements(tag):
            for attribute in attributes:
                value = (element.get(attribute) or "").lower()
                if value not in NEW_ROLE:
                    continue
                old, new = NEW_ROLE[value]
                yield Construct(
                    f"{tag} {element.get('id')!r} has {attribute}={element.get(attribute)!r}",
                    f"Support for the {old} role is deprecated and will be removed in a future release. "
                    f"Use {new} instead.", False, element, element.get("id"),
                    f"write {attribute}=\"{new}\"; a schema older than pacemaker-3.7 knows only {old}: upgrade "
                    "it first (pcs cluster cib-upgrade)")


def constructs(cib: Cib, *, role_names_reported: bool) -> Iterator[Construct]:
    """What 3.0.0 says about this CIB. The Master/Slave names are PCS407's where the CIB's schema
    has the new ones (``role_names_reported``), so they are found here only where it has not."""
    if _upgraded(cib):
        yield from _dropped_resources(cib)
        yield from _rkt_bundles(cib)
        yield from _op_meta(cib)
        yield from _moons(cib)
    yield from _default_values(cib)
    if not role_names_reported:
        yield from _constraint_roles(cib)
