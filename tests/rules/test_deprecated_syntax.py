import re
import subprocess

import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text

CLONE = """
      <clone id="ip-clone"><primitive id="ip" class="ocf" provider="heartbeat" type="IPaddr2"/></clone>
      <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>"""
GROUP = """
      <group id="g">
        <meta_attributes id="g-meta"><nvpair id="g-meta-flag" name="{name}" value="{value}"/></meta_attributes>
        <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
      </group>"""
CLONED_GROUP = """
      <clone id="c">
        <meta_attributes id="c-meta"><nvpair id="c-meta-flag" name="{name}" value="{value}"/></meta_attributes>
        <group id="g">{own}
          <primitive id="web" class="ocf" provider="heartbeat" type="apache"/>
        </group>
      </clone>"""
PLAIN_GROUP = """
      <group id="g"><primitive id="web" class="ocf" provider="heartbeat" type="apache"/></group>"""
RSC_DEFAULTS = ('  <rsc_defaults><meta_attributes id="rd"><nvpair id="rd-flag" name="{name}" value="{value}"/>'
                '</meta_attributes></rsc_defaults>\n')
LIFETIME = ('<lifetime><rule id="{id}-life"><date_expression id="{id}-life-e" operation="lt" '
            'end="2030-01-01"/></rule></lifetime>')

# Each construct, and crm_verify 2.1.5's -VV warning about it, verbatim (Debian 12).
CASES = {
    "order-score": (
        cib(CLONE, '      <rsc_order id="o1" first="ip-clone" then="web" score="0"/>'), 'id="o1"',
        "Support for 'score' in rsc_order is deprecated and will be removed in a future release (use 'kind' instead)"),
    "require-all": (
        cib(CLONE, '      <rsc_order id="o1" first="ip-clone" then="web" require-all="false"/>'), 'id="o1"',
        "Support for require-all in ordering constraints is deprecated and will be removed in a future release "
        "(use clone-min clone meta-attribute instead)"),
    "group-ordered": (
        cib(GROUP.format(name="ordered", value="false")), 'id="g-meta-flag"',
        "Support for the 'ordered' group meta-attribute is deprecated and will be removed in a future release "
        "(use a resource set instead)"),
    "group-collocated": (
        cib(GROUP.format(name="collocated", value="no")), 'id="g-meta-flag"',
        "Support for the 'collocated' group meta-attribute is deprecated and will be removed in a future release "
        "(use a resource set instead)"),
    # A group reads the flags of its clone and of rsc_defaults too (a name it does not set itself).
    "group-ordered-from-clone": (
        cib(CLONED_GROUP.format(name="ordered", value="false", own="")), 'id="c-meta-flag"',
        "Support for the 'ordered' group meta-attribute is deprecated and will be removed in a future release "
        "(use a resource set instead)"),
    "group-collocated-from-defaults": (
        cib(PLAIN_GROUP, extra=RSC_DEFAULTS.format(name="collocated", value="false")), 'id="rd-flag"',
        "Support for the 'collocated' group meta-attribute is deprecated and will be removed in a future release "
        "(use a resource set instead)"),
    "lifetime": (
        cib(CLONE, f'      <rsc_location id="l1" rsc="web" node="node1" score="50">{LIFETIME.format(id="l1")}</rsc_location>'),
        "<lifetime>",
        "Support for 'lifetime' attribute (in l1) is deprecated (the rules it contains should instead be direct "
        "descendents of the constraint object)"),
    "ping-node": (
        cib(nodes='<node id="1" uname="node1"/>\n      <node id="2" uname="node2"/>\n      <node id="3" uname="pinger" type="ping"/>'),
        'uname="pinger"',
        "Support for nodes of type 'ping' (such as pinger) is deprecated and will be removed in a future release"),
    "poweroff": (
        cib(crm_config=cluster_properties(("stonith-action", "poweroff"))), 'name="stonith-action"',
        "Support for stonith-action of 'poweroff' is deprecated and will be removed in a future release (use 'off' instead)"),
}


def pcs904(xml, **options):
    return lint_text(xml, select=["PCS904"], **options)


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_construct_on_its_line_with_crm_verifys_words(case):
    xml, anchor, said = CASES[case]
    findings = pcs904(xml)
    assert codes_lines(findings) == [("PCS904", line_of(xml, anchor))]
    assert f'Pacemaker 2.1.5 deprecates it (crm_verify: "{said}")' in findings[0].message
    assert findings[0].severity == Severity.WARNING


