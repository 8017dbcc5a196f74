"""PCS121 placement-impossible."""

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <primitive id="vm2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm2-meta"><nvpair id="vm2-rn" name="remote-node" value="guest2"/></meta_attributes>
      </primitive>
      <primitive id="app" class="ocf" provider="heartbeat" type="Dummy"/>
      <bundle id="web-bundle">
        <podman image="registry.example.com/httpd:2.4"/>
        <network control-port="3121"/>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


def lint(constraints: str, extra: str = ""):
    xml = cib(resources=RESOURCES, constraints=constraints, extra=extra)
    return xml, lint_text(xml, select=["PCS121"])


def test_fence_device_on_a_remote_node():
    xml, findings = lint('      <rsc_location id="l1" rsc="fence-all" node="remote1" score="INFINITY"/>')
    assert codes_lines(findings) == [("PCS121", line_of(xml, 'id="l1"'))]
    assert codes_ids(findings) == [("PCS121", "l1")]
    assert findings[0].message == (
        "location constraint 'l1': fence device 'fence-all' prefers remote node 'remote1', but fence devices run "
        "only on cluster nodes, never on a remote node; the preference can never be met: Pacemaker ignores it, "
        "and the resource stays stopped if no other node is allowed")
    assert findings[0].hint.startswith("pcs constraint remove l1 ")


def test_through_a_tag_the_message_names_the_tag():
    _, findings = lint('      <rsc_location id="l1" rsc="devices" node="remote1" score="INFINITY"/>',
                       extra='    <tags><tag id="devices"><obj_ref id="fence-all"/></tag></tags>\n')
    assert findings[0].message.startswith(
        "location constraint 'l1': fence device 'fence-all' prefers (through tag 'devices') remote node 'remote1'")


def test_remote_connection_on_a_guest_node_through_a_uname_rule():
    xml, findings = lint("""      <rsc_location id="l2" rsc="remote1">
        <rule id="l2-rule" score="50"><expression id="l2-expr" attribute="#uname" operation="eq" value="guest1"/></rule>
      </rsc_location>""")
    assert codes_lines(findings) == [("PCS121", line_of(xml, 'id="l2"'))]
    assert "remote connection 'remote1' prefers guest node 'guest1', but a remote connection runs only on a cluster node" in findings[0].message


def test_vm_in_its_own_guest_and_in_another_guest():
    xml, findings = lint('      <rsc_location id="own" rsc="vm1" node="guest1" score="100"/>\n'
                         '      <rsc_location id="other" rsc="vm1" node="web-bundle-0" score="100"/>')
    assert codes_ids(findings) == [("PCS121", "own"), ("PCS121", "other")]
    assert "a VM cannot run inside the guest node it provides" in findings[0].message
    assert "guest nodes cannot be nested in guest nodes" in findings[1].message


def test_through_a_tag_and_a_resource_set():
    xml, findings = lint(
        """      <rsc_location id="l3" rsc="devices" node="remote1" score="10"/>
      <rsc_location id="l4" node="guest2" score="10">
        <resource_set id="l4-set"><resource_ref id="app"/><resource_ref id="vm1"/></resource_set>
      </rsc_location>""",
        extra='    <tags><tag id="devices"><obj_ref id="fence-all"/></tag></tags>\n')
    assert codes_lines(findings) == [("PCS121", line_of(xml, 'id="l3"')), ("PCS121", line_of(xml, '<resource_ref id="vm1"'))]


def test_mandatory_colocation_with_a_resource_pinned_to_a_guest():
    xml, findings = lint('      <rsc_location id="pin" rsc="app" node="guest1" score="INFINITY"/>\n'
                         '      <rsc_colocation id="c1" rsc="vm1" with-rsc="app" score="INFINITY"/>\n'
                         '      <rsc_colocation id="c2" rsc="vm2" with-rsc="app" score="+INFINITY"/>')
    assert codes_lines(findings) == [("PCS121", line_of(xml, 'id="c1"')), ("PCS121", line_of(xml, 'id="c2"'))]
    assert findings[0].message.startswith(
        "colocation constraint 'c1': VM 'vm1' of guest node 'guest1' must run with 'app', which location "
        "constraint 'pin' puts on guest node 'guest1', but a VM cannot run inside the guest node it provides")
    assert findings[1].message.endswith("'vm2' cannot start while 'app' runs there")


