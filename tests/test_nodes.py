"""The node model (lint/nodes.py): one record per node, built once per CIB, filtered by rules."""

from __future__ import annotations

import random
import tracemalloc
from dataclasses import dataclass

from lxml import etree

from pcs_lint.findings import SourceLocation
from pcs_lint.model import build_index
from pcs_lint.nodes import (
    NodeKind,
    NodeNameCheck,
    SourceKind,
    check_node_names,
    corosync_nodes,
    fold,
    unknown_node_names,
)
from pcs_lint.rule import Context
from pcs_lint.rules import unknown_node
from pcs_lint.testing import cib

NODES = '<node id="1" uname="node1"/><node id="2" uname="node2"/><node id="remote1" uname="remote1" type="remote"/>'
RESOURCES = """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="remote1-ia">
          <nvpair id="remote1-server" name="server" value="192.0.2.21"/>
          <nvpair id="remote1-port" name="port" value="3122abc"/>
        </instance_attributes>
      </primitive>
      <group id="grp">
        <primitive id="nested" class="ocf" provider="pacemaker" type="remote"/>
      </group>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="Guest1"/></meta_attributes>
      </primitive>
      <bundle id="web">
        <docker image="web" replicas="2"/>
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


def index(xml: str, extra=()):
    return build_index(etree.fromstring(xml.encode()), extra)


def test_one_record_per_source_with_kind_creation_address_and_port():
    model = index(cib(RESOURCES, nodes=NODES)).node_model
    shown = [(n.name, n.kind, n.created, n.sources[0].kind) for n in model.nodes(created=None)]
    assert shown == [
        ("node1", NodeKind.CLUSTER, True, SourceKind.CIB_NODES),
        ("node2", NodeKind.CLUSTER, True, SourceKind.CIB_NODES),
        ("remote1", NodeKind.REMOTE, True, SourceKind.CIB_NODES),
        ("remote1", NodeKind.REMOTE, True, SourceKind.REMOTE_CONNECTION),
        ("nested", NodeKind.REMOTE, False, SourceKind.REMOTE_CONNECTION),
        ("Guest1", NodeKind.GUEST, True, SourceKind.GUEST),
    ]
    remote = next(model.connections())
    # Pacemaker reads port with atoi: "3122abc" is 3122; the address is server=.
    assert (remote.address, remote.port, remote.resource.id) == ("192.0.2.21", 3122, "remote1")
    assert remote.element.get("id") == "remote1" and remote.element.sourceline > 1
    guest = model.find("guest1")[0]
    assert (guest.address, guest.port, guest.element.get("id")) == ("Guest1", None, "vm1-rn")
    assert [n.name for n in model.connections()] == ["remote1", "Guest1"]


def test_lookups_ignore_case_unless_exact_and_see_bundle_replicas():
    model = index(cib(RESOURCES, nodes=NODES)).node_model
    assert model.knows("NODE1") and not model.knows("NODE1", exact=True)
    assert model.knows("guest1", NodeKind.GUEST) and not model.knows("guest1", NodeKind.REMOTE)
    replica = model.find("WEB-1")[0]
    assert (replica.name, replica.kind, replica.replica, replica.resource.id) == ("web-1", NodeKind.BUNDLE, 1, "web")
    assert model.find("web-2") == () and model.find("web-01") == ()
    # A connection Pacemaker makes no node of is found only when asked for.
    assert model.find("nested") == () and model.find("nested", created=None)[0].resource.id == "nested"
    assert model.count(NodeKind.BUNDLE) == 2 and model.count(NodeKind.CLUSTER) == 2


def test_bundle_replicas_stay_arithmetic_whatever_replicas_says():
    huge = RESOURCES.replace('replicas="2"', 'replicas="99999999"')
    tracemalloc.start()
    model = index(cib(huge, nodes=NODES)).node_model
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # a listed family would take gigabytes
    assert len(model.records) == 6
    assert model.count(NodeKind.BUNDLE) == 99999999
    assert model.knows("web-99999998") and not model.knows("web-99999999")
    assert list(model.names(NodeKind.BUNDLE, replicas_per_bundle=3)) == ["web-0", "web-1", "web-2"]


@dataclass(frozen=True)
class NodelistEntry:
    """A hand-made corosync.conf nodelist entry, as the corosync.conf reader will give one."""

    name: str | None
    ring0_addr: str | None
    nodeid: str | None
    location: SourceLocation | None


def test_corosync_nodes_join_the_model_one_record_per_node():
    entries = [
        NodelistEntry("NODE1", "192.0.2.1", "1", SourceLocation("corosync.conf", 12)),
        NodelistEntry(None, "node3", "3", SourceLocation("corosync.conf", 20)),
        NodelistEntry(None, None, "4", SourceLocation("corosync.conf", 25)),  # names no node
    ]
    model = index(cib(RESOURCES, nodes=NODES), corosync_nodes(entries)).node_model
    cluster = list(model.nodes(NodeKind.CLUSTER))
    assert [(n.name, [s.kind for s in n.sources], n.node_id) for n in cluster] == [
        ("node1", [SourceKind.CIB_NODES, SourceKind.COROSYNC], "1"),
        ("node2", [SourceKind.CIB_NODES], "2"),
        ("node3", [SourceKind.COROSYNC], "3"),
    ]
    assert cluster[2].location == SourceLocation("corosync.conf", 20) and cluster[2].element is None
    assert cluster[0].address == "192.0.2.1"


def test_a_cib_without_nodes_is_judged_with_the_nodelists_names():
    constraint = '<rsc_location id="l1" rsc="web" node="node3" score="100"/>'
    empty = cib('<primitive id="web" class="ocf" provider="heartbeat" type="apache"/>', constraint, nodes="")
    alone = index(empty)
    assert not alone.node_model
    with_corosync = index(empty, corosync_nodes([NodelistEntry("node1", None, "1", None)]))
    assert with_corosync.node_model
    findings = list(unknown_node.check(Context(cib=with_corosync, path="cib.xml")))
    assert [f.object_id for f in findings] == ["l1"] and "did you mean 'node1'?" in findings[0].message
    # Without it no name can be judged: one note, no warning.
    notes = list(unknown_node.check(Context(cib=alone, path="cib.xml")))
    assert [(n.severity.label, n.object_id) for n in notes] == [("info", None)]


def test_node_arguments_are_checked_exactly_with_a_suggestion():
    model = index(cib(RESOURCES, nodes=NODES)).node_model
    check = check_node_names(model, ["remote1", "remote-1", "Node1", "web-1"])
    assert check == NodeNameCheck(True, (("remote-1", "remote1"), ("Node1", "node1")))
    assert check_node_names(index(cib("", nodes="")).node_model, ["anything"]) == NodeNameCheck(False)


def test_a_node_argument_is_unknown_only_when_no_cib_naming_nodes_knows_it():
    first = NodeNameCheck(True, (("a", "aa"), ("b", None)))
    second = NodeNameCheck(True, (("b", "bb"),))
    empty = NodeNameCheck(False)
    assert unknown_node_names([first, second, empty]) == (("b", "bb"),)
    assert unknown_node_names([empty, empty]) == ()


def test_names_compare_like_strcasecmp_ascii_letters_only():
    # Measured with crm_simulate (Pacemaker 2.1.5): a location on "abc" scores on node ABC, one
    # on "NÖDE1" does not score on nöde1; "STRASSE" is no spelling of "straße".
    model = index(cib("", nodes='<node id="1" uname="ABC"/><node id="2" uname="nöde1"/><node id="3" uname="straße"/>')).node_model
    assert model.knows("abc")
    assert not model.knows("NÖDE1") and model.knows("nöde1")
    assert not model.knows("STRASSE")


def test_fold_lowers_ascii_letters_only_in_every_name():
    # Pacemaker compares node names with strcasecmp: only A-Z fold. Python's lower() also folds
    # non-ASCII letters (and the Kelvin sign to "k"), so no such name may be lowered by it.
    alphabet = "aZ09-_.ÖöİıßK\u212aǅΣσ"
    names = ["".join(random.Random(seed).choices(alphabet, k=seed % 9)) for seed in range(2000)]
    for name in names:
        assert fold(name) == "".join(c.lower() if "A" <= c <= "Z" else c for c in name)
    assert (fold("NÖDE1"), fold("\u212aNODE")) == ("nÖde1", "\u212anode")
