"""PCS507 transport-deprecated: udp/udpu transport, or a corosync 2 style configuration."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._corosync import at, key_at, where


def check(ctx: Context) -> Iterator[Problem]:
    for conf in ctx.corosync:
        key = conf.key("totem.transport")
        if key is not None and key.value in ("udp", "udpu"):
            yield Problem(
                f"{where(conf)} line {key.line}: transport {key.value} is deprecated in corosync 3 and has no "
                "encryption and a single link: cluster traffic is neither encrypted nor redundant",
                object_id="totem.transport", location=key_at(conf, key),
                hint="with the cluster stopped, write 'transport: knet' on every node and give each node a nodeid "
                     "(pcs cannot change the transport of an existing cluster)",
            )
        interfaces = [s for s in conf.sections("totem.interface") if s.get("bindnetaddr") is not None]
        if interfaces and not conf.nodelist:
            yield Problem(
                f"{where(conf)} line {interfaces[0].line}: a corosync 2 style configuration (an interface with "
                "bindnetaddr and no nodelist): corosync 3 with knet needs a nodelist with each node's addresses",
                object_id="totem.interface", location=at(conf, interfaces[0].line),
                hint="add a nodelist section with a node { ring0_addr, name, nodeid } per node (pcs cluster setup "
                     "writes one)",
            )


RULE = Rule(
    code="PCS507",
    name="transport-deprecated",
    severity=Severity.INFO,
    summary="corosync transport udp/udpu (deprecated, no encryption) or a corosync 2 style configuration",
    check=check,
    doc=rule_doc(__name__),
    scope="corosync",
)