def test_a_connection_that_creates_no_node_is_no_remote_node_to_avoid():
    # PCS123 and PCS104 report the connections; no node exists to put anything on.
    extra_resources = """
      <template id="remote-t" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="remote-t1" template="remote-t"/>
      <group id="g"><primitive id="remote-g1" class="ocf" provider="pacemaker" type="remote"/></group>"""
    xml = cib(resources=RESOURCES + extra_resources, constraints="""
      <rsc_location id="l1" rsc="fence-all" node="remote-t1" score="INFINITY"/>
      <rsc_location id="l2" rsc="vm1" node="remote-g1" score="INFINITY"/>""")
    assert lint_text(xml, select=["PCS121"]) == []


def test_near_misses_are_silent():
    _, findings = lint("""      <rsc_location id="avoid" rsc="fence-all" node="remote1" score="-INFINITY"/>
      <rsc_location id="zero" rsc="remote1" node="guest1" score="0"/>
      <rsc_location id="bad-score" rsc="remote1" node="guest1" score="lots"/>
      <rsc_location id="mis-cased" rsc="remote1" node="guest1" score="infinity"/>
      <rsc_location id="cluster" rsc="fence-all" node="node1" score="INFINITY"/>
      <rsc_location id="app-remote" rsc="app" node="remote1" score="INFINITY"/>
      <rsc_location id="not-uname" rsc="remote1">
        <rule id="r" score="50"><expression id="e" attribute="site" operation="eq" value="guest1"/></rule>
      </rsc_location>
      <rsc_location id="pin-soft" rsc="web" node="guest2" score="100"/>
      <rsc_colocation id="soft" rsc="vm2" with-rsc="app" score="100"/>
      <rsc_colocation id="lower" rsc="vm2" with-rsc="app" score="+infinity"/>
      <rsc_colocation id="unpinned" rsc="vm2" with-rsc="web" score="INFINITY"/>
      <rsc_colocation id="reverse" rsc="app" with-rsc="vm2" score="INFINITY"/>""")
    assert findings == []


def test_uname_rules_count_only_as_top_rules_of_a_location_and_after_its_node():
    # A nested rule's expression and a #uname rule outside a constraint place nothing; the
    # first pin of 'app' (node= before rules, rules in document order) is the one named.
    resources = RESOURCES.replace('<primitive id="app" class="ocf" provider="heartbeat" type="Dummy"/>', """
      <primitive id="app" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="app-meta"><rule id="app-meta-rule" score="0">
          <expression id="app-meta-expr" attribute="#uname" operation="eq" value="guest2"/>
        </rule><nvpair id="app-meta-tr" name="target-role" value="Started"/></meta_attributes>
      </primitive>""")
    xml = cib(resources=resources, constraints="""
      <rsc_location id="nested" rsc="remote1">
        <rule id="nested-top" score="50" boolean-op="or">
          <rule id="nested-inner" score="50"><expression id="nested-e" attribute="#uname" operation="eq" value="guest1"/></rule>
        </rule>
      </rsc_location>
      <rsc_location id="pin" rsc="app" node="guest2" score="INFINITY">
        <rule id="pin-r1" score="INFINITY"><expression id="pin-e1" attribute="#uname" operation="eq" value="guest1"/></rule>
      </rsc_location>
      <rsc_location id="pin2" rsc="app">
        <rule id="pin2-r" score="INFINITY"><expression id="pin2-e" attribute="#uname" operation="eq" value="remote1"/></rule>
      </rsc_location>
      <rsc_colocation id="c1" rsc="vm2" with-rsc="app" score="INFINITY"/>""")
    findings = lint_text(xml, select=["PCS121"])
    assert codes_ids(findings) == [("PCS121", "c1")]
    assert "which location constraint 'pin' puts on guest node 'guest2'" in findings[0].message
