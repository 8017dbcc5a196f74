"""PCS112 remote-port-invalid."""

import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def remote(port: str) -> str:
    return f"""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote">
        <instance_attributes id="remote1-ia">
          <nvpair id="remote1-port" name="port" value="{port}"/>
        </instance_attributes>
      </primitive>"""


def guest(port: str, wrap: tuple[str, str] = ("", "")) -> str:
    return f"""{wrap[0]}
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-rn" name="remote-node" value="guest1"/>
          <nvpair id="vm1-port" name="remote-port" value="{port}"/>
        </meta_attributes>
      </primitive>{wrap[1]}"""


def bundle(port: str) -> str:
    return f"""
      <bundle id="web-bundle">
        <podman image="registry.example.com/httpd:2.4" replicas="1"/>
        <network control-port="{port}"/>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


@pytest.mark.parametrize("value, reading", [
    ("3121abc", "happens to read it as 3121"),
    (" 3121", "happens to read it as 3121"),
    ("abc", "reads it as 0 and silently falls back"),
    ("0", "reads it as 0 and silently falls back"),
    ("70000", "reads it as 70000, which is no TCP port"),
    ("-1", "reads it as -1, which is no TCP port"),
    # glibc's atoi is (int) strtol: too large for an int wraps, too large for a long saturates
    ("4294970417", "happens to read it as 3121"),
    ("99999999999999999999", "reads it as -1, which is no TCP port"),
    ("٣١٢١", "reads it as 0 and silently falls back"),  # C knows only ASCII digits
])
def test_remote_port_not_an_integer_in_range(value, reading):
    xml = cib(resources=remote(value))
    findings = lint_text(xml, select=["PCS112"])
    assert codes_lines(findings) == [("PCS112", line_of(xml, 'id="remote1-port"'))]
    assert codes_ids(findings) == [("PCS112", "remote1")]
    assert reading in findings[0].message
    assert f"port=\"{value}\" of remote node 'remote1'" in findings[0].message
    assert findings[0].hint.startswith("pcs resource update remote1 port=3121")


def test_guest_remote_port():
    xml = cib(resources=guest("31 21"))
    findings = lint_text(xml, select=["remote-port-invalid"])
    assert codes_lines(findings) == [("PCS112", line_of(xml, 'id="vm1-port"'))]
    assert codes_ids(findings) == [("PCS112", "vm1")]
    assert "guest node 'guest1' (resource 'vm1')" in findings[0].message
    assert findings[0].hint.startswith("pcs resource meta vm1 remote-port=3121")


def test_bundle_control_port():
    xml = cib(resources=bundle("3121x"))
    findings = lint_text(xml, select=["PCS112"])
    assert codes_lines(findings) == [("PCS112", line_of(xml, "<network"))]
    assert codes_ids(findings) == [("PCS112", "web-bundle")]
    assert findings[0].hint == "pcs resource bundle update web-bundle network control-port=3121"


@pytest.mark.parametrize("resources", [
    remote("3121"), remote("1"), remote("65535"), remote("03121"),
    guest("3122"), bundle("3122"),
    # No guest node is created inside a clone (PCS108 reports that): its port is never used.
    guest("abc", ("\n      <clone id=\"vm1-clone\">", "\n      </clone>")),
    # Not a remote node Pacemaker creates (PCS104 reports the group).
    '\n      <group id="g">' + remote("abc") + "\n      </group>",
])
def test_valid_or_unused_ports_are_silent(resources):
    assert lint_text(cib(resources=resources), select=["PCS112"]) == []


def test_unset_ports_are_silent():
    xml = cib(resources="""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      <bundle id="b"><docker image="x"/><network ip-range-start="192.0.2.50"/></bundle>""")
    assert lint_text(xml, select=["PCS112"]) == []
