"""PCS311 startup-fencing-disabled: startup-fencing=false, so nodes never seen are not fenced."""

from collections.abc import Iterator

from pcs_lint.findings import Problem, Severity, remedy
from pcs_lint.rule import Context, Rule, rule_doc
from pcs_lint.rules._fencing import cluster_option
from pcs_lint.rules._pcs_properties import set_property_fix
from pcs_lint.values import parse_boolean

OPTION = "startup-fencing"
# The 1.x spelling, renamed by the in-memory upgrade of a pre-3.0 schema (upgrade-2.10.xsl).
LEGACY_OPTION = "startup_fencing"


def check(ctx: Context) -> Iterator[Problem]:
    pair = cluster_option(ctx.cib, OPTION, legacy=LEGACY_OPTION)
    # Only a boolean false counts: Pacemaker replaces anything else by the default (true).
    if pair is None or parse_boolean(pair.value) is not False:
        return
    yield Problem(
        f"{pair.name}={pair.value}: Pacemaker assumes that a node it has not seen since the "
        "cluster started is down and does not fence it (crm_verify: \"Blind faith: not fencing "
        "unseen nodes\"), so a node that is up but not yet seen, or cut off at start-up, can "
        "run resources that are started elsewhere at the same time",
        element=pair.element,
        object_id=pair.id or pair.name,
        **remedy(set_property_fix(ctx.cib, OPTION, "true")
                 or "set it to true where Pacemaker reads it first, in cib-bootstrap-options (pcs edits "
                 "the first cluster_property_set: pcs cluster edit)"),
    )


RULE = Rule(
    code="PCS311",
    name="startup-fencing-disabled",
    severity=Severity.WARNING,
    summary="startup-fencing=false: nodes never seen are assumed down without fencing",
    check=check,
    doc=rule_doc(__name__),
)
