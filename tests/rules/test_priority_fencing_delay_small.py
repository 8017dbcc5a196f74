from pcs_lint.testing import cib, cluster_properties, codes_lines, line_of, lint_text

DEVICE = ('<primitive id="fence-a" class="stonith" type="fence_ipmilan"><instance_attributes id="fa">'
          '<nvpair id="fa-max" name="pcmk_delay_max" value="{max}"/>'
          '<nvpair id="fa-base" name="pcmk_delay_base" value="{base}"/></instance_attributes></primitive>')


def xml_with(delay, max_, base):
    return cib(resources=DEVICE.format(max=max_, base=base), fencing=False,
               crm_config=cluster_properties(("priority-fencing-delay", delay)))


def test_below_twice_the_device_delay():
    xml = xml_with("10s", "5s", "2s")
    findings = lint_text(xml, select=["PCS309"])
    assert codes_lines(findings) == [("PCS309", line_of(xml, 'name="priority-fencing-delay"'))]
    assert "below twice the largest delay of fence device fence-a, 2 s (pcmk_delay_base=\"2s\" at cib.xml:" in findings[0].message
    assert "= 7 s" in findings[0].message
    assert findings[0].hint.startswith("pcs property set priority-fencing-delay=14s")
    assert findings[0].fix.commands == ("pcs property set priority-fencing-delay=14s",)
    assert lint_text(xml_with("14s", "5s", "2s"), select=["PCS309"]) == []  # what the fix sets is enough


def test_per_node_base_counts_with_its_largest_value():
    assert codes_lines(lint_text(xml_with("15s", "0", "node1:10s;node2:0"), select=["PCS309"]))[0][0] == "PCS309"
    assert lint_text(xml_with("15s", "0", "node1:10s;node2:0"), select=["PCS309"])[0].message.count("10 s") == 2
    assert lint_text(xml_with("20s", "0", "node1:10s;node2:0"), select=["PCS309"]) == []


def test_enough_or_unset():
    assert lint_text(xml_with("14s", "5s", "2s"), select=["PCS309"]) == []
    assert lint_text(xml_with("0", "5s", "2s"), select=["PCS309"]) == []
    assert lint_text(cib(), select=["PCS309"]) == []
