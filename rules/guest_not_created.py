"""PCS108 guest-not-created: remote-node on a primitive Pacemaker does not make a guest of."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.model import Cib, GuestNode
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._resources import collective_name, nearest


def move_out(cib: Cib, guest: GuestNode) -> str:
    """The pcs command that gives the primitive a placement Pacemaker makes a guest of."""
    clone = nearest(cib, guest.resource, "clone")
    if clone is not None:
        return f"take it out of the clone: pcs resource unclone {clone.id}"
    # Only without schema validation: a group nested in a group.
    parent = cib.parent(guest.resource)
    return f"take it out of the nested group: pcs resource group remove {parent.id} {guest.resource.id}"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for guest in cib.guest_nodes:
        if guest.creates_node:
            continue
        # A bundle's primitive is PCS136's finding (bundle-remote-node-ignored).
        if nearest(cib, guest.resource, "bundle") is not None:
            continue
        vm = guest.resource.id
        where = " of ".join(f"{collective_name(a)} {a.id!r}" for a in cib.ancestors(guest.resource))
        name = guest.name
        yield Problem(
            f"remote-node {name!r} on {vm!r} has no effect: {vm!r} is inside {where}, and "
            "Pacemaker makes guest nodes only of top-level primitives and primitives directly "
            f"in a top-level group; no node {name!r} exists, so anything placed on it never runs",
            element=guest.remote_node.element,
            object_id=vm,
            hint=f"if {vm} should be a guest node, {move_out(cib, guest)}; otherwise drop the "
            f"setting: pcs resource meta {vm} remote-node= --force",
        )


RULE = Rule(
    code="PCS108",
    name="guest-not-created",
    severity=Severity.ERROR,
    summary="remote-node on a primitive inside a clone or cloned group: no guest is created",
    check=check,
    doc=rule_doc(__name__),
)