@pytest.mark.pacemaker
@pytest.mark.parametrize("case", sorted(CASES))
def test_crm_verify_2_1_5_prints_the_same_warning(case, crm_verify, tmp_path):
    xml, _, said = CASES[case]
    target = tmp_path / "cib.xml"
    target.write_text(xml, encoding="utf-8")
    output = subprocess.run([crm_verify, "-VV", "-x", str(target)], capture_output=True, text=True, timeout=60)
    assert f"warning: {said}" in output.stdout + output.stderr


def test_the_fixes():
    findings = [pcs904(CASES[case][0])[0] for case in ("order-score", "require-all", "poweroff")]
    assert [f.fix.commands for f in findings] == [
        ("pcs constraint remove o1", "pcs constraint order start ip-clone then start web kind=Optional"),
        ("pcs constraint remove o1", "pcs constraint order start ip-clone then start web",
         "pcs resource meta ip-clone clone-min=1"),
        ("pcs property set stonith-action=off",),
    ]
    for case in ("group-ordered", "lifetime", "ping-node"):  # no pcs command keeps the meaning
        [finding] = pcs904(CASES[case][0])
        assert finding.fix is None and finding.hint


def test_what_pacemaker_does_not_warn_about_is_silent():
    silent = [
        cib(CLONE, '      <rsc_order id="o1" first="ip-clone" then="web" score="0" kind="Mandatory"/>'),
        cib(CLONE, '      <rsc_order id="o1" first="web" then="ip-clone" require-all="false"/>'),
        cib(CLONE.replace('<clone id="ip-clone">', '<clone id="ip-clone"><meta_attributes id="m">'
                          '<nvpair id="m-cm" name="clone-min" value="1"/></meta_attributes>'),
            '      <rsc_order id="o1" first="ip-clone" then="web" require-all="false"/>'),
        cib(CLONE, '      <rsc_order id="o1"><resource_set id="s" require-all="false"><resource_ref id="ip-clone"/>'
                   '<resource_ref id="web"/></resource_set></rsc_order>'),
        cib(GROUP.format(name="ordered", value="true")),
        # The group's own value wins over its clone's.
        cib(CLONED_GROUP.format(name="ordered", value="false", own='\n          <meta_attributes id="g-meta">'
                                '<nvpair id="g-meta-o" name="ordered" value="true"/></meta_attributes>')),
        cib(CLONE.replace('<clone id="ip-clone">', '<clone id="ip-clone"><meta_attributes id="m">'
                          '<nvpair id="m-o" name="ordered" value="false"/></meta_attributes>')),
        cib(crm_config=cluster_properties(("stonith-action", "off"))),
    ]
    for xml in silent:
        assert pcs904(xml) == [], xml


def test_an_inherited_flag_names_where_it_comes_from():
    [finding] = pcs904(CASES["group-ordered-from-clone"][0])
    assert finding.object_id == "g" and "group 'g' takes ordered=false from clone 'c'" in finding.message
    assert finding.fix is None and "pcs resource meta g ordered=true" in finding.hint
    [finding] = pcs904(CASES["group-collocated-from-defaults"][0], pacemaker_version="3.0.0")
    assert "group 'g' takes collocated=false from rsc_defaults" in finding.message


@pytest.mark.pacemaker
@pytest.mark.parametrize("case", ["group-ordered-from-clone", "group-collocated-from-defaults"])
def test_crm_verify_3_0_0_warns_about_an_inherited_flag_too(case, pacemaker3_root):
    from ..conftest import crm_verify_in_root

    xml, _, said = CASES[case]
    done = crm_verify_in_root(pacemaker3_root, xml)
    assert f"warning: {said}" in done.stdout + done.stderr
    assert [f.rule for f in pcs904(xml, pacemaker_version="3.0.0")] == ["PCS904"]


def test_require_all_false_is_advice_when_another_order_starts_with_the_clone():
    xml = cib(CLONE + '\n      <primitive id="db" class="ocf" provider="heartbeat" type="pgsql"/>',
              '      <rsc_order id="o1" first="ip-clone" then="web" require-all="false"/>\n'
              '      <rsc_order id="o2" first="ip-clone" then="db"/>')
    [finding] = pcs904(xml)
    assert finding.fix is None and "every ordering that starts with ip-clone" in finding.hint


