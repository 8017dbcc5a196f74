import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text


def web(op: str) -> str:
    return cib(resources=f"""
      <primitive id="web" class="ocf" provider="heartbeat" type="apache">
        <operations>
          {op}
        </operations>
      </primitive>""")


@pytest.mark.parametrize(
    ("interval", "said", "hint"),
    [
        ("1.5m", "the fraction", "interval=90s"),
        ("1 micro", "minutes", "interval=1min"),
        ("10sfoo", "seconds", "interval=10s"),
        ("P5M", "months", "interval=1193h"),
        ("P1D", "one day short", "interval=24h"),
        ("P1W", "one day short", "interval=168h"),
        ("P1Y", "year", "interval=1193h"),
        ("P1DT12H", "one day short", "interval=36h"),
        ("99999999s", "capped", "interval=1193h"),
        ("PT", "no amount", "interval=10s"),
    ],
)
def test_lossy_interval(interval, said, hint):
    xml = web(f'<op id="web-mon" name="monitor" interval="{interval}"/>')
    findings = lint_text(xml, select=["PCS402"])
    assert codes_lines(findings) == [("PCS402", line_of(xml, 'id="web-mon"'))]
    assert codes_ids(findings) == [("PCS402", "web-mon")]
    assert said in findings[0].message
    assert findings[0].hint.startswith("pcs resource update web op monitor ") and hint in findings[0].hint


@pytest.mark.parametrize(("interval", "meant"), [("pt5m", "5min"), ("Pt5m", "5min"), ("PT5m", "5min"), (" PT5M", "5min"), ("p1h", "1h")])
def test_iso_without_upper_case_p_is_reported_here_not_as_invalid(interval, meant):
    xml = web(f'<op id="web-mon" name="monitor" interval="{interval}" role="Started"/>')
    findings = lint_text(xml, select=["PCS401", "PCS402"])
    assert codes_lines(findings) == [("PCS402", line_of(xml, 'id="web-mon"'))]
    assert "upper-case 'P'" in findings[0].message and repr(interval.strip().upper()) in findings[0].message
    assert findings[0].hint == f"pcs resource update web op monitor interval={meant} role=Started"


@pytest.mark.parametrize("interval", ["10s", "10", "100ms", "5 minutes", "2 hrs", "PT5M", "P1H", "PT24H", "0s", "5d", "pt"])
def test_honest_or_invalid_intervals_are_silent(interval):
    xml = web(f'<op id="web-mon" name="monitor" interval="{interval}"/>')
    assert lint_text(xml, select=["PCS402"]) == []
