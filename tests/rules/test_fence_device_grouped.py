from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def pcs303(xml):
    return lint_text(xml, select=["PCS303"])


def test_fence_device_in_a_group_is_an_error():
    xml = cib(fencing=False, resources="""
      <group id="fencing">
        <primitive id="fence-a" class="stonith" type="fence_ipmilan"/>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </group>""")
    findings = pcs303(xml)
    assert codes_lines(findings) == [("PCS303", line_of(xml, 'id="fence-a"'))]
    assert codes_ids(findings) == [("PCS303", "fence-a")]
    assert findings[0].severity == Severity.ERROR
    assert findings[0].hint == "pcs resource group remove fencing fence-a"


def test_cloned_fence_device_is_info():
    xml = cib(fencing=False, resources="""
      <clone id="fence-clone"><primitive id="fence-a" class="stonith" type="fence_xvm"/></clone>""")
    findings = pcs303(xml)
    assert codes_ids(findings) == [("PCS303", "fence-a")]
    assert findings[0].severity == Severity.INFO
    assert findings[0].hint == "pcs resource unclone fence-clone"


def test_group_inside_a_clone_reports_the_group():
    xml = cib(fencing=False, resources="""
      <clone id="c"><group id="g"><primitive id="fence-a" class="stonith" type="fence_xvm"/></group></clone>""")
    findings = pcs303(xml)
    assert [(f.object_id, f.severity) for f in findings] == [("fence-a", Severity.ERROR)]


def test_fence_device_from_a_template_in_a_group():
    xml = cib(fencing=False, resources="""
      <template id="fence-t" class="stonith" type="fence_xvm"/>
      <group id="g"><primitive id="fence-a" template="fence-t"/></group>""")
    assert codes_ids(pcs303(xml)) == [("PCS303", "fence-a")]


def test_top_level_devices_and_grouped_ordinary_resources_are_silent():
    xml = cib(resources="""
      <group id="g"><primitive id="web" class="ocf" provider="heartbeat" type="apache"/></group>
      <clone id="c"><primitive id="ping" class="ocf" provider="pacemaker" type="ping"/></clone>""")
    assert pcs303(xml) == []
