"""PCS000 internal-error: emitted by the engine when a rule or plugin fails."""

from pcs_lint import rule_codes
from pcs_lint.findings import Severity
from pcs_lint.rule import Rule, rule_doc

RULE = Rule(
    code=rule_codes.INTERNAL_ERROR,
    name="internal-error",
    severity=Severity.ERROR,
    summary="a rule or plugin crashed or failed to load (the run exits 2; other findings are still reported)",
    check=None,
    doc=rule_doc(__name__),
)
