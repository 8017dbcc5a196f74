import pytest

from pcs_lint.rules.no_fence_device import RULE
from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text

from ..future_release import check_for, future_release


def pcs301(xml):
    return lint_text(xml, select=["PCS301"])


def test_default_fencing_without_a_device_points_at_resources():
    xml = cib(fencing=False)
    findings = pcs301(xml)
    assert codes_lines(findings) == [("PCS301", line_of(xml, "<resources>"))]
    assert "enabled by default" in findings[0].message
    assert 'pcmk_host_list="node1 node2"' in findings[0].hint
    # Disabling fencing is the other way out, not a step after creating a device.
    # It leads to PCS302, and says so.
    assert findings[0].hint.endswith("; or, only on a test cluster without shared data, disable fencing: "
                                     "pcs property set stonith-enabled=false, which PCS302 then reports: "
                                     "suppress that with the reason")


def test_explicit_true_points_at_the_nvpair():
    xml = cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", "yes")))
    findings = pcs301(xml)
    assert codes_lines(findings) == [("PCS301", line_of(xml, 'name="stonith-enabled"'))]
    assert codes_ids(findings) == [("PCS301", "cib-bootstrap-options-stonith-enabled")]
    assert "stonith-enabled=yes" in findings[0].message


def test_a_value_that_is_not_a_boolean_means_the_default():
    xml = cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", "maybe")))
    findings = pcs301(xml)
    assert codes_ids(findings) == [("PCS301", "cib-bootstrap-options-stonith-enabled")]
    assert "not a boolean" in findings[0].message


def test_fencing_enabled_wins_over_stonith_enabled_on_a_release_that_knows_it():
    xml = cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", "false"), ("fencing-enabled", "true")))
    assert [p.object_id for p in check_for(RULE, xml, future_release())] == ["cib-bootstrap-options-fencing-enabled"]
    off = cib(fencing=False, crm_config=cluster_properties(("fencing-enabled", "false")))
    assert check_for(RULE, off, future_release()) == []


@pytest.mark.parametrize(("version", "label"), [(None, "Pacemaker 2.1.5"), ("2.1.5", "Pacemaker 2.1.5"), ("3.0", "Pacemaker 3.0.0")])
def test_fencing_enabled_false_does_not_disable_fencing_on_the_reference_releases(version, label):
    # Measured: with only fencing-enabled=false and no fence device, 2.1.5 and 3.0.0 start nothing.
    xml = cib(fencing=False, crm_config=cluster_properties(("fencing-enabled", "false")))
    [finding] = lint_text(xml, select=["PCS301"], pacemaker_version=version)
    assert finding.message.startswith(
        f"fencing is enabled by default (stonith-enabled is not set, and fencing-enabled=false is not an "
        f"option {label} reads) but the configuration has no fence device")
    assumed = ' (assuming Pacemaker 2.1.5, inferred from validate-with="pacemaker-3.9"; set --pacemaker-version to choose)'
    assert finding.message.endswith(assumed) == (version is None)
    nearest = " (judged with the data of Pacemaker 3.0.0, the reference release nearest to 3.0 from --pacemaker-version)"
    assert finding.message.endswith(nearest) == (version == "3.0")
    # stonith-enabled=false still wins: fencing is then off, and PCS302 says so.
    both = cib(fencing=False, crm_config=cluster_properties(("fencing-enabled", "true"), ("stonith-enabled", "false")))
    assert lint_text(both, select=["PCS301"], pacemaker_version=version) == []


def test_disabled_in_any_spelling_is_silent():
    for value in ("false", "FALSE", "off", "no", "n", "0"):
        assert pcs301(cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", value)))) == []


def test_legacy_underscore_name_counts_only_on_old_schemas():
    old = cib(fencing=False, validate_with="pacemaker-2.0", crm_config=cluster_properties(("stonith_enabled", "false")))
    assert pcs301(old) == []
    new = cib(fencing=False, validate_with="pacemaker-3.0", crm_config=cluster_properties(("stonith_enabled", "false")))
    assert [f.rule for f in pcs301(new)] == ["PCS301"]
    transitional = cib(fencing=False, validate_with="transitional-0.6", crm_config=cluster_properties(("stonith_enabled", "false")))
    assert pcs301(transitional) == []


def test_later_set_of_equal_score_wins_and_bootstrap_set_comes_first():
    # Pacemaker reads competing sets last-first at equal score (005-clu-props-cannot in its CTS).
    later_wins = cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", "off"), set_id="a") + cluster_properties(("stonith-enabled", "on"), set_id="b"))
    assert codes_ids(pcs301(later_wins)) == [("PCS301", "b-stonith-enabled")]
    bootstrap = cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", "on"), set_id="b") + cluster_properties(("stonith-enabled", "off")))
    assert pcs301(bootstrap) == []
    scored = cib(fencing=False, crm_config=cluster_properties(("stonith-enabled", "off"), set_id="a", score="INFINITY") + cluster_properties(("stonith-enabled", "on"), set_id="b"))
    assert pcs301(scored) == []


def test_any_stonith_primitive_counts_wherever_it_is():
    grouped = cib(fencing=False, resources='<group id="g"><primitive id="f" class="STONITH" type="fence_xvm"/></group>')
    assert pcs301(grouped) == []
    via_template = cib(fencing=False, resources="""
      <template id="t" class="stonith" type="fence_xvm"/>
      <primitive id="f" template="t"/>""")
    assert pcs301(via_template) == []


def test_a_template_alone_is_not_a_device():
    xml = cib(fencing=False, resources='<template id="t" class="stonith" type="fence_xvm"/>')
    assert [f.rule for f in pcs301(xml)] == ["PCS301"]


def test_watchdog_counts_as_fencing():
    assert pcs301(cib(fencing=False, crm_config=cluster_properties(("have-watchdog", "true")))) == []
    assert [f.rule for f in pcs301(cib(fencing=False, crm_config=cluster_properties(("have-watchdog", "false"))))] == ["PCS301"]


def test_configuration_with_a_device_is_silent():
    assert pcs301(cib()) == []


def test_no_resources_section_points_at_the_cib():
    xml = '<cib validate-with="pacemaker-3.9" epoch="1" num_updates="0" admin_epoch="0">\n<configuration/>\n</cib>\n'
    assert codes_lines(pcs301(xml)) == [("PCS301", 1)]


def test_positive_watchdog_timeout_counts_as_watchdog_fencing():
    # Diskless SBD: no fence device, watchdog self-fencing (issue 12 item 3).
    assert pcs301(cib(fencing=False, crm_config=cluster_properties(("stonith-watchdog-timeout", "10s")))) == []
    for value in ("0", "-1", "abc"):
        xml = cib(fencing=False, crm_config=cluster_properties(("stonith-watchdog-timeout", value)))
        assert codes_lines(pcs301(xml)) == [("PCS301", line_of(xml, "<resources>"))], value


def test_the_release_decides_the_watchdog_timeout_name():
    from .sbd_helpers import with_new_watchdog_name

    xml = cib(fencing=False, crm_config=cluster_properties(("fencing-watchdog-timeout", "10s")))
    assert check_for(RULE, xml, with_new_watchdog_name()) == []
    assert codes_lines(pcs301(xml)) == [("PCS301", line_of(xml, "<resources>"))]  # 2.1.5 does not read it
