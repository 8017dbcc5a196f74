"""PCS139 remote-failure-timeout-ignored: failure-timeout on a remote connection with reconnect_interval."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc

FAILURE_TIMEOUT = "failure-timeout"


def check(ctx: Context) -> Iterator[Problem]:
    cib = ctx.cib
    for connection in cib.remote_connections:
        interval = connection.reconnect_interval
        # Pacemaker reads reconnect_interval only for a connection that makes a remote node.
        if not connection.creates_node or interval is None or interval.value is None:
            continue
        timeout = cib.meta(connection.resource).get(FAILURE_TIMEOUT)
        if timeout is None:
            continue
        yield Problem(
            f"{FAILURE_TIMEOUT}={timeout.value!r} of remote connection {connection.id!r} has no effect: with "
            f"reconnect_interval={interval.value!r}, Pacemaker expires the connection's failures after the "
            "reconnect interval instead",
            element=timeout.element,
            object_id=connection.id,
            **remedy(Fix.of(f"pcs resource meta {connection.id} {FAILURE_TIMEOUT}="),
                     f" (to change how soon a failed connection is retried, set reconnect_interval: "
                     f"pcs resource update {connection.id} reconnect_interval=...)"),
        )


RULE = Rule(
    code="PCS139",
    name="remote-failure-timeout-ignored",
    severity=Severity.INFO,
    summary="failure-timeout on a remote connection with reconnect_interval: the reconnect interval replaces it",
    check=check,
    doc=rule_doc(__name__),
)
