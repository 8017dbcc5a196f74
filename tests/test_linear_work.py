"""Rules that once grew faster than their input do work in proportion to it (issue 14).

No timings: the work is counted. ``steps`` counts the lines of Python a check executes (through
sys.settrace), which grows with the square of the input when a rule scans every node or
connection once per node or connection, however fast the machine. The operation rules
are checked by counting the operation records built: once per CIB, not once per rule.
"""

from __future__ import annotations

import sys

import pytest
from lxml import etree

from pcs_lint.model import build_index
from pcs_lint.nodes import NodeModel
from pcs_lint.rule import Context
from pcs_lint.rules import (
    _operations,
    bundle_shared_port,
    duplicate_operation,
    fence_target_coverage,
    group_member_constraint,
    guest_name_conflicts_node,
    interval_invalid,
    interval_surprising,
    meta_value,
    on_fail_invalid,
    recurring_start_stop,
    remote_port_invalid,
    remote_port_mismatch,
    timeout_advice,
    timeout_invalid,
)

CLUSTER_NODES = 8


def cluster(units: int, port: str | None = None) -> bytes:
    """``units`` remote connections (half with a <node> entry, each with ``port`` when given),
    as many guest VMs, each with an -INFINITY ban, an order and a colocation, and primitives
    with three operations each."""
    nodes = "".join(f'<node id="{n}" uname="node{n}"/>' for n in range(1, CLUSTER_NODES + 1))
    nodes += "".join(f'<node id="remote{u}" type="remote" uname="remote{u}"/>' for u in range(0, units, 2))
    ops = ('<operations><op id="{0}-monitor" name="monitor" interval="10s" timeout="20s"/>'
           '<op id="{0}-start" name="start" interval="0s" timeout="60s"/>'
           '<op id="{0}-stop" name="stop" interval="0s" timeout="60s"/></operations>')
    port_set = ('<instance_attributes id="{0}-ia"><nvpair id="{0}-port" name="port" value="' + port
                + '"/></instance_attributes>') if port is not None else ""
    resources = "".join(
        f'<primitive id="remote{u}" class="ocf" provider="pacemaker" type="remote">{port_set.format(f"remote{u}")}'
        f'{ops.format(f"remote{u}")}'
        '</primitive>'
        f'<primitive id="vm{u}" class="ocf" provider="heartbeat" type="VirtualDomain">'
        f'<meta_attributes id="vm{u}-meta"><nvpair id="vm{u}-rn" name="remote-node" value="guest{u}"/>'
        f'</meta_attributes>{ops.format(f"vm{u}")}</primitive>'
        for u in range(units))
    constraints = "".join(
        f'<rsc_location id="ban-remote{u}" rsc="remote{u}" node="node{u % CLUSTER_NODES + 1}" score="-INFINITY"/>'
        f'<rsc_location id="ban-vm{u}" rsc="vm{u}" node="node{u % CLUSTER_NODES + 1}" score="-INFINITY"/>'
        f'<rsc_order id="order-vm{u}" first="vm{u}" then="vm{(u + 1) % units}"/>'
        f'<rsc_colocation id="col-vm{u}" rsc="vm{u}" with-rsc="vm{(u + 1) % units}" score="-10"/>'
        for u in range(units))
    return (f'<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes>{nodes}</nodes>'
            f'<resources>{resources}</resources><constraints>{constraints}</constraints></configuration>'
            '<status/></cib>').encode()


def context(units: int, port: str | None = None) -> Context:
    return Context(cib=build_index(etree.fromstring(cluster(units, port))), path="cib.xml")


def steps(rule, ctx: Context) -> int:
    """Lines of Python executed while the rule's check runs to the end (in every function and
    generator it calls)."""
    count = 0

    def trace(frame, event, arg):
        nonlocal count
        count += 1
        return trace

    sys.settrace(trace)
    try:
        list(rule.check(ctx))
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("rule", [remote_port_mismatch.RULE, guest_name_conflicts_node.RULE,
                                  group_member_constraint.RULE],
                         ids=lambda rule: rule.code)
def test_work_grows_in_proportion_to_the_connections(rule):
    small, large = context(60), context(240)
    # Four times the connections and guests: four times the work, with room for constant costs.
    # Scanning every node per connection (PCS113's hosting nodes, before), every connection
    # per guest (PCS102, before) or per constraint reference (PCS208, before) made it 10-16.
    assert steps(rule, large) <= 4.6 * steps(rule, small)


def test_port_mismatches_grow_in_proportion_to_the_connections():
    # Every remote connection connects to 3122 and its host listens on 3121: each is reported,
    # naming the cluster nodes not banned from it (the connections that cannot mismatch are
    # skipped before their hosts are worked out, so this is the costly path).
    small, large = context(60, port="3122"), context(240, port="3122")
    assert len(list(remote_port_mismatch.RULE.check(small))) == 60
    assert steps(remote_port_mismatch.RULE, large) <= 4.6 * steps(remote_port_mismatch.RULE, small)


OPERATION_RULES = [duplicate_operation.RULE, interval_invalid.RULE, interval_surprising.RULE, meta_value.RULE,
                   on_fail_invalid.RULE, recurring_start_stop.RULE, timeout_advice.RULE, timeout_invalid.RULE]


