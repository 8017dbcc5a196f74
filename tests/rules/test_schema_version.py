"""PCS901 schema-disabled and PCS902 schema-version: what validate-with says."""

import pytest

from pcs_lint.findings import Severity
from pcs_lint.testing import cib, codes_lines, lint_text

CODES = ["PCS901", "PCS902"]


def without_validate_with(xml):
    return xml.replace(' validate-with="pacemaker-3.9"', "")


def test_none_is_schema_disabled():
    findings = lint_text(cib(validate_with="none"), select=CODES)
    assert codes_lines(findings) == [("PCS901", 1)]
    assert findings[0].severity == Severity.ERROR
    # pcs cluster cib-upgrade leaves "none" alone: the hint names a schema with cibadmin.
    assert findings[0].hint.startswith(
        "name a schema again: cibadmin --modify --xml-text '<cib validate-with=\"pacemaker-3.9\"/>' ")


@pytest.mark.parametrize("version", ["pacemaker-1.2", "pacemaker-2.0", "pacemaker-2.10"])
def test_old_versions(version):
    findings = lint_text(cib(validate_with=version), select=CODES)
    assert codes_lines(findings) == [("PCS902", 1)]
    assert findings[0].severity == Severity.INFO
    assert findings[0].message.startswith(
        f'the CIB uses the old schema "{version}": Pacemaker 2.1.5 upgrades it in memory to pacemaker-3.9')
    assert findings[0].message.endswith(
        f'(assuming Pacemaker 2.1.5, inferred from validate-with="{version}"; set --pacemaker-version to choose)')


def test_pacemaker_3_upgrades_3_x_to_4_0():
    [finding] = lint_text(cib(validate_with="pacemaker-3.9"), select=CODES, pacemaker_version="3.0.0")
    assert finding.severity == Severity.INFO
    assert 'Pacemaker 3.0.0 upgrades it in memory to pacemaker-4.0' in finding.message
    assert lint_text(cib(validate_with="pacemaker-4.0"), select=CODES, pacemaker_version="3.0.0") == []


def test_pacemaker_next_is_deprecated_on_2_and_refused_on_3():
    [old] = lint_text(cib(validate_with="pacemaker-next"), select=CODES, pacemaker_version="2.1.5")
    assert (old.severity, old.line) == (Severity.INFO, 1)
    assert "accepts it with a deprecation warning" in old.message
    [new] = lint_text(cib(validate_with="pacemaker-next"), select=CODES, pacemaker_version="3.0.0")
    assert new.severity == Severity.ERROR and "Pacemaker 3.0.0 refuses to load it" in new.message


@pytest.mark.parametrize("version", ["None", "pacemaker3.9", "3.9", "pacemaker-3.9.1", "pacemaker-256.0"])
def test_names_that_are_not_schema_names(version):
    findings = lint_text(cib(validate_with=version), select=CODES)
    assert codes_lines(findings) == [("PCS902", 1)]
    assert findings[0].severity == Severity.ERROR
    assert "not a schema name" in findings[0].message


def test_a_schema_the_release_does_not_ship_is_refused():
    # Measured: crm_verify 2.1.5 refuses pacemaker-1.1 and pacemaker-3.10 (exit 78).
    [old] = lint_text(cib(validate_with="pacemaker-1.1"), select=CODES)
    assert old.severity == Severity.ERROR
    assert old.message.startswith('the CIB has validate-with="pacemaker-1.1", a schema Pacemaker 2.1.5 does not '
                                  "ship; Pacemaker 2.1.5 refuses to load it")
    [new] = lint_text(cib(validate_with="pacemaker-3.10"), select=CODES, pacemaker_version="2.1.5")
    assert new.severity == Severity.ERROR and "newer than any Pacemaker 2.1.5 ships" in new.message
    assert lint_text(cib(validate_with="pacemaker-3.10"), select=CODES, pacemaker_version="3.0.0")[0].severity == Severity.INFO
    # 2.1.8 (judged with 2.1.5's data) may ship pacemaker-3.10: no claim.
    assert lint_text(cib(validate_with="pacemaker-3.10"), select=CODES, pacemaker_version="2.1.8") == []
    assert lint_text(cib(validate_with="pacemaker-1.1"), select=CODES, pacemaker_version="2.1.8")[0].severity == Severity.ERROR


def test_missing_validate_with():
    [finding] = lint_text(without_validate_with(cib()), select=CODES)
    assert (finding.severity, finding.line) == (Severity.INFO, 1)
    assert "no validate-with" in finding.message and "Pacemaker 3 refuses" in finding.message
    [refused] = lint_text(without_validate_with(cib()), select=CODES, pacemaker_version="3.0")
    assert refused.severity == Severity.ERROR
    assert refused.message.startswith("the CIB has no validate-with attribute; Pacemaker 3.0.0 refuses to load it")


@pytest.mark.parametrize("version", ["pacemaker-3.0", "pacemaker-3.9", "pacemaker-4.0"])
def test_current_versions_are_silent(version):
    # Inferred: the oldest reference release that ships the schema, which does not upgrade it.
    assert lint_text(cib(validate_with=version), select=CODES) == []


def test_a_3_10_cib_is_judged_for_3_0_0_which_upgrades_it():
    # Of the reference releases only 3.0.0 ships pacemaker-3.10 (2.1.5 refuses it), and 3.0.0
    # transforms every 3.x CIB to pacemaker-4.0 when it reads it: an info, saying what it assumes.
    [finding] = lint_text(cib(validate_with="pacemaker-3.10"), select=CODES)
    assert finding.severity == Severity.INFO
    assert "assuming Pacemaker 3.0.0, inferred from" in finding.message
