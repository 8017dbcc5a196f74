"""The CIB index: every lookup rules rely on, built from inline XML."""

from __future__ import annotations

from itertools import islice

import pytest
from lxml import etree

from pcs_lint.model import build_index
from pcs_lint.testing import cib as make_cib


def index(xml: str):
    return build_index(etree.fromstring(xml.encode()))


def test_ids_keep_duplicates_and_skip_references_and_node_ids():
    cib = index(make_cib(
        nodes='<node id="r1" uname="r1" type="remote"/>',
        resources="""
      <primitive id="r1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="nginx"/>""",
        constraints='<rsc_order id="o"><resource_set id="s"><resource_ref id="web"/></resource_set></rsc_order>',
        extra='<tags><tag id="t"><obj_ref id="web"/></tag></tags><acls><acl_target id="alice"><role id="admin"/></acl_target><acl_role id="admin"/></acls>',
    ))
    assert [e.tag for e in cib.ids["web"]] == ["primitive", "primitive"]
    assert [e.tag for e in cib.ids["r1"]] == ["primitive"]  # the <node id="r1"> is a name
    assert [e.tag for e in cib.ids["admin"]] == ["acl_role"]  # the ACL target's role is a reference
    assert "alice" not in cib.ids
    assert len(cib.elements("primitive")) == 4  # with the fence device
    assert cib.resources["web"].agent.type == "apache"  # the first definition wins


def test_resource_tree_kinds_parents_and_promotable():
    cib = index(make_cib(resources="""
      <group id="g"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/></group>
      <clone id="c"><group id="cg"><primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></group></clone>
      <master id="m"><primitive id="s" class="ocf" provider="pacemaker" type="Stateful"/></master>
      <clone id="p"><meta_attributes id="p-meta"><nvpair id="p-prom" name="promotable" value="yes"/></meta_attributes>
        <primitive id="s2" class="ocf" provider="pacemaker" type="Stateful"/></clone>
      <bundle id="bu"><docker image="x"/><primitive id="in" class="ocf" provider="heartbeat" type="apache"/></bundle>
      <template id="tpl" class="ocf" provider="heartbeat" type="Dummy"/>"""))
    r = cib.resources
    assert [r[i].kind for i in ("g", "c", "m", "p", "bu", "tpl")] == ["group", "clone", "clone", "clone", "bundle", "template"]
    assert (r["m"].promotable, r["p"].promotable, r["c"].promotable) == (True, True, False)
    assert [a.id for a in cib.ancestors(r["b"])] == ["cg", "c"]
    assert cib.top_level(r["b"]).id == "c"
    assert [d.id for d in cib.descendants(r["c"])] == ["cg", "b"]
    assert r["in"].parent == "bu" and r["g"].children == ("a",)
    assert [f.id for f in cib.fence_devices] == ["fence-all"]


def test_templates_fill_in_agent_params_and_meta_without_overriding():
    cib = index(make_cib(resources="""
      <template id="tpl" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="tpl-ia"><nvpair id="tpl-port" name="port" value="3122"/>
          <nvpair id="tpl-server" name="server" value="from-template"/></instance_attributes>
        <meta_attributes id="tpl-meta"><nvpair id="tpl-tr" name="target-role" value="Stopped"/></meta_attributes>
      </template>
      <primitive id="r1" template="tpl">
        <instance_attributes id="r1-ia"><nvpair id="r1-server" name="server" value="own"/></instance_attributes>
      </primitive>"""))
    r1 = cib.resources["r1"]
    assert str(cib.effective_agent(r1)) == "ocf:pacemaker:remote"
    params = cib.params(r1)
    assert (params["server"].value, params["port"].value) == ("own", "3122")
    assert cib.meta(r1)["target-role"].id == "tpl-tr"
    [connection] = cib.remote_connections
    assert connection.via_template and connection.port.value == "3122" and connection.address == "own"


def test_values_follow_id_ref_and_skip_rule_bound_sets():
    cib = index(make_cib(resources="""
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="a-meta"><nvpair id="a-tr" name="target-role" value="Started"/></meta_attributes>
      </primitive>
      <primitive id="b" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id-ref="a-meta"/>
        <meta_attributes id="b-rule"><rule id="b-r" score="INFINITY"><date_expression id="b-d" operation="gt" start="2030-01-01"/></rule>
          <nvpair id="b-stick" name="resource-stickiness" value="100"/></meta_attributes>
      </primitive>"""))
    meta = cib.meta(cib.resources["b"])
    assert list(meta) == ["target-role"] and meta["target-role"].id == "a-tr"
    [rule_set] = [s for s in cib.attribute_sets(cib.resources["b"].element, "meta_attributes") if s.has_rule]
    assert rule_set.get("resource-stickiness").value == "100"


