from pcs_lint.testing import cib, codes_ids, codes_lines, guest_vm, line_of, lint_text


def test_guest_name_equal_to_another_resource_id():
    xml = cib(resources=guest_vm("vm1", "dummy1")
              + '      <primitive id="dummy1" class="ocf" provider="heartbeat" type="Dummy"/>')
    findings = lint_text(xml, select=["PCS101"])
    assert codes_lines(findings) == [("PCS101", line_of(xml, 'value="dummy1"'))]
    assert codes_ids(findings) == [("PCS101", "vm1")]
    dummy_line = line_of(xml, '<primitive id="dummy1"')
    assert f"<primitive> on line {dummy_line}" in findings[0].message
    assert "pcs resource meta vm1 remote-node=" in findings[0].hint


def test_guest_name_equal_to_its_own_primitive():
    xml = cib(resources=guest_vm("vm1", "vm1"))
    findings = lint_text(xml, select=["guest-name-conflicts-id"])
    assert codes_ids(findings) == [("PCS101", "vm1")]
    assert "its own primitive 'vm1'" in findings[0].message


def test_any_id_counts_constraint_nvpair_and_template():
    xml = cib(
        resources=guest_vm("vm1", "loc-web") + guest_vm("vm2", "vm1-meta") + guest_vm("vm3", "tmpl")
        + '      <template id="tmpl" class="ocf" provider="heartbeat" type="Dummy"/>\n'
        + '      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>',
        constraints='      <rsc_location id="loc-web" rsc="web" node="node1" score="10"/>',
    )
    assert codes_ids(lint_text(xml, select=["PCS101"])) == [("PCS101", "vm1"), ("PCS101", "vm2"), ("PCS101", "vm3")]


def test_guest_in_top_level_group_is_checked():
    xml = cib(resources='      <group id="grp">\n' + guest_vm("vm1", "grp") + "      </group>")
    assert codes_lines(lint_text(xml, select=["PCS101"])) == [("PCS101", line_of(xml, 'value="grp"'))]


def test_silent_near_misses():
    # Unique name; a name differing only in case (ids are case-sensitive); a node id and a
    # resource_ref are not definitions; a cloned VM creates no guest (PCS108 says so).
    xml = cib(
        nodes='<node id="1" uname="node1"/><node id="2" uname="node2"/>',
        resources=guest_vm("vm1", "guest1") + guest_vm("vm2", "WEB") + guest_vm("vm3", "1")
        + '      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>\n'
        + '      <clone id="vm4-clone">\n' + guest_vm("vm4", "vm4") + "      </clone>",
    )
    assert lint_text(xml, select=["PCS101"]) == []


def test_empty_name_is_left_to_pcs111():
    xml = cib(resources=guest_vm("vm1", ""))
    assert lint_text(xml, select=["PCS101"]) == []
