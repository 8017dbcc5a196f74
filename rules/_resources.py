"""Where a resource sits in the resource tree, and what to call a collective (not a rule).

Pure functions of the CIB index, shared by rules of every family that ask "is this inside a
clone, group or bundle?" so that they all walk the tree the same way.
"""

from __future__ import annotations

from pcs_lint.model import Cib, Resource


def nearest(cib: Cib, resource: Resource, kind: str) -> Resource | None:
    """The closest enclosing resource of this kind (clone covers <master> too)."""
    return next((a for a in cib.ancestors(resource) if a.kind == kind), None)


def collective_name(resource: Resource) -> str:
    """What to call a group, bundle or clone in a message ('promotable clone', 'master/slave resource')."""
    if resource.kind == "clone":
        if resource.element.tag == "master":
            return "master/slave resource"
        return "promotable clone" if resource.promotable else "clone"
    return resource.kind