def test_pacemaker_3_0_0_as_measured():
    order_lifetime = cib(CLONE, f'      <rsc_order id="o1" first="ip-clone" then="web" kind="Mandatory">'
                                f'{LIFETIME.format(id="o1")}</rsc_order>')
    [dropped] = pcs904(order_lifetime, pacemaker_version="3.0.0")
    assert dropped.severity == Severity.ERROR and "Dropping lifetime element from constraint o1" in dropped.message
    [refused] = pcs904(CASES["lifetime"][0], pacemaker_version="3.0.0")
    assert refused.severity == Severity.ERROR and "CIB did not pass schema validation" in refused.message
    assert pcs904(CASES["ping-node"][0], pacemaker_version="3.0.0") == []
    assert pcs904(CASES["poweroff"][0], pacemaker_version="3.0.0") == []
    assert codes_ids(pcs904(CASES["order-score"][0], pacemaker_version="3.0.0")) == [("PCS904", "o1")]


# What Pacemaker 3.0.0 drops (error) or deprecates (warning) and 2.1.5 reads silently; crm_verify
# 3.0.0's -VV line about each, verbatim (Debian 13). pcs-lint reports each only for target 3.0.0.
PROMOTABLE = ('\n      <clone id="c"><meta_attributes id="cm"><nvpair id="cm1" name="promotable" value="true"/>'
              '</meta_attributes><primitive id="st" class="ocf" provider="pacemaker" type="Stateful"/></clone>')
WEB = '\n      <primitive id="web" class="ocf" provider="heartbeat" type="Dummy"/>'
CASES_3 = {
    "nagios": (cib('      <primitive id="n1" class="nagios" type="check_http"/>'), 'id="n1"', Severity.ERROR,
               "WARNING: Dropping resource n1 because nagios resources are no longer supported"),
    "upstart-template": (
        cib('      <template id="t1" class="upstart" type="foo"/>'),
        'id="t1"', Severity.ERROR, "WARNING: Dropping template t1 because upstart resources are no longer supported"),
    "rkt": (cib('      <bundle id="b"><rkt image="img" replicas="1"/><network ip-range-start="192.168.122.10"/>'
                '<primitive id="b-rsc" class="ocf" provider="heartbeat" type="Dummy"/></bundle>'), "<rkt",
            Severity.ERROR, "WARNING: Dropping bundle resource b because rkt containers are no longer supported"),
    "can-fail": (
        cib('      <primitive id="web" class="ocf" provider="heartbeat" type="Dummy"><operations>'
            '<op id="web-mon" name="monitor" interval="10s"><meta_attributes id="om">'
            '\n        <nvpair id="om1" name="can_fail" value="true"/></meta_attributes></op></operations></primitive>'),
        'id="om1"', Severity.ERROR,
        'WARNING: Dropping can_fail meta-attribute from om because it is no longer supported. Consider setting the '
        '"on-fail" operation attribute instead'),
    "role-after-failure": (
        cib(WEB, extra='  <op_defaults><meta_attributes id="od"><nvpair id="od1" name="role_after_failure" '
                       'value="Stopped"/></meta_attributes></op_defaults>\n'),
        'id="od1"', Severity.ERROR,
        'WARNING: Dropping role_after_failure meta-attribute from od because it is no longer supported. Consider '
        'setting the "on-fail" operation attribute instead'),
    "moon": (cib(WEB, '      <rsc_location id="lo" rsc="web"><rule id="r" score="50"><date_expression id="de" '
                      'operation="date_spec">\n        <date_spec id="ds" hours="9-17" moon="0-7"/></date_expression>'
                      '</rule></rsc_location>'),
             'id="ds"', Severity.ERROR,
             "WARNING: Dropping moon attribute from date spec ds because moon phase is no longer supported"),
    "default-value": (
        cib('      <primitive id="web" class="ocf" provider="heartbeat" type="Dummy"><meta_attributes id="m">'
            '\n        <nvpair id="m1" name="target-role" value="#default"/></meta_attributes></primitive>'),
        'id="m1"', Severity.WARNING,
        "warning: Support for setting meta-attributes (such as target-role) to the explicit value '#default' is "
        "deprecated and will be removed in a future release"),
    "default-property": (
        cib(crm_config='<cluster_property_set id="o">\n        <nvpair id="o1" name="no-quorum-policy" '
                       'value="#default"/></cluster_property_set>'),
        'id="o1"', Severity.WARNING,
        "warning: Support for setting meta-attributes (such as no-quorum-policy) to the explicit value '#default' "
        "is deprecated and will be removed in a future release"),
    "master-location": (
        cib(PROMOTABLE, '      <rsc_location id="lo" rsc="c" role="Master" node="node1" score="50"/>',
            validate_with="pacemaker-3.0"),
        'id="lo"', Severity.WARNING,
        "warning: Support for the Master role is deprecated and will be removed in a future release. Use Promoted "
        "instead."),
    "slave-colocation": (
        cib(PROMOTABLE + WEB, '      <rsc_colocation id="co" rsc="web" with-rsc="c" with-rsc-role="Slave" '
                              'score="INFINITY"/>', validate_with="pacemaker-3.0"),
        'id="co"', Severity.WARNING,
        "warning: Support for the Slave role is deprecated and will be removed in a future release. Use Unpromoted "
        "instead."),
}
# Measured silent on 3.0.0 without a status section, and silent here.
SILENT_3 = {
    "resource-can-fail": cib('      <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">'
                             '<meta_attributes id="m"><nvpair id="m1" name="can_fail" value="true"/>'
                             '</meta_attributes></primitive>'),
    "default-param": cib('      <primitive id="web" class="ocf" provider="heartbeat" type="Dummy">'
                         '<instance_attributes id="i"><nvpair id="i1" name="fake" value="#default"/>'
                         '</instance_attributes></primitive>'),
    "master-op": cib(PROMOTABLE.replace('type="Stateful"/>', 'type="Stateful"><operations><op id="st-mon" '
                                        'name="monitor" interval="10s" role="Master"/></operations></primitive>'),
                     validate_with="pacemaker-3.0"),
}


