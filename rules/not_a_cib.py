"""PCS002 not-a-cib: emitted by the hardened parser (lint/parse.py), with lint/sniffing.py's verdict."""

from pcs_lint import rule_codes
from pcs_lint.findings import Severity
from pcs_lint.rule import Rule, rule_doc

RULE = Rule(
    code=rule_codes.NOT_A_CIB,
    name="not-a-cib",
    severity=Severity.ERROR,
    summary="not a CIB: XML whose root is not <cib>, or crmsh text, a node environment or sbd file",
    check=None,
    doc=rule_doc(__name__),
)
