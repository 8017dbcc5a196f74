"""PCS134 bundle-inner-constraint: a constraint names the primitive inside a bundle."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Constraint, ResourceRef
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import location_score_words, unique_refs, where_named


def _fix(constraint: Constraint, ref: ResourceRef, primitive: str, bundle: str) -> str:
    """The pcs commands that put the bundle where the primitive is named."""
    remove = f"pcs constraint remove {constraint.id}"
    if ref.via_tag:
        return (f"pcs tag update {ref.via_tag} add {bundle} remove {primitive} (a tag may list the "
                "bundle, never what is inside it)")
    if ref.attribute == "resource_ref" or constraint.sets:
        return f"{remove}, then recreate the set with {bundle} in place of {primitive}"
    swap = {primitive: bundle}
    if constraint.kind == "location" and constraint.get("node"):
        verb, score = location_score_words(constraint.get("score"))
        return f"{remove}; pcs constraint location {bundle} {verb} {constraint.get('node')}={score}"
    if constraint.kind == "colocation":
        rsc, with_rsc = constraint.get("rsc"), constraint.get("with-rsc")
        score = constraint.get("score") or "INFINITY"
        return (f"{remove}; pcs constraint colocation add {swap.get(rsc, rsc)} with "
                f"{swap.get(with_rsc, with_rsc)} {score}")
    if constraint.kind == "order":
        first, then = constraint.get("first"), constraint.get("then")
        first_action = constraint.get("first-action") or "start"
        then_action = constraint.get("then-action") or first_action
        return (f"{remove}; pcs constraint order {first_action} {swap.get(first, first)} then "
                f"{then_action} {swap.get(then, then)}")
    return f"{remove}, then recreate it naming {bundle} instead of {primitive}"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for bundle in cib.bundles.values():
        if bundle.primitive is None:
            continue
        for constraint, ref in unique_refs(cib.constraints_naming(bundle.primitive)):
            label = f"{constraint.kind} constraint {constraint.id!r}"
            yield Problem(
                f"{label} names {bundle.primitive!r} {where_named(ref)}, but {bundle.primitive!r} is the "
                f"primitive inside bundle {bundle.id!r}: Pacemaker does not accept constraints on a "
                "bundled resource and ignores the whole constraint; name the bundle instead",
                element=ref.element,
                object_id=constraint.id,
                hint=_fix(constraint, ref, bundle.primitive, bundle.id),
            )


RULE = Rule(
    code="PCS134",
    name="bundle-inner-constraint",
    severity=Severity.ERROR,
    summary="a constraint names the primitive inside a bundle instead of the bundle",
    check=check,
    doc=rule_doc(__name__),
)
