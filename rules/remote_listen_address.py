"""PCS137 remote-listen-address: the remote/guest host listens on PCMK_remote_address, and the
connection goes to another address."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from pcs_lint.findings import Fix, Problem, Severity, remedy
from pcs_lint.nodes import NodeKind, PacemakerNode
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._ports import describe_connection

ADDRESS_VARIABLE = "PCMK_remote_address"


def _ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _address_fix(connection: PacemakerNode, address: str) -> Fix:
    if connection.kind is NodeKind.REMOTE:
        return Fix.of(f"pcs resource update {connection.resource.id} server={address}")
    return Fix.of(f"pcs resource meta {connection.resource.id} remote-addr={address}")


def check(ctx: Context) -> Iterator[Problem]:
    for connection in ctx.cib.node_model.connections():
        env = ctx.env_files.get(connection.name)
        var = env.get(ADDRESS_VARIABLE) if env is not None else None
        # Only a numeric listen address is judged (and shown: an IP address is no secret); a name
        # there is resolved by pacemaker-remoted at start, which cannot be done offline.
        listen = _ip(var.value) if var is not None else None
        if listen is None or listen.is_unspecified:
            continue
        target = connection.address or connection.name
        connect = _ip(target)
        if connect == listen:
            continue
        attribute = "server" if connection.kind is NodeKind.REMOTE else "remote-addr"
        written = connection.address_pair is not None and bool(connection.address_pair.value)
        origin = f"{attribute}={target}" if written else f"{target}, its name (no {attribute})"
        where = f"{env.path}:{var.line}"
        if connect is None:
            yield Problem(
                f"{describe_connection(connection)} connects to {origin}, and the host listens only on "
                f"{ADDRESS_VARIABLE}={var.value} ({where}): whether {target} resolves to that address cannot be "
                "checked offline; if it does not, the connection fails",
                element=connection.address_pair.element if written else connection.element,
                object_id=connection.resource.id, severity=Severity.INFO,
                related=(env.location(ADDRESS_VARIABLE),),
                hint=f"make sure {target} resolves to {var.value} on every cluster node, or connect to the address: "
                     f"{_address_fix(connection, var.value).text()}",
            )
            continue
        yield Problem(
            f"{describe_connection(connection)} connects to {origin}, but the host listens only on "
            f"{ADDRESS_VARIABLE}={var.value} ({where}): the connection fails, so {connection.name} stays offline "
            "and its resources cannot run there",
            element=connection.address_pair.element if written else connection.element,
            object_id=connection.resource.id,
            related=(env.location(ADDRESS_VARIABLE),),
            **remedy(_address_fix(connection, var.value),
                     f", or set {ADDRESS_VARIABLE} in {env.path} on {connection.name} to {target} (or remove it "
                     "to listen on every address) and restart pacemaker_remote"),
        )


RULE = Rule(
    code="PCS137",
    name="remote-listen-address",
    severity=Severity.ERROR,
    summary="the connection's server/remote-addr is not the PCMK_remote_address its host listens on",
    check=check,
    doc=rule_doc(__name__),
)
