from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def vm(vm_id: str, name: str = "guest1") -> str:
    return (f'<primitive id="{vm_id}" class="ocf" provider="heartbeat" type="VirtualDomain">\n'
            f'        <meta_attributes id="{vm_id}-meta">\n'
            f'          <nvpair id="{vm_id}-rn" name="remote-node" value="{name}"/>\n'
            "        </meta_attributes>\n"
            "      </primitive>")


def test_cloned_vm():
    xml = cib(resources=f'      <clone id="vm1-clone">{vm("vm1")}</clone>')
    findings = lint_text(xml, select=["PCS108"])
    assert codes_lines(findings) == [("PCS108", line_of(xml, 'name="remote-node"'))]
    assert codes_ids(findings) == [("PCS108", "vm1")]
    assert "inside clone 'vm1-clone'" in findings[0].message
    assert "no node 'guest1' exists" in findings[0].message
    assert findings[0].hint == ("if vm1 should be a guest node, take it out of the clone: pcs resource "
                                "unclone vm1-clone; otherwise drop the setting: pcs resource meta vm1 "
                                "remote-node= --force")


def test_cloned_group_and_promotable_clone():
    xml = cib(resources=f"""
      <clone id="grp-clone"><group id="grp">{vm("vm1")}</group></clone>
      <master id="ms">{vm("vm2", "guest2")}</master>""")
    findings = lint_text(xml, select=["guest-not-created"])
    assert codes_ids(findings) == [("PCS108", "vm1"), ("PCS108", "vm2")]
    assert "inside group 'grp' of clone 'grp-clone'" in findings[0].message
    assert "pcs resource unclone grp-clone" in findings[0].hint
    assert "inside master/slave resource 'ms'" in findings[1].message


def test_nested_group_without_schema_validation():
    xml = cib(validate_with="none", resources=f'      <group id="outer"><group id="inner">{vm("vm1")}</group></group>')
    findings = lint_text(xml, select=["PCS108"])
    assert codes_ids(findings) == [("PCS108", "vm1")]
    assert "pcs resource group remove inner vm1" in findings[0].hint


def test_empty_name_in_a_clone_is_still_reported_here():
    xml = cib(resources=f'      <clone id="c">{vm("vm1", "")}</clone>')
    assert "remote-node '' on 'vm1'" in lint_text(xml, select=["PCS108"])[0].message


def test_silent_near_misses():
    # Top-level and top-level-group guests are created; a bundle's primitive is PCS136's.
    xml = cib(resources=f"""
      {vm("vm1")}
      <group id="grp">{vm("vm2", "guest2")}</group>
      <bundle id="b1">
        <podman image="img"/>
        <network control-port="3121"/>
        {vm("vm3", "guest3")}
      </bundle>""")
    assert lint_text(xml, select=["PCS108"]) == []
