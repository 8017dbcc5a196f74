import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

REMOTE = '\n      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>'
GUEST = """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>"""


def bundle(bid="b", network='<network control-port="3121"/>', host_net=True, per_host="", primitive=True) -> str:
    net = ' network="host"' if host_net else ""
    rph = f' replicas-per-host="{per_host}"' if per_host else ""
    inner = f'<primitive id="{bid}-rsc" class="ocf" provider="heartbeat" type="Dummy"/>' if primitive else ""
    return f'\n      <bundle id="{bid}"><podman image="i" replicas="2"{net}{rph}/>\n        {network}{inner}</bundle>'


def test_host_network_bundle_that_may_run_on_a_remote_node():
    xml = cib(resources=REMOTE + bundle())
    findings = lint_text(xml, select=["PCS133"])
    assert codes_lines(findings) == [("PCS133", line_of(xml, "<network"))]
    assert codes_ids(findings) == [("PCS133", "b")]
    assert "remote node 'remote1'" in findings[0].message and "port 3121" in findings[0].message
    assert findings[0].hint.startswith("pcs resource bundle update b network control-port=3122")


def test_default_port_with_own_addresses_still_clashes_on_a_remote_node():
    # Pacemaker Explained: on a remote node a bundle needs a distinct control-port, whatever its network.
    xml = cib(resources=GUEST + bundle(network='<network ip-range-start="192.0.2.20"/>', host_net=False))
    findings = lint_text(xml, select=["bundle-shared-port"])
    assert codes_ids(findings) == [("PCS133", "b")]
    assert "guest node 'guest1'" in findings[0].message and "no control-port (so 3121)" in findings[0].message


def test_the_remote_hosts_own_port_comes_from_its_environment_file():
    xml = cib(resources=REMOTE + bundle(network='<network control-port="3122"/>'))
    assert lint_text(xml, select=["PCS133"]) == []
    findings = lint_text(xml, select=["PCS133"], env={"remote1": "PCMK_remote_port=3122\n"})
    assert codes_ids(findings) == [("PCS133", "b")]
    assert "remote1.env" in findings[0].message
    assert lint_text(cib(resources=REMOTE + bundle()), select=["PCS133"], env={"remote1": "PCMK_remote_port=3122\n"}) == []


@pytest.mark.parametrize(("constraints", "crm_config"), [
    ('<rsc_location id="l1" rsc="b" node="remote1" score="-INFINITY"/>', ""),
    ("""<rsc_location id="l1" rsc="b"><rule id="l1-r" score="-INFINITY">
        <expression id="l1-r-e" attribute="#kind" operation="ne" value="cluster"/></rule></rsc_location>""", ""),
    ("", '<cluster_property_set id="o"><nvpair id="o-s" name="symmetric-cluster" value="false"/></cluster_property_set>'),
])
def test_bundle_kept_off_the_remote_node(constraints, crm_config):
    xml = cib(resources=REMOTE + bundle(), constraints=constraints, crm_config=crm_config)
    assert lint_text(xml, select=["PCS133"]) == []


@pytest.mark.parametrize("constraints", [
    '<rsc_location id="l1" rsc="b" node="remote1" score="100"/>',
    """<rsc_location id="l1" rsc="b"><rule id="l1-r" score="10">
        <expression id="l1-r-e" attribute="role" operation="eq" value="rabbit"/></rule></rsc_location>""",
])
def test_opt_in_cluster_that_lets_the_bundle_onto_the_remote_node(constraints):
    crm_config = '<cluster_property_set id="o"><nvpair id="o-s" name="symmetric-cluster" value="false"/></cluster_property_set>'
    xml = cib(resources=REMOTE + bundle(), constraints=constraints, crm_config=crm_config)
    assert codes_ids(lint_text(xml, select=["PCS133"])) == [("PCS133", "b")]


def test_two_bundles_on_the_host_network_with_one_port():
    xml = cib(resources=bundle("a", '<network control-port="3125"/>') + bundle("c", '<network control-port="3125"/>')
              + bundle("d", '<network control-port="3126"/>'))
    findings = lint_text(xml, select=["PCS133"])
    assert codes_ids(findings) == [("PCS133", "a"), ("PCS133", "c")]
    assert "bundle 'c' (network=\"host\")" in findings[0].message
    assert "control-port=3122" in findings[0].hint


def test_host_network_against_a_bundle_publishing_on_the_host():
    xml = cib(resources=bundle("a", '<network control-port="3125"/>')
              + bundle("c", '<network control-port="3125"/>', host_net=False)
              + bundle("e", '<network ip-range-start="192.0.2.30" control-port="3125"/>', host_net=False))
    findings = lint_text(xml, select=["PCS133"])
    # only the host-network bundle is judged; c publishes on the host, e on its own addresses
    assert codes_ids(findings) == [("PCS133", "a")]
    assert "bundle 'c' (no ip-range-start)" in findings[0].message and "'e'" not in findings[0].message


def test_host_network_with_several_replicas_per_host():
    xml = cib(resources=bundle(network='<network ip-range-start="192.0.2.40" control-port="3130"/>', per_host="2"))
    findings = lint_text(xml, select=["PCS133"])
    assert codes_ids(findings) == [("PCS133", "b")] and "up to 2 replicas" in findings[0].message


@pytest.mark.parametrize("resources", [
    bundle(),  # host network alone, no remote node and no other bundle
    REMOTE + bundle(network='<network control-port="3122"/>'),
    REMOTE + bundle(primitive=False),  # nothing connects to a bundle without primitive
    REMOTE + bundle(network="<network/>"),  # PCS130
    REMOTE + bundle(network='<network control-port="abc"/>'),  # PCS112
    bundle("a", '<network control-port="3125"/>', host_net=False) + bundle("c", '<network control-port="3125"/>', host_net=False),
])
def test_silent(resources):
    assert lint_text(cib(resources=resources), select=["PCS133"]) == []
