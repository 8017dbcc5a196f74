"""PCS207 constraint-on-child: a constraint names a member of a clone instead of the clone.

Pacemaker resolves constraint targets among top-level resources: it refuses a clone's member
("is not a valid resource or tag") and drops the constraint, except when an instance's history
in the status section carries the member's name, which maps it to the whole clone. Members of a bundle are
left to PCS134 (bundle-inner-constraint), which explains the bundle case.
"""

from __future__ import annotations

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.model import Cib, Resource
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import rename_in_constraint, where_named


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
                **remedy(rename_in_constraint(constraint, ref, clone.id)),
            )


RULE = Rule(
    code="PCS207",
    name="constraint-on-child",
    severity=Severity.ERROR,
    summary="a constraint names a member of a clone instead of the clone",
    check=check,
    doc=rule_doc(__name__),
)
