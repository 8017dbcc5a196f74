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
    assert f'old schema "{version}"' in findings[0].message


def test_pacemaker_next_is_deprecated():
    findings = lint_text(cib(validate_with="pacemaker-next"), select=CODES)
    assert codes_lines(findings) == [("PCS902", 1)]
    assert "deprecated" in findings[0].message


@pytest.mark.parametrize("version", ["None", "pacemaker3.9", "3.9", "pacemaker-3.9.1", "pacemaker-256.0"])
def test_names_that_are_not_schema_names(version):
    findings = lint_text(cib(validate_with=version), select=CODES)
    assert codes_lines(findings) == [("PCS902", 1)]
    assert "not a schema name" in findings[0].message


def test_missing_validate_with():
    findings = lint_text(without_validate_with(cib()), select=CODES)
    assert codes_lines(findings) == [("PCS902", 1)]
    assert "no validate-with" in findings[0].message and "Pacemaker 3 refuses" in findings[0].message


@pytest.mark.parametrize("version", ["pacemaker-3.0", "pacemaker-3.9", "pacemaker-3.10", "pacemaker-4.0"])
def test_current_and_newer_versions_are_silent(version):
    # A version newer than the installed schemas is PCS903's business (it knows what is installed).
    assert lint_text(cib(validate_with=version), select=CODES) == []
