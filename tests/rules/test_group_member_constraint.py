from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

from ..hostile import run_hostile

RESOURCES = """
      <group id="web-group">
        <primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"/>
        <primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem"/>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </group>
      <group id="other"><primitive id="o1" class="ocf" provider="heartbeat" type="Dummy"/></group>
      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql"/>
      <clone id="stack-clone"><group id="stack">
        <primitive id="lvm" class="ocf" provider="heartbeat" type="LVM-activate"/>
        <primitive id="mnt" class="ocf" provider="heartbeat" type="Filesystem"/>
      </group></clone>"""


def lint(constraints: str, extra: str = ""):
    xml = cib(RESOURCES, constraints, extra=extra)
    return xml, lint_text(xml, select=["PCS208"])


def test_order_repeating_the_groups_own_order():
    xml, findings = lint('      <rsc_order id="ord" first="ip" then="web"/>')
    assert codes_lines(findings) == [("PCS208", line_of(xml, 'id="ord"'))]
    assert codes_ids(findings) == [("PCS208", "ord")]
    assert "orders 'web' after 'ip', both members of group 'web-group'" in findings[0].message
    assert "only repeats the group's own" in findings[0].message
    assert findings[0].hint == "pcs constraint remove ord"


def test_order_contradicting_the_group_is_a_loop():
    _, findings = lint('      <rsc_order id="ord" first="web" then="fs"/>')
    assert "contradicts the group's own, a loop" in findings[0].message
    assert findings[0].hint == ("pcs constraint remove ord; if web must start before fs, reorder the group "
                                "instead: pcs resource group add web-group web --before fs")


def test_order_set_with_two_members():
    xml, findings = lint("""
      <rsc_order id="ord">
        <resource_set id="s1"><resource_ref id="db"/><resource_ref id="fs"/></resource_set>
        <resource_set id="s2"><resource_ref id="o1"/><resource_ref id="ip"/></resource_set>
      </rsc_order>""")
    assert codes_lines(findings) == [("PCS208", line_of(xml, '<resource_ref id="ip"/>'))]


def test_orders_that_are_fine_or_not_this_rule():
    _, findings = lint("""
      <rsc_order id="a" first="ip" then="db"/>
      <rsc_order id="b" first="ip" then="o1"/>
      <rsc_order id="c" first="lvm" then="mnt"/>
      <rsc_order id="d" first="web-group" then="db"/>
      <rsc_order id="e" first="ip" first-action="start" then="ip" then-action="stop"/>
      <rsc_order id="f" first="unknown" then="ip"/>""")
    assert findings == []


def test_colocation_naming_group_members():
    xml, findings = lint("""
      <rsc_colocation id="col" rsc="web" with-rsc="db" score="INFINITY"/>
      <rsc_colocation id="col2" rsc="db" with-rsc="o1" score="-INFINITY"/>""")
    assert codes_lines(findings) == [("PCS208", line_of(xml, 'id="col"')), ("PCS208", line_of(xml, 'id="col2"'))]
    assert codes_ids(findings) == [("PCS208", "col"), ("PCS208", "col2")]
    assert "'web' as 'rsc', a member of group 'web-group'" in findings[0].message
    assert findings[0].severity.label == "warning"
    assert "naming web-group instead of web" in findings[0].hint


def test_colocations_of_groups_and_cloned_members_are_not_this_rule():
    _, findings = lint("""
      <rsc_colocation id="col" rsc="web-group" with-rsc="db" score="INFINITY"/>
      <rsc_colocation id="col2" rsc="lvm" with-rsc="db" score="INFINITY"/>
      <rsc_location id="loc" rsc="web" node="node1" score="10"/>""")
    assert findings == []


def test_one_finding_per_member_per_colocation():
    _, findings = lint('      <rsc_colocation id="col" score="10"><resource_set id="s1">'
                       '<resource_ref id="ip"/><resource_ref id="ip"/><resource_ref id="fs"/></resource_set></rsc_colocation>')
    assert sorted(f.message.split("names ")[1].split(",")[0] for f in findings) == ["'fs' in resource set 's1'", "'ip' in resource set 's1'"]


