"""PCS211: cli-prefer-/cli-ban- location constraints without a lifetime."""

from pcs_lint.testing import cib, codes_lines, line_of, lint_text

RSC = '<primitive id="web" class="ocf" provider="heartbeat" type="Dummy"/>'
BAN = '<rsc_location id="cli-ban-web-on-node1" rsc="web" role="Started" node="node1" score="-INFINITY"/>'
PREFER = '<rsc_location id="cli-prefer-web" rsc="web" role="Started" node="node2" score="INFINITY"/>'
# What pcs 0.11.5 writes for "pcs resource move-with-constraint web node2 lifetime=PT1H".
WITH_LIFETIME = (
    '<rsc_location id="cli-prefer-web" rsc="web" role="Started">'
    '<rule id="cli-prefer-rule-web" score="INFINITY" boolean-op="and">'
    '<expression id="cli-prefer-expr-web" attribute="#uname" operation="eq" value="node2" type="string"/>'
    '<date_expression id="cli-prefer-lifetime-end-web" operation="lt" end="2026-11-28 13:05:07Z"/>'
    "</rule></rsc_location>"
)


def lint(constraints: str):
    return lint_text(cib(RSC, constraints), select=["PCS211"])


def test_ban_and_prefer_without_lifetime():
    xml = cib(RSC, BAN + "\n" + PREFER)
    findings = lint_text(xml, select=["PCS211"])
    assert codes_lines(findings) == [("PCS211", line_of(xml, "cli-ban-web")), ("PCS211", line_of(xml, "cli-prefer-web"))]
    assert "bans resource 'web' from node 'node1'" in findings[0].message
    assert "pins resource 'web' to node 'node2'" in findings[1].message
    assert findings[0].fix.commands == ("pcs resource clear web",)


def test_lifetime_and_other_ids_are_quiet():
    assert lint(WITH_LIFETIME) == []
    assert lint('<rsc_location id="prefer-web" rsc="web" node="node2" score="100"/>') == []
    # A colocation named like one is no move.
    assert lint('<rsc_colocation id="cli-ban-x" rsc="web" with-rsc="web" score="10"/>') == []


def test_pattern_constraint_gets_a_delete_hint():
    xml = cib(RSC, '<rsc_location id="cli-ban-web-on-node1" rsc-pattern="w.*" node="node1" score="-INFINITY"/>')
    findings = lint_text(xml, select=["PCS211"])
    assert codes_lines(findings) == [("PCS211", line_of(xml, "cli-ban-web"))]
    assert findings[0].fix is None and findings[0].hint.startswith("pcs constraint delete cli-ban-web-on-node1")
