"""PCS134 bundle-inner-constraint: a constraint names the primitive inside a bundle."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._constraints import rename_in_constraint, unique_refs, where_named


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
                **remedy(rename_in_constraint(constraint, ref, bundle.id)),
            )


RULE = Rule(
    code="PCS134",
    name="bundle-inner-constraint",
    severity=Severity.ERROR,
    summary="a constraint names the primitive inside a bundle instead of the bundle",
    check=check,
    doc=rule_doc(__name__),
)
