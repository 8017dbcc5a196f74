"""PCS118 connect-timeout-invalid: remote-connect-timeout not a valid timeout (ISO forms, 0 too)."""

from collections.abc import Iterator

from pcs_lint.durations import parse_timeout
from pcs_lint.findings import Fix, Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._remote_helpers import describe_guest, invalid_setting


def check(ctx: Context) -> Iterator[Problem]:
    for guest in ctx.cib.guest_nodes:
        pair = guest.connect_timeout
        if pair is None:
            continue
        duration = parse_timeout(pair.value or "")
        if duration.valid and duration.ms:
            continue
        why = duration.problem if not duration.valid else "a timeout of 0 is no timeout"
        vm = guest.resource.id
        yield invalid_setting(
            pair.name, pair.value, describe_guest(guest.name, vm),
            f"a valid timeout ({why})",
            "Pacemaker silently gives the connection's start the default operation timeout of 20s "
            "instead of the intended value (or the 60s default of this option)",
            element=pair.element,
            object_id=vm,
            fix=Fix.of(f"pcs resource meta {vm} remote-connect-timeout=60s"),
        )


RULE = Rule(
    code="PCS118",
    name="connect-timeout-invalid",
    severity=Severity.WARNING,
    summary="remote-connect-timeout not a valid timeout (ISO forms and 0 included)",
    check=check,
    doc=rule_doc(__name__),
)
