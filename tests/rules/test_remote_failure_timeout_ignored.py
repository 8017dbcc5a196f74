"""PCS139: failure-timeout on a remote connection that has reconnect_interval."""

from pcs_lint.testing import cib, codes_lines, line_of, lint_text


def remote(params: str = "", meta: str = "", rid: str = "remote1") -> str:
    return (f'<primitive id="{rid}" class="ocf" provider="pacemaker" type="remote">\n'
            f'<instance_attributes id="{rid}-ia">{params}</instance_attributes>\n'
            f'<meta_attributes id="{rid}-meta">{meta}</meta_attributes>\n</primitive>')


RI = '<nvpair id="ri" name="reconnect_interval" value="60s"/>'
FT = '<nvpair id="ft" name="failure-timeout" value="1h"/>'


def test_failure_timeout_beside_reconnect_interval():
    xml = cib(remote(RI, FT))
    findings = lint_text(xml, select=["PCS139"])
    assert codes_lines(findings) == [("PCS139", line_of(xml, 'id="ft"'))]
    assert findings[0].severity.label == "info"
    assert findings[0].fix.commands == ("pcs resource meta remote1 failure-timeout=",)


def test_either_alone_or_no_node_is_quiet():
    assert lint_text(cib(remote(RI)), select=["PCS139"]) == []
    assert lint_text(cib(remote(meta=FT)), select=["PCS139"]) == []
    # Inside a group the connection makes no node (PCS104): reconnect_interval is not read.
    grouped = cib('<group id="g">' + remote(RI, FT) + "</group>")
    assert lint_text(grouped, select=["PCS139"]) == []
    # failure-timeout on another resource is not the connection's.
    other = cib(remote(RI) + '<primitive id="d" class="ocf" provider="heartbeat" type="Dummy">'
                '<meta_attributes id="d-m">' + FT + "</meta_attributes></primitive>")
    assert lint_text(other, select=["PCS139"]) == []
