import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


@pytest.mark.parametrize("action", ["start", "stop", "promote", "demote", "migrate_to", "migrate_from", "reload-agent"])
def test_non_recurring_action_with_interval(action):
    xml = cib(resources=f"""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <operations>
          <op id="web-op" name="{action}" interval="10s" timeout="60s"/>
        </operations>
      </primitive>""")
    findings = lint_text(xml, select=["PCS405"])
    assert codes_lines(findings) == [("PCS405", line_of(xml, 'id="web-op"'))]
    assert codes_ids(findings) == [("PCS405", "web-op")]
    assert f"a {action} cannot recur" in findings[0].message
    assert findings[0].hint == f"pcs resource update web op {action} interval=0s timeout=60s"


def test_timeout_from_op_meta_is_kept_in_the_hint_and_role_too():
    xml = cib(resources="""
      <primitive id="db" class="ocf" provider="pacemaker" type="Stateful">
        <operations>
          <op id="db-promote" name="promote" interval="PT1M" role="Promoted">
            <meta_attributes id="db-promote-meta"><nvpair id="db-promote-to" name="timeout" value="90s"/></meta_attributes>
          </op>
        </operations>
      </primitive>""")
    findings = lint_text(xml, select=["recurring-start-stop"])
    assert findings[0].hint == "pcs resource update db op promote interval=0s role=Promoted timeout=90s"


@pytest.mark.parametrize(
    ("name", "interval"),
    [("start", "0s"), ("stop", "0"), ("start", "PT0S"), ("monitor", "10s"), ("Start", "10s"), ("start", "5d"), ("notify", "10s")],
)
def test_silent(name, interval):
    # interval 0, a recurring monitor, op names are case-sensitive, unreadable intervals (PCS401)
    xml = cib(resources=f"""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <operations><op id="web-op" name="{name}" interval="{interval}"/></operations>
      </primitive>""")
    assert lint_text(xml, select=["PCS405"]) == []
