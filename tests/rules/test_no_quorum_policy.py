from pcs_lint.findings import Severity
from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text


def pcs305(xml):
    return lint_text(xml, select=["PCS305"])


def test_ignore_is_a_warning():
    xml = cib(crm_config=cluster_properties(("no-quorum-policy", "ignore")))
    findings = pcs305(xml)
    assert codes_lines(findings) == [("PCS305", line_of(xml, 'name="no-quorum-policy"'))]
    assert codes_ids(findings) == [("PCS305", "cib-bootstrap-options-no-quorum-policy")]
    assert findings[0].severity == Severity.WARNING
    assert "pcs property set no-quorum-policy=stop" in findings[0].hint


def test_suicide_without_fencing_is_an_error():
    xml = cib(crm_config=cluster_properties(("stonith-enabled", "false"), ("no-quorum-policy", "Suicide")))
    findings = pcs305(xml)
    assert codes_ids(findings) == [("PCS305", "cib-bootstrap-options-no-quorum-policy")]
    assert findings[0].severity == Severity.ERROR
    assert "stonith-enabled=false" in findings[0].message


def test_suicide_with_fencing_is_fine():
    assert pcs305(cib(crm_config=cluster_properties(("no-quorum-policy", "suicide")))) == []
    assert pcs305(cib(crm_config=cluster_properties(("stonith-enabled", "true"), ("no-quorum-policy", "suicide")))) == []


def test_other_policies_and_no_policy_are_silent():
    for policy in ("stop", "freeze", "demote"):
        assert pcs305(cib(crm_config=cluster_properties(("no-quorum-policy", policy)))) == []
    assert pcs305(cib()) == []
    valueless = cib(crm_config='<cluster_property_set id="o"><nvpair id="o-nqp" name="no-quorum-policy"/></cluster_property_set>')
    assert pcs305(valueless) == []


def test_legacy_name_only_on_old_schemas():
    old = cib(validate_with="pacemaker-1.2", crm_config=cluster_properties(("no_quorum_policy", "ignore")))
    assert codes_ids(pcs305(old)) == [("PCS305", "cib-bootstrap-options-no_quorum_policy")]
    assert pcs305(cib(crm_config=cluster_properties(("no_quorum_policy", "ignore")))) == []


def test_hyphenated_name_wins_over_the_legacy_one():
    xml = cib(validate_with="pacemaker-2.0", crm_config=cluster_properties(("no_quorum_policy", "ignore"), ("no-quorum-policy", "stop")))
    assert pcs305(xml) == []
