import subprocess

import pytest

from pcs_lint.testing import cib, cluster_properties, codes_ids, codes_lines, line_of, lint_text

BLIND_FAITH = "warning: Blind faith: not fencing unseen nodes"  # crm_verify 2.1.5 -VV, verbatim


def pcs311(xml):
    return lint_text(xml, select=["PCS311"])


@pytest.mark.parametrize("value", ["false", "no", "off", "0", "FALSE"])
def test_a_false_value_is_reported_with_its_fix(value):
    xml = cib(crm_config=cluster_properties(("startup-fencing", value)))
    findings = pcs311(xml)
    assert codes_lines(findings) == [("PCS311", line_of(xml, 'name="startup-fencing"'))]
    assert codes_ids(findings) == [("PCS311", "cib-bootstrap-options-startup-fencing")]
    assert findings[0].fix.commands == ("pcs property set startup-fencing=true",)
    assert "Blind faith" in findings[0].message


@pytest.mark.parametrize("value", ["true", "yes", "maybe", ""])
def test_true_and_non_booleans_are_silent(value):
    # A non-boolean is replaced by the default (true): PCS306 reports the value.
    assert pcs311(cib(crm_config=cluster_properties(("startup-fencing", value)))) == []
    assert pcs311(cib()) == []


def test_the_legacy_spelling_counts_only_below_schema_3_0():
    old = cib(validate_with="pacemaker-2.10", crm_config=cluster_properties(("startup_fencing", "false")))
    assert codes_lines(pcs311(old)) == [("PCS311", line_of(old, 'name="startup_fencing"'))]
    new = cib(crm_config=cluster_properties(("startup_fencing", "false")))
    assert pcs311(new) == []


def test_the_set_pacemaker_reads_first_decides():
    xml = cib(crm_config=cluster_properties(("startup-fencing", "true"))
              + cluster_properties(("startup-fencing", "false"), set_id="other"))
    assert pcs311(xml) == []


@pytest.mark.pacemaker
@pytest.mark.parametrize(("value", "warned"), [("false", True), ("no", True), ("true", False)])
def test_crm_verify_agrees(value, warned, tmp_path, crm_verify):
    target = tmp_path / "cib.xml"
    target.write_text(cib(crm_config=cluster_properties(("startup-fencing", value))), encoding="utf-8")
    output = subprocess.run([crm_verify, "-VV", "-x", str(target)], capture_output=True, text=True,
                            timeout=60)
    assert (BLIND_FAITH in output.stdout + output.stderr) == warned
    assert bool(pcs311(target.read_text(encoding="utf-8"))) == warned
