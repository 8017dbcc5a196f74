import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

BUNDLE = """
      <bundle id="web">
        <podman image="localhost/httpd" replicas="2"/>
        <network control-port="3121"/>
        <primitive id="httpd" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql"/>"""


def lint(constraints: str, extra: str = ""):
    xml = cib(resources=BUNDLE, constraints=constraints, extra=extra)
    return xml, lint_text(xml, select=["PCS134"])


@pytest.mark.parametrize(("constraint", "hint"), [
    ('<rsc_location id="c1" rsc="httpd" node="node1" score="100"/>',
     "pcs constraint remove c1, then pcs constraint location web prefers node1=100"),
    ('<rsc_location id="c1" rsc="httpd" node="node2" score="-INFINITY"/>',
     "pcs constraint remove c1, then pcs constraint location web avoids node2=INFINITY"),
    # the score Pacemaker reads: the leading integer, clamped to INFINITY
    ('<rsc_location id="c1" rsc="httpd" node="node1" score="+50abc"/>',
     "pcs constraint remove c1, then pcs constraint location web prefers node1=50"),
    ('<rsc_location id="c1" rsc="httpd" node="node2" score="-5000000"/>',
     "pcs constraint remove c1, then pcs constraint location web avoids node2=INFINITY"),
    ('<rsc_colocation id="c1" rsc="db" with-rsc="httpd" score="500"/>',
     "pcs constraint remove c1, then pcs constraint colocation add db with web 500"),
    ('<rsc_order id="c1" first="httpd" then="db" then-action="promote"/>',
     "pcs constraint remove c1, then pcs constraint order start web then promote db"),
    ('<rsc_ticket id="c1" rsc="httpd" ticket="T1"/>',
     "pcs constraint remove c1, then pcs constraint ticket add T1 web"),
])
def test_each_kind_of_constraint(constraint, hint):
    xml, findings = lint(constraint)
    assert codes_lines(findings) == [("PCS134", line_of(xml, 'id="c1"'))]
    assert codes_ids(findings) == [("PCS134", "c1")]
    assert "'httpd'" in findings[0].message and "bundle 'web'" in findings[0].message
    assert findings[0].hint == hint


def test_a_resource_set_points_at_the_reference():
    xml, findings = lint("""
      <rsc_order id="o1"><resource_set id="o1-s"><resource_ref id="db"/><resource_ref id="httpd"/></resource_set></rsc_order>""")
    assert codes_lines(findings) == [("PCS134", line_of(xml, '<resource_ref id="httpd"/>'))]
    assert "in resource set 'o1-s'" in findings[0].message
    assert findings[0].hint == "pcs constraint remove o1, then recreate the set with web in place of httpd"


def test_through_a_tag_once_even_if_listed_twice():
    xml, findings = lint('<rsc_location id="l1" rsc="t1" node="node1" score="10"/>',
                         extra='    <tags><tag id="t1"><obj_ref id="httpd"/><obj_ref id="httpd"/></tag></tags>\n')
    assert codes_lines(findings) == [("PCS134", line_of(xml, 'id="l1"'))]
    assert "through tag 't1'" in findings[0].message
    assert findings[0].hint.startswith("pcs tag update t1 add web remove httpd")


def test_naming_the_bundle_or_other_resources_is_fine():
    _, findings = lint("""
      <rsc_location id="l1" rsc="web" node="node1" score="100"/>
      <rsc_colocation id="c1" rsc="db" with-rsc="web" score="INFINITY"/>
      <rsc_order id="o1" first="web" then="db"/>""")
    assert findings == []
