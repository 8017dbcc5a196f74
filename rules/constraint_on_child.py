"""PCS207 constraint-on-child: a constraint names a member of a clone instead of the clone.

Pacemaker resolves constraint targets among top-level resources: it refuses a clone's member
("is not a valid resource or tag") and drops the constraint, except when an instance's history
in the status section carries the member's name, which maps it to the whole clone. Members of a bundle are
left to PCS134 (bundle-inner-constraint), which explains the bundle case.
"""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib, Constraint, Resource, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import location_score_words, where_named


def enclosing_clone(cib: Cib, resource: Resource) -> Resource | None:
    """The outermost clone around ``resource``, or None (also None inside any bundle)."""
    clone = None
    for ancestor in cib.ancestors(resource):
        if ancestor.kind == "bundle":
            return None
        if ancestor.kind == "clone":
            clone = ancestor
    return clone


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for constraint in cib.constraints:
        reported: set[tuple[str, str | None]] = set()
        for ref in constraint.refs:
            resource = cib.resources.get(ref.id)
            if resource is None or resource.is_top_level:
                continue
            clone = enclosing_clone(cib, resource)
            key = (ref.id, ref.via_tag)
            if clone is None or key in reported:
                continue
            reported.add(key)
            yield Problem(
                f"{constraint.kind} constraint {constraint.id!r} names {ref.id!r} {where_named(ref)}, a "
                f"member of clone {clone.id!r}: Pacemaker expects the clone itself and ignores "
                "the whole constraint (\"not a valid resource or tag\"), unless the status "
                "section happens to record an instance under that name, in which case it applies "
                "the constraint to the whole clone",
                element=ref.element,
                object_id=constraint.id,
                hint=_fix(constraint, ref, clone.id),
            )


def _fix(constraint: Constraint, ref: ResourceRef, clone: str) -> str:
    """The pcs commands that put the clone where the member is named."""
    if ref.via_tag:
        return f"pcs tag update {ref.via_tag} add {clone} remove {ref.id}"
    remove = f"pcs constraint remove {constraint.id}"
    if ref.attribute == "resource_ref":
        return f"{remove}, then recreate the set with {clone} in place of {ref.id}"
    element = constraint.element

    def named(attribute: str) -> str:
        value = element.get(attribute) or "RESOURCE"  # only a schema-less CIB lacks it
        return clone if value == ref.id else value

    if constraint.kind == "location":
        node = element.get("node")
        if node is None:
            return f"{remove}, then pcs constraint location {clone} rule ..."
        verb, points = location_score_words(element.get("score"))
        return f"{remove}, then pcs constraint location {clone} {verb} {node}={points}"
    if constraint.kind == "colocation":
        score = element.get("score") or "INFINITY"
        return f"{remove}, then pcs constraint colocation add {named('rsc')} with {named('with-rsc')} {score}"
    if constraint.kind == "order":
        first_action = element.get("first-action") or "start"
        then_action = element.get("then-action") or first_action
        return (f"{remove}, then pcs constraint order {first_action} {named('first')} "
                f"then {then_action} {named('then')}")
    return f"{remove}, then pcs constraint ticket add {element.get('ticket') or 'TICKET'} {clone}"


RULE = Rule(
    code="PCS207",
    name="constraint-on-child",
    severity=Severity.ERROR,
    summary="a constraint names a member of a clone instead of the clone",
    check=check,
    doc=rule_doc(__name__),
)
