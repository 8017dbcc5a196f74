from lxml import etree

from pcs_lint.model import build_index
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def bundle(bid="web", container='<podman image="i" replicas="2"/>', network='<network control-port="3121"/>',
           primitive=True) -> str:
    inner = f'<primitive id="{bid}-rsc" class="ocf" provider="heartbeat" type="apache"/>' if primitive else ""
    return f'\n      <bundle id="{bid}">{container}{network}{inner}</bundle>'


def dummy(rid: str) -> str:
    return f'\n      <primitive id="{rid}" class="ocf" provider="heartbeat" type="Dummy"/>'


def names(resources: str) -> tuple[str, ...]:
    root = etree.fromstring(cib(resources=resources).encode())
    return tuple(build_index(root).bundles["web"].names.names(4096))


# ---- the names Pacemaker generates (checked against Pacemaker's bundle.c and the corpus status)

def test_names_of_a_plain_bundle():
    assert names(bundle()) == ("web-clone", "web-podman-0", "web-0", "web-podman-1", "web-1")


def test_promotable_bundle_keeps_the_master_name_and_replicas_default_to_promoted_max():
    assert names(bundle(container='<docker image="i" promoted-max="3"/>')) == (
        "web-master", "web-docker-0", "web-0", "web-docker-1", "web-1", "web-docker-2", "web-2")
    assert names(bundle(container='<rkt image="i" masters="2"/>'))[0] == "web-master"


def test_unreadable_replicas_is_one_even_with_promoted_max():
    assert names(bundle(container='<podman image="i" replicas="x" promoted-max="3"/>')) == (
        "web-master", "web-podman-0", "web-0")


def test_container_without_primitive_makes_no_node_or_clone():
    assert names(bundle(primitive=False)) == ("web-podman-0", "web-podman-1")


def test_addresses_follow_pacemakers_next_ip():
    generated = names(bundle(container='<docker image="i" replicas="3"/>', network='<network ip-range-start="192.0.2.253"/>'))
    assert [n for n in generated if "-ip-" in n] == ["web-ip-192.0.2.253", "web-ip-192.0.2.254", "web-ip-192.0.3.1"]


def test_addresses_stop_where_pacemaker_has_none():
    ipv6 = names(bundle(network='<network ip-range-start="fd00::1"/>'))
    assert [n for n in ipv6 if "-ip-" in n] == ["web-ip-fd00..1"]
    top = names(bundle(network='<network ip-range-start="10.0.254.254"/>'))
    assert [n for n in top if "-ip-" in n] == ["web-ip-10.0.254.254"]


# ---- the rule

def test_resource_named_like_a_replica_node():
    xml = cib(resources=bundle() + dummy("web-0"))
    findings = lint_text(xml, select=["PCS132"])
    assert codes_lines(findings) == [("PCS132", line_of(xml, '<primitive id="web-0"'))]
    assert codes_ids(findings) == [("PCS132", "web-0")]
    assert "replica 0" in findings[0].message and "internal name" in findings[0].message
    assert findings[0].hint == (
        "rename one of them; pcs cannot rename ids, so recreate <primitive> web-0 under another id, or "
        "recreate bundle web under another id (pcs resource bundle create NEW-NAME ...)")


def test_container_clone_and_address_names():
    xml = cib(resources=bundle(network='<network ip-range-start="192.0.2.10"/>') + dummy("web-podman-1")
              + dummy("web-clone") + dummy("web-ip-192.0.2.11") + dummy("web-ip-192.0.2.12") + dummy("web-master"))
    findings = lint_text(xml, select=["bundle-name-collision"])
    assert codes_ids(findings) == [("PCS132", "web-podman-1"), ("PCS132", "web-clone"), ("PCS132", "web-ip-192.0.2.11")]
    assert "a container resource" in findings[0].message and "share one id" in findings[0].message
    assert "implicit clone of primitive 'web-rsc'" in findings[1].message
    assert "IPaddr2" in findings[2].message


def test_any_id_counts_not_only_resources():
    xml = cib(resources=bundle(), constraints='      <rsc_location id="web-1" rsc="web" node="node1" score="1"/>')
    findings = lint_text(xml, select=["PCS132"])
    assert codes_lines(findings) == [("PCS132", line_of(xml, 'id="web-1"'))]
    assert "reference by id" in findings[0].message


def test_guest_name_equal_to_a_replica_node_in_any_case():
    xml = cib(resources=bundle() + """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="WEB-1"/></meta_attributes>
      </primitive>""")
    findings = lint_text(xml, select=["PCS132"])
    assert codes_lines(findings) == [("PCS132", line_of(xml, 'id="vm1-rn"'))]
    assert codes_ids(findings) == [("PCS132", "vm1")]
    assert "two nodes of one name" in findings[0].message
    assert findings[0].hint == "pcs cluster node remove-guest WEB-1; pcs cluster node add-guest NEW-NAME vm1"


def test_guest_name_equal_to_a_container():
    xml = cib(resources=bundle() + """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="web-podman-0"/></meta_attributes>
      </primitive>""")
    findings = lint_text(xml, select=["PCS132"])
    assert codes_ids(findings) == [("PCS132", "vm1")] and "share one id" in findings[0].message


def test_cluster_node_named_like_a_replica_but_not_the_bundle_nodes_own_entry():
    xml = cib(resources=bundle(), nodes='<node id="1" uname="node1"/><node id="2" uname="Web-0"/>'
              '<node id="web-1" uname="web-1" type="remote"/>')
    findings = lint_text(xml, select=["PCS132"])
    assert codes_lines(findings) == [("PCS132", line_of(xml, 'uname="Web-0"'))]
    assert codes_ids(findings) == [("PCS132", "Web-0")]
    assert findings[0].hint == ("recreate bundle web under another id (pcs resource bundle create NEW-NAME ...): "
                                "pcs cannot rename ids, and a cluster node's name is its host name")


def test_two_bundles_generating_one_name():
    # "db" makes container db-docker-1; replica 1 of bundle "db-docker" is also db-docker-1.
    xml = cib(resources=bundle("db", '<docker image="i" replicas="2"/>', primitive=False)
              + bundle("db-docker", '<docker image="i" replicas="2"/>'))
    findings = lint_text(xml, select=["PCS132"])
    assert codes_lines(findings) == [("PCS132", line_of(xml, '<bundle id="db-docker">'))] * 2
    assert "'db-docker-0'" in findings[0].message and "'db-docker-1'" in findings[1].message
    assert findings[0].hint.endswith("recreate bundle db-docker under another id (pcs resource bundle create NEW-NAME ...)")


def test_unrelated_names_are_fine():
    xml = cib(resources=bundle() + dummy("web-2") + dummy("web-podman-2") + dummy("web-ip-192.0.2.10") + dummy("we-0"))
    assert lint_text(xml, select=["PCS132"]) == []


def test_huge_replicas_are_recognised_without_being_listed():
    # replicas="9999999999" is read as INT_MAX (pcmk__scan_min_int): every replica up to
    # 2147483646 is a guest node, and only Pacemaker's own spelling of the number counts.
    xml = cib(resources=bundle(container='<podman image="i" replicas="9999999999"/>',
                               network="")
              + dummy("web-4096") + dummy("web-2147483646") + dummy("web-2147483647") + dummy("web-07")
              + dummy("web-podman-2147483646") + dummy("web-podman-2147483647"))
    findings = lint_text(xml, select=["PCS132"])
    assert codes_ids(findings) == [("PCS132", "web-4096"), ("PCS132", "web-2147483646"),
                                   ("PCS132", "web-podman-2147483646")]
    assert "replica 2147483646" in findings[1].message
