"""PCS136 bundle-remote-node-ignored: remote-node on a bundle's primitive."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import listed_names

NAMES_LISTED = 20


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for guest in cib.guest_nodes:
        parent = cib.parent(guest.resource)
        if parent is None or parent.kind != "bundle":
            continue
        bundle = cib.bundles.get(parent.id)
        family = bundle.replica_nodes if bundle else None
        node_names = listed_names(family.names(NAMES_LISTED), family.count, NAMES_LISTED) if family else ""
        nodes = f" ({node_names})" if node_names else ""
        pair = guest.remote_node
        yield Problem(
            f"primitive {guest.resource.id!r} inside bundle {parent.id!r} sets meta attribute "
            f"{pair.name}={pair.value!r}, which Pacemaker ignores: a bundle makes its own guest node "
            f"per replica{nodes}, so no node {pair.value!r} will exist and anything placed on it "
            "never runs",
            element=pair.element,
            object_id=guest.resource.id,
            # pcs refuses to remove a lower-case remote-node without --force (it wants
            # remove-guest); other spellings it does not recognise, so they need none.
            **remedy(Fix.of(f"pcs resource meta {guest.resource.id} {pair.name}="
                            + (" --force" if pair.name == "remote-node" else "")),
                     " (and use the bundle's node names in constraints and rules)"),
        )


RULE = Rule(
    code="PCS136",
    name="bundle-remote-node-ignored",
    severity=Severity.WARNING,
    summary="remote-node on a bundle's primitive (ignored)",
    check=check,
    doc=rule_doc(__name__),
)
