"""PCS119 allow-migrate-invalid: remote-allow-migrate not a Pacemaker boolean."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import describe_guest, invalid_setting
from pcs_lint.values import parse_boolean


def check(ctx: Context) -> Iterator[Problem]:
    for guest in ctx.cib.guest_nodes:
        pair = guest.allow_migrate
        if pair is None or parse_boolean(pair.value or "") is not None:
            continue
        vm = guest.resource.id
        yield invalid_setting(
            pair.name, pair.value, describe_guest(guest.name, vm),
            "a boolean (true/false, yes/no, on/off, y/n, 1/0)",
            "Pacemaker reads it as false, so the connection is stopped and restarted instead of "
            "migrated when the VM moves (the default is true)",
            element=pair.element,
            object_id=vm,
            fix=Fix.of(f"pcs resource meta {vm} remote-allow-migrate=true"),
        )


RULE = Rule(
    code="PCS119",
    name="allow-migrate-invalid",
    severity=Severity.WARNING,
    summary="remote-allow-migrate not a Pacemaker boolean",
    check=check,
    doc=rule_doc(__name__),
)
