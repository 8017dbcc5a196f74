"""PCS120 remote-address-duplicate: two connections share server/remote-addr and port."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.nodes import NodeKind, PacemakerNode
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import DEFAULT_PORT, connections, describe_connection


def _port_key(connection: PacemakerNode) -> int:
    # Unset or read as 0 means "each cluster node's own PCMK_remote_port": counted as the default,
    # which is what two such connections share whatever the nodes' files say.
    return connection.port or DEFAULT_PORT


def check(ctx: Context) -> Iterator[Problem]:
    seen: dict[tuple[str, int], PacemakerNode] = {}
    for connection in connections(ctx.cib):
        key = (connection.address.lower(), _port_key(connection))
        first = seen.setdefault(key, connection)
        if first is connection:
            continue
        where = connection.address_pair.element if connection.address_pair is not None else connection.element
        yield Problem(
            f"{describe_connection(connection)} connects to {connection.address}:{key[1]}, the same address and port "
            f"as {describe_connection(first)}: both connections reach the same pacemaker_remote, so Pacemaker runs "
            "resources twice on one host while believing they are on two nodes",
            element=where,
            object_id=connection.resource.id,
            hint=(f"pcs resource update {connection.resource.id} server=ADDRESS" if connection.kind is NodeKind.REMOTE
                  else f"pcs resource meta {connection.resource.id} remote-addr=ADDRESS")
            + f" (the host of {connection.name}), or remove the duplicate connection",
        )


RULE = Rule(
    code="PCS120",
    name="remote-address-duplicate",
    severity=Severity.WARNING,
    summary="two connections share server/remote-addr and port",
    check=check,
    doc=rule_doc(__name__),
)
