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
from pcs_lint.rule import Context
from pcs_lint.rules import (
    _operations,
    duplicate_operation,
    group_member_constraint,
    guest_name_conflicts_node,
    interval_invalid,
    interval_surprising,
    meta_value,
    on_fail_invalid,
    recurring_start_stop,
    remote_port_mismatch,
    timeout_advice,
    timeout_invalid,
)

CLUSTER_NODES = 8


def cluster(units: int) -> bytes:
    """``units`` remote connections (half with a <node> entry), as many guest VMs, each with an
    -INFINITY ban, an order and a colocation, and primitives with three operations each."""
    nodes = "".join(f'<node id="{n}" uname="node{n}"/>' for n in range(1, CLUSTER_NODES + 1))
    nodes += "".join(f'<node id="remote{u}" type="remote" uname="remote{u}"/>' for u in range(0, units, 2))
    ops = ('<operations><op id="{0}-monitor" name="monitor" interval="10s" timeout="20s"/>'
           '<op id="{0}-start" name="start" interval="0s" timeout="60s"/>'
           '<op id="{0}-stop" name="stop" interval="0s" timeout="60s"/></operations>')
    resources = "".join(
        f'<primitive id="remote{u}" class="ocf" provider="pacemaker" type="remote">{ops.format(f"remote{u}")}'
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


def context(units: int) -> Context:
    return Context(cib=build_index(etree.fromstring(cluster(units))), path="cib.xml")


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
