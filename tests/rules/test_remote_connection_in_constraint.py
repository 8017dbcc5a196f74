import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>"""


@pytest.mark.parametrize("constraint", [
    '<rsc_colocation id="col-web-remote1" rsc="web" with-rsc="remote1" score="INFINITY"/>',
    '<rsc_colocation id="col-web-remote1" rsc="remote1" with-rsc="web" score="INFINITY"/>',
    '<rsc_order id="col-web-remote1" first="remote1" then="web"/>',
    '<rsc_order id="col-web-remote1" first="web" then="remote1"/>',
])
def test_named_directly(constraint):
    xml = cib(resources=RESOURCES, constraints="      " + constraint)
    findings = lint_text(xml, select=["PCS106"])
    assert codes_lines(findings) == [("PCS106", line_of(xml, 'id="col-web-remote1"'))]
    assert codes_ids(findings) == [("PCS106", "col-web-remote1")]
    assert "remote connection 'remote1'" in findings[0].message
    assert findings[0].hint.startswith("pcs constraint remove col-web-remote1;")


def test_colocation_hint_suggests_a_location_constraint_with_the_real_ids():
    xml = cib(resources=RESOURCES, constraints='      <rsc_colocation id="c1" rsc="web" with-rsc="remote1" score="INFINITY"/>')
    (finding,) = lint_text(xml, select=["PCS106"])
    assert finding.hint.endswith("pcs constraint location web prefers remote1")
    assert "as 'with-rsc'" in finding.message


def test_order_hint_says_no_order_is_needed():
    xml = cib(resources=RESOURCES, constraints='      <rsc_order id="ord-remote1-web" first="remote1" then="web"/>')
    (finding,) = lint_text(xml, select=["remote-connection-in-constraint"])
    assert finding.hint.startswith("pcs constraint remove ord-remote1-web; resources on the remote node already start")


def test_in_a_resource_set_points_at_the_resource_ref():
    xml = cib(resources=RESOURCES, constraints="""
      <rsc_order id="ord-set">
        <resource_set id="ord-set-0"><resource_ref id="remote1"/><resource_ref id="web"/></resource_set>
      </rsc_order>""")
    findings = lint_text(xml, select=["PCS106"])
    assert codes_lines(findings) == [("PCS106", line_of(xml, '<resource_ref id="remote1"/>'))]
    assert codes_ids(findings) == [("PCS106", "ord-set")]
    assert "in resource set 'ord-set-0'" in findings[0].message
    assert "recreate the set without remote1" in findings[0].hint


def test_colocation_set_with_several_others_uses_a_placeholder():
    xml = cib(resources=RESOURCES + '\n      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql"/>', constraints="""
      <rsc_colocation id="col-set" score="INFINITY">
        <resource_set id="col-set-0"><resource_ref id="web"/><resource_ref id="db"/><resource_ref id="remote1"/></resource_set>
      </rsc_colocation>""")
    (finding,) = lint_text(xml, select=["PCS106"])
    assert finding.hint.endswith("pcs constraint location RESOURCE prefers remote1")


def test_through_a_tag_names_the_tag():
    xml = cib(
        resources=RESOURCES,
        constraints='      <rsc_colocation id="col-infra" rsc="web" with-rsc="infra" score="INFINITY"/>',
        extra='    <tags><tag id="infra"><obj_ref id="remote1"/><obj_ref id="remote1"/><obj_ref id="vm1"/></tag></tags>\n',
    )
    findings = lint_text(xml, select=["PCS106"])
    assert codes_lines(findings) == [("PCS106", line_of(xml, 'id="col-infra"'))]
    assert "as 'with-rsc' through tag 'infra'" in findings[0].message
    assert findings[0].hint.startswith("take remote1 out of tag infra (pcs tag update infra remove remote1)")


@pytest.mark.parametrize("members", [
    '<obj_ref id="remote1"/>',
    '<obj_ref id="remote1"/><obj_ref id="remote1"/>',  # the same member twice is still one
])
def test_a_tag_with_no_other_member_goes_with_the_constraint(members):
    # pcs tag update infra remove remote1 fails ("There would be no references left in the tag")
    # and pcs tag remove fails while a constraint names the tag.
    xml = cib(resources=RESOURCES, constraints='      <rsc_order id="ord-infra" first="infra" then="web"/>',
              extra=f'    <tags><tag id="infra">{members}</tag></tags>\n')
    (finding,) = lint_text(xml, select=["PCS106"])
    assert finding.hint.startswith(
        "tag infra has no other member and pcs refuses to empty a tag: remove the constraint (pcs "
        "constraint remove ord-infra), and if nothing else uses the tag, the tag too (pcs tag remove infra)")


def test_silent_near_misses():
    # Location constraints steer connections; guest VMs may be colocated and ordered; a tag
    # with the connection used only in a location; a ticket is not a colocation or order.
    xml = cib(
        resources=RESOURCES,
        constraints="""
      <rsc_location id="loc-remote1" rsc="remote1" node="node1" score="100"/>
      <rsc_location id="loc-infra" rsc="infra" node="node1" score="100"/>
      <rsc_colocation id="col-web-vm1" rsc="web" with-rsc="vm1" score="INFINITY"/>
      <rsc_order id="ord-vm1-web" first="vm1" then="web"/>
      <rsc_order id="ord-set"><resource_set id="ord-set-0"><resource_ref id="vm1"/><resource_ref id="web"/></resource_set></rsc_order>""",
        extra='    <tags><tag id="infra"><obj_ref id="remote1"/></tag></tags>\n',
    )
    assert lint_text(xml, select=["PCS106"]) == []


def test_template_connection_is_left_to_pcs123():
    xml = cib(resources="""
      <template id="tpl" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="remote2" template="tpl"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>""",
              constraints='      <rsc_order id="o" first="remote2" then="web"/>')
    assert lint_text(xml, select=["PCS106"]) == []


def test_a_constraint_without_id_still_gets_a_usable_hint():
    # Only possible without schema validation.
    xml = cib(validate_with="none", resources=RESOURCES, constraints='      <rsc_order first="remote1" then="web"/>')
    (finding,) = lint_text(xml, select=["PCS106"])
    assert finding.message.startswith("order constraint without an id names remote connection 'remote1'")
    assert finding.hint.startswith("pcs constraint remove CONSTRAINT-ID;")
