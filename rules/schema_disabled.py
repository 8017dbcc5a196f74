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
        # pcs cluster cib-upgrade and cibadmin --upgrade leave "none" as it is (checked with
        # pcs 0.11.5 and Pacemaker 2.1.5): the schema has to be named explicitly.
        hint="name a schema again: cibadmin --modify --xml-text '<cib validate-with=\"pacemaker-3.9\"/>' "
        "(or the newest pacemaker-*.rng in /usr/share/pacemaker); Pacemaker refuses the change while "
        "the configuration does not validate, so first fix what pcs-lint reports as PCS903 with "
        "that validate-with",
    )


RULE = Rule(
    code="PCS901",
    name="schema-disabled",
    severity=Severity.ERROR,
    summary='validate-with="none": Pacemaker checks nothing; pcs-lint still runs every rule',
    check=check,
    doc=rule_doc(__name__),
)
