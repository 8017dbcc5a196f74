"""PCS004 suppression-invalid: emitted by the engine (lint/suppressions.py)."""

from pcs_lint import rule_codes
from pcs_lint.findings import Severity
from pcs_lint.rule import Rule, rule_doc

RULE = Rule(
    code=rule_codes.SUPPRESSION_INVALID,
    name="suppression-invalid",
    severity=Severity.WARNING,
    summary="a pcs-lint suppression that cannot be read, names an unknown rule, or covers nothing",
    check=None,
    doc=rule_doc(__name__),
)