def test_through_a_tag_the_message_names_the_tag():
    _, findings = lint('      <rsc_order id="ord" first="front" then="ip"/>\n'
                       '      <rsc_colocation id="col" rsc="front" with-rsc="db" score="INFINITY"/>',
                       extra='    <tags><tag id="front"><obj_ref id="fs"/></tag></tags>\n')
    assert [f.message.split(", both")[0].split(", a member")[0] for f in findings] == [
        "order constraint 'ord' orders 'ip' after 'fs' (through tag 'front')",
        "colocation constraint 'col' names 'fs' as 'rsc' through tag 'front'",
    ]


REMOTE_IN_GROUP = """
      <group id="infra">
        <primitive id="vip" class="ocf" provider="heartbeat" type="IPaddr2"/>
        <primitive id="remote1" class="ocf" provider="pacemaker" type="remote"/>
      </group>
      <primitive id="app" class="ocf" provider="heartbeat" type="Dummy"/>"""


def test_a_remote_connection_in_a_group_is_left_to_pcs104_and_pcs106():
    """Colocating the group instead (PCS208's advice for other members) still constrains a
    remote connection, which is PCS104's and PCS106's to report: PCS208 says nothing of it."""
    for constraints in ('      <rsc_colocation id="col" rsc="app" with-rsc="remote1" score="INFINITY"/>',
                        '      <rsc_order id="ord" first="vip" then="remote1"/>'):
        xml = cib(REMOTE_IN_GROUP, constraints)
        codes = sorted({f.rule for f in lint_text(xml, select=["PCS104", "PCS106", "PCS208"])})
        assert codes == ["PCS104", "PCS106"], constraints
    # The fix PCS208 would have led to: colocating the group is still reported, by PCS106 no more
    # (the group is named) but by PCS104, whose fix (take the connection out) is the real one.
    xml = cib(REMOTE_IN_GROUP, '      <rsc_colocation id="col" rsc="app" with-rsc="infra" score="INFINITY"/>')
    assert [f.rule for f in lint_text(xml, select=["PCS104", "PCS106", "PCS208"])] == ["PCS104"]


def test_a_member_named_again_before_another_is_reported_once_after_the_first():
    xml, findings = lint("""
      <rsc_order id="ord">
        <resource_set id="s1"><resource_ref id="web"/><resource_ref id="o1"/><resource_ref id="web"/></resource_set>
        <resource_set id="s2"><resource_ref id="ip"/><resource_ref id="fs"/></resource_set>
      </rsc_order>""")
    assert codes_lines(findings) == [("PCS208", line_of(xml, '<resource_ref id="ip"/>'))]
    assert "orders 'ip' after 'web'" in findings[0].message
    assert "contradicts the group's own" in findings[0].message


def test_a_large_set_of_members_of_many_groups_is_linear(tmp_path):
    # Each member's group was looked for among every earlier reference of the set: 25,000
    # members of as many groups took ~13 s of CPU, past the rule budget.
    count = 25_000
    groups = "".join(f'<group id="g{n}"><primitive id="p{n}" class="ocf" provider="heartbeat" type="Dummy"/>'
                     f'<primitive id="q{n}" class="ocf" provider="heartbeat" type="Dummy"/></group>'
                     for n in range(count))
    refs = "".join(f'<resource_ref id="p{n}"/>' for n in range(count))
    (tmp_path / "cib.xml").write_text(cib(groups, f'<rsc_order id="o"><resource_set id="s">{refs}'
                                              '<resource_ref id="q0"/></resource_set></rsc_order>'))
    run = run_hostile(["--isolated", "--select", "PCS208", "--format", "json", "cib.xml"], cwd=tmp_path, expect=1)
    assert run.stdout.count('"rule": "PCS208"') == 1
