"""PCS137: the connection's address against PCMK_remote_address in the host's environment file."""

from pcs_lint.testing import cib, codes_lines, line_of, lint_text

from .connection_helpers import guest, remote


def listen(address: str) -> str:
    return f"PCMK_logfacility=daemon\nPCMK_remote_address={address}\n"


def test_different_ip_addresses_and_a_name():
    xml = cib(remote("remote1", "192.0.2.21") + guest("vm1", "guest1", "2001:db8::1") + remote("remote2"))
    env = {"remote1": listen("192.0.2.22"), "guest1": listen("2001:db8::2"), "remote2": listen("192.0.2.30")}
    findings = lint_text(xml, select=["PCS137"], env=env)
    assert [(f.rule, f.line, f.severity.label) for f in findings] == [
        ("PCS137", line_of(xml, 'id="remote1-server"'), "error"),
        ("PCS137", line_of(xml, 'id="vm1-addr"'), "error"),
        ("PCS137", line_of(xml, 'id="remote2"'), "info"),
    ]
    # Each names the environment file's line, and points there too.
    assert "(remote1.env:2)" in findings[0].message
    assert [(r.path, r.line) for r in findings[0].related] == [("remote1.env", 2)]
    assert findings[0].fix.commands == ("pcs resource update remote1 server=192.0.2.22",)
    assert findings[1].fix.commands == ("pcs resource meta vm1 remote-addr=2001:db8::2",)
    assert findings[2].fix is None


def test_same_address_everywhere_or_unknown_is_quiet():
    xml = cib(remote("remote1", "192.0.2.21") + guest("vm1", "guest1", "guest1.example"))
    same = {"remote1": listen("192.0.2.21"), "guest1": listen("::")}
    assert lint_text(xml, select=["PCS137"], env=same) == []
    # A name to listen on, no variable, no file: nothing to compare.
    other = {"remote1": listen("remote1.example"), "guest1": "PCMK_remote_port=3121\n"}
    assert lint_text(xml, select=["PCS137"], env=other) == []
    assert lint_text(xml, select=["PCS137"]) == []
    # A host name's value is never shown.
    hostile = {"remote1": listen("s3cr3t-not-an-address")}
    assert lint_text(xml, select=["PCS137"], env=hostile) == []
    assert codes_lines(lint_text(xml, select=["PCS137"], env={"remote1": listen("192.0.2.9")})) == [
        ("PCS137", line_of(xml, 'id="remote1-server"'))]
