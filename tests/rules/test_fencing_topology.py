from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

DEVICES = """
      <primitive id="fence-b" class="stonith" type="fence_apc"/>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <group id="g"><primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"/></group>"""


def topology(*levels):
    return "    <fencing-topology>\n" + "".join(f"      {level}\n" for level in levels) + "    </fencing-topology>\n"


def pcs304(xml):
    return lint_text(xml, select=["PCS304"])


def test_good_levels_are_silent():
    xml = cib(resources=DEVICES, extra=topology(
        '<fencing-level id="l1" index="1" target="node1" devices="fence-all"/>',
        '<fencing-level id="l2" index="2" target="NODE1" devices="fence-all,fence-b"/>',
        '<fencing-level id="l3" index="1" target="node2" devices="fence-b"/>',
        '<fencing-level id="l4" index="9" target-pattern="node[0-9]" devices="fence-b"/>',
    ))
    assert pcs304(xml) == []


def test_no_topology_is_silent():
    assert pcs304(cib()) == []


def test_index_outside_one_to_nine_or_not_a_number():
    xml = cib(resources=DEVICES, extra=topology(
        '<fencing-level id="l0" index="0" target="node1" devices="fence-all"/>',
        '<fencing-level id="l10" index="10" target="node1" devices="fence-all"/>',
        '<fencing-level id="lx" index="one" target="node2" devices="fence-all"/>',
    ))
    findings = pcs304(xml)
    assert codes_lines(findings) == [
        ("PCS304", line_of(xml, 'id="l0"')),
        ("PCS304", line_of(xml, 'id="l10"')),
        ("PCS304", line_of(xml, 'id="lx"')),
    ]
    assert codes_ids(findings) == [("PCS304", "l0"), ("PCS304", "l10"), ("PCS304", "lx")]
    assert all("1 to 9" in f.message for f in findings)
    # The schema wants a positive integer: pcs loads the CIB only for 10 and above.
    assert [f.hint for f in findings] == [
        'pcs and cibadmin refuse to load this CIB, so edit the file: give <fencing-level id="l0"> an index from 1 to 9',
        "pcs stonith level remove 10 target node1 stonith fence-all, then add it again with an index from 1 to 9: "
        "pcs stonith level add INDEX node1 fence-all",
        'pcs and cibadmin refuse to load this CIB, so edit the file: give <fencing-level id="lx"> an index from 1 to 9',
    ]


def test_duplicate_index_per_target():
    xml = cib(resources=DEVICES, extra=topology(
        '<fencing-level id="a" index="1" target="node1" devices="fence-all"/>',
        '<fencing-level id="b" index="1" target="node1" devices="fence-b"/>',
        '<fencing-level id="c" index="1" target="node2" devices="fence-b"/>',
        '<fencing-level id="d" index="1" target-pattern="node1" devices="fence-b"/>',
        '<fencing-level id="e" index="2" target-attribute="rack" target-value="1" devices="fence-b"/>',
        '<fencing-level id="f" index="2" target-attribute="rack" target-value="1" devices="fence-all"/>',
    ), nodes='<node id="1" uname="node1"><instance_attributes id="n1-ia"><nvpair id="n1-rack" name="rack" value="1"/></instance_attributes></node>\n'
             '      <node id="2" uname="node2"/>')
    findings = pcs304(xml)
    assert codes_ids(findings) == [("PCS304", "b"), ("PCS304", "f")]
    first_line = line_of(xml, 'id="a"')
    assert f"already used by 'a' on line {first_line}" in findings[0].message
    assert "rack=1" in findings[1].message
    # pcs writes an attribute target as attrib%NAME=VALUE.
    assert [f.hint for f in findings] == [
        "give it the next free index: pcs stonith level remove 1 target node1 stonith fence-b, then "
        "pcs stonith level add INDEX node1 fence-b",
        "give it the next free index: pcs stonith level remove 2 target attrib%rack=1 stonith fence-all, then "
        "pcs stonith level add INDEX attrib%rack=1 fence-all",
    ]


