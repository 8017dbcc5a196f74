"""PCS002 not-a-cib: emitted by the hardened parser (lint/parse.py)."""

from pcs_lint import rule_codes
from pcs_lint.findings import Severity
from pcs_lint.rule import Rule, rule_doc

RULE = Rule(
    code=rule_codes.NOT_A_CIB,
    name="not-a-cib",
    severity=Severity.ERROR,
    summary="the root element is not <cib> (a <diff> patchset or another XML document)",
    check=None,
    doc=rule_doc(__name__),
)
