"""PCS407 role-value: deprecated role names, unknown target-role values, and a promoted or
unpromoted target-role on a resource that cannot be promoted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.model import Cib, NvPair, Resource
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._operations import rsc_defaults
from pcs_lint.values import schema_version

NEW_NAMES = {"master": "Promoted", "slave": "Unpromoted"}
# Values Pacemaker's text2role() accepts (case-insensitively), plus "default" for target-role.
ROLES = ("stopped", "started", "unpromoted", "slave", "promoted", "master")
PROMOTING_ROLES = ("unpromoted", "slave", "promoted", "master")
# Attributes holding a role, by element (all schema-checked, so spelled exactly).
ROLE_ATTRIBUTES = {
    "op": ("role",),
    "rsc_location": ("role",),
    "rule": ("role",),
    "resource_set": ("role",),
    "rsc_colocation": ("rsc-role", "with-rsc-role"),
    "rsc_ticket": ("rsc-role",),
}


def new_names_available(cib: Cib) -> bool:
    """Promoted/Unpromoted exist from schema pacemaker-3.7 (Pacemaker 2.1). An older schema
    still demands Master/Slave, so the deprecated names are reported only when the CIB's own
    schema accepts the new ones, or is not a numbered schema at all: pacemaker-next is newer than
    every numbered one, and none (or a missing or unknown name) checks nothing."""
    version = schema_version(cib.validate_with)
    return version is None or version >= (3, 7)


def _owner_id(element: Any) -> str | None:
    """The nearest id for messages: the element's own, else its closest ancestor's."""
    while element is not None:
        if element.get("id"):
            return element.get("id")
        element = element.getparent()
    return None


def _promotable(cib: Cib, resource: Resource) -> bool:
    top = cib.top_level(resource)
    if top.kind == "clone":
        return top.promotable
    if top.kind == "bundle":
        bundle = cib.bundles.get(top.id)
        return bundle is not None and bundle.promotable
    return False


def _deprecated_attributes(cib: Cib) -> Iterator[Problem]:
    for tag, attributes in ROLE_ATTRIBUTES.items():
        for element in cib.elements(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if value is None or value.lower() not in NEW_NAMES:
                    continue
                new = NEW_NAMES[value.lower()]
                owner = _owner_id(element)
                yield Problem(
                    f"{attribute}={value!r} on <{tag}> {owner!r} uses a role name deprecated since "
                    f"Pacemaker 2.1; it means {new}, and newer releases drop the old name",
                    element=element,
                    object_id=owner,
                    **remedy(_attribute_remedy(tag, attribute, element, owner, new)),
                )


def _attribute_remedy(tag: str, attribute: str, element: Any, owner: str | None, new: str) -> Fix | str:
    if tag == "op":
        resource = _owner_id(element.getparent())
        interval = element.get("interval") or "0s"
        return Fix.of(f"pcs resource update {resource} op {element.get('name')} interval={interval} role={new}")
    return (f"write {attribute}=\"{new}\": pcs cannot edit a constraint in place, so remove it "
            f"(pcs constraint remove {owner}) and create it again with the new role name, "
            "or edit it with cibadmin")


def _target_roles(cib: Cib) -> Iterator[tuple[NvPair, Resource | None]]:
    for resource in cib.resources.values():
        for attribute_set in cib.attribute_sets(resource.element):  # (all tags: no tuple built per resource)
            if attribute_set.tag != "meta_attributes":
                continue
            for pair in attribute_set.nvpairs:
                if pair.name == "target-role":
                    yield pair, resource
    for pair in (p for name, p in rsc_defaults(cib).items() if name == "target-role"):
        yield pair, None


def _target_role_problems(cib: Cib, pair: NvPair, resource: Resource | None, modern: bool) -> Iterator[Problem]:
    value = pair.value or ""
    lowered = value.lower()
    where = f"resource {resource.id!r}" if resource is not None else "rsc_defaults"
    set_role = (f"pcs resource meta {resource.id} target-role=" if resource is not None
           else "pcs resource defaults update target-role=")
    # "#default" (any nvpair) and "default" (target-role) mean "as if unset".
    if lowered not in ROLES and lowered not in ("default", "#default"):
        yield Problem(
            f"target-role={value!r} of {where} is not a role: Pacemaker logs \"Unknown value for "
            "target-role\" and ignores it, so the resource is started",
            element=pair.element, object_id=pair.id or (resource.id if resource else None),
            **remedy(Fix.of(set_role + "Started"), "  (or Stopped, Promoted, Unpromoted)"),
        )
        return
    if lowered in PROMOTING_ROLES:
        if resource is not None and resource.kind != "template" and not _promotable(cib, resource):
            yield Problem(
                f"target-role={value!r} of {where} only makes sense for a promotable clone or "
                "bundle: Pacemaker ignores it for this resource (crm_verify: \"only makes sense "
                "for promotable clones\")",
                element=pair.element, object_id=pair.id or resource.id,
                **remedy(Fix.of(set_role + "Started"), "  (or make it promotable: pcs resource promotable "
                         f"{resource.id})"),
            )
            return
        if resource is None and any(not _promotable(cib, r) for r in cib.resources.values()
                                    if r.parent is None and r.kind != "template"):
            yield Problem(
                f"target-role={value!r} in rsc_defaults applies to every resource, and Pacemaker "
                "ignores it, with an error, for each one that is not a promotable clone or bundle",
                element=pair.element, object_id=pair.id,
                hint="pcs resource defaults update target-role=  (an empty value removes it), then "
                "pcs resource meta <promotable clone> target-role=" + NEW_NAMES.get(lowered, value),
            )
            return
    if modern and lowered in NEW_NAMES:
        yield Problem(
            f"target-role={value!r} of {where} is a role name deprecated since Pacemaker 2.1; "
            f"it means {NEW_NAMES[lowered]}, and newer releases drop the old name",
            element=pair.element, object_id=pair.id or (resource.id if resource else None),
            fix=Fix.of(set_role + NEW_NAMES[lowered]),
        )


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    modern = new_names_available(cib)
    if modern:
        yield from _deprecated_attributes(cib)
    for pair, resource in _target_roles(cib):
        yield from _target_role_problems(cib, pair, resource, modern)


RULE = Rule(
    code="PCS407",
    name="role-value",
    severity=Severity.WARNING,
    summary="deprecated roles Master/Slave; invalid target-role; Promoted on a non-promotable resource",
    check=check,
    doc=rule_doc(__name__),
)
