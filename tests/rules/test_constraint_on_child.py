from pcs_lint.testing import cib, codes_ids, codes_lines, line_of, lint_text

RESOURCES = """
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      <clone id="ping-clone"><primitive id="ping" class="ocf" provider="pacemaker" type="ping"/></clone>
      <clone id="stack-clone">
        <group id="stack">
          <primitive id="lvm" class="ocf" provider="heartbeat" type="LVM-activate"/>
          <primitive id="fs" class="ocf" provider="heartbeat" type="Filesystem"/>
        </group>
      </clone>
      <group id="plain"><primitive id="member" class="ocf" provider="heartbeat" type="Dummy"/></group>
      <bundle id="httpd">
        <docker image="pcmk:httpd"/>
        <network control-port="3121"/>
        <primitive id="httpd-rsc" class="ocf" provider="heartbeat" type="apache"/>
      </bundle>"""


def lint(constraints: str, extra: str = ""):
    xml = cib(RESOURCES, constraints, extra=extra)
    return xml, lint_text(xml, select=["PCS207"])


def test_each_kind_naming_a_cloned_primitive_with_its_fix():
    xml, findings = lint("""
      <rsc_location id="l1" rsc="ping" node="node1" score="-INFINITY"/>
      <rsc_colocation id="c1" rsc="web" with-rsc="ping" score="500"/>
      <rsc_order id="o1" first="ping" first-action="promote" then="web"/>
      <rsc_ticket id="t1" rsc="ping" ticket="T1" loss-policy="stop"/>
      <rsc_location id="l2" rsc="ping"><rule id="l2-r" score="10"><expression id="l2-e" attribute="x" operation="defined"/></rule></rsc_location>""")
    ids = ["l1", "c1", "o1", "t1", "l2"]
    assert codes_lines(findings) == [("PCS207", line_of(xml, f'id="{i}"')) for i in ids]
    assert codes_ids(findings) == [("PCS207", i) for i in ids]
    assert "'ping' as 'rsc', a member of clone 'ping-clone'" in findings[0].message
    assert [f.hint for f in findings] == [
        "pcs constraint remove l1, then pcs constraint location ping-clone avoids node1=INFINITY",
        "pcs constraint remove c1, then pcs constraint colocation add web with ping-clone 500",
        "pcs constraint remove o1, then pcs constraint order promote ping-clone then promote web",
        "pcs constraint remove t1, then pcs constraint ticket add T1 ping-clone loss-policy=stop",
        "pcs constraint remove l2, then recreate it with ping-clone in place of ping",
    ]
    assert [f.fix.commands[1] if f.fix else None for f in findings][:2] == [
        "pcs constraint location ping-clone avoids node1=INFINITY",
        "pcs constraint colocation add web with ping-clone 500"]
    assert findings[4].fix is None  # a rule-based location: pcs needs the rule written out


def test_the_recreated_constraint_keeps_roles_actions_and_options():
    _, findings = lint("""
      <rsc_colocation id="c1" rsc="web" with-rsc="ping" with-rsc-role="Promoted" rsc-role="Started" score="50"/>
      <rsc_location id="l1" rsc="ping" role="Promoted" node="node1" score="50"/>
      <rsc_order id="o1" first="ping" first-action="promote" then="web" then-action="start" kind="Optional" symmetrical="false"/>
      <rsc_ticket id="t1" rsc="ping" rsc-role="Promoted" ticket="T1" loss-policy="demote"/>""")
    assert [f.fix.commands for f in findings] == [
        ("pcs constraint remove c1", "pcs constraint colocation add Started web with Promoted ping-clone 50"),
        ("pcs constraint remove l1",
         "pcs constraint location ping-clone rule role=Promoted score=50 '#uname' eq node1"),
        ("pcs constraint remove o1",
         "pcs constraint order promote ping-clone then start web kind=Optional symmetrical=false"),
        ("pcs constraint remove t1", "pcs constraint ticket add T1 Promoted ping-clone loss-policy=demote"),
    ]


def test_members_of_a_cloned_group_name_the_clone():
    xml, findings = lint('      <rsc_location id="l1" rsc="fs" node="node2" score="+100"/>\n'
                         '      <rsc_location id="l2" rsc="stack" node="node2" score="100"/>')
    assert codes_lines(findings) == [("PCS207", line_of(xml, 'id="l1"')), ("PCS207", line_of(xml, 'id="l2"'))]
    assert "clone 'stack-clone'" in findings[0].message
    assert findings[0].hint.endswith("pcs constraint location stack-clone prefers node2=100")


def test_the_new_location_keeps_the_score_pacemaker_reads():
    _, findings = lint('      <rsc_location id="l1" rsc="fs" node="node2" score="2000000"/>\n'
                       '      <rsc_location id="l2" rsc="fs" node="node1" score="-0042"/>')
    assert [f.hint.rsplit(", then ", 1)[1] for f in findings] == [
        "pcs constraint location stack-clone prefers node2=INFINITY",
        "pcs constraint location stack-clone avoids node1=42",
    ]


def test_in_a_set_and_through_a_tag():
    xml, findings = lint("""
      <rsc_order id="o1">
        <resource_set id="s1"><resource_ref id="web"/><resource_ref id="lvm"/></resource_set>
      </rsc_order>
      <rsc_colocation id="c1" rsc="web" with-rsc="storage" score="INFINITY"/>""",
        extra='    <tags><tag id="storage"><obj_ref id="fs"/></tag></tags>\n')
    assert codes_lines(findings) == [("PCS207", line_of(xml, '<resource_ref id="lvm"/>')), ("PCS207", line_of(xml, 'id="c1"'))]
    assert findings[0].hint == "pcs constraint remove o1, then recreate the set with stack-clone in place of lvm"
    assert "through tag 'storage'" in findings[1].message
    assert findings[1].hint == "pcs tag update storage add stack-clone remove fs"


def test_clones_plain_group_members_bundle_members_and_unknown_names_are_not_this_rule():
    _, findings = lint("""
      <rsc_location id="l1" rsc="ping-clone" node="node1" score="10"/>
      <rsc_colocation id="c1" rsc="member" with-rsc="stack-clone" score="10"/>
      <rsc_order id="o1" first="httpd-rsc" then="web"/>
      <rsc_order id="o2" first="nothing" then="web"/>""")
    assert findings == []


def test_one_finding_per_member_per_constraint():
    _, findings = lint('      <rsc_colocation id="c1" score="10"><resource_set id="s1" sequential="false">'
                       '<resource_ref id="ping"/><resource_ref id="ping"/></resource_set></rsc_colocation>')
    assert codes_ids(findings) == [("PCS207", "c1")]
