"""PCS005 suppression-unused: emitted by the engine (lint/suppressions.py)."""

from pcs_lint import rule_codes
from pcs_lint.findings import Severity
from pcs_lint.rule import Rule, rule_doc

RULE = Rule(
    code=rule_codes.SUPPRESSION_UNUSED,
    name="suppression-unused",
    severity=Severity.WARNING,
    summary="a suppression that silenced nothing although the rules it names ran",
    check=None,
    doc=rule_doc(__name__),
)
