"""PCS902 schema-version: an old, deprecated, missing or unknown validate-with."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.values import SCHEMA_NEXT, SCHEMA_NONE, schema_version

UPGRADE_HINT = "pcs cluster cib-upgrade (or cibadmin --upgrade --force)"


def check(ctx: Context) -> Iterator[Problem]:
    root = ctx.cib.root
    declared = ctx.cib.validate_with
    if declared == SCHEMA_NONE:
        return  # PCS901
    if declared is None:
        yield Problem(
            "the CIB has no validate-with attribute: Pacemaker 2.1 validates it against every "
            "schema it knows and takes the newest that passes (turning validation off when none "
            "does), and Pacemaker 3 refuses to load it as corrupt",
            element=root,
            hint=f"{UPGRADE_HINT}; or set validate-with to the schema version your cluster's "
            "CIB uses (cibadmin --query shows it)",
        )
        return
    if declared == SCHEMA_NEXT:
        yield Problem(
            'the CIB has validate-with="pacemaker-next", the experimental schema of features '
            "still in development: it is deprecated, its syntax may change between releases, and "
            "Pacemaker 3 no longer knows it",
            element=root,
            hint=f"{UPGRADE_HINT}: moves the CIB to the newest stable schema that validates it",
        )
        return
    version = schema_version(declared)
    if version is None:
        yield Problem(
            f'the CIB has validate-with="{declared}", which is not a schema name Pacemaker '
            'uses (names are "pacemaker-MAJOR.MINOR", case-sensitive, or "none"); Pacemaker '
            "refuses to validate or load it",
            element=root,
            hint=f'set validate-with to the version of your cluster\'s schema (e.g. "pacemaker-3.9"), '
            f"then run {UPGRADE_HINT}",
        )
    elif version < (3, 0):
        yield Problem(
            f'the CIB uses the old schema "{declared}": Pacemaker upgrades it in memory on every '
            "load (with XSL transforms that rename and move options), so what runs differs from "
            "what the file says, and newer features are unavailable",
            element=root,
            hint=f"{UPGRADE_HINT}: rewrites the CIB in the newest schema once",
        )


RULE = Rule(
    code="PCS902",
    name="schema-version",
    severity=Severity.INFO,
    summary="an old (pacemaker-1.x/2.x), deprecated (pacemaker-next), missing or unknown "
    "validate-with schema version",
    check=check,
    doc=rule_doc(__name__),
)