def test_remote_connections_match_the_agent_case_insensitively_anywhere():
    cib = index(make_cib(resources="""
      <primitive id="r1" class="OCF" provider="Pacemaker" type="Remote"/>
      <group id="g"><primitive id="r2" class="ocf" provider="pacemaker" type="remote"/></group>
      <primitive id="vm" class="ocf" provider="heartbeat" type="VirtualDomain"/>"""))
    assert [(c.id, c.address) for c in cib.remote_connections] == [("r1", "r1"), ("r2", "r2")]


@pytest.mark.parametrize("wrapper, creates", [
    ("{vm}", True),
    ('<group id="g">{vm}</group>', True),
    ('<clone id="c">{vm}</clone>', False),
    ('<clone id="c"><group id="g">{vm}</group></clone>', False),
])
def test_guest_nodes_are_created_only_where_pacemaker_creates_them(wrapper, creates):
    vm = """<primitive id="vm" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm-m1"><nvpair id="vm-rn1" name="remote-node" value="first"/>
          <nvpair id="vm-port" name="Remote-Port" value="3122"/></meta_attributes>
        <meta_attributes id="vm-m2"><rule id="vm-r" score="0"><date_expression id="vm-d" operation="gt" start="2099-01-01"/></rule>
          <nvpair id="vm-rn2" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>"""
    [guest] = index(make_cib(resources=wrapper.format(vm=vm))).guest_nodes
    # The last remote-node wins, rules are not evaluated, names match case-insensitively.
    assert (guest.name, guest.remote_port.value, guest.address) == ("guest1", "3122", "guest1")
    assert guest.creates_node is creates


def test_constraints_expand_sets_and_tags_and_are_found_by_resource():
    cib = index(make_cib(
        resources="""
      <primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/>""",
        constraints="""
      <rsc_colocation id="col" rsc="a" with-rsc="b" score="INFINITY"/>
      <rsc_order id="ord"><resource_set id="ord-s"><resource_ref id="t"/></resource_set></rsc_order>
      <rsc_location id="loc" rsc="a" node="node1" score="10"/>""",
        extra='<tags><tag id="t"><obj_ref id="a"/><obj_ref id="b"/></tag></tags>',
    ))
    col, order, loc = cib.constraints
    assert (col.kind, order.kind, loc.kind) == ("colocation", "order", "location")
    assert [(r.id, r.attribute) for r in col.refs] == [("a", "rsc"), ("b", "with-rsc")]
    assert [(r.id, r.via_tag, r.set_id) for r in order.refs] == [("a", "t", "ord-s"), ("b", "t", "ord-s")]
    assert [r.id for r in order.direct_refs] == ["t"]
    assert [c.id for c, _ in cib.constraints_naming("a")] == ["col", "ord", "loc"]
    assert cib.tags == {"t": ("a", "b")}


def test_bundle_generated_names():
    cib = index(make_cib(resources="""
      <bundle id="web"><podman image="x" replicas="2"/>
        <network ip-range-start="192.168.1.254" control-port="3121"/>
        <primitive id="web-httpd" class="ocf" provider="heartbeat" type="apache"/></bundle>"""))
    bundle = cib.bundles["web"]
    assert tuple(bundle.replica_nodes.names(10)) == ("web-0", "web-1")
    assert tuple(bundle.names.names(10)) == ("web-clone", "web-podman-0", "web-0", "web-podman-1", "web-1",
                                             "web-ip-192.168.1.254", "web-ip-192.168.2.1")
    assert (bundle.container, bundle.control_port, bundle.replicas) == ("podman", "3121", 2)


def test_bundle_replica_names_are_tested_not_listed():
    # replicas="9999999999" is read as INT_MAX: listing the names took minutes and gigabytes;
    # now each question about a name costs the same whatever replicas says.
    cib = index(make_cib(resources="""
      <bundle id="web"><podman image="x" replicas="9999999999"/>
        <primitive id="web-httpd" class="ocf" provider="heartbeat" type="apache"/></bundle>"""))
    bundle = cib.bundles["web"]
    assert bundle.replicas == 2**31 - 1
    assert bundle.replica_nodes.count == 2**31 - 1
    generated = cib.generated_names
    assert generated.replica_node("web-2147483646").replica == 2147483646
    assert generated.replica_node("WEB-5", str.lower).name == "web-5"
    for not_a_replica in ("web-2147483647", "web-01", "web-+1", "web--1", "web-٣", "web-", "web-1 ", "web-" + "9" * 5000):
        assert generated.replica_node(not_a_replica) is None, not_a_replica
    assert generated.first("web-podman-77").what == "container"
    assert generated.first("web-clone").what == "clone"


