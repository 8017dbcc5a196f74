"""PCS123 remote-connection-template."""

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def test_remote_agent_from_a_template():
    xml = cib(resources="""
      <template id="remote-template" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="remote1" template="remote-template"/>""")
    findings = lint_text(xml, select=["PCS123"])
    assert codes_lines(findings) == [("PCS123", line_of(xml, '<primitive id="remote1"'))]
    assert codes_ids(findings) == [("PCS123", "remote1")]
    assert "from template 'remote-template'" in findings[0].message
    assert findings[0].hint == (
        "define the agent on the primitive itself: pcs resource delete remote1, then pcs cluster node "
        "add-remote remote1 HOST (or pcs resource create remote1 ocf:pacemaker:remote server=HOST --force)")


def test_hint_keeps_the_server():
    xml = cib(resources="""
      <template id="remote-template" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="remote1" template="remote-template">
        <instance_attributes id="remote1-ia">
          <nvpair id="remote1-ia-server" name="server" value="192.0.2.21"/>
        </instance_attributes>
      </primitive>""")
    [finding] = lint_text(xml, select=["PCS123"])
    assert finding.fix.commands == ("pcs resource delete remote1", "pcs cluster node add-remote remote1 192.0.2.21")
    assert finding.hint == "pcs resource delete remote1, then pcs cluster node add-remote remote1 192.0.2.21"


def test_agent_matched_case_insensitively():
    xml = cib(resources="""
      <template id="t" class="OCF" provider="Pacemaker" type="Remote"/>
      <primitive id="remote1" template="t"/>""")
    assert codes_ids(lint_text(xml, select=["remote-connection-template"])) == [("PCS123", "remote1")]


def test_direct_definitions_and_other_templates_are_silent():
    xml = cib(resources="""
      <template id="t" class="ocf" provider="heartbeat" type="Dummy"/>
      <primitive id="d1" template="t"/>
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>""")
    assert lint_text(xml, select=["PCS123"]) == []
