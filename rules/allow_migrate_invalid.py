"""PCS119 allow-migrate-invalid: remote-allow-migrate not a Pacemaker boolean."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc

# Pacemaker's booleans, compared case-insensitively.
BOOLEANS = frozenset({"true", "false", "yes", "no", "on", "off", "y", "n", "1", "0"})


def check(ctx: Context) -> Iterator[Problem]:
    for guest in ctx.cib.guest_nodes:
        pair = guest.allow_migrate
        if pair is None or (pair.value or "").lower() in BOOLEANS:
            continue
        yield Problem(
            f'{pair.name}="{pair.value or ""}" of guest node {guest.name!r} (resource {guest.resource.id!r}) '
            "is not a boolean (true/false, yes/no, on/off, y/n, 1/0): Pacemaker reads it as false, so the "
            "connection is stopped and restarted instead of migrated when the VM moves (the default is true)",
            element=pair.element,
            object_id=guest.resource.id,
            hint=f"pcs resource meta {guest.resource.id} remote-allow-migrate=true",
        )


RULE = Rule(
    code="PCS119",
    name="allow-migrate-invalid",
    severity=Severity.WARNING,
    summary="remote-allow-migrate not a Pacemaker boolean",
    check=check,
    doc=rule_doc(__name__),
)
