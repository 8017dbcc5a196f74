from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

PRIMITIVE = '<primitive id="db" class="ocf" provider="heartbeat" type="pgsql"/>'


def bundle(container_attrs: str, network: str, primitive: str = PRIMITIVE) -> str:
    return f"""
      <bundle id="db-bundle">
        <docker image="localhost/db" {container_attrs}/>
        {network}
        {primitive}
      </bundle>"""


def test_control_port_with_two_replicas_per_host():
    xml = cib(resources=bundle('replicas="4" replicas-per-host="2"', '<network control-port="3121"/>'))
    findings = lint_text(xml, select=["PCS131"])
    assert codes_lines(findings) == [("PCS131", line_of(xml, "<docker"))]
    assert codes_ids(findings) == [("PCS131", "db-bundle")]
    assert "allows 2 replicas per host" in findings[0].message
    assert findings[0].hint.startswith("pcs resource bundle update db-bundle container replicas-per-host=1")


def test_replicas_per_host_read_like_pacemaker():
    # pcmk__scan_min_int reads the leading integer: "3x" is 3 (PCS903 reports the schema error).
    xml = cib(resources=bundle('replicas="6" replicas-per-host="3x"', '<network control-port="3121"/>'))
    findings = lint_text(xml, select=["bundle-control-port-replicas"])
    assert codes_ids(findings) == [("PCS131", "db-bundle")]
    assert "allows 3 replicas per host" in findings[0].message


def test_silent_cases():
    silent = [
        # every replica has its own address: one port per address is fine
        bundle('replicas="4" replicas-per-host="2"', '<network ip-range-start="192.0.2.140" control-port="3121"/>'),
        bundle('replicas="4" replicas-per-host="1"', '<network control-port="3121"/>'),
        bundle('replicas="4"', '<network control-port="3121"/>'),
        # unparseable: Pacemaker uses the minimum, 1
        bundle('replicas="4" replicas-per-host="two"', '<network control-port="3121"/>'),
        # no primitive: nothing connects to the containers
        bundle('replicas="4" replicas-per-host="2"', '<network control-port="3121"/>', primitive=""),
        # no control-port at all is PCS130's finding
        bundle('replicas="4" replicas-per-host="2"', "<network/>"),
    ]
    for resources in silent:
        assert lint_text(cib(resources=resources), select=["PCS131"]) == [], resources
