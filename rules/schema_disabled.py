"""PCS901 schema-disabled: validate-with="none" switches Pacemaker's schema validation off."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc


def check(ctx: Context) -> Iterator[Problem]:
    # Pacemaker compares schema names exactly: "None" is an unknown schema (PCS902), not "none".
    if ctx.cib.validate_with != "none":
        return
    yield Problem(
        'the CIB has validate-with="none": Pacemaker checks no update against its schema, so '
        "typos in attribute names, invalid values and misplaced elements are silently accepted "
        "and may be ignored (support for \"none\" is deprecated since Pacemaker 2.1.8); pcs-lint "
        "still runs every other rule, but not the schema check (PCS903)",
        element=ctx.cib.root,
        hint="pcs cluster cib-upgrade (sets the newest schema the configuration validates "
        "against; fix what PCS903 then reports), or cibadmin --upgrade --force",
    )


RULE = Rule(
    code="PCS901",
    name="schema-disabled",
    severity=Severity.ERROR,
    summary='validate-with="none": Pacemaker checks nothing; pcs-lint still runs every rule',
    check=check,
    doc=rule_doc(__name__),
)
