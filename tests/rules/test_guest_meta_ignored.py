from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def test_in_a_template():
    xml = cib(resources="""
      <template id="vm-tpl" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm-tpl-meta"><nvpair id="vm-tpl-rn" name="remote-node" value="guest1"/></meta_attributes>
      </template>
      <primitive id="vm1" template="vm-tpl"/>""")
    findings = lint_text(xml, select=["PCS109"])
    assert codes_lines(findings) == [("PCS109", line_of(xml, 'id="vm-tpl-rn"'))]
    assert codes_ids(findings) == [("PCS109", "vm-tpl")]
    assert findings[0].severity is Severity.WARNING
    assert "(used by vm1)" in findings[0].message
    assert findings[0].hint == (
        "set it on the primitive instead (pcs resource meta vm1 remote-node=guest1 --force), and delete "
        "it from the template, which pcs has no command for: cibadmin --delete --xml-text '<nvpair id=\"vm-tpl-rn\"/>'")


def test_in_a_template_through_id_ref_or_without_an_id():
    # The shared set's nvpair is not the template's to delete; an nvpair without id (possible
    # only without a schema) cannot be named to cibadmin.
    xml = cib(validate_with="none", resources="""
      <template id="vm-tpl" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id-ref="shared"/>
      </template>
      <template id="vm-tpl2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm-tpl2-meta"><nvpair name="remote-node" value="guest2"/></meta_attributes>
      </template>
      <primitive id="other" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="shared"><nvpair id="shared-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>""")
    findings = [f for f in lint_text(xml, select=["PCS109"]) if f.object_id in ("vm-tpl", "vm-tpl2")]
    assert codes_ids(findings) == [("PCS109", "vm-tpl"), ("PCS109", "vm-tpl2")]
    assert [f.hint.endswith("which pcs has no command for: pcs cluster edit") for f in findings] == [True, True]


def test_unused_template_and_an_empty_value():
    xml = cib(resources="""
      <template id="vm-tpl" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm-tpl-meta"><nvpair id="vm-tpl-rn" name="Remote-Node" value=""/></meta_attributes>
      </template>""")
    (finding,) = lint_text(xml, select=["guest-meta-ignored"])
    assert "used by" not in finding.message
    assert "pcs resource meta PRIMITIVE remote-node=NAME --force" in finding.hint


def test_in_rsc_defaults_directly_and_through_id_ref():
    xml = cib(extra="""    <rsc_defaults>
      <meta_attributes id="rsc-options"><nvpair id="rsc-options-rn" name="remote-node" value="guest1"/></meta_attributes>
      <meta_attributes id-ref="shared-meta"/>
    </rsc_defaults>
""", resources="""
      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="shared-meta"><nvpair id="shared-rn" name="remote-node" value="guest2"/></meta_attributes>
      </primitive>""")
    findings = lint_text(xml, select=["PCS109"])
    assert codes_lines(findings) == [
        ("PCS109", line_of(xml, 'id="rsc-options-rn"')),
        ("PCS109", line_of(xml, 'id-ref="shared-meta"')),
    ]
    assert codes_ids(findings) == [("PCS109", "rsc-options"), ("PCS109", "shared-meta")]
    assert findings[0].hint.startswith("pcs resource defaults set update rsc-options meta remote-node=,")
    assert "through id-ref to meta_attributes 'shared-meta'" in findings[1].message


def test_on_a_group_or_clone():
    xml = cib(resources="""
      <group id="grp">
        <meta_attributes id="grp-meta"><nvpair id="grp-rn" name="remote-node" value="guest1"/></meta_attributes>
        <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain"/>
      </group>
      <clone id="c">
        <meta_attributes id="c-meta"><nvpair id="c-rn" name="remote-node" value="guest2"/></meta_attributes>
        <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/>
      </clone>""")
    findings = lint_text(xml, select=["PCS109"])
    assert codes_lines(findings) == [("PCS109", line_of(xml, 'id="grp-rn"')), ("PCS109", line_of(xml, 'id="c-rn"'))]
    assert codes_ids(findings) == [("PCS109", "grp"), ("PCS109", "c")]
    assert "never of a group" in findings[0].message
    assert findings[1].hint.startswith("pcs resource meta c remote-node= --force")


def test_primitive_with_id_refd_meta():
    xml = cib(resources="""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <primitive id="vm2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id-ref="vm1-meta"/>
      </primitive>""")
    findings = lint_text(xml, select=["PCS109"])
    assert codes_lines(findings) == [("PCS109", line_of(xml, 'id-ref="vm1-meta"'))]
    assert codes_ids(findings) == [("PCS109", "vm2")]
    assert findings[0].fix.commands == ("pcs resource meta vm2 remote-node=guest1 --force",)


def test_rule_bound_meta_is_read_unconditionally():
    xml = cib(resources="""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <rule id="vm1-meta-rule" score="0"><date_expression id="vm1-meta-rule-d" operation="lt" end="2000-01-01"/></rule>
          <nvpair id="vm1-rn" name="remote-node" value="guest1"/>
        </meta_attributes>
      </primitive>""")
    findings = lint_text(xml, select=["PCS109"])
    assert codes_lines(findings) == [("PCS109", line_of(xml, 'id="vm1-rn"'))]
    assert codes_ids(findings) == [("PCS109", "vm1")]
    assert "ignores the rule and creates guest node 'guest1'" in findings[0].message


def test_silent_near_misses():
    # A plain guest (also with a rule-bound copy or an id-ref'd copy beside it); a rule-bound
    # set in a clone (PCS108 reports the clone); templates and defaults without remote-node.
    xml = cib(resources="""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
        <meta_attributes id="vm1-meta-r">
          <rule id="vm1-r" score="0"><date_expression id="vm1-r-d" operation="lt" end="2000-01-01"/></rule>
          <nvpair id="vm1-rn2" name="remote-node" value="guest9"/>
        </meta_attributes>
      </primitive>
      <primitive id="vm2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm2-meta"><nvpair id="vm2-rn" name="remote-node" value="guest2"/></meta_attributes>
        <meta_attributes id-ref="vm1-meta"/>
      </primitive>
      <clone id="c"><primitive id="vm3" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm3-meta">
          <rule id="vm3-r" score="0"><date_expression id="vm3-r-d" operation="lt" end="2000-01-01"/></rule>
          <nvpair id="vm3-rn" name="remote-node" value="guest3"/>
        </meta_attributes>
      </primitive></clone>
      <template id="tpl" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="tpl-meta"><nvpair id="tpl-tr" name="target-role" value="Started"/></meta_attributes>
      </template>""", extra="""    <rsc_defaults>
      <meta_attributes id="rsc-options"><nvpair id="rsc-options-st" name="resource-stickiness" value="1"/></meta_attributes>
    </rsc_defaults>
""")
    assert lint_text(xml, select=["PCS109"]) == []
