import pytest

from pcs_lint.rules._agent_metadata import advised_timeouts
from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def remote(ops: str, extra: str = "") -> str:
    return cib(resources=f"""
      <primitive id="remote1" class="ocf" provider="pacemaker" type="remote">
        <operations>
          {ops}
        </operations>
      </primitive>""", extra=extra)


@pytest.mark.parametrize("timeout", ["3s", "3000ms", "1", "2500ms"])
def test_short_remote_start_timeout(timeout):
    xml = remote(f'<op id="remote1-start" name="start" interval="0s" timeout="{timeout}"/>')
    findings = lint_text(xml, select=["PCS409"])
    assert codes_lines(findings) == [("PCS409", line_of(xml, 'id="remote1-start"'))]
    assert codes_ids(findings) == [("PCS409", "remote1")]
    assert "retries a failed connection attempt only while more than 3 s" in findings[0].message
    assert findings[0].hint == "pcs resource update remote1 op start interval=0s timeout=60s"


@pytest.mark.parametrize("ops", [
    '<op id="remote1-start" name="start" interval="0s" timeout="3001ms"/>',
    '<op id="remote1-start" name="start" interval="0s" timeout="PT3S"/>',  # invalid: 20 s, PCS403's
    '<op id="remote1-start" name="start" interval="0s" timeout="0"/>',  # PCS403's
    '<op id="remote1-mon" name="monitor" interval="10s" timeout="2s"/>',
    '<op id="remote1-start" name="start" interval="0s"/>',
])
def test_long_enough_or_not_a_start_is_silent(ops):
    assert lint_text(remote(ops), select=["PCS409"]) == []


def op_defaults(timeout: str) -> str:
    return ('    <op_defaults><meta_attributes id="op-options">'
            f'<nvpair id="op-options-timeout" name="timeout" value="{timeout}"/></meta_attributes></op_defaults>\n')


def test_start_timeout_from_op_defaults():
    xml = remote('<op id="remote1-mon" name="monitor" interval="10s"/>', extra=op_defaults("2s"))
    findings = lint_text(xml, select=["PCS409"])
    assert codes_lines(findings) == [("PCS409", line_of(xml, 'id="op-options-timeout"'))]
    assert "op_defaults nvpair 'op-options-timeout'" in findings[0].message
    assert findings[0].hint == "pcs resource update remote1 op start interval=0s timeout=60s"
    # the connection's own start timeout wins over the default
    own = remote('<op id="remote1-start" name="start" interval="0s" timeout="60s"/>', extra=op_defaults("2s"))
    assert lint_text(own, select=["PCS409"]) == []


def test_remote_start_from_template():
    xml = cib(resources="""
      <template id="remote-tpl" class="ocf" provider="pacemaker" type="remote">
        <operations><op id="remote-tpl-start" name="start" interval="0s" timeout="2s"/></operations>
      </template>
      <primitive id="remote2" template="remote-tpl"/>""")
    findings = lint_text(xml, select=["PCS409"])
    assert codes_ids(findings) == [("PCS409", "remote2")]
    assert codes_lines(findings) == [("PCS409", line_of(xml, 'id="remote-tpl-start"'))]
    assert findings[0].hint.startswith("pcs cannot edit templates")


@pytest.mark.parametrize(("value", "expected"), [("3s", True), ("2", True), ("4s", False), ("PT2S", False), ("0", False)])
def test_guest_connect_timeout(value, expected):
    xml = cib(resources=f"""
      <primitive id="vm1" class="ocf" provider="heartbeat" type="VirtualDomain">
        <meta_attributes id="vm1-meta">
          <nvpair id="vm1-remote-node" name="remote-node" value="guest1"/>
          <nvpair id="vm1-connect-timeout" name="remote-connect-timeout" value="{value}"/>
        </meta_attributes>
      </primitive>""")
    findings = lint_text(xml, select=["PCS409"])
    if expected:
        assert codes_lines(findings) == [("PCS409", line_of(xml, 'id="vm1-connect-timeout"'))]
        assert codes_ids(findings) == [("PCS409", "vm1")]
        assert findings[0].hint == "pcs resource meta vm1 remote-connect-timeout=60s"
    else:
        assert findings == []


AGENT = """#!/bin/sh
meta_data() {
cat <<END
<?xml version="1.0"?>
<resource-agent name="fakedb">
<actions>
<action name="start" timeout="120s" />
<action name="stop" timeout="${OCF_RESKEY_stop_timeout}" />
<action name="monitor" timeout="30s" interval="10s" />
<action name="monitor" role="Promoted" timeout="45s" interval="9s" />
</actions>
</resource-agent>
END
}
"""


@pytest.fixture
def agents(tmp_path):
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "fakedb").write_text(AGENT)
    (tmp_path / "acme" / "noactions").write_text("#!/bin/sh\necho hello\n")
    advised_timeouts.cache_clear()
    return str(tmp_path)


def db(ops: str, agent: str = "fakedb") -> str:
    return cib(resources=f"""
      <primitive id="db" class="ocf" provider="acme" type="{agent}">
        <operations>
{ops}
        </operations>
      </primitive>""")


def test_metadata_advice(agents):
    xml = db("""          <op id="db-start" name="start" interval="0s" timeout="60s"/>
          <op id="db-stop" name="stop" interval="0s" timeout="1s"/>
          <op id="db-mon" name="monitor" interval="10s" timeout="30s"/>
          <op id="db-mon-p" name="monitor" interval="9s" role="Promoted" timeout="40s"/>
          <op id="db-notify" name="notify" interval="0s" timeout="1s"/>""")
    findings = lint_text(xml, select=["PCS409"], rules={"PCS409": {"metadata_dirs": [agents]}})
    assert codes_lines(findings) == [("PCS409", line_of(xml, 'id="db-start"')), ("PCS409", line_of(xml, 'id="db-mon-p"'))]
    assert codes_ids(findings) == [("PCS409", "db-start"), ("PCS409", "db-mon-p")]
    assert "below the 2min that agent ocf:acme:fakedb advises" in findings[0].message
    assert findings[0].hint == "pcs resource update db op start interval=0s timeout=2min"
    assert "45s" in findings[1].message


def test_no_metadata_advice_without_metadata_dirs(agents):
    xml = db('          <op id="db-start" name="start" interval="0s" timeout="1s"/>')
    assert lint_text(xml, select=["PCS409"]) == []


@pytest.mark.parametrize("agent", ["noactions", "missing"])
def test_agent_without_readable_metadata_is_silent(agents, agent):
    xml = db('          <op id="db-start" name="start" interval="0s" timeout="1s"/>', agent=agent)
    assert lint_text(xml, select=["PCS409"], rules={"PCS409": {"metadata_dirs": [agents]}}) == []


def test_non_ocf_agents_are_skipped(agents):
    xml = cib(resources="""
      <primitive id="svc" class="systemd" type="fakedb">
        <operations><op id="svc-start" name="start" interval="0s" timeout="1s"/></operations>
      </primitive>""")
    assert lint_text(xml, select=["PCS409"], rules={"PCS409": {"metadata_dirs": [agents]}}) == []