def test_duplicate_index_per_pattern_names_the_pattern_as_pcs_does():
    xml = cib(resources=DEVICES, extra=topology(
        '<fencing-level id="a" index="1" target-pattern="node[12]" devices="fence-all"/>',
        '<fencing-level id="b" index="1" target-pattern="node[12]" devices="fence-all,fence-b"/>',
    ))
    (finding,) = pcs304(xml)
    assert finding.hint == (
        "give it the next free index: pcs stonith level remove 1 target 'regexp%node[12]' stonith fence-all "
        "fence-b, then pcs stonith level add INDEX 'regexp%node[12]' fence-all fence-b")


def test_unknown_target_and_guest_target():
    xml = cib(
        resources=DEVICES + """
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta"><nvpair id="vm1-rn" name="remote-node" value="guest1"/></meta_attributes>
      </primitive>
      <bundle id="web-bundle">
        <podman image="web:1" replicas="1"/>
        <network control-port="3121"/>
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>""",
        extra=topology(
            '<fencing-level id="stale" index="1" target="node3" devices="fence-all"/>',
            '<fencing-level id="remote" index="1" target="remote1" devices="fence-all"/>',
            '<fencing-level id="guest" index="1" target="Guest1" devices="fence-all"/>',
            '<fencing-level id="replica" index="1" target="web-bundle-0" devices="fence-all"/>',
        ),
    )
    findings = pcs304(xml)
    assert codes_ids(findings) == [("PCS304", "stale"), ("PCS304", "guest"), ("PCS304", "replica")]
    assert "not a node" in findings[0].message
    # Re-adding it elsewhere depends on what was meant: a step of its own, after an "if".
    assert findings[0].hint == ("pcs stonith level remove 1 target node3; if it was meant for another node, "
                                "add it there: pcs stonith level add 1 NODE fence-all")
    assert "guest node 'Guest1'" in findings[1].message


def test_unknown_target_not_judged_without_nodes():
    xml = cib(nodes="", extra=topology('<fencing-level id="l" index="1" target="node3" devices="fence-all"/>'))
    assert pcs304(xml) == []


def test_attribute_target_matches_only_permanent_node_attributes():
    nodes = ('<node id="1" uname="node1"><instance_attributes id="n1-ia">'
             '<nvpair id="n1-rack" name="rack" value="1"/></instance_attributes></node>\n'
             '      <node id="2" uname="node2"/>')
    xml = cib(nodes=nodes, extra=topology(
        '<fencing-level id="ok" index="1" target-attribute="rack" target-value="1" devices="fence-all"/>',
        '<fencing-level id="none" index="1" target-attribute="rack" target-value="2" devices="fence-all"/>',
    ))
    findings = pcs304(xml)
    assert codes_lines(findings) == [("PCS304", line_of(xml, 'id="none"'))]
    assert "pcs node attribute NODE rack=2" in findings[0].hint


def test_missing_and_non_stonith_devices():
    xml = cib(resources=DEVICES, extra=topology(
        '<fencing-level id="l1" index="1" target="node1" devices="fence-all,gone,web"/>',
        '<fencing-level id="l2" index="1" target="node2" devices="g"/>',
    ))
    findings = pcs304(xml)
    assert codes_ids(findings) == [("PCS304", "l1"), ("PCS304", "l1"), ("PCS304", "l2")]
    # Findings on one line are sorted by message.
    assert "'web', which is a primitive of class ocf" in findings[0].message
    assert "'gone', which does not exist" in findings[1].message
    assert "'g', which is a group of class none" in findings[2].message
    # pcs matches a level by all its devices; it is added back with the fence devices only.
    assert findings[0].fix.commands == ("pcs stonith level remove 1 target node1 stonith fence-all gone web",
                                        "pcs stonith level add 1 node1 fence-all")
    assert findings[2].hint == "pcs stonith level remove 1 target node2 stonith g"


def test_template_stonith_device_is_a_device():
    xml = cib(resources="""
      <template id="fence-t" class="stonith" type="fence_xvm"/>
      <primitive id="fence-c" template="fence-t"/>""",
        extra=topology('<fencing-level id="l1" index="1" target="node1" devices="fence-c"/>'))
    assert pcs304(xml) == []


def test_level_without_a_target_is_only_checked_for_index_and_devices():
    xml = cib(extra=topology('<fencing-level id="l1" index="1" devices="fence-all"/>'))
    assert pcs304(xml) == []
