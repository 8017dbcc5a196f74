"""PCS001 xml-syntax: emitted by the hardened parser (lint/parse.py)."""

from pcs_lint import rule_codes
from pcs_lint.findings import Severity
from pcs_lint.rule import Rule, rule_doc

RULE = Rule(
    code=rule_codes.XML_SYNTAX,
    name="xml-syntax",
    severity=Severity.ERROR,
    summary="not well-formed XML, or a DOCTYPE (refused: entities are never expanded)",
    check=None,
    doc=rule_doc(__name__),
)
