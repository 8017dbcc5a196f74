"""PCS120 remote-address-duplicate."""

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

from .connection_helpers import guest, remote


def test_two_remote_connections_to_one_host():
    xml = cib(resources=remote("remote1", "192.0.2.21") + remote("remote2", "192.0.2.21"))
    findings = lint_text(xml, select=["PCS120"])
    assert codes_lines(findings) == [("PCS120", line_of(xml, 'id="remote2-server"'))]
    assert codes_ids(findings) == [("PCS120", "remote2")]
    assert findings[0].message.startswith(
        "remote node 'remote2' connects to 192.0.2.21:3121, the same address and port as remote node 'remote1'")
    assert findings[0].hint.startswith("pcs resource update remote2 server=ADDRESS (the host of remote2)")


def test_a_guest_and_a_remote_node_compared_case_insensitively():
    xml = cib(resources=remote("remote1", "Host-A.example.com") + guest("vm1", "guest1", "host-a.example.com"))
    findings = lint_text(xml, select=["remote-address-duplicate"])
    assert codes_lines(findings) == [("PCS120", line_of(xml, 'id="vm1-addr"'))]
    assert codes_ids(findings) == [("PCS120", "vm1")]
    assert findings[0].hint.startswith("pcs resource meta vm1 remote-addr=ADDRESS")


def test_default_addresses_are_the_node_names():
    # remote "host1" without server connects to host1; the guest named host1 has no remote-addr.
    xml = cib(resources=remote("host1") + guest("vm1", "host1"))
    findings = lint_text(xml, select=["PCS120"])
    assert codes_lines(findings) == [("PCS120", line_of(xml, 'id="vm1-rn"'))]


def test_unset_and_zero_ports_count_as_the_default():
    xml = cib(resources=remote("remote1", "192.0.2.21", "3121") + remote("remote2", "192.0.2.21", "0"))
    assert codes_ids(lint_text(xml, select=["PCS120"])) == [("PCS120", "remote2")]


def test_same_address_on_other_ports_is_silent():
    xml = cib(resources=remote("remote1", "192.0.2.21", "3121") + remote("remote2", "192.0.2.21", "3122")
              + guest("vm1", "guest1", "192.0.2.21", "3123"))
    assert lint_text(xml, select=["PCS120"]) == []


def test_three_connections_give_two_findings_naming_the_first():
    xml = cib(resources=remote("r1", "h") + remote("r2", "h") + remote("r3", "h"))
    findings = lint_text(xml, select=["PCS120"])
    assert codes_ids(findings) == [("PCS120", "r2"), ("PCS120", "r3")]
    assert all("as remote node 'r1'" in f.message for f in findings)