def test_first_of_each_answers_as_first_does():
    # The quick look-ups that skip most ids must skip no name a bundle generates: every name
    # gets the same answer from first_of_each as from first (two bundles share "db-docker-1").
    cib = index(make_cib(resources="""
      <bundle id="db"><docker image="x" replicas="3"/><network ip-range-start="10.0.0.254"/>
        <primitive id="db-p" class="ocf" provider="heartbeat" type="apache"/></bundle>
      <bundle id="db-docker"><docker image="x" replicas="2"/>
        <primitive id="db-docker-p" class="ocf" provider="heartbeat" type="apache"/></bundle>
      <bundle id="solo"><docker image="x"/></bundle>"""))
    generated = cib.generated_names
    asked = ["db", "db-clone", "db-docker-1", "db-docker-docker-1", "db-2", "db-3", "db-ip-10.0.0.254",
             "db-ip-10.0.1.1", "db-ip-10.0.1.3", "db-ip-10.0.1.2", "solo-docker-0", "solo-0", "-", "", "nodash", "db-",
             "db-docker-01", "x-db-1", "DB-1"]
    expected = [(name, generated.first(name)) for name in asked if generated.first(name) is not None]
    assert [name for name, _ in expected] == ["db-clone", "db-docker-1", "db-docker-docker-1", "db-2",
                                              "db-ip-10.0.0.254", "db-ip-10.0.1.1", "db-ip-10.0.1.2",
                                              "solo-docker-0"]
    assert list(generated.first_of_each(asked)) == expected  # the bundles' 16 names listed
    fewer = asked[:12]  # fewer names asked than the bundles make: each asked is looked at
    assert list(generated.first_of_each(fewer)) == [(name, g) for name, g in expected if name in fewer]
    assert [g.bundle_id for g in generated.find("db-docker-1")] == ["db", "db-docker"]


def _next_ip(octets):
    """Pacemaker's next_ip() (bundle.c), as an oracle for the arithmetic in bundle_names."""
    one, two, three, four = octets
    if three > 253:
        return None
    if four > 253:
        return one, two, three + 1, 1
    return one, two, three, four + 1


@pytest.mark.parametrize("start", ["10.0.0.1", "10.0.0.250", "10.0.0.254", "10.0.0.0", "10.0.253.200",
                                   "10.0.254.3", "10.0.0.300", " +10.0. 7.9", "-1.0.0.1", "fd00::1"])
def test_replica_addresses_follow_next_ip(start):
    cib = index(make_cib(resources=f"""
      <bundle id="b"><docker image="x" replicas="700"/><network ip-range-start="{start}"/></bundle>"""))
    addresses = cib.bundles["b"].names.addresses
    expected = [start.replace(":", ".")]
    current = addresses.octets
    while current is not None and len(expected) < 700:
        current = _next_ip(current)
        if current is not None:
            expected.append(".".join(map(str, current)))
    listed = [name.removeprefix("b-ip-") for name in addresses.names(10_000)]
    assert listed == expected
    for index_, address in enumerate(expected):
        assert addresses.index(f"b-ip-{address}") == index_
    assert addresses.index("b-ip-10.0.0.255") is None and addresses.index("b-ip-10.0.1.01") is None


def test_nodes_and_cluster_options():
    cib = index(make_cib(
        nodes='<node id="1" uname="node1"/><node id="2" uname="node2" type="remote"/>',
        crm_config="""
      <cluster_property_set id="other"><nvpair id="o-se" name="stonith-enabled" value="false"/></cluster_property_set>
      <cluster_property_set id="cib-bootstrap-options"><nvpair id="b-se" name="stonith-enabled" value="true"/></cluster_property_set>""",
    ))
    assert [n.uname for n in cib.nodes] == ["node1", "node2"]
    # cib-bootstrap-options is read first, whatever the document order.
    assert cib.cluster_options["stonith-enabled"].id == "b-se"


def test_a_cib_without_configuration_is_an_empty_index():
    cib = index('<cib validate-with="pacemaker-3.9"/>')
    assert (cib.resources, cib.nodes, cib.constraints, dict(cib.ids)) == ({}, (), (), {})


def test_competing_cluster_property_sets_are_ranked_by_the_score_pacemaker_reads():
    def winner(first_score: str, second_score: str) -> str:
        cib = index(make_cib(crm_config=f"""
      <cluster_property_set id="a" score="{first_score}"><nvpair id="a-se" name="stonith-enabled" value="false"/></cluster_property_set>
      <cluster_property_set id="b" score="{second_score}"><nvpair id="b-se" name="stonith-enabled" value="true"/></cluster_property_set>"""))
        return cib.cluster_options["stonith-enabled"].id

    assert winner("+INFINITY", "10") == "a-se"
    assert winner("infinity", "10") == "b-se"  # not an infinity: 0
    assert winner("20abc", "10") == "a-se"  # the leading integer
    assert winner("1_000", "10") == "b-se"  # 1, not 1000


