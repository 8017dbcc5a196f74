"""PCS211 leftover-move-constraint: a location constraint left by a move or ban, with no lifetime."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc

# The ids crm_resource gives the constraints of --move and --ban (pcs resource move/ban and crm
# resource move/ban call it): cli-prefer-RSC, cli-ban-RSC-on-NODE.
PREFIX_EFFECT = {
    "cli-prefer-": "pins {owner} to {node}: it never moves back, and does not run elsewhere while that node is up",
    "cli-ban-": "bans {owner} from {node} for good: it never runs there again",
}
_PREFIXES = tuple(PREFIX_EFFECT)


def _lifetime(element) -> bool:
    """A --lifetime move writes its end as a date_expression inside the constraint's rule."""
    return any(True for _ in element.iter("{*}date_expression", "date_expression"))


def check(ctx: Context) -> Iterator[Problem]:
    for constraint in ctx.cib.constraints:
        if constraint.kind != "location" or not constraint.id:
            continue
        if not constraint.id.startswith(_PREFIXES):
            continue  # nearly every constraint: one C call, no generator per constraint
        prefix = next(p for p in PREFIX_EFFECT if constraint.id.startswith(p))
        if _lifetime(constraint.element):
            continue
        resource = constraint.get("rsc")
        owner = f"resource {resource!r}" if resource else "its resources"
        node = constraint.get("node")
        effect = PREFIX_EFFECT[prefix].format(owner=owner, node=f"node {node!r}" if node else "a node")
        yield Problem(
            f"location constraint {constraint.id!r} was left by a resource move or ban and has no lifetime: "
            f"it still {effect}",
            element=constraint.element,
            object_id=constraint.id,
            **remedy(Fix.of(f"pcs resource clear {resource}") if resource else
                     f"pcs constraint delete {constraint.id}",
                     " (removes the constraints a move or ban left); next time, move with a lifetime "
                     "(pcs resource move RSC NODE, which clears it after the move, or lifetime=PT1H)"),
        )


RULE = Rule(
    code="PCS211",
    name="leftover-move-constraint",
    severity=Severity.WARNING,
    summary="a cli-prefer-/cli-ban- location constraint without a lifetime: a move or ban that was never cleared",
    check=check,
    doc=rule_doc(__name__),
)