@pytest.mark.parametrize("case", sorted(CASES_3))
def test_what_3_0_0_drops_or_deprecates_on_its_line(case):
    xml, anchor, severity, said = CASES_3[case]
    findings = pcs904(xml, pacemaker_version="3.0.0")
    assert codes_lines(findings) == [("PCS904", line_of(xml, anchor))]
    effect = "no longer accepts it" if severity == Severity.ERROR else "deprecates it"
    assert f'Pacemaker 3.0.0 {effect} (crm_verify: "{said.split(": ", 1)[1]}")' in findings[0].message
    assert findings[0].severity == severity and findings[0].fix is None and findings[0].hint
    assert pcs904(xml, pacemaker_version="2.1.5") == []
    assert pcs904(xml) == []  # no release known: 2.1.5's verdicts


def test_what_3_0_0_does_not_warn_about_without_a_status_section_is_silent():
    for case, xml in SILENT_3.items():
        assert pcs904(xml, pacemaker_version="3.0.0") == [], case
    # The role names in a schema that has Promoted are PCS407's, not reported twice.
    xml = CASES_3["master-location"][0].replace('validate-with="pacemaker-3.0"', 'validate-with="pacemaker-3.7"')
    assert pcs904(xml, pacemaker_version="3.0.0") == []
    assert [f.rule for f in lint_text(xml, select=["PCS407"], pacemaker_version="3.0.0")] == ["PCS407"]


@pytest.mark.pacemaker
@pytest.mark.parametrize("case", sorted(CASES_3))
def test_crm_verify_3_0_0_says_so_and_2_1_5_does_not(case, pacemaker3_root, crm_verify, tmp_path):
    from ..conftest import crm_verify_in_root

    xml, _, _, said = CASES_3[case]
    done = crm_verify_in_root(pacemaker3_root, xml)
    assert said in done.stdout + done.stderr
    target = tmp_path / "cib.xml"
    target.write_text(xml, encoding="utf-8")
    old = subprocess.run([crm_verify, "-VV", "-x", str(target)], capture_output=True, text=True, timeout=60)
    assert said.split(": ", 1)[1] not in old.stdout + old.stderr


@pytest.mark.pacemaker
@pytest.mark.parametrize("case", sorted(SILENT_3))
def test_crm_verify_3_0_0_is_silent_about_these(case, pacemaker3_root):
    from ..conftest import crm_verify_in_root

    done = crm_verify_in_root(pacemaker3_root, SILENT_3[case])
    assert not re.search(r"Dropping|Support for", done.stdout + done.stderr), done.stdout + done.stderr