@pytest.mark.parametrize(("attributes", "promoted_max"), [
    ('promoted-max="2"', 2),
    ('masters="1"', 1),  # the deprecated alias
    ('promoted-max="0" masters="1"', 0),  # promoted-max wins whenever it is written
    ('promoted-max="" masters="1"', 0),  # even empty
    ('promoted-max="2abc"', 2),  # the leading integer
    ('promoted-max=" 3"', 3),
    ('promoted-max="-1"', 0),  # at least 0
    ('promoted-max="many"', 0),
    ("", 0),
])
def test_bundle_promoted_max_is_read_as_pacemaker_reads_it(attributes, promoted_max):
    cib = index(make_cib(resources=f"""
      <bundle id="db"><podman image="x" {attributes}/>
        <primitive id="db-rsc" class="ocf" provider="pacemaker" type="Stateful"/></bundle>"""))
    bundle = cib.bundles["db"]
    assert (bundle.promoted_max, bundle.promotable) == (promoted_max, promoted_max > 0)


def test_only_a_top_level_remote_primitive_with_its_own_agent_creates_a_node():
    cib = index(make_cib(resources="""
      <template id="remote-t" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="direct" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="templated" template="remote-t"/>
      <group id="g"><primitive id="grouped" class="ocf" provider="pacemaker" type="remote"/></group>
      <clone id="c"><primitive id="cloned" class="OCF" provider="Pacemaker" type="Remote"/></clone>"""))
    assert [(c.id, c.creates_node) for c in cib.remote_connections] == [
        ("direct", True), ("templated", False), ("grouped", False), ("cloned", False)]


def test_fence_devices_are_listed_once_and_looked_up_by_id():
    cib = index(make_cib(resources="""
      <template id="fence-t" class="stonith" type="fence_ipmilan"/>
      <primitive id="f-templated" template="fence-t"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <group id="g"><primitive id="f-grouped" class="STONITH" type="fence_xvm"/></group>"""))
    assert [f.id for f in cib.fence_devices] == ["fence-all", "f-templated", "f-grouped"]
    assert cib.fence_devices is cib.fence_devices  # built once, not on each access
    assert [cib.is_fence_device(i) for i in ("f-templated", "f-grouped", "fence-t", "web", "nothing")] == [
        True, True, False, False, False]


@pytest.mark.parametrize(("value", "promotable"), [("true", True), ("YES", True), ("1", True), ("on", True),
                                                   ("false", False), ("2", False), (" true", False)])
def test_a_clone_is_promotable_when_pacemaker_reads_promotable_as_true(value, promotable):
    cib = index(make_cib(resources=f"""
      <clone id="c"><meta_attributes id="c-m"><nvpair id="c-p" name="promotable" value="{value}"/></meta_attributes>
        <primitive id="p" class="ocf" provider="pacemaker" type="Stateful"/></clone>"""))
    assert cib.resources["c"].promotable is promotable


def test_duplicate_ids_never_make_the_resource_tree_loop():
    # Fuzzing: a group holding a primitive of its own id, and a clone 'a' holding group 'b'
    # holding primitive 'a' (the inner definitions are kept: 'a' and 'b' were each other's
    # parent). Links follow the document tree, so ancestors and descendants end.
    cib = index(make_cib(resources="""
      <group id="x"><primitive id="x" class="ocf" provider="heartbeat" type="Dummy"/></group>
      <clone id="a"><group id="b"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/></group></clone>"""))
    r = cib.resources
    assert (r["x"].kind, r["a"].kind, r["b"].kind) == ("primitive", "primitive", "group")
    # islice: without the fix these walks never end, so the test fails instead of hanging.
    assert cib.parent(r["x"]) is None and list(islice(cib.ancestors(r["x"]), 3)) == []
    assert [a.id for a in islice(cib.ancestors(r["a"]), 3)] == ["b"] and cib.parent(r["b"]) is None
    assert cib.top_level(r["a"]).id == "b"
    assert [d.id for d in cib.descendants(r["b"])] == ["a"]
    assert list(cib.descendants(r["a"])) == []


def test_descendants_are_depth_first_in_document_order():
    cib = index(make_cib(resources="""
      <clone id="c"><group id="g"><primitive id="a" class="ocf" provider="heartbeat" type="Dummy"/>
        <primitive id="b" class="ocf" provider="heartbeat" type="Dummy"/></group></clone>
      <bundle id="bu"><docker image="x"/><primitive id="in" class="ocf" provider="heartbeat" type="apache"/></bundle>"""))
    assert [d.id for d in cib.descendants(cib.resources["c"])] == ["g", "a", "b"]
    assert [d.id for d in cib.descendants(cib.resources["g"])] == ["a", "b"]
    assert [d.id for d in cib.descendants(cib.resources["bu"])] == ["in"]
    assert list(cib.descendants(cib.resources["a"])) == []
