"""PCS111 guest-name-invalid: a guest node name that is empty or makes a poor node name."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import created_guests, guest_name_label

# Each oddity with the reason it hurts. The name is both a node name and the id of the implicit
# connection resource, so it should also be a valid XML ID.
ODDITIES = (
    (lambda name: ":" in name,
     "contains ':', which Pacemaker uses to number clone instances (rsc:0), so the connection's "
     "history reads as an instance of another resource"),
    (lambda name: any(c.isspace() for c in name),
     "contains whitespace, which splits it in node lists (pcmk_host_list, crm_node and pcs "
     "arguments)"),
    (lambda name: name[0].isdigit(),
     "starts with a digit, so it is not a valid XML ID although it is also the id of the "
     "connection resource Pacemaker creates (pcs refuses such ids, e.g. as a remote node's name)"),
)


def check(ctx: Context) -> Iterator[Problem]:
    for guest in created_guests(ctx.cib):
        vm = guest.resource.id
        name = guest.remote_node.value
        hint = (f"pcs resource meta {vm} remote-node=NEW-NAME --force, with a name of letters, "
                "digits, '-', '_' and '.' that starts with a letter")
        if name is None or not name.strip():
            yield Problem(
                f"remote-node of {vm!r} is empty: pcs refuses an empty guest name, and Pacemaker "
                "either ignores the setting (no value) or makes a connection resource without an "
                "id, which crm_verify reports as an error",
                element=guest.remote_node.element,
                object_id=vm,
                hint=hint,
                severity=Severity.ERROR,
            )
            continue
        reasons = [reason for test, reason in ODDITIES if test(name)]
        if reasons:
            yield Problem(
                f"{guest_name_label(guest)} " + "; it ".join(reasons),
                element=guest.remote_node.element,
                object_id=vm,
                hint=hint,
                severity=Severity.WARNING,
            )


RULE = Rule(
    code="PCS111",
    name="guest-name-invalid",
    severity=Severity.ERROR,
    summary="remote-node empty (error), or containing ':' or whitespace, or starting with a digit (warning)",
    check=check,
    doc=rule_doc(__name__),
)