def test_operations_are_built_once_per_cib(monkeypatch):
    built = 0

    class CountedOperation(_operations.Operation):
        def __init__(self, *args, **kwargs):
            nonlocal built
            built += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(_operations, "Operation", CountedOperation)
    units = 20
    ctx = context(units)
    written = 2 * units * 3
    for rule in OPERATION_RULES:
        list(rule.check(ctx))
    # One record per op, in the table of every op, from which each resource's ops are also
    # taken, however many rules read them (each rule rebuilt them before; then each table).
    assert built == written
    for rule in OPERATION_RULES:  # a second round reads the tables built by the first
        list(rule.check(ctx))
    assert built == written
    # Another CIB has its own tables.
    list(OPERATION_RULES[0].check(context(units)))
    assert built == 2 * written


def test_the_table_of_every_op_is_in_document_order_even_with_nested_operations():
    # An <operations> inside another's op (never valid, but read): a table gathered container by
    # container would put its ops after the outer container's later ones.
    xml = (b'<cib validate-with="none"><configuration><resources>'
           b'<primitive id="a" class="ocf" provider="pacemaker" type="Dummy"><operations>'
           b'<op id="a1" name="monitor" interval="10s"><operations><op id="n1" name="monitor" interval="1s"/>'
           b'</operations></op><op id="a2" name="start" interval="0s"/></operations></primitive>'
           b'<primitive id="b" class="ocf" provider="pacemaker" type="Dummy"><operations>'
           b'<op id="b1" name="stop" interval="0s"/></operations></primitive>'
           b'</resources></configuration></cib>')
    cib = build_index(etree.fromstring(xml))
    assert [op.id for op in _operations.operations(cib)] == ["a1", "n1", "a2", "b1"]
    assert [op.owner_id for op in _operations.operations(cib)] == ["a", "?", "a", "b"]
    assert [op.id for op in _operations.effective_operations(cib, cib.resources["a"])] == ["a1", "a2"]


def test_connections_are_listed_once_per_cib(monkeypatch):
    # PCS133 asked for every connection once per bundle, and each port rule once more: 20
    # bundles and 800 connections walked 16,000 node records in PCS133 alone.
    listed = 0
    connections = NodeModel.connections

    def counted(model):
        nonlocal listed
        listed += 1
        return connections(model)

    monkeypatch.setattr(NodeModel, "connections", counted)
    bundles = "".join(f'<bundle id="b{n}"><docker image="x"/><network control-port="3121"/>'
                      f'<primitive id="b{n}-p" class="ocf" provider="heartbeat" type="apache"/></bundle>'
                      for n in range(5))
    xml = cluster(6).replace(b"</resources>", bundles.encode() + b"</resources>")
    ctx = Context(cib=build_index(etree.fromstring(xml)), path="cib.xml")
    # Each bundle may run on the remote nodes, which listen on its control-port: one finding each.
    assert len(list(bundle_shared_port.RULE.check(ctx))) == 5
    list(remote_port_mismatch.RULE.check(ctx))
    list(remote_port_invalid.RULE.check(ctx))
    assert listed == 1


def fenced_cluster(units: int) -> Context:
    """``units`` remote connections and as many fence devices, each listing one cluster node in
    pcmk_host_list: every remote node is one no device covers (PCS308)."""
    nodes = "".join(f'<node id="{n}" uname="node{n}"/>' for n in range(1, CLUSTER_NODES + 1))
    resources = "".join(
        f'<primitive id="remote{u}" class="ocf" provider="pacemaker" type="remote"/>'
        f'<primitive id="fence{u}" class="stonith" type="fence_ipmilan"><instance_attributes id="fence{u}-ia">'
        f'<nvpair id="fence{u}-list" name="pcmk_host_list" value="node{u % CLUSTER_NODES + 1}"/>'
        '</instance_attributes></primitive>'
        for u in range(units))
    xml = (f'<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes>{nodes}</nodes>'
           f'<resources>{resources}</resources><constraints/></configuration><status/></cib>')
    return Context(cib=build_index(etree.fromstring(xml.encode())), path="cib.xml")


def test_uncovered_nodes_cost_no_scan_of_every_device_each():
    small, large = fenced_cluster(60), fenced_cluster(240)
    assert len(list(fence_target_coverage.RULE.check(large))) == 240  # each remote node, uncovered
    # Listing the devices and trying each device's list once per uncovered node made it 12.
    assert steps(fence_target_coverage.RULE, large) <= 4.6 * steps(fence_target_coverage.RULE, small)


def grouped_set(units: int) -> Context:
    """One order whose resource set names ``units`` members of as many groups."""
    groups = "".join(f'<group id="g{u}"><primitive id="p{u}" class="ocf" provider="heartbeat" type="Dummy"/>'
                     f'<primitive id="q{u}" class="ocf" provider="heartbeat" type="Dummy"/></group>'
                     for u in range(units))
    refs = "".join(f'<resource_ref id="p{u}"/>' for u in range(units))
    xml = (f'<cib validate-with="pacemaker-3.9"><configuration><crm_config/><nodes/><resources>{groups}</resources>'
           f'<constraints><rsc_order id="o"><resource_set id="s">{refs}</resource_set></rsc_order></constraints>'
           '</configuration><status/></cib>')
    return Context(cib=build_index(etree.fromstring(xml.encode())), path="cib.xml")


def test_a_large_order_set_costs_no_scan_of_the_earlier_references_each():
    small, large = grouped_set(60), grouped_set(240)
    # Looking for each member's group among every earlier reference of the set made it 11.
    assert steps(group_member_constraint.RULE, large) <= 4.6 * steps(group_member_constraint.RULE, small)
