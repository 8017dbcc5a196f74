from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def test_every_guest_meta_name_in_the_wrong_case():
    xml = cib(resources="""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-a" name="Remote-Node" value="guest1"/>
          <nvpair id="vm1-b" name="REMOTE-ADDR" value="192.0.2.5"/>
          <nvpair id="vm1-c" name="remote-Port" value="3121"/>
          <nvpair id="vm1-d" name="Remote-Connect-Timeout" value="60s"/>
          <nvpair id="vm1-e" name="Remote-Allow-Migrate" value="true"/>
        </meta_attributes>
      </primitive>""")
    findings = lint_text(xml, select=["PCS110"])
    assert codes_lines(findings) == [("PCS110", line_of(xml, f'id="vm1-{x}"')) for x in "abcde"]
    assert {f.object_id for f in findings} == {"vm1"}
    assert all(f.severity is Severity.WARNING for f in findings)
    assert "create no guest node 'guest1' at all" in findings[0].message
    assert findings[0].hint == "pcs resource meta vm1 Remote-Node= remote-node=guest1 --force"
    assert "use the default remote-addr" in findings[1].message
    assert findings[2].hint == "pcs resource meta vm1 remote-Port= remote-port=3121"


def test_case_variant_in_a_second_meta_set_of_a_grouped_guest():
    xml = cib(resources="""
      <group id="grp"><primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
        <meta_attributes id="vm1-meta2"><nvpair id="vm1-port" name="Remote-Port" value=""/></meta_attributes>
      </primitive></group>""")
    findings = lint_text(xml, select=["remote-meta-case"])
    assert codes_ids(findings) == [("PCS110", "vm1")]
    assert findings[0].line == line_of(xml, 'id="vm1-port"')
    assert findings[0].hint == "pcs resource meta vm1 Remote-Port= remote-port="


def test_silent_near_misses():
    # Exact names; other meta names in any case; a primitive that is no guest; a cloned VM
    # (PCS108 explains that no guest exists at all).
    xml = cib(resources="""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-rn" name="remote-node" value="guest1"/>
          <nvpair id="vm1-tr" name="Target-Role" value="Started"/>
        </meta_attributes>
      </primitive>
      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="d-meta"><nvpair id="d-rp" name="Remote-Port" value="3121"/></meta_attributes>
      </primitive>
      <clone id="c"><primitive id="vm2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm2-meta"><nvpair id="vm2-rn" name="Remote-Node" value="guest2"/></meta_attributes>
      </primitive></clone>""")
    assert lint_text(xml, select=["PCS110"]) == []
