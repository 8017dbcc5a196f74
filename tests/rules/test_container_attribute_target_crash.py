import signal

import pytest

from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

CAT = '<nvpair id="{id}-cat" name="container-attribute-target" value="{value}"/>'


def primitive(rid: str, value: str | None = "host") -> str:
    meta = (f'<meta_attributes id="{rid}-meta">' + CAT.format(id=rid, value=value) + "</meta_attributes>"
            if value is not None else "")
    return f'<primitive id="{rid}" class="ocf" provider="heartbeat" type="Dummy">{meta}</primitive>'


def location(target: str = 'rsc="d"', score: str = 'score-attribute="pingd"', inner: str = "") -> str:
    return f"""
      <rsc_location id="loc" {target}>{inner}
        <rule id="loc-rule" {score}>
          <expression id="loc-rule-e" attribute="pingd" operation="defined"/>
        </rule>
      </rsc_location>"""


def test_score_attribute_rule_on_a_primitive_with_host_target():
    xml = cib(resources="      " + primitive("d"), constraints=location())
    findings = lint_text(xml, select=["PCS135"])
    assert codes_lines(findings) == [("PCS135", line_of(xml, 'id="loc-rule"'))]
    assert codes_ids(findings) == [("PCS135", "loc")]
    assert "'pingd'" in findings[0].message and "primitive 'd'" in findings[0].message
    assert f"on line {line_of(xml, 'd-cat')}" in findings[0].message
    assert findings[0].hint.startswith("pcs resource meta d container-attribute-target=")


@pytest.mark.parametrize(("resources", "target", "extra", "hint"), [
    # upper case: Pacemaker compares case-insensitively
    (primitive("d", "HOST"), 'rsc="d"', "", "pcs resource meta d "),
    # inherited from the group
    ('<group id="g"><primitive id="d" class="ocf" provider="heartbeat" type="Dummy"/>'
     '<meta_attributes id="g-meta">' + CAT.format(id="g", value="host") + "</meta_attributes></group>",
     'rsc="g"', "", "pcs resource meta g "),
    # from rsc_defaults
    (primitive("d", None), 'rsc="d"',
     '    <rsc_defaults><meta_attributes id="rd">' + CAT.format(id="rd", value="host") + "</meta_attributes></rsc_defaults>\n",
     "pcs resource defaults update "),
    # the bundle itself: it copies its primitive's value
    ('<bundle id="b"><docker image="i" replicas="1"/><network control-port="3121"/>' + primitive("d") + "</bundle>",
     'rsc="b"', "", "pcs resource meta d "),
    # a pattern selects it
    (primitive("d"), 'rsc-pattern="^d$"', "", "pcs resource meta d "),
    # a tag selects it
    (primitive("d"), 'rsc="t"', '    <tags><tag id="t"><obj_ref id="d"/></tag></tags>\n', "pcs resource meta d "),
])
def test_every_way_the_value_and_the_rule_meet(resources, target, extra, hint):
    xml = cib(resources="      " + resources, constraints=location(target), extra=extra)
    findings = lint_text(xml, select=["container-attribute-target-crash"])
    assert codes_lines(findings) == [("PCS135", line_of(xml, 'id="loc-rule"'))]
    assert findings[0].hint.startswith(hint)


def test_resource_set_member():
    xml = cib(resources="      " + primitive("d"),
              constraints=location(target="", inner='<resource_set id="s"><resource_ref id="d"/></resource_set>'))
    assert codes_lines(lint_text(xml, select=["PCS135"])) == [("PCS135", line_of(xml, 'id="loc-rule"'))]


@pytest.mark.parametrize(("resources", "constraints"), [
    # a plain expression on a node attribute does not crash (measured), only score-attribute
    (primitive("d"), location(score='score="100"')),
    (primitive("d", "local"), location()),
    (primitive("d", None), location()),
    # the value is on another resource than the located one
    (primitive("d", None) + primitive("e"), location()),
    # a pattern that matches nothing, and one Python cannot compile
    (primitive("d"), location(target='rsc-pattern="^x"')),
    (primitive("d"), location(target='rsc-pattern="(("')),
    # the bundled primitive itself is never placed by a constraint (PCS134's finding)
    ('<bundle id="b"><docker image="i"/><network control-port="3121"/>' + primitive("d") + "</bundle>", location()),
])
def test_silent(resources, constraints):
    assert lint_text(cib(resources="      " + resources, constraints=constraints), select=["PCS135"]) == []


def test_promotable_clone_outside_a_bundle():
    xml = cib(resources="""
      <clone id="c">""" + primitive("d") + """
        <meta_attributes id="c-meta"><nvpair id="c-p" name="promotable" value="true"/></meta_attributes>
      </clone>
      <clone id="plain">""" + primitive("e") + """</clone>""")
    findings = lint_text(xml, select=["PCS135"])
    assert codes_lines(findings) == [("PCS135", line_of(xml, 'id="d-cat"'))]
    assert codes_ids(findings) == [("PCS135", "c")]
    assert "promotable clone 'c'" in findings[0].message


def test_promotable_clone_value_from_the_clone_is_reported_once():
    xml = cib(resources="""
      <master id="ms"><group id="g">""" + primitive("d1", None) + primitive("d2", None) + """</group>
        <meta_attributes id="ms-meta">""" + CAT.format(id="ms", value="host") + """</meta_attributes>
      </master>""")
    findings = lint_text(xml, select=["PCS135"])
    assert codes_lines(findings) == [("PCS135", line_of(xml, 'id="ms-cat"'))]
    assert findings[0].hint.startswith("pcs resource meta ms container-attribute-target=")


def test_value_shared_from_a_template_set_through_id_ref():
    xml = cib(resources="""
      <template id="tpl" class="ocf" provider="heartbeat" type="Dummy">
        <meta_attributes id="tpl-meta">""" + CAT.format(id="tpl", value="host") + """</meta_attributes>
      </template>
      <primitive id="d" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id-ref="tpl-meta"/></primitive>""",
              constraints=location())
    findings = lint_text(xml, select=["PCS135"])
    assert codes_lines(findings) == [("PCS135", line_of(xml, 'id="loc-rule"'))]
    assert findings[0].hint.startswith("remove the container-attribute-target nvpair 'tpl-cat' (pcs cluster edit)")


@pytest.mark.parametrize(("pattern", "selected"), [
    # read as POSIX, as Pacemaker reads it: "\d" is a plain "d", "[\d]" a backslash or a "d"
    ("^\\d$", True),
    ("^[\\d]$", True),
    ("^[[:digit:]]$", False),
    # glibc refuses it, so Pacemaker drops the constraint (PCS205 reports it)
    ("(?:d)", False),
])
def test_patterns_are_read_as_posix_extended_regexes(pattern, selected):
    xml = cib(resources="      " + primitive("d"), constraints=location(f'rsc-pattern="{pattern}"'))
    assert bool(lint_text(xml, select=["PCS135"])) is selected


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
def test_a_pattern_a_backtracking_search_could_hang_on_selects_nothing_at_once():
    long_id = "a" * 40 + "-x"  # (a+)+$ would backtrack 2**40 times from each start
    xml = cib(resources="      " + primitive(long_id), constraints=location('rsc-pattern="(a+)+$"'))

    def interrupt(_signum, _frame):
        raise TimeoutError("PCS135 ran the pattern")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(10)
    try:
        findings = lint_text(xml, select=["PCS135"])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert findings == []
