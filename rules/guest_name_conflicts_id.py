"""PCS101 guest-name-conflicts-id: a guest's remote-node equals an id in the configuration."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import created_guests, element_label, guest_name_label


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for guest in created_guests(cib):
        name = guest.name
        owners = cib.ids.get(name, ()) if name else ()
        if not owners:
            continue
        vm = guest.resource.id
        owner = owners[0]
        if owner is guest.resource.element:
            what = f"the id of its own primitive {vm!r}"
        else:
            what = f"the id of the {element_label(owner)}"
        yield Problem(
            f"{guest_name_label(guest)} equals {what}: Pacemaker creates "
            f"a connection resource and a node both called {name!r}, so two resources share "
            "one id and constraints, status history and pcs commands may act on the wrong one",
            element=guest.remote_node.element,
            object_id=vm,
            hint=f"give the guest a name used by no id: pcs resource meta {vm} "
            f"remote-node=NEW-NAME --force (pcs refuses this name when creating a guest)",
        )


RULE = Rule(
    code="PCS101",
    name="guest-name-conflicts-id",
    severity=Severity.ERROR,
    summary="remote-node equals an id in the configuration (its own primitive's included)",
    check=check,
    doc=rule_doc(__name__),
)
