from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def test_remote_connection_in_a_group():
    xml = cib(resources="""
      <group id="grp-infra">
        <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>
        <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      </group>""")
    findings = lint_text(xml, select=["PCS104"])
    assert codes_lines(findings) == [("PCS104", line_of(xml, 'id="remote1"'))]
    assert codes_ids(findings) == [("PCS104", "remote1")]
    assert "group 'grp-infra'" in findings[0].message
    assert findings[0].hint.startswith("pcs resource group remove grp-infra remote1;")


def test_in_a_cloned_group_both_pcs104_and_pcs105():
    xml = cib(resources="""
      <clone id="grp-clone"><group id="grp">
        <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      </group></clone>""")
    assert codes_ids(lint_text(xml, select=["PCS104", "PCS105"])) == [("PCS104", "remote1"), ("PCS105", "remote1")]


def test_silent_near_misses():
    # Top-level connection; a guest VM in a group (supported); a connection through a template
    # in a group (PCS123 reports the template).
    xml = cib(resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <template id="tpl" class="ocf" provider="pacemaker" type="remote"/>
      <group id="grp">
        <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
          <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
        </primitive>
        <primitive id="remote2" template="tpl"/>
      </group>""")
    assert lint_text(xml, select=["remote-connection-in-group"]) == []
