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
