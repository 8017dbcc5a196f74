import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def web(ops: str) -> str:
    return cib(resources=f"""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <operations>
{ops}
        </operations>
      </primitive>""")


@pytest.mark.parametrize("interval", ["5d", "-10s", "1e3", "ten", "PT1.5M", "PT5X", "P", "P1DT-1H", "pt", "pt0s"])
def test_unreadable_interval(interval):
    xml = web(f'          <op id="web-mon" name="monitor" interval="{interval}" timeout="20s"/>')
    findings = lint_text(xml, select=["PCS401"])
    assert codes_lines(findings) == [("PCS401", line_of(xml, 'id="web-mon"'))]
    assert codes_ids(findings) == [("PCS401", "web-mon")]
    assert f"'{interval}'" in findings[0].message and "Using 0" in findings[0].message
    assert findings[0].hint == ("pcs resource update web op monitor interval=10s timeout=20s"
                                "  (a whole number with s, min or h, or ISO 8601 like PT10S)")


@pytest.mark.parametrize("interval", ["10s", "0", "10000ms", "PT10S", "P1H", "1.5m", "P1D", "pt5m", " PT5M", "Pt5m"])
def test_readable_or_surprising_intervals_are_not_invalid(interval):
    # Lossy and lower-case ISO readings are PCS402's: one value is never reported twice.
    xml = web(f'          <op id="web-mon" name="monitor" interval="{interval}"/>')
    assert lint_text(xml, select=["PCS401"]) == []


def test_template_op_is_reported_once_at_the_template():
    xml = cib(resources="""
      <template id="tpl" class="ocf" provider="heartbeat" type="apache">
        <operations><op id="tpl-mon" name="monitor" interval="1 day"/></operations>
      </template>
      <primitive id="web1" template="tpl"/>
      <primitive id="web2" template="tpl"/>""")
    findings = lint_text(xml, select=["interval-invalid"])
    assert codes_lines(findings) == [("PCS401", line_of(xml, 'id="tpl-mon"'))]
    assert "template 'tpl'" in findings[0].message
    assert findings[0].hint.startswith("pcs cannot edit templates")
