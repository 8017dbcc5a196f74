"""PCS131 bundle-control-port-replicas: control-port with replicas-per-host > 1."""

from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    for bundle in ctx.cib.bundles.values():
        # Pacemaker checks this only when it must reach a primitive through the host's own
        # address: with ip-range-start every replica has its own address and may reuse the port.
        if bundle.primitive is None or bundle.ip_range_start is not None or bundle.control_port is None:
            continue
        if bundle.replicas_per_host <= 1:
            continue
        container = bundle.container_element
        yield Problem(
            f"bundle {bundle.id!r} sets control-port {bundle.control_port!r} without ip-range-start "
            f"and allows {bundle.replicas_per_host} replicas per host: replicas on one host would "
            "all listen on that port of the host's address, so Pacemaker silently runs at most one "
            "replica per host instead",
            element=container if container is not None else bundle.element,
            object_id=bundle.id,
            **remedy(Fix.of(f"pcs resource bundle update {bundle.id} container replicas-per-host=1"),
                     " (or give each replica its own address: pcs resource bundle update "
                     f"{bundle.id} network ip-range-start=<first free IPv4 address>)"),
        )


RULE = Rule(
    code="PCS131",
    name="bundle-control-port-replicas",
    severity=Severity.ERROR,
    summary="control-port with replicas-per-host > 1",
    check=check,
    doc=rule_doc(__name__),
)
