import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>"""


@pytest.mark.parametrize(("constraint", "kind"), [
    ('<rsc_location id="bad" rsc="guest1" node="node1" score="100"/>', "location"),
    ('<rsc_colocation id="bad" rsc="web" with-rsc="guest1" score="INFINITY"/>', "colocation"),
    ('<rsc_order id="bad" first="guest1" then="web"/>', "order"),
    ('<rsc_ticket id="bad" rsc="guest1" ticket="t1"/>', "ticket"),
])
def test_every_constraint_kind(constraint, kind):
    xml = cib(resources=RESOURCES, constraints="      " + constraint)
    findings = lint_text(xml, select=["PCS107"])
    assert codes_lines(findings) == [("PCS107", line_of(xml, 'id="bad"'))]
    assert codes_ids(findings) == [("PCS107", "bad")]
    assert findings[0].message.startswith(f"{kind} constraint 'bad' names 'guest1'")
    assert "VM resource 'vm1'" in findings[0].message
    # The unknown IDREF makes pcs and cibadmin refuse the CIB: the file is edited by hand.
    assert "so the CIB fails schema validation" in findings[0].message
    tag = {"location": "rsc_location", "colocation": "rsc_colocation", "order": "rsc_order", "ticket": "rsc_ticket"}[kind]
    assert findings[0].hint.startswith(f'pcs and cibadmin refuse to load this CIB, so edit the file: delete <{tag} id="bad">;')


def test_location_hint_offers_the_vm_and_the_node():
    xml = cib(resources=RESOURCES, constraints='      <rsc_location id="loc-guest1" rsc="guest1" node="node1" score="100"/>')
    (finding,) = lint_text(xml, select=["guest-connection-in-constraint"])
    assert "pcs constraint location vm1 prefers NODE" in finding.hint
    assert "pcs constraint location RESOURCE prefers guest1" in finding.hint


def test_colocation_hint_names_the_vm():
    xml = cib(resources=RESOURCES, constraints='      <rsc_colocation id="c" rsc="web" with-rsc="guest1" score="INFINITY"/>')
    (finding,) = lint_text(xml, select=["PCS107"])
    assert finding.hint.endswith("name the VM resource vm1 instead, or use a location constraint with node=guest1")


def test_in_a_set_and_through_a_tag():
    xml = cib(
        resources=RESOURCES,
        constraints="""
      <rsc_order id="ord-set"><resource_set id="ord-set-0"><resource_ref id="guest1"/><resource_ref id="web"/></resource_set></rsc_order>
      <rsc_colocation id="col-tag" rsc="web" with-rsc="guests" score="INFINITY"/>""",
        extra='    <tags><tag id="guests"><obj_ref id="guest1"/></tag></tags>\n',
    )
    findings = lint_text(xml, select=["PCS107"])
    assert codes_lines(findings) == [
        ("PCS107", line_of(xml, '<resource_ref id="guest1"/>')),
        ("PCS107", line_of(xml, 'id="col-tag"')),
    ]
    assert codes_ids(findings) == [("PCS107", "ord-set"), ("PCS107", "col-tag")]
    assert "in resource set 'ord-set-0'" in findings[0].message
    assert "through tag 'guests'" in findings[1].message
    assert findings[0].hint.startswith('pcs and cibadmin refuse to load this CIB, so edit the file: delete '
                                       '<resource_ref id="guest1"/> from resource set ord-set-0 of <rsc_order id="ord-set">;')
    # A tag's obj_ref is no IDREF: the CIB stays valid and pcs can change the tag, but pcs
    # refuses to take a tag's last member out: the constraint goes, then maybe the tag.
    assert findings[1].hint.startswith(
        "tag guests has no other member and pcs refuses to empty a tag: remove the constraint "
        "(pcs constraint remove col-tag), and if nothing else uses the tag, the tag too (pcs tag remove guests)")


def test_guest_in_a_top_level_group_counts():
    xml = cib(resources='      <group id="g">' + RESOURCES + "\n      </group>",
              constraints='      <rsc_order id="o" first="guest1" then="web"/>')
    assert codes_ids(lint_text(xml, select=["PCS107"])) == [("PCS107", "o")]


def test_silent_near_misses():
    # The VM resource itself may be constrained; node=guest1 is a node, not a resource; a
    # guest name that is also a real id is PCS101's.
    xml = cib(
        resources=RESOURCES + """
      <primitive id="vm2" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm2-meta"><nvpair id="vm2-rn" name="remote-node" value="web"/></meta_attributes>
      </primitive>""",
        constraints="""
      <rsc_location id="loc-vm1" rsc="vm1" node="node1" score="100"/>
      <rsc_location id="loc-web-guest1" rsc="web" node="guest1" score="INFINITY"/>
      <rsc_colocation id="col-web-vm1" rsc="web" with-rsc="vm1" score="INFINITY"/>
      <rsc_order id="ord-web" first="web" then="vm1"/>
      <rsc_order id="ord-vm2-web" first="web" then="vm2"/>""",
    )
    assert lint_text(xml, select=["PCS107"]) == []


def test_a_guest_that_is_not_created_is_named_too():
    # PCS206 leaves every remote-node value to this rule; say why no such resource exists.
    xml = cib(resources=RESOURCES + """
      <clone id="vm3-clone"><primitive id="vm3" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm3-meta"><nvpair id="vm3-rn" name="remote-node" value="guest3"/></meta_attributes>
      </primitive></clone>""", constraints='      <rsc_order id="ord-guest3" first="guest3" then="web"/>')
    findings = lint_text(xml, select=["PCS107", "PCS206"])
    assert codes_lines(findings) == [("PCS107", line_of(xml, 'id="ord-guest3"'))]
    assert "the remote-node value of 'vm3', which creates no guest where it is" in findings[0].message


def test_a_constraint_without_id_is_still_reported():
    xml = cib(validate_with="none", resources=RESOURCES, constraints='      <rsc_location rsc="guest1" node="node1" score="1"/>')
    (finding,) = lint_text(xml, select=["PCS107"])
    assert finding.message.startswith("location constraint without an id names 'guest1'")
    # Without a schema pcs loads the CIB, so its command is the fix.
    assert finding.hint.startswith("pcs constraint remove CONSTRAINT-ID;")


def test_through_a_tag_the_cib_is_valid_and_the_constraint_lands_on_the_connection():
    # Checked with crm_simulate 2.1.5: a colocation with a tag listing guest1 scores the node
    # running guest1's connection resource, not vm1's.
    xml = cib(resources=RESOURCES, constraints='      <rsc_colocation id="c" rsc="web" with-rsc="t" score="-INFINITY"/>',
              extra='    <tags><tag id="t"><obj_ref id="guest1"/><obj_ref id="vm1"/></tag></tags>\n')
    (finding,) = lint_text(xml, select=["PCS107"])
    assert finding.message == (
        "colocation constraint 'c' names 'guest1' as 'with-rsc' through tag 't', the connection resource "
        "Pacemaker creates for guest node 'guest1' of VM resource 'vm1': that resource is not in the "
        "configuration, yet the CIB loads (a tag's obj_ref is no IDREF) and Pacemaker applies the "
        "constraint to that hidden connection resource, not to the VM 'vm1'")
    # The tag has another member: pcs can take guest1 out of it.
    assert finding.hint.startswith("take guest1 out of tag t (pcs tag update t remove guest1) or remove "
                                   "the constraint (pcs constraint remove c)")


def test_without_a_schema_the_cib_loads_too():
    xml = cib(validate_with="none", resources=RESOURCES, constraints='      <rsc_order id="o" first="guest1" then="web"/>')
    (finding,) = lint_text(xml, select=["PCS107"])
    assert "schema validation" not in finding.message
    assert 'yet the CIB loads (validate-with="none" checks nothing)' in finding.message


def test_through_a_tag_a_guest_that_is_not_created_drops_the_constraint():
    # crm_verify 2.1.5: "No resource found for guest3", and the constraint is ignored.
    xml = cib(resources=RESOURCES + """
      <clone id="vm3-clone"><primitive id="vm3" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm3-meta"><nvpair id="vm3-rn" name="remote-node" value="guest3"/></meta_attributes>
      </primitive></clone>""", constraints='      <rsc_order id="o" first="t" then="web"/>',
              extra='    <tags><tag id="t"><obj_ref id="guest3"/></tag></tags>\n')
    (finding,) = lint_text(xml, select=["PCS107"])
    assert finding.message.endswith(
        "and although the CIB loads (a tag's obj_ref is no IDREF), Pacemaker finds no resource 'guest3' "
        "and ignores the whole constraint")
