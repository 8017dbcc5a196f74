from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

PRIMITIVE = '<primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>'


def bundle(network: str, primitive: str = PRIMITIVE, bundle_id: str = "web") -> str:
    return f"""
      <bundle id="{bundle_id}">
        <podman image="localhost/httpd" replicas="2"/>
        {network}
        {primitive}
      </bundle>"""


def test_network_without_address_or_port():
    xml = cib(resources=bundle('<network host-netmask="24"/>'))
    findings = lint_text(xml, select=["PCS130"])
    assert codes_lines(findings) == [("PCS130", line_of(xml, '<bundle id="web">'))]
    assert codes_ids(findings) == [("PCS130", "web")]
    assert "'httpd'" in findings[0].message and "its <network> sets neither" in findings[0].message
    assert findings[0].hint.startswith("pcs resource bundle update web network control-port=3121")


def test_no_network_element_at_all():
    xml = cib(resources=bundle(""))
    findings = lint_text(xml, select=["bundle-unreachable"])
    assert codes_lines(findings) == [("PCS130", line_of(xml, '<bundle id="web">'))]
    assert "no <network> element" in findings[0].message


def test_each_bundle_judged_on_its_own():
    xml = cib(resources=bundle("<network/>", bundle_id="a") + bundle(
        '<network control-port="3121"/>', '<primitive id="b1" class="ocf" provider="heartbeat" type="apache"/>', "b"))
    assert codes_ids(lint_text(xml, select=["PCS130"])) == [("PCS130", "a")]


def test_either_attribute_makes_it_reachable():
    for network in ('<network control-port="3121"/>', '<network ip-range-start="192.0.2.131"/>'):
        assert lint_text(cib(resources=bundle(network)), select=["PCS130"]) == []


def test_an_empty_attribute_counts_as_written_like_pacemaker():
    # valid_network() only asks whether the attribute is there; PCS112 judges the empty value.
    assert lint_text(cib(resources=bundle('<network control-port=""/>')), select=["PCS130"]) == []


def test_a_bundle_without_primitive_needs_no_connection():
    assert lint_text(cib(resources=bundle("<network/>", primitive="")), select=["PCS130"]) == []
